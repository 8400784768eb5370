//! What every change to a plan leaves behind, inside the change's own
//! transaction: an audit record and, when someone is to be told, a notification.

use crate::audit::chain::{self, Change};
use crate::notifications::repository::{self as notifications, Notice};
use crate::platform::db::{Backend, WriteTx};

/// One step on a plan; the notification's kind is the action.
pub struct Announcement {
    pub actor: i64,
    pub action: &'static str,
    pub plan_id: i64,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub tell: Option<Notice>,
}

pub async fn announce(
    tx: &mut WriteTx,
    backend: Backend,
    step: Announcement,
    now: i64,
) -> Result<(), sqlx::Error> {
    if let Some(notice) = step.tell {
        notifications::insert(tx, step.action, notice, now).await?;
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
        ),
        now,
    )
    .await
}
