//! The leaders' views of penilaian (admin BKPSDM and pimpinan): how far each
//! unit's evaluations of a period have come, stage by stage, with the late ones
//! named (`/admin/penilaian`, and as CSV at `/admin/penilaian.csv`), and each
//! unit kerja's distribution of predikat against its kurva, where the unit's
//! Predikat Kinerja Organisasi is also set (`/admin/kurva`).

pub mod api;
pub mod curve_page;
pub mod page;
pub mod types;

#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
