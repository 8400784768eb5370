//! The notifications table: the one place that writes a notification, and the
//! reader's list. Every domain that tells someone something calls [`insert`] on
//! its own write transaction, so the notice is saved with the change or not at all.

use super::types::Notification;
use crate::platform::db::{now_millis, Conn};

/// Someone to tell: who, what, and where the link leads.
#[derive(Clone, Debug)]
pub struct Notice {
    pub to: i64,
    pub text: String,
    pub link: String,
}

/// Records `notice` for its reader; `kind` names the event ("skp.approved").
pub async fn insert(
    conn: &mut Conn,
    kind: &str,
    notice: Notice,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notifications (employee_id, kind, text, link, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(notice.to)
        .bind(kind)
        .bind(notice.text)
        .bind(notice.link)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    text: String,
    link: Option<String>,
    created_at: i64,
    read_at: Option<i64>,
}

/// The newest 50 notifications of `employee_id`.
pub async fn newest(conn: &mut Conn, employee_id: i64) -> Result<Vec<Notification>, sqlx::Error> {
    let rows: Vec<NotificationRow> = sqlx::query_as(
        "SELECT id, text, link, created_at, read_at FROM notifications WHERE employee_id = $1 \
         ORDER BY id DESC LIMIT 50",
    )
    .bind(employee_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Notification {
            id: r.id,
            text: r.text,
            link: r.link,
            created_at: r.created_at,
            read: r.read_at.is_some(),
        })
        .collect())
}

pub async fn mark_all_read(conn: &mut Conn, employee_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE employee_id = $2 AND read_at IS NULL")
        .bind(now_millis())
        .bind(employee_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Marks `employee_id`'s notification `id` read (keeping the first reading's
/// time) and returns where it leads; `None` when it is not theirs.
pub async fn open(
    conn: &mut Conn,
    employee_id: i64,
    id: i64,
) -> Result<Option<Option<String>>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND employee_id = $3 \
         RETURNING link",
    )
    .bind(now_millis())
    .bind(id)
    .bind(employee_id)
    .fetch_optional(conn)
    .await
}
