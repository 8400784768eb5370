//! Administration server functions (admin BKPSDM only, per the authorisation table).

use super::types::{AdminPosition, AdminUnit, IssuedPassword, UnitLeadership};
use crate::error::AppError;
use crate::i18n::tr;
use leptos::prelude::*;

/// HTML checkboxes send "on" when ticked and nothing otherwise.
pub fn checkbox(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| v == "on" || v == "true" || v == "1")
}

/// Optional numeric select values: empty means none.
pub fn optional_id(field: &str, value: &str) -> Result<Option<i64>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<i64>()
        .map(Some)
        .map_err(|_| AppError::invalid(field, tr!(error_bad_choice)))
}

#[server(prefix = "/api", endpoint = "admin_update_employee")]
pub async fn admin_update_employee(
    employee_id: i64,
    name: String,
    status: String,
    golongan: String,
    position_id: String,
    active: Option<String>,
) -> Result<(), AppError> {
    let user = crate::identity::guard::require("admin_update_employee")?;
    let state = crate::platform::state::app_state()?;
    let changes = super::service::employees::EmployeeChanges {
        name,
        status,
        golongan,
        position_id: optional_id("position_id", &position_id)?,
        active: checkbox(&active),
    };
    super::service::employees::update_employee(&state, &user, employee_id, changes).await
}

#[server(prefix = "/api", endpoint = "admin_create_employee")]
pub async fn admin_create_employee(
    nip: String,
    name: String,
    status: String,
    golongan: String,
    position_id: String,
) -> Result<IssuedPassword, AppError> {
    let user = crate::identity::guard::require("admin_create_employee")?;
    let state = crate::platform::state::app_state()?;
    let input = super::service::employees::NewEmployee {
        nip,
        name,
        status,
        golongan,
        position_id: optional_id("position_id", &position_id)?,
    };
    super::service::employees::create_employee(&state, &user, input).await
}

#[server(prefix = "/api", endpoint = "admin_reset_password")]
pub async fn admin_reset_password(employee_id: i64) -> Result<IssuedPassword, AppError> {
    let user = crate::identity::guard::require("admin_reset_password")?;
    let state = crate::platform::state::app_state()?;
    super::service::accounts::reset_password(&state, &user, employee_id).await
}

#[server(prefix = "/api", endpoint = "admin_set_admin")]
pub async fn admin_set_admin(employee_id: i64, grant: bool) -> Result<(), AppError> {
    let user = crate::identity::guard::require("admin_set_admin")?;
    let state = crate::platform::state::app_state()?;
    super::service::accounts::set_admin(&state, &user, employee_id, grant).await
}

#[server(prefix = "/api", endpoint = "admin_assign_acting")]
pub async fn admin_assign_acting(
    employee_id: i64,
    position_id: String,
    kind: String,
    starts_on: String,
    ends_on: String,
) -> Result<i64, AppError> {
    let user = crate::identity::guard::require("admin_assign_acting")?;
    let state = crate::platform::state::app_state()?;
    let Some(position_id) = optional_id("position_id", &position_id)? else {
        return Err(AppError::invalid(
            "position_id",
            tr!(error_choose_held_position),
        ));
    };
    let input = super::service::acting::ActingInput {
        employee_id,
        position_id,
        kind,
        starts_on,
        ends_on,
    };
    super::service::acting::assign_acting(&state, &user, input).await
}

#[server(prefix = "/api", endpoint = "admin_revoke_acting")]
pub async fn admin_revoke_acting(assignment_id: i64) -> Result<(), AppError> {
    let user = crate::identity::guard::require("admin_revoke_acting")?;
    let state = crate::platform::state::app_state()?;
    super::service::acting::revoke_acting(&state, &user, assignment_id).await
}

#[server(prefix = "/api", endpoint = "admin_list_units")]
pub async fn admin_list_units(query: String) -> Result<Vec<AdminUnit>, AppError> {
    crate::identity::guard::require("admin_list_units")?;
    let query = crate::organisation::api::validate_unit_query(&query)?;
    let state = crate::platform::state::app_state()?;
    let mut conn = state.db.read().await?;
    Ok(super::repository::structure::search_units(&mut conn, &query).await?)
}

#[server(prefix = "/api", endpoint = "admin_unit_positions")]
pub async fn admin_unit_positions(unit_id: i64) -> Result<Vec<AdminPosition>, AppError> {
    crate::identity::guard::require("admin_unit_positions")?;
    let state = crate::platform::state::app_state()?;
    let mut conn = state.db.read().await?;
    Ok(super::repository::structure::unit_positions(&mut conn, unit_id).await?)
}

#[server(prefix = "/api", endpoint = "admin_save_unit")]
pub async fn admin_save_unit(
    unit_id: String,
    parent_id: String,
    name: String,
    kind: String,
    active: Option<String>,
) -> Result<i64, AppError> {
    let user = crate::identity::guard::require("admin_save_unit")?;
    let state = crate::platform::state::app_state()?;
    let Some(parent_id) = optional_id("parent_id", &parent_id)? else {
        return Err(AppError::invalid(
            "parent_id",
            tr!(error_choose_parent_unit),
        ));
    };
    let input = super::service::structure::UnitInput {
        id: optional_id("unit_id", &unit_id)?,
        parent_id,
        name,
        kind,
        active: checkbox(&active),
    };
    super::service::structure::save_unit(&state, &user, input).await
}

#[server(prefix = "/api", endpoint = "admin_save_position")]
pub async fn admin_save_position(
    position_id: String,
    unit_id: i64,
    parent_id: String,
    title: String,
    kind: String,
    active: Option<String>,
) -> Result<i64, AppError> {
    let user = crate::identity::guard::require("admin_save_position")?;
    let state = crate::platform::state::app_state()?;
    let input = super::service::structure::PositionInput {
        id: optional_id("position_id", &position_id)?,
        unit_id,
        parent_id: optional_id("parent_id", &parent_id)?,
        title,
        kind,
        active: checkbox(&active),
    };
    super::service::structure::save_position(&state, &user, input).await
}

#[server(prefix = "/api", endpoint = "get_leadership_overview")]
pub async fn get_leadership_overview() -> Result<Vec<UnitLeadership>, AppError> {
    crate::identity::guard::require("get_leadership_overview")?;
    let state = crate::platform::state::app_state()?;
    Ok((*super::service::leadership::kept_leadership_overview(&state).await?).clone())
}
