//! What the SKP document reads besides the plan itself: who approved it and when,
//! and the names and ranks of the people who sign it.

use crate::platform::db::Conn;

/// The approval stamp of a plan (both `None` before approval).
#[derive(sqlx::FromRow)]
pub struct Approval {
    pub approved_by: Option<i64>,
    pub approved_at: Option<i64>,
}

/// An employee as a signature block names them.
#[derive(sqlx::FromRow)]
pub struct SignatoryRow {
    pub name: String,
    pub nip: Option<String>,
    pub golongan: Option<String>,
    pub jabatan: Option<String>,
    pub unit: Option<String>,
}

pub async fn approval(conn: &mut Conn, plan_id: i64) -> Result<Approval, sqlx::Error> {
    sqlx::query_as("SELECT approved_by, approved_at FROM skp_plans WHERE id = $1")
        .bind(plan_id)
        .fetch_one(conn)
        .await
}

/// `None`: no such employee.
pub async fn signatory(
    conn: &mut Conn,
    employee_id: i64,
) -> Result<Option<SignatoryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.name, e.nip, e.golongan, p.title AS jabatan, u.name AS unit FROM employees e \
         LEFT JOIN positions p ON p.id = e.position_id LEFT JOIN units u ON u.id = p.unit_id WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(conn)
    .await
}
