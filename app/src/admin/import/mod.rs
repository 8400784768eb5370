//! CSV import of positions and employees in a SIASN-like column format: a dry run
//! that shows what would change, then one transaction that applies it.

pub mod api;
pub mod csv;
pub mod page;
pub mod rows;
pub mod types;

#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
