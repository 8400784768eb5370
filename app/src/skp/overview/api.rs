//! Server functions of the planning overviews.

use super::types::{CascadeView, MatrixView};
use crate::error::AppError;
use leptos::prelude::*;

/// The Matriks Peran Hasil of an employee within reach (the caller when empty).
#[server(prefix = "/api", endpoint = "get_skp_matrix")]
pub async fn get_skp_matrix(employee_id: Option<i64>, year: i64) -> Result<MatrixView, AppError> {
    let user = crate::identity::guard::require("get_skp_matrix")?;
    let state = crate::platform::state::app_state()?;
    super::service::matrix(&state.db, &user, employee_id, year).await
}

/// The cascade tree and plan status counts of a unit, or of the whole kabupaten.
#[server(prefix = "/api", endpoint = "get_skp_cascade")]
pub async fn get_skp_cascade(year: i64, unit_id: Option<i64>) -> Result<CascadeView, AppError> {
    crate::identity::guard::require("get_skp_cascade")?;
    let state = crate::platform::state::app_state()?;
    super::service::cascade(&state, year, unit_id).await
}
