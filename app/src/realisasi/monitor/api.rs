//! The filing monitor's server function.

use super::types::FilingMonitor;
use crate::error::AppError;
use leptos::prelude::*;

/// Filing per sub-unit (and per person, for a unit) for a period: the latest
/// period that has ended when `period_id` is empty, the kabupaten when
/// `unit_id` is.
#[server(prefix = "/api", endpoint = "get_filing_monitor")]
pub async fn get_filing_monitor(
    period_id: Option<i64>,
    unit_id: Option<i64>,
) -> Result<FilingMonitor, AppError> {
    crate::identity::guard::require("get_filing_monitor")?;
    let state = crate::platform::state::app_state()?;
    super::service::monitor(&state.db, period_id, unit_id, unit_id.is_some()).await
}
