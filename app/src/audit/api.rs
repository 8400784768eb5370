//! Reading and verifying the audit trail (admin BKPSDM).

use super::types::{AuditEntry, ChainReport};
use crate::error::AppError;
use leptos::prelude::*;

/// Records shown per page of the audit trail.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// The newest records first; `before_id` pages further back.
#[server(prefix = "/api", endpoint = "list_audit")]
pub async fn list_audit(before_id: Option<i64>) -> Result<Vec<AuditEntry>, AppError> {
    crate::identity::guard::require("list_audit")?;
    let state = crate::platform::state::app_state()?;
    let mut conn = state.db.read().await?;
    Ok(super::repository::page(&mut conn, before_id.unwrap_or(i64::MAX), AUDIT_PAGE_SIZE).await?)
}

/// Recomputes the whole chain and names the first broken record, if any.
#[server(prefix = "/api", endpoint = "verify_audit")]
pub async fn verify_audit() -> Result<ChainReport, AppError> {
    crate::identity::guard::require("verify_audit")?;
    let state = crate::platform::state::app_state()?;
    Ok(super::chain::verify(&mut *state.db.read().await?).await?)
}
