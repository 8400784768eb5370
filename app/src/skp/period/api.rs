//! Performance years and periods: everyone signed in reads them; admins open a
//! year and close or reopen its periods.

use super::types::PerformanceYear;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "list_performance_years")]
pub async fn list_performance_years() -> Result<Vec<PerformanceYear>, AppError> {
    crate::identity::guard::require("list_performance_years")?;
    let state = crate::platform::state::app_state()?;
    Ok(super::service::list_years(&state.db).await?)
}

#[server(prefix = "/api", endpoint = "admin_open_year")]
pub async fn admin_open_year(year: i64) -> Result<(), AppError> {
    let user = crate::identity::guard::require("admin_open_year")?;
    let state = crate::platform::state::app_state()?;
    super::service::open_year(&state, &user, year).await
}

#[server(prefix = "/api", endpoint = "admin_set_period_open")]
pub async fn admin_set_period_open(period_id: i64, open: bool) -> Result<(), AppError> {
    let user = crate::identity::guard::require("admin_set_period_open")?;
    let state = crate::platform::state::app_state()?;
    super::service::set_period_open(&state, &user, period_id, open).await
}
