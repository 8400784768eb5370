//! The admin's filing monitor: per performance period and unit, who has reported
//! their realisasi, who reported late and who has not, with counts per sub-unit
//! (`/admin/realisasi`) and the same rows as CSV (`/admin/realisasi.csv`).

pub mod api;
pub mod page;
pub mod types;

#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
