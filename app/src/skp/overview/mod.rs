//! Read-only views across many plans: the team's plans, the Matriks Peran Hasil
//! and the kabupaten cascade.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
