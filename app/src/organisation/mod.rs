//! The organisation: units, positions (jabatan), employees and the supervision tree.

pub mod api;
pub mod nip;
pub mod pages;
pub mod pangkat;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod supervision;
#[cfg(feature = "ssr")]
pub mod tree;
