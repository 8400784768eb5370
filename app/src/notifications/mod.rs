//! In-app notifications: plan submitted, returned, approved (later: feedback,
//! ratings). Each person reads only their own.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
