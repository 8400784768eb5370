//! Identity server functions. Each starts with `guard::authorize` (the table in
//! `access.rs`), then checks reach over the record it returns.

use super::types::{EmployeeProfile, EmployeeRow, LoginOutcome, Team, Viewer};
use crate::error::AppError;
use crate::i18n::tr;
use leptos::prelude::*;

/// Longest employee search text accepted.
pub const MAX_SEARCH_CHARS: usize = 100;

pub fn validate_employee_query(query: &str) -> Result<String, AppError> {
    let query = query.trim();
    if query.chars().count() < 3 {
        return Err(AppError::invalid("q", tr!(error_search_too_short)));
    }
    if query.chars().count() > MAX_SEARCH_CHARS {
        return Err(AppError::invalid(
            "q",
            tr!(error_query_too_long, { "max" => MAX_SEARCH_CHARS }),
        ));
    }
    Ok(query.to_owned())
}

/// The signed-in person, or `None` for a visitor.
#[server(prefix = "/api", endpoint = "get_viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    let user = super::guard::authorize("get_viewer")?;
    Ok(user.map(|u| u.viewer.clone()))
}

#[server(prefix = "/api", endpoint = "log_in")]
pub async fn log_in(
    nip: String,
    password: String,
    next: Option<String>,
) -> Result<LoginOutcome, AppError> {
    use super::{guard, service, session};
    let previous = guard::authorize("log_in")?;
    let state = crate::platform::state::app_state()?;
    let logged_in = service::log_in(
        &state,
        &nip,
        &password,
        &guard::client_addr(),
        previous.as_ref().map(|u| u.token_hash.as_str()),
    )
    .await?;
    guard::append_set_cookie(&session::cookie(&state.settings, &logged_in.token));
    let target = if logged_in.must_change_password {
        "/ganti-sandi".to_owned()
    } else {
        service::safe_next(next.as_deref())
    };
    guard::redirect_plain_form(&target);
    Ok(LoginOutcome { target })
}

#[server(prefix = "/api", endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use super::{guard, session};
    let user = guard::require("log_out")?;
    let state = crate::platform::state::app_state()?;
    let mut tx = state.db.write().await?;
    session::end(&mut tx, &user.token_hash).await?;
    tx.commit().await?;
    guard::append_set_cookie(&session::clearing_cookie(&state.settings));
    // Copies of unsaved realisasi text kept in this browser (realisasi::live) are
    // personal data: a shared office computer keeps none after log-out.
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.insert_header(
            http::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static("\"storage\""),
        );
    }
    guard::redirect_plain_form("/");
    Ok(())
}

#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current: String,
    new_password: String,
    confirm: String,
) -> Result<LoginOutcome, AppError> {
    use super::{guard, service, session};
    let user = guard::require("change_password")?;
    let state = crate::platform::state::app_state()?;
    let token = service::change_password(
        &state,
        &user,
        &current,
        &new_password,
        &confirm,
        &guard::client_addr(),
    )
    .await?;
    guard::append_set_cookie(&session::cookie(&state.settings, &token));
    let target = "/saya?sandi=diganti".to_owned();
    guard::redirect_plain_form(&target);
    Ok(LoginOutcome { target })
}

/// One employee's page: for themselves, their atasan line, admins and pimpinan.
#[server(prefix = "/api", endpoint = "get_employee_profile")]
pub async fn get_employee_profile(employee_id: i64) -> Result<EmployeeProfile, AppError> {
    let user = super::guard::require("get_employee_profile")?;
    let state = crate::platform::state::app_state()?;
    let mut profile = {
        let mut conn = state.db.read().await?;
        let Some(reach) = super::roles::reach(&mut conn, &user, employee_id).await? else {
            return Err(AppError::Forbidden);
        };
        super::repository::profile(&mut conn, employee_id, reach)
            .await?
            .ok_or(AppError::NotFound)?
    };
    profile.can_administer = user.has(super::types::Role::AdminBkpsdm);
    if let (true, Some(unit)) = (profile.can_administer, profile.unit_id) {
        profile.unit_positions =
            crate::admin::repository::structure::unit_positions(&mut *state.db.read().await?, unit)
                .await?;
    }
    Ok(profile)
}

#[server(prefix = "/api", endpoint = "get_my_team")]
pub async fn get_my_team() -> Result<Team, AppError> {
    let user = super::guard::require("get_my_team")?;
    let state = crate::platform::state::app_state()?;
    let mut conn = state.db.read().await?;
    Ok(super::repository::team(&mut conn, &user).await?)
}

#[server(prefix = "/api", endpoint = "search_employees")]
pub async fn search_employees(query: String) -> Result<Vec<EmployeeRow>, AppError> {
    super::guard::require("search_employees")?;
    let query = validate_employee_query(&query)?;
    let state = crate::platform::state::app_state()?;
    let mut conn = state.db.read().await?;
    Ok(super::repository::search(&mut conn, &query).await?)
}
