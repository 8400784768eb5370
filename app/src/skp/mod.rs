//! SKP planning: the yearly plan of each employee (RHK, IKI, perilaku
//! expectations, lampiran), its cascade from the supervisor's plan, and its
//! workflow. Pure rules here compile for both the browser and the server.

pub mod berakhlak;
pub mod document_api;
pub mod document_pages;
pub mod document_types;
pub mod overview_api;
pub mod overview_pages;
pub mod overview_types;
pub mod period_api;
pub mod period_pages;
pub mod period_types;
pub mod periods;
pub mod plan_api;
pub mod plan_pages;
pub mod plan_sections;
pub mod plan_types;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod document_service;
#[cfg(feature = "ssr")]
pub mod expectation_service;
#[cfg(feature = "ssr")]
pub mod holders;
#[cfg(feature = "ssr")]
pub mod overview_service;
#[cfg(feature = "ssr")]
pub mod period_service;
#[cfg(feature = "ssr")]
pub mod plan_service;
#[cfg(feature = "ssr")]
pub mod workflow_service;
