//! Penilaian server functions. Each asks who the caller is to the evaluation
//! (`service::role_of`) before it reads or writes; the rater's form itself posts
//! through `server/src/penilaian_routes.rs` (one field per RHK and value, also
//! without WASM).

use super::types::EvaluationView;
use crate::error::AppError;
use leptos::prelude::*;

/// An employee's evaluation for a period (the caller's own when `employee_id`
/// is empty). `periksa`: also list what finalising still needs.
#[server(prefix = "/api", endpoint = "get_evaluation")]
pub async fn get_evaluation(
    employee_id: Option<i64>,
    period_id: i64,
    periksa: Option<bool>,
) -> Result<EvaluationView, AppError> {
    let user = crate::identity::guard::require("get_evaluation")?;
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

/// The employee has read their final evaluation.
#[server(prefix = "/api", endpoint = "acknowledge_evaluation")]
pub async fn acknowledge_evaluation(evaluation_id: i64) -> Result<(), AppError> {
    let user = crate::identity::guard::require("acknowledge_evaluation")?;
    let state = crate::platform::state::app_state()?;
    let back = super::workflow::acknowledge(&state, &user, evaluation_id).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}

/// The employee files a keberatan with reasons.
#[server(prefix = "/api", endpoint = "file_keberatan")]
pub async fn file_keberatan(evaluation_id: i64, alasan: String) -> Result<(), AppError> {
    let user = crate::identity::guard::require("file_keberatan")?;
    let state = crate::platform::state::app_state()?;
    let back = super::workflow::appeal(&state, &user, evaluation_id, &alasan).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}

/// The atasan pejabat penilai decides a keberatan: `hasil` "tetap" keeps the
/// ratings; "ubah" sets `hasil_kerja` and `perilaku` (the predikat follows).
#[server(prefix = "/api", endpoint = "decide_keberatan")]
pub async fn decide_keberatan(
    evaluation_id: i64,
    hasil: String,
    hasil_kerja: Option<String>,
    perilaku: Option<String>,
    keputusan: String,
) -> Result<(), AppError> {
    use super::rules::Rating;
    let user = crate::identity::guard::require("decide_keberatan")?;
    let state = crate::platform::state::app_state()?;
    let rating = |field: &str, code: Option<String>| {
        code.as_deref()
            .and_then(Rating::from_code)
            .ok_or_else(|| AppError::invalid(field, crate::i18n::tr!(penilaian_error_rating_code)))
    };
    let change = match hasil.as_str() {
        "tetap" => None,
        "ubah" => Some((
            rating("hasil_kerja", hasil_kerja)?,
            rating("perilaku", perilaku)?,
        )),
        _ => {
            return Err(AppError::invalid(
                "hasil",
                crate::i18n::tr!(penilaian_error_choose_outcome),
            ))
        }
    };
    let back = super::workflow::decide(&state, &user, evaluation_id, change, &keputusan).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}

/// Sets a unit's Predikat Kinerja Organisasi for a year (pimpinan or admin);
/// a plain form returns to the curve page of `periode`.
#[server(prefix = "/api", endpoint = "set_unit_result")]
pub async fn set_unit_result(
    unit_id: i64,
    year: i64,
    predikat: String,
    periode: Option<i64>,
) -> Result<(), AppError> {
    let user = crate::identity::guard::require("set_unit_result")?;
    let state = crate::platform::state::app_state()?;
    let predikat = super::rules::UnitPredikat::from_code(&predikat).ok_or_else(|| {
        AppError::invalid("predikat", crate::i18n::tr!(penilaian_error_unit_predikat))
    })?;
    super::workflow::set_unit_result(&state, &user, unit_id, year, predikat).await?;
    let page = crate::components::monitor::monitor_href("/admin/kurva", periode, None);
    crate::identity::guard::redirect_plain_form(&format!("{page}#unit-{unit_id}"));
    Ok(())
}

/// The caller's direct reports by period, each with their evaluation (the
/// team page).
#[server(prefix = "/api", endpoint = "get_team_evaluations")]
pub async fn get_team_evaluations() -> Result<super::types::TeamEvaluations, AppError> {
    let user = crate::identity::guard::require("get_team_evaluations")?;
    let state = crate::platform::state::app_state()?;
    super::service::team_evaluations(&state.db, &user).await
}

/// One person's evaluations of a year (the caller's own when `employee_id` is
/// empty), for whoever stands in their line.
#[server(prefix = "/api", endpoint = "get_year_evaluations")]
pub async fn get_year_evaluations(
    employee_id: Option<i64>,
    year: i64,
) -> Result<super::types::YearEvaluations, AppError> {
    let user = crate::identity::guard::require("get_year_evaluations")?;
    let state = crate::platform::state::app_state()?;
    super::service::year_evaluations(&state.db, &user, employee_id, year).await
}
