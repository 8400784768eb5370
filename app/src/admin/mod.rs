//! BKPSDM administration: employees, units, positions, acting officials, admin
//! grants, password resets, and the CSV import. Every change is audited.

pub mod api;
pub mod import;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
