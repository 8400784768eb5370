//! Reading the audit trail (server only); appending and verifying are in `chain`.

use super::types::AuditEntry;
use crate::platform::db::Conn;

/// The newest `limit` records with an id below `before_id`, newest first.
pub async fn page(
    conn: &mut Conn,
    before_id: i64,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.at, e.name AS actor, a.action, a.entity, a.entity_id, a.before_json, a.after_json \
         FROM audit_log a LEFT JOIN employees e ON e.id = a.actor_id \
         WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(before_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}
