//! The audit trail: an append-only, hash-chained record of every change to
//! accounts, roles, units, positions, periods and plans, told on its page as
//! sentences with the names as they were at the time.

pub mod action;
pub mod api;
pub mod pages;
pub mod sentence;
pub mod types;

#[cfg(feature = "ssr")]
pub mod chain;
#[cfg(feature = "ssr")]
pub mod repository;
