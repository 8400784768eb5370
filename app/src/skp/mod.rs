//! SKP planning: the yearly plan of each employee (RHK, IKI, perilaku
//! expectations, lampiran), its cascade from the supervisor's plan, and its
//! workflow. The shared rules at this level compile for both the browser and the
//! server; each sub-domain folder holds its types, server functions, pages and
//! ssr-only service and repository.

pub mod berakhlak;
pub mod document;
pub mod labels;
pub mod overview;
pub mod period;
pub mod periods;
pub mod plan;
pub mod rules;
pub mod types;
