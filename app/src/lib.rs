//! SIKAP (Sistem Informasi Kinerja Aparatur): everything the server and the browser
//! share. Folders are domains; `platform/` is the server-only plumbing.

// Leptos view types nest deeply; the default limit is too small for the page tree.
#![recursion_limit = "256"]

pub mod about;
pub mod admin;
pub mod audit;
pub mod calendar;
pub mod codes;
pub mod components;
pub mod error;
pub mod feedback;
pub mod home;
pub mod i18n;
pub mod identity;
pub mod notifications;
pub mod organisation;
pub mod penilaian;
pub mod pimpinan;
pub mod realisasi;
pub mod shell;
pub mod skp;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod platform;

pub use shell::app::{shell, App};
