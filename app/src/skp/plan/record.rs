//! What every change to a plan leaves behind, inside the change's own
//! transaction: an audit record and, when someone is to be told, a notification.

use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::error::AppError;
use crate::identity::roles::SessionUser;
use crate::notifications::repository::{self as notifications, Notice};
use crate::platform::db::{Backend, WriteTx};
use crate::platform::state::AppState;

/// One step on a plan; the notification's kind is the action.
pub struct Announcement<'a> {
    pub actor: &'a SessionUser,
    pub action: AuditAction,
    pub plan_id: i64,
    /// The plan owner's name, which the audit record keeps.
    pub owner: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub tell: Option<Notice>,
}

pub async fn announce(
    tx: &mut WriteTx,
    backend: Backend,
    step: Announcement<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    if let Some(notice) = step.tell {
        notifications::insert(tx, step.action.code(), notice, now).await?;
    }
    chain::append(
        tx,
        backend,
        Change::by(
            step.actor,
            step.action,
            "skp_plan",
            step.plan_id,
            step.before,
            step.after,
        )
        .about(step.owner),
        now,
    )
    .await
}

/// Ends a workflow step: announces it in its transaction, commits, and tells this
/// instance that plans changed.
pub async fn finish(
    state: &AppState,
    mut tx: WriteTx,
    step: Announcement<'_>,
    now: i64,
) -> Result<(), AppError> {
    announce(&mut tx, state.db.backend(), step, now).await?;
    tx.commit().await?;
    state.plans_changed();
    Ok(())
}
