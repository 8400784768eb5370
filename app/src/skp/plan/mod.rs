//! The yearly plan of one employee: its editor and review pages, drafts saved
//! without silent overwrites, and the workflow from draft to approval.

pub mod api;
pub mod pages;
pub mod sections;
pub mod types;

#[cfg(feature = "ssr")]
pub mod expectations;
#[cfg(feature = "ssr")]
pub mod holders;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod workflow;
