//! Realisasi server functions. Reading checks the viewer's reach over the owner;
//! writing (the form, evidence) is the owner's, through the routes in
//! `server/src/realisasi_routes.rs` (a multipart form that works without WASM)
//! and these functions.

use super::types::{ReportView, TeamFilings, YearReports};
use crate::error::AppError;
use leptos::prelude::*;

/// One employee's realisasi for a period: the caller's own when `employee_id` is
/// empty. `periksa`: also list what filing still needs (after a refused filing).
#[server(prefix = "/api", endpoint = "get_realisasi")]
pub async fn get_realisasi(
    employee_id: Option<i64>,
    period_id: i64,
    periksa: Option<bool>,
) -> Result<ReportView, AppError> {
    let user = crate::identity::guard::require("get_realisasi")?;
    let state = crate::platform::state::app_state()?;
    let employee_id = employee_id.unwrap_or(user.employee_id());
    super::service::view(
        &state,
        &user,
        employee_id,
        period_id,
        periksa.unwrap_or(false),
    )
    .await
}

/// A year's periods with the employee's report in each.
#[server(prefix = "/api", endpoint = "get_year_realisasi")]
pub async fn get_year_realisasi(
    employee_id: Option<i64>,
    year: i64,
) -> Result<YearReports, AppError> {
    let user = crate::identity::guard::require("get_year_realisasi")?;
    let state = crate::platform::state::app_state()?;
    let employee_id = employee_id.unwrap_or(user.employee_id());
    super::service::year_reports(&state.db, &user, employee_id, year).await
}

/// The direct reports' filing per period (the team page).
#[server(prefix = "/api", endpoint = "get_team_filings")]
pub async fn get_team_filings() -> Result<TeamFilings, AppError> {
    let user = crate::identity::guard::require("get_team_filings")?;
    let state = crate::platform::state::app_state()?;
    super::service::team_filings(&state.db, &user).await
}

/// Removes a file or link from the caller's realisasi while its period is open
/// (audited).
#[server(prefix = "/api", endpoint = "remove_evidence")]
pub async fn remove_evidence(evidence_id: i64) -> Result<(), AppError> {
    let user = crate::identity::guard::require("remove_evidence")?;
    let state = crate::platform::state::app_state()?;
    let back = super::evidence::service::remove(&state, &user, evidence_id).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}
