//! Units and positions: creating and changing them. (The admin pages list them
//! straight from `admin::repository::structure`.)

use crate::admin::repository::structure::{self as repo, PositionFields, Tree, UnitFields};
use crate::admin::types::required_text;
use crate::audit::action::AuditAction;
use crate::audit::chain::Change;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::organisation::types::{JabatanKind, UnitKind};
use crate::platform::db::now_millis;
use crate::platform::state::AppState;
use serde_json::json;

pub struct UnitInput {
    pub id: Option<i64>,
    pub parent_id: i64,
    pub name: String,
    pub kind: String,
    pub active: bool,
}

/// Creates a unit, or renames, moves, (de)activates one.
pub async fn save_unit(
    state: &AppState,
    actor: &SessionUser,
    input: UnitInput,
) -> Result<i64, AppError> {
    let name = required_text("name", &tr!(label_unit_name), &input.name)?;
    let kind = UnitKind::from_code(&input.kind)
        .filter(|k| *k != UnitKind::Pemda)
        .ok_or_else(|| AppError::invalid("kind", tr!(error_unit_kind)))?;
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let parent = repo::find_unit(&mut tx, input.parent_id)
        .await?
        .ok_or_else(|| AppError::invalid("parent_id", tr!(error_parent_unit_missing)))?;
    if !parent.is_active() && input.active {
        return Err(AppError::invalid(
            "parent_id",
            tr!(error_parent_unit_inactive),
        ));
    }
    let fields = UnitFields {
        parent_id: input.parent_id,
        name: &name,
        kind,
        active: input.active,
    };
    let (id, change) = match input.id {
        None => {
            let siblings = repo::count_subunits(&mut tx, input.parent_id).await?;
            let code = format!("{}.{:02}", parent.code, siblings + 1);
            let id = repo::insert_unit(&mut tx, &code, &fields, now).await?;
            let after =
                json!({ "code": code, "name": name, "kind": kind, "parent_id": input.parent_id });
            let change = Change::by(
                actor,
                AuditAction::UnitCreated,
                "unit",
                id,
                None,
                Some(after),
            )
            .about(&name);
            (id, change)
        }
        Some(id) => {
            let before = repo::find_unit(&mut tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if before.parent_id.is_none() {
                return Err(AppError::invalid("parent_id", tr!(error_root_unit_fixed)));
            }
            if repo::is_descendant(&mut tx, Tree::Units, input.parent_id, id).await? {
                return Err(AppError::invalid("parent_id", tr!(error_unit_cycle)));
            }
            if !input.active && repo::unit_in_use(&mut tx, id).await? {
                return Err(AppError::invalid("active", tr!(error_unit_in_use)));
            }
            repo::update_unit(&mut tx, id, &fields, now).await?;
            let was = json!({ "name": before.name, "kind": before.kind,
                              "parent_id": before.parent_id, "active": before.is_active() });
            let after = json!({ "name": name, "kind": kind, "parent_id": input.parent_id, "active": input.active });
            let change = Change::by(
                actor,
                AuditAction::UnitUpdated,
                "unit",
                id,
                Some(was),
                Some(after),
            )
            .about(&name);
            (id, change)
        }
    };
    super::commit_audited(&state.db, tx, [change], now).await?;
    state.public_data_changed();
    Ok(id)
}

pub struct PositionInput {
    pub id: Option<i64>,
    pub unit_id: i64,
    pub parent_id: Option<i64>,
    pub title: String,
    pub kind: String,
    pub active: bool,
}

/// Creates a position, or renames, re-parents, moves or (de)activates one.
pub async fn save_position(
    state: &AppState,
    actor: &SessionUser,
    input: PositionInput,
) -> Result<i64, AppError> {
    let title = required_text("title", &tr!(label_position_title), &input.title)?;
    let kind = JabatanKind::from_code(&input.kind)
        .filter(|k| *k != JabatanKind::KepalaDaerah)
        .ok_or_else(|| AppError::invalid("kind", tr!(error_position_kind)))?;
    let Some(parent_id) = input.parent_id else {
        return Err(AppError::invalid("parent_id", tr!(error_position_parent)));
    };
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let unit_active = repo::find_unit(&mut tx, input.unit_id)
        .await?
        .is_some_and(|u| u.is_active());
    if !unit_active {
        return Err(AppError::invalid("unit_id", tr!(error_unit_unavailable)));
    }
    if !repo::position_is_active(&mut tx, parent_id).await? {
        return Err(AppError::invalid(
            "parent_id",
            tr!(error_parent_position_unavailable),
        ));
    }
    let fields = PositionFields {
        unit_id: input.unit_id,
        parent_id,
        title: &title,
        kind,
    };
    let (id, change) = match input.id {
        None => {
            let id = repo::insert_position(&mut tx, &fields, now).await?;
            let after = json!({ "unit_id": input.unit_id, "parent_id": parent_id, "title": title, "kind": kind });
            let change = Change::by(
                actor,
                AuditAction::PositionCreated,
                "position",
                id,
                None,
                Some(after),
            )
            .about(&title);
            (id, change)
        }
        Some(id) => {
            let before = repo::find_position(&mut tx, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if repo::is_descendant(&mut tx, Tree::Positions, parent_id, id).await? {
                return Err(AppError::invalid("parent_id", tr!(error_position_cycle)));
            }
            if !input.active && repo::position_in_use(&mut tx, id).await? {
                return Err(AppError::invalid("active", tr!(error_position_in_use)));
            }
            repo::update_position(&mut tx, id, &fields, input.active, now).await?;
            let was = json!({ "unit_id": before.unit_id, "parent_id": before.parent_id,
                              "title": before.title, "kind": before.kind, "active": before.is_active() });
            let after = json!({ "unit_id": input.unit_id, "parent_id": parent_id, "title": title,
                                "kind": kind, "active": input.active });
            let change = Change::by(
                actor,
                AuditAction::PositionUpdated,
                "position",
                id,
                Some(was),
                Some(after),
            )
            .about(&title);
            (id, change)
        }
    };
    super::commit_audited(&state.db, tx, [change], now).await?;
    state.public_data_changed();
    Ok(id)
}
