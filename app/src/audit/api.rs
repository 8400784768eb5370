//! Reading and verifying the audit trail (admin BKPSDM).

use super::types::{AuditEntry, ChainReport};
use crate::error::AppError;
use leptos::prelude::*;

/// Records shown per page of the audit trail.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// The newest records first; `before_id` pages further back.
#[server(prefix = "/api", endpoint = "list_audit")]
pub async fn list_audit(before_id: Option<i64>) -> Result<Vec<AuditEntry>, AppError> {
    use sqlx::Row;
    crate::identity::guard::require("list_audit")?;
    let state = crate::platform::state::app_state()?;
    let rows = sqlx::query(
        "SELECT a.id, a.at, e.name, a.action, a.entity, a.entity_id, a.before_json, a.after_json \
         FROM audit_log a LEFT JOIN employees e ON e.id = a.actor_id \
         WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(AUDIT_PAGE_SIZE)
    .fetch_all(state.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.try_get(0)?,
                at: r.try_get(1)?,
                actor: r.try_get(2)?,
                action: r.try_get(3)?,
                entity: r.try_get(4)?,
                entity_id: r.try_get(5)?,
                before: r.try_get(6)?,
                after: r.try_get(7)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// Recomputes the whole chain and names the first broken record, if any.
#[server(prefix = "/api", endpoint = "verify_audit")]
pub async fn verify_audit() -> Result<ChainReport, AppError> {
    crate::identity::guard::require("verify_audit")?;
    let state = crate::platform::state::app_state()?;
    Ok(super::chain::verify(state.db.pool()).await?)
}
