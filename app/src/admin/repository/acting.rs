//! Acting officials (Plt./Plh.): assignments to a position for a span of days.

use crate::admin::types::ActingKind;
use crate::calendar::CivilDate;
use crate::platform::db::Conn;

/// Whether a live (not revoked) assignment to `position_id` overlaps the days
/// `starts..=ends`.
pub async fn overlaps(
    conn: &mut Conn,
    position_id: i64,
    starts: CivilDate,
    ends: CivilDate,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM acting_assignments WHERE position_id = $1 AND revoked_at IS NULL \
         AND starts_on <= $3 AND ends_on >= $2",
    )
    .bind(position_id)
    .bind(starts.to_iso())
    .bind(ends.to_iso())
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

pub struct NewActing {
    pub position_id: i64,
    pub employee_id: i64,
    pub kind: ActingKind,
    pub starts: CivilDate,
    pub ends: CivilDate,
    pub created_by: i64,
}

/// Records an assignment; returns its id.
pub async fn insert(conn: &mut Conn, a: &NewActing, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO acting_assignments (position_id, employee_id, kind, starts_on, ends_on, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(a.position_id)
    .bind(a.employee_id)
    .bind(a.kind)
    .bind(a.starts.to_iso())
    .bind(a.ends.to_iso())
    .bind(a.created_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Ends a live assignment; returns the appointee's name, or none when there is
/// no live assignment with that id.
pub async fn revoke(conn: &mut Conn, id: i64, now: i64) -> Result<Option<String>, sqlx::Error> {
    let appointee: Option<String> = sqlx::query_scalar(
        "SELECT e.name FROM acting_assignments a JOIN employees e ON e.id = a.employee_id \
         WHERE a.id = $1 AND a.revoked_at IS NULL",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if appointee.is_none() {
        return Ok(None);
    }
    let updated = sqlx::query(
        "UPDATE acting_assignments SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(appointee.filter(|_| updated > 0))
}
