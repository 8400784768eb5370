//! Identity and access: log-in, sessions, roles derived from the organisation,
//! the authorisation table, and the pages people see about themselves and their team.

pub mod access;
pub mod api;
pub mod pages;
pub mod password;
pub mod types;

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod roles;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
