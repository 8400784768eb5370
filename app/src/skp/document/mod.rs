//! The SKP document: the approved plan laid out as the regulation's form, on
//! screen and as PDF.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
