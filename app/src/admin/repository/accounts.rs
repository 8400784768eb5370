//! Admin grants (role admin BKPSDM).

use crate::platform::db::Conn;

pub async fn is_admin(conn: &mut Conn, employee_id: i64) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admin_grants WHERE employee_id = $1")
        .bind(employee_id)
        .fetch_one(conn)
        .await?;
    Ok(count > 0)
}

/// Grants admin; `granted_by` is `None` from the command line. Returns whether the
/// grant is new (an existing one is kept as it is).
pub async fn grant_admin(
    conn: &mut Conn,
    employee_id: i64,
    granted_by: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO admin_grants (employee_id, granted_by, granted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (employee_id) DO NOTHING",
    )
    .bind(employee_id)
    .bind(granted_by)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(inserted > 0)
}

pub async fn revoke_admin(conn: &mut Conn, employee_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM admin_grants WHERE employee_id = $1")
        .bind(employee_id)
        .execute(conn)
        .await
        .map(|_| ())
}
