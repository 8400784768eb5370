//! Server functions: each person lists and marks only their own notifications.

use super::types::Notification;
use crate::error::AppError;
use leptos::prelude::*;

/// The newest 50 notifications of the caller.
#[server(prefix = "/api", endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<Vec<Notification>, AppError> {
    let user = crate::identity::guard::require("list_notifications")?;
    let state = crate::platform::state::app_state()?;
    let mut conn = state.db.read().await?;
    Ok(super::repository::newest(&mut conn, user.employee_id()).await?)
}

#[server(prefix = "/api", endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let user = crate::identity::guard::require("mark_notifications_read")?;
    let state = crate::platform::state::app_state()?;
    let mut tx = state.db.write().await?;
    super::repository::mark_all_read(&mut tx, user.employee_id()).await?;
    tx.commit().await?;
    crate::identity::guard::redirect_plain_form("/pemberitahuan");
    Ok(())
}

/// Opens one of the caller's notifications: marks it read and goes where it leads
/// (the notifications page when it leads nowhere). Returns that address.
#[server(prefix = "/api", endpoint = "open_notification")]
pub async fn open_notification(id: i64) -> Result<String, AppError> {
    let user = crate::identity::guard::require("open_notification")?;
    let state = crate::platform::state::app_state()?;
    let mut tx = state.db.write().await?;
    let opened = super::repository::open(&mut tx, user.employee_id(), id).await?;
    tx.commit().await?;
    let link = opened
        .ok_or(AppError::NotFound)?
        .filter(|link| link.starts_with('/') && !link.starts_with("//"))
        .unwrap_or_else(|| "/pemberitahuan".to_owned());
    crate::identity::guard::redirect_plain_form(&link);
    Ok(link)
}
