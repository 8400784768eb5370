//! The Dokumen Evaluasi Kinerja Pegawai (periodic and annual): the evaluation
//! laid out as the regulation's form, on screen and as PDF (typeset like the
//! SKP document, from the same data).

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod service;
