//! Umpan balik berkelanjutan: feedback threads on an RHK, a realisasi, a piece of
//! evidence or an evaluation, between the employee, their supervisor (or the
//! Plt./Plh.) and the atasan pejabat penilai, pushed live to every open page.

pub mod api;
pub mod live;
pub mod pages;
pub mod request_page;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod requests;
#[cfg(feature = "ssr")]
pub mod service;
