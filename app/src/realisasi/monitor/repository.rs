//! The monitor's one read: everyone who must report for a period, with their unit
//! and their report's filing, if any.

use crate::platform::db::Conn;
use crate::skp::types::PlanStatus;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DutyRow {
    pub employee_id: i64,
    pub name: String,
    pub nip: Option<String>,
    pub unit_id: i64,
    pub filed_at: Option<i64>,
    pub late: Option<i64>,
}

/// Active employees whose plan for `year` is approved, with their report for
/// `period_id` (if they filed or saved one).
pub async fn duties(
    conn: &mut Conn,
    year: i64,
    period_id: i64,
) -> Result<Vec<DutyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id AS employee_id, e.name, e.nip, p.unit_id, r.filed_at, r.late \
         FROM skp_plans s JOIN employees e ON e.id = s.employee_id \
         JOIN positions p ON p.id = e.position_id \
         LEFT JOIN realisasi_reports r ON r.employee_id = e.id AND r.period_id = $2 \
         WHERE s.year = $1 AND s.status = $3 AND e.active = 1",
    )
    .bind(year)
    .bind(period_id)
    .bind(PlanStatus::Approved)
    .fetch_all(conn)
    .await
}
