//! Pelaksanaan (DOMAIN.md section 2): each period, the employee's rencana aksi
//! per RHK and realisasi per IKI with evidence (bukti dukung), and what their
//! supervisors and the admin see of it.
//!
//! A request flows api (or `server/src/realisasi_routes.rs` for the multipart
//! form and files) → service → repository; `rules` is the pure arithmetic both
//! the browser and the server run; `evidence/` checks, stores and serves files.

pub mod api;
pub mod evidence;
pub mod fields;
pub mod live;
pub mod monitor;
pub mod pages;
pub mod rules;
pub mod sections;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
