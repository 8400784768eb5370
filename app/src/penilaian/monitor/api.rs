//! The penilaian monitors' server functions (admin BKPSDM and pimpinan).

use super::types::{DistributionMonitor, EvaluationMonitor};
use crate::error::AppError;
use leptos::prelude::*;

/// Evaluation stages per sub-unit (and per person, for a unit) for a period:
/// the latest periodic period that has ended when `period_id` is empty, the
/// kabupaten when `unit_id` is.
#[server(prefix = "/api", endpoint = "get_evaluation_monitor")]
pub async fn get_evaluation_monitor(
    period_id: Option<i64>,
    unit_id: Option<i64>,
) -> Result<EvaluationMonitor, AppError> {
    crate::identity::guard::require("get_evaluation_monitor")?;
    let state = crate::platform::state::app_state()?;
    super::service::monitor(&state, period_id, unit_id, unit_id.is_some()).await
}

/// Every unit kerja's distribution of predikat for a period against its curve.
#[server(prefix = "/api", endpoint = "get_distribution_monitor")]
pub async fn get_distribution_monitor(
    period_id: Option<i64>,
) -> Result<DistributionMonitor, AppError> {
    crate::identity::guard::require("get_distribution_monitor")?;
    let state = crate::platform::state::app_state()?;
    super::service::distributions(&state, period_id).await
}
