//! Application state: one value built at start, cloned into every request.

use super::cache::TtlCache;
use super::config::Settings;
use super::db::Db;
use crate::organisation::types::OrganisationOverview;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// The home page's kabupaten counts, recomputed at most every
    /// `OVERVIEW_TTL`; organisation edits invalidate it.
    pub overview: Arc<TtlCache<OrganisationOverview>>,
    /// Progress of the CSV imports this instance is applying.
    pub import_progress: Arc<super::progress::ProgressBoard>,
}

/// How long the kabupaten overview may be reused before it is counted again.
pub const OVERVIEW_TTL: std::time::Duration = std::time::Duration::from_secs(30);

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state of the request being served; every server function starts here.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::error::AppError::internal("state", "AppState missing from context"))
}
