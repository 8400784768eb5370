//! The yearly plan of one employee: its editor and review pages, drafts saved
//! without silent overwrites, and the workflow from draft to approval.
//!
//! A request flows api → service / workflow / expectations → facts (what the
//! decision rests on) and record (audit + notification) → repository (SQL).

pub mod api;
pub mod history;
pub mod pages;
pub mod sections;
pub mod types;

#[cfg(feature = "ssr")]
pub mod expectations;
#[cfg(feature = "ssr")]
pub mod facts;
#[cfg(feature = "ssr")]
pub mod holders;
#[cfg(feature = "ssr")]
pub mod record;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod workflow;
