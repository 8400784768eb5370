//! SIKAP server: wires the shared application into Axum. `build_router` is the exact
//! application production runs; the tests and benchmarks build it the same way.

pub mod cli;
pub mod document_pdf;
pub mod feedback_routes;
pub mod hydration_data;
pub mod language;
pub mod metrics;
pub mod notification_routes;
pub mod origin_check;
pub mod page_validators;
pub mod panic_page;
pub mod penilaian_routes;
pub mod public_pages;
pub mod realisasi_routes;
pub mod route_support;
pub mod router;
pub mod session_layer;
pub mod startup;
pub mod static_files;
pub mod telemetry;
pub mod write_load;

pub use router::build_router;
