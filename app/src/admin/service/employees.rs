//! Employees changed by hand: their data, and new employees with a first password.

use crate::admin::repository::{employees as repo, structure};
use crate::admin::types::{required_text, IssuedPassword};
use crate::audit::action::AuditAction;
use crate::audit::chain::Change;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::identity::session;
use crate::organisation::nip::Nip;
use crate::organisation::types::EmployeeStatus;
use crate::platform::db::now_millis;
use crate::platform::secrets::{hash_password, one_time_password, HashStrength};
use crate::platform::state::AppState;

/// PNS or PPPK: the statuses an admin may give (the Bupati's is not one).
fn asn_status(code: &str) -> Result<EmployeeStatus, AppError> {
    EmployeeStatus::from_code(code)
        .filter(|s| *s != EmployeeStatus::NonAsn)
        .ok_or_else(|| AppError::invalid("status", tr!(error_asn_status)))
}

/// The trimmed golongan, `None` when empty.
fn golongan(value: &str) -> Result<Option<&str>, AppError> {
    let value = value.trim();
    if value.chars().count() > 10 {
        return Err(AppError::invalid("golongan", tr!(error_golongan)));
    }
    Ok((!value.is_empty()).then_some(value))
}

pub struct EmployeeChanges {
    pub name: String,
    pub status: String,
    pub golongan: String,
    pub position_id: Option<i64>,
    pub active: bool,
}

pub async fn update_employee(
    state: &AppState,
    actor: &SessionUser,
    employee_id: i64,
    changes: EmployeeChanges,
) -> Result<(), AppError> {
    let name = required_text("name", &tr!(label_name), &changes.name)?;
    let status = asn_status(&changes.status)?;
    let golongan = golongan(&changes.golongan)?;
    if !changes.active && employee_id == actor.employee_id() {
        return Err(AppError::invalid("active", tr!(error_deactivate_self)));
    }
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let before = repo::audit_snapshot(&mut tx, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(position) = changes.position_id {
        if !structure::position_is_active(&mut tx, position).await? {
            return Err(AppError::invalid("position_id", tr!(error_target_position)));
        }
    }
    let edit = repo::EmployeeEdit {
        name: &name,
        status,
        golongan,
        position_id: changes.position_id,
        active: changes.active,
    };
    repo::update(&mut tx, employee_id, &edit, now).await?;
    if !changes.active {
        session::end_all(&mut tx, employee_id).await?;
    }
    let after = repo::audit_snapshot(&mut tx, employee_id).await?;
    let changed = Some(&before) != after.as_ref();
    let change = changed.then(|| {
        Change::by(
            actor,
            AuditAction::EmployeeUpdated,
            "employee",
            employee_id,
            Some(before),
            after,
        )
        .about(&name)
    });
    super::commit_audited(&state.db, tx, change, now).await?;
    state.public_data_changed();
    Ok(())
}

pub struct NewEmployee {
    pub nip: String,
    pub name: String,
    pub status: String,
    pub golongan: String,
    pub position_id: Option<i64>,
}

/// Adds one employee; sex and birth date come from the NIP. The account starts
/// with a one-time password, returned once.
pub async fn create_employee(
    state: &AppState,
    actor: &SessionUser,
    input: NewEmployee,
) -> Result<IssuedPassword, AppError> {
    let nip = Nip::parse(&input.nip).map_err(|e| AppError::invalid("nip", e.to_string()))?;
    let name = required_text("name", &tr!(label_name), &input.name)?;
    let status = asn_status(&input.status)?;
    let golongan = golongan(&input.golongan)?;
    let Some(position_id) = input.position_id else {
        return Err(AppError::invalid("position_id", tr!(error_choose_position)));
    };
    let password = one_time_password();
    let hash = hash_password(&password, HashStrength::OneTime)
        .await
        .map_err(|e| AppError::internal("hash password", e))?;
    let now = now_millis();
    let mut tx = state.db.write().await?;
    if !structure::position_is_active(&mut tx, position_id).await? {
        return Err(AppError::invalid(
            "position_id",
            tr!(error_position_unavailable),
        ));
    }
    // The check names the NIP; a request that races past it is refused by
    // `employees_nip_key`, which `platform::constraints` answers on the same field.
    if repo::nip_taken(&mut tx, nip.as_str()).await? {
        return Err(AppError::invalid(
            "nip",
            tr!(error_nip_taken_named, { "nip" => nip }),
        ));
    }
    let fields = repo::EmployeeFields {
        nip: nip.as_str(),
        name: &name,
        sex: nip.sex(),
        birth_date: nip.birth_date(),
        status,
        golongan,
        position_id,
    };
    let id = repo::insert(&mut tx, &fields, now).await?;
    crate::identity::service::set_one_time_password(&mut tx, id, hash, now).await?;
    let after = repo::audit_snapshot(&mut tx, id).await?;
    let change = Change::by(
        actor,
        AuditAction::EmployeeCreated,
        "employee",
        id,
        None,
        after,
    )
    .about(&name);
    super::commit_audited(&state.db, tx, [change], now).await?;
    state.public_data_changed();
    Ok(IssuedPassword {
        employee_id: id,
        nip: nip.as_str().to_owned(),
        name,
        password,
    })
}
