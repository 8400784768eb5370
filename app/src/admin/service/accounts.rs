//! Accounts: password resets and the admin BKPSDM role.

use crate::admin::repository::{accounts as repo, employees};
use crate::admin::types::IssuedPassword;
use crate::audit::action::AuditAction;
use crate::audit::chain::Change;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::identity::session;
use crate::platform::db::{now_millis, Db};
use crate::platform::secrets::{hash_password, one_time_password, HashStrength};
use crate::platform::state::AppState;
use serde_json::json;

/// Issues a one-time password: the account must choose a new one at next log-in,
/// and every open session of that person ends.
pub async fn reset_password(
    state: &AppState,
    actor: &SessionUser,
    employee_id: i64,
) -> Result<IssuedPassword, AppError> {
    // Hashed first (a one-time hash is quick), so the write lock is not held for it.
    let password = one_time_password();
    let hash = hash_password(&password, HashStrength::OneTime)
        .await
        .map_err(|e| AppError::internal("hash password", e))?;
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let person = employees::find(&mut tx, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(nip) = person.nip.clone() else {
        return Err(AppError::invalid("employee", tr!(error_account_no_nip)));
    };
    if !person.is_active() {
        return Err(AppError::invalid(
            "employee",
            tr!(error_account_inactive_reset),
        ));
    }
    crate::identity::service::set_one_time_password(&mut tx, employee_id, hash, now).await?;
    session::end_all(&mut tx, employee_id).await?;
    let change = Change::by(
        actor,
        AuditAction::AccountPasswordReset,
        "account",
        employee_id,
        None,
        Some(json!({ "must_change_password": true, "sessions_ended": true })),
    )
    .about(&person.name);
    super::commit_audited(&state.db, tx, [change], now).await?;
    Ok(IssuedPassword {
        employee_id,
        nip,
        name: person.name,
        password,
    })
}

/// Grants (`grant`) or revokes the admin role of an employee.
pub async fn set_admin(
    state: &AppState,
    actor: &SessionUser,
    employee_id: i64,
    grant: bool,
) -> Result<(), AppError> {
    if !grant && employee_id == actor.employee_id() {
        return Err(AppError::invalid("admin", tr!(error_revoke_self)));
    }
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let person = employees::find(&mut tx, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if grant && !person.is_active() {
        return Err(AppError::invalid("admin", tr!(error_admin_inactive)));
    }
    let had = repo::is_admin(&mut tx, employee_id).await?;
    if had == grant {
        return Ok(());
    }
    if grant {
        repo::grant_admin(&mut tx, employee_id, Some(actor.employee_id()), now).await?;
    } else {
        repo::revoke_admin(&mut tx, employee_id).await?;
    }
    let action = if grant {
        AuditAction::RoleAdminGranted
    } else {
        AuditAction::RoleAdminRevoked
    };
    let change = Change::by(
        actor,
        action,
        "employee",
        employee_id,
        Some(json!({ "admin": had })),
        Some(json!({ "admin": grant })),
    )
    .about(person.name);
    super::commit_audited(&state.db, tx, [change], now).await?;
    Ok(())
}

/// Grants admin BKPSDM from the command line (the first admin of an instance);
/// audited with no actor. Returns the employee's name.
pub async fn grant_admin_by_nip(db: &Db, nip: &str) -> Result<String, AppError> {
    let now = now_millis();
    let mut tx = db.write().await?;
    let person = employees::find_by_nip(&mut tx, nip.trim())
        .await?
        .ok_or_else(|| {
            AppError::invalid("nip", tr!(error_no_employee_with_nip, { "nip" => nip }))
        })?;
    if !person.is_active() {
        return Err(AppError::invalid("nip", tr!(error_employee_inactive)));
    }
    let granted = repo::grant_admin(&mut tx, person.id, None, now).await?;
    let change = granted.then(|| Change {
        actor: None,
        actor_name: None,
        action: AuditAction::RoleAdminGranted,
        entity: "employee",
        entity_id: person.id.to_string(),
        subject: Some(person.name.clone()),
        before: Some(json!({ "admin": false })),
        after: Some(json!({ "admin": true, "via": "command line" })),
    });
    super::commit_audited(db, tx, change, now).await?;
    Ok(person.name)
}
