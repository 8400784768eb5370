//! Performance years and their periods: opened and closed by the BKPSDM admin.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
