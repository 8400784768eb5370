//! Penilaian (DOMAIN.md section 3): the supervisor rates each RHK and BerAKHLAK
//! value of a direct report for a period, the predikat follows from the two
//! overall ratings, and the unit's kurva distribusi shows beside the form; then
//! the employee acknowledges or files a keberatan that the atasan pejabat
//! penilai decides.
//!
//! A request flows api (or `server/src/penilaian_routes.rs` for the rater's
//! form, the self-assessment and the live stream) → service (reading) or
//! workflow (writing) → repository; `rules` is the pure part both the browser
//! and the server run.

pub mod api;
pub mod document;
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
#[cfg(feature = "ssr")]
pub mod workflow;
