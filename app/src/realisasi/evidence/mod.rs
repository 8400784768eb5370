//! Bukti dukung: files (checked by their content, stored once per SHA-256) and
//! links attached to an IKI's realisasi, and who may open them.

#[cfg(feature = "ssr")]
pub mod content;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
