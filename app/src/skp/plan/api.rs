//! SKP server functions. Reading checks reach; saving and submitting are the
//! owner's; returning and approving are the direct supervisor's (or PLT/PLH).

// `save_skp_expectations` takes one plain form field per BerAKHLAK value (so it
// works without JavaScript); the code the `server` macro generates for it cannot
// carry an attribute of its own.
#![allow(clippy::too_many_arguments)]

use super::types::{PlanSave, PlanView, TeamPlans};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A plan: the caller's own when `employee_id` is empty.
#[server(prefix = "/api", endpoint = "get_skp_plan")]
pub async fn get_skp_plan(employee_id: Option<i64>, year: i64) -> Result<PlanView, AppError> {
    let user = crate::identity::guard::require("get_skp_plan")?;
    let state = crate::platform::state::app_state()?;
    let employee_id = employee_id.unwrap_or(user.employee_id());
    super::service::view(&state, &user, employee_id, year).await
}

/// Saves the caller's draft; answers the new version, or a conflict when someone
/// saved since `base_version`.
#[server(prefix = "/api", endpoint = "save_skp_plan", input = Json)]
pub async fn save_skp_plan(plan: PlanSave) -> Result<i64, AppError> {
    let user = crate::identity::guard::require("save_skp_plan")?;
    let state = crate::platform::state::app_state()?;
    super::service::save(&state, &user, plan).await
}

#[server(prefix = "/api", endpoint = "submit_skp_plan")]
pub async fn submit_skp_plan(year: i64, base_version: i64) -> Result<(), AppError> {
    let user = crate::identity::guard::require("submit_skp_plan")?;
    let state = crate::platform::state::app_state()?;
    super::workflow::submit(&state, &user, year, base_version).await?;
    crate::identity::guard::redirect_plain_form(&format!("/skp/{year}"));
    Ok(())
}

/// The owner takes their submission back (it becomes a draft again) while the
/// supervisor has not decided.
#[server(prefix = "/api", endpoint = "withdraw_skp_plan")]
pub async fn withdraw_skp_plan(year: i64) -> Result<(), AppError> {
    let user = crate::identity::guard::require("withdraw_skp_plan")?;
    let state = crate::platform::state::app_state()?;
    super::workflow::withdraw(&state, &user, year).await?;
    crate::identity::guard::redirect_plain_form(&format!("/skp/{year}"));
    Ok(())
}

/// `decision`: "setujui" (approve, which locks the plan: `confirmed` must be "ya")
/// or "kembalikan" (return, with a reason).
#[server(prefix = "/api", endpoint = "review_skp_plan")]
pub async fn review_skp_plan(
    employee_id: i64,
    year: i64,
    decision: String,
    reason: Option<String>,
    confirmed: Option<String>,
) -> Result<(), AppError> {
    use super::workflow::Decision;
    let user = crate::identity::guard::require("review_skp_plan")?;
    let state = crate::platform::state::app_state()?;
    let decision = match decision.as_str() {
        "setujui" if confirmed.as_deref() == Some("ya") => Decision::Approve,
        "setujui" => {
            return Err(AppError::invalid(
                "confirmed",
                crate::i18n::tr!(error_approve_unconfirmed),
            ))
        }
        "kembalikan" => Decision::Return(reason.unwrap_or_default()),
        _ => {
            return Err(AppError::invalid(
                "decision",
                crate::i18n::tr!(error_choose_approve_return),
            ))
        }
    };
    super::workflow::review(&state, &user, employee_id, year, decision).await?;
    crate::identity::guard::redirect_plain_form(&format!("/skp/{year}/pegawai/{employee_id}"));
    Ok(())
}

/// The direct reports' plan status in the newest open year (for the team page).
#[server(prefix = "/api", endpoint = "get_team_plans")]
pub async fn get_team_plans() -> Result<TeamPlans, AppError> {
    let user = crate::identity::guard::require("get_team_plans")?;
    let state = crate::platform::state::app_state()?;
    super::service::team_plans(&state.db, &user).await
}

/// The owner asks to change their approved plan.
#[server(prefix = "/api", endpoint = "request_skp_revision")]
pub async fn request_skp_revision(year: i64, reason: String) -> Result<(), AppError> {
    let user = crate::identity::guard::require("request_skp_revision")?;
    let state = crate::platform::state::app_state()?;
    super::workflow::request_revision(&state, &user, year, &reason).await?;
    crate::identity::guard::redirect_plain_form(&format!("/skp/{year}"));
    Ok(())
}

/// `decision`: "setujui" (the plan becomes a draft again) or "tolak".
#[server(prefix = "/api", endpoint = "decide_skp_revision")]
pub async fn decide_skp_revision(
    employee_id: i64,
    year: i64,
    decision: String,
) -> Result<(), AppError> {
    let user = crate::identity::guard::require("decide_skp_revision")?;
    let state = crate::platform::state::app_state()?;
    let grant = match decision.as_str() {
        "setujui" => true,
        "tolak" => false,
        _ => {
            return Err(AppError::invalid(
                "decision",
                crate::i18n::tr!(error_choose_grant_refuse),
            ))
        }
    };
    super::workflow::decide_revision(&state, &user, employee_id, year, grant).await?;
    crate::identity::guard::redirect_plain_form(&format!("/skp/{year}/pegawai/{employee_id}"));
    Ok(())
}

/// The supervisor's ekspektasi khusus pimpinan, one field per BerAKHLAK value
/// (a plain form works without JavaScript); an empty field removes it.
#[server(prefix = "/api", endpoint = "save_skp_expectations")]
pub async fn save_skp_expectations(
    employee_id: i64,
    year: i64,
    berorientasi_pelayanan: Option<String>,
    akuntabel: Option<String>,
    kompeten: Option<String>,
    harmonis: Option<String>,
    loyal: Option<String>,
    adaptif: Option<String>,
    kolaboratif: Option<String>,
) -> Result<(), AppError> {
    use crate::skp::berakhlak::CoreValue::*;
    let user = crate::identity::guard::require("save_skp_expectations")?;
    let state = crate::platform::state::app_state()?;
    let texts = [
        (BerorientasiPelayanan, berorientasi_pelayanan),
        (Akuntabel, akuntabel),
        (Kompeten, kompeten),
        (Harmonis, harmonis),
        (Loyal, loyal),
        (Adaptif, adaptif),
        (Kolaboratif, kolaboratif),
    ]
    .into_iter()
    .map(|(value, text)| (value, text.unwrap_or_default()))
    .collect();
    super::expectations::save(&state, &user, employee_id, year, texts).await?;
    crate::identity::guard::redirect_plain_form(&format!("/skp/{year}/pegawai/{employee_id}"));
    Ok(())
}
