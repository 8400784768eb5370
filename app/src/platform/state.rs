//! Application state: one value built at start, cloned into every request.

use super::aggregates::Aggregate;
use super::config::Settings;
use super::db::Db;
use crate::organisation::types::OrganisationOverview;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Cloned into every request and server function: one reference count, not a copy
/// of each field (profiling showed the copies at a quarter of a cached page's cost).
#[derive(Clone)]
pub struct AppState(Arc<AppStateInner>);

impl AppState {
    pub fn new(inner: AppStateInner) -> Self {
        Self(Arc::new(inner))
    }

    /// Gives a request's Leptos context this state and the instance's default
    /// language.
    pub fn provide(&self) {
        use crate::i18n::{InstanceLanguage, Language};
        leptos::prelude::provide_context(self.clone());
        let default = Language::from_code(&self.settings.default_locale).unwrap_or_default();
        leptos::prelude::provide_context(InstanceLanguage(default));
    }

    /// The same state with other Leptos options (tests serving a site of their own).
    pub fn with_leptos_options(&self, leptos_options: LeptosOptions) -> Self {
        Self::new(AppStateInner {
            leptos_options,
            ..(*self.0).clone()
        })
    }
}

impl std::ops::Deref for AppState {
    type Target = AppStateInner;

    fn deref(&self) -> &AppStateInner {
        &self.0
    }
}

#[derive(Clone)]
pub struct AppStateInner {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// Progress of the CSV imports this instance is applying.
    pub import_progress: Arc<super::progress::ProgressBoard>,
    /// Public pages as rendered for anonymous visitors (identical for all of them),
    /// reused for `PUBLIC_PAGE_TTL`; see `server/src/public_pages.rs`.
    pub public_pages: Arc<super::cache::KeyedTtlCache<PublicPage>>,
    /// Kabupaten-wide figures kept between requests (`platform::aggregates`).
    pub aggregates: Arc<Aggregates>,
    /// Where evidence files live, by content (`uploads.store_path`).
    pub evidence_store: Arc<crate::realisasi::evidence::store::EvidenceStore>,
    /// Followers of live topics on this instance (`platform::live`).
    pub live: Arc<super::live::LiveHub>,
}

/// The figures that count every employee of the kabupaten.
pub struct Aggregates {
    /// The home page's counts of units, positions and employees.
    pub organisation: Aggregate<(), OrganisationOverview>,
    /// Active employees per unit by the state of their plan, per year.
    pub plan_counts: Aggregate<i64, crate::skp::overview::types::PlanCountsPerUnit>,
    /// The kabupaten cascade (no unit chosen), per year.
    pub kabupaten_cascade: Aggregate<i64, crate::skp::overview::types::CascadeView>,
    /// The leadership overview of every perangkat daerah.
    pub leadership: Aggregate<(), Vec<crate::admin::types::UnitLeadership>>,
}

impl Aggregates {
    pub fn new() -> Self {
        Self {
            organisation: Aggregate::new(AGGREGATE_TTL),
            plan_counts: Aggregate::new(AGGREGATE_TTL),
            kabupaten_cascade: Aggregate::new(AGGREGATE_TTL),
            leadership: Aggregate::new(AGGREGATE_TTL),
        }
    }
}

impl Default for Aggregates {
    fn default() -> Self {
        Self::new()
    }
}

/// How long a kabupaten-wide figure stands before it is counted again, when no
/// change on this server marked it stale sooner (changes made through another
/// server of a multi-server deployment show after at most this long).
pub const AGGREGATE_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// A rendered public page with its compressed forms.
pub struct PublicPage {
    pub headers: http::HeaderMap,
    pub body: axum::body::Bytes,
    pub brotli: axum::body::Bytes,
    pub gzip: axum::body::Bytes,
}

/// As long as the counts on those pages stand (`AGGREGATE_TTL`).
pub const PUBLIC_PAGE_TTL: std::time::Duration = AGGREGATE_TTL;

impl AppState {
    /// After a change to what public pages show (the organisation, head counts):
    /// the next visitor gets freshly counted and rendered pages.
    pub fn public_data_changed(&self) {
        self.aggregates.organisation.mark_stale();
        self.public_pages.clear();
        self.plans_changed();
    }

    /// After a change to plans, their RHK, who holds or acts in which position:
    /// the kabupaten-wide figures are counted again when next read.
    pub fn plans_changed(&self) {
        self.aggregates.plan_counts.mark_stale();
        self.aggregates.kabupaten_cascade.mark_stale();
        self.aggregates.leadership.mark_stale();
    }
}

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
