//! Acting officials: assigning a Plt. or Plh. to a position, and revoking it.

use crate::admin::repository::{acting as repo, employees, structure};
use crate::admin::types::ActingKind;
use crate::audit::action::AuditAction;
use crate::audit::chain::Change;
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::organisation::supervision;
use crate::platform::db::now_millis;
use crate::platform::state::AppState;
use serde_json::json;

pub struct ActingInput {
    pub employee_id: i64,
    pub position_id: i64,
    pub kind: String,
    pub starts_on: String,
    pub ends_on: String,
}

fn date(field: &str, label: &str, value: &str) -> Result<CivilDate, AppError> {
    CivilDate::parse_iso(value.trim())
        .ok_or_else(|| AppError::invalid(field, tr!(error_date_format, { "label" => label })))
}

pub async fn assign_acting(
    state: &AppState,
    actor: &SessionUser,
    input: ActingInput,
) -> Result<i64, AppError> {
    let kind = ActingKind::from_code(&input.kind)
        .ok_or_else(|| AppError::invalid("kind", tr!(error_acting_kind)))?;
    let starts = date("starts_on", &tr!(label_starts_on), &input.starts_on)?;
    let ends = date("ends_on", &tr!(label_ends_on), &input.ends_on)?;
    if ends < starts {
        return Err(AppError::invalid("ends_on", tr!(error_acting_dates)));
    }
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let person = employees::find(&mut tx, input.employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !person.is_active() {
        return Err(AppError::invalid("employee", tr!(error_acting_inactive)));
    }
    if person.position_id == Some(input.position_id) {
        return Err(AppError::invalid(
            "position_id",
            tr!(error_acting_own_position),
        ));
    }
    let position = structure::find_position(&mut tx, input.position_id)
        .await?
        .ok_or_else(|| AppError::invalid("position_id", tr!(error_position_missing)))?;
    if !position.is_active() {
        return Err(AppError::invalid(
            "position_id",
            tr!(error_position_inactive),
        ));
    }
    if kind == ActingKind::Plt {
        let held = supervision::seat_holder(&mut tx, input.position_id)
            .await?
            .is_some_and(|seat| !seat.is_acting());
        if held {
            return Err(AppError::invalid("kind", tr!(error_plt_vacant_only)));
        }
    }
    if repo::overlaps(&mut tx, input.position_id, starts, ends).await? {
        return Err(AppError::invalid("starts_on", tr!(error_acting_overlap)));
    }
    let assignment = repo::NewActing {
        position_id: input.position_id,
        employee_id: input.employee_id,
        kind,
        starts,
        ends,
        created_by: actor.employee_id(),
    };
    let id = repo::insert(&mut tx, &assignment, now).await?;
    let change = Change::by(
        actor,
        AuditAction::RoleActingAssigned,
        "acting_assignment",
        id,
        None,
        Some(json!({
            "employee_id": input.employee_id, "position_id": input.position_id,
            "position": position.title, "kind": kind,
            "starts_on": starts.to_iso(), "ends_on": ends.to_iso(),
        })),
    )
    .about(person.name);
    super::commit_audited(&state.db, tx, [change], now).await?;
    state.plans_changed();
    Ok(id)
}

pub async fn revoke_acting(
    state: &AppState,
    actor: &SessionUser,
    assignment_id: i64,
) -> Result<(), AppError> {
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let Some(appointee) = repo::revoke(&mut tx, assignment_id, now).await? else {
        return Err(AppError::NotFound);
    };
    let change = Change::by(
        actor,
        AuditAction::RoleActingRevoked,
        "acting_assignment",
        assignment_id,
        Some(json!({ "revoked": false })),
        Some(json!({ "revoked": true })),
    )
    .about(appointee);
    super::commit_audited(&state.db, tx, [change], now).await?;
    state.plans_changed();
    Ok(())
}
