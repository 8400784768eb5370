//! The audit trail: an append-only, hash-chained record of every change to
//! accounts, roles, units, positions (and later plans and ratings).

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod chain;
#[cfg(feature = "ssr")]
pub mod repository;
