//! The monitors' reads: everyone evaluated in a period with how far their
//! evaluation has come, and the units whose curves count.

use crate::penilaian::types::EvaluationStatus;
use crate::platform::db::Conn;
use crate::skp::types::PlanStatus;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StageRow {
    pub employee_id: i64,
    pub name: String,
    pub nip: Option<String>,
    pub unit_id: i64,
    pub atasan: Option<String>,
    pub filed_at: Option<i64>,
    pub status: Option<EvaluationStatus>,
    pub rated_by: Option<i64>,
}

/// Active employees whose plan for `year` is approved, each with their
/// realisasi filing (of the period; for the annual evaluation, the year's
/// latest) and their evaluation of `period_id`, if any; `with_atasan`: also the
/// name of who should rate them (for the lists that name people).
pub async fn stages(
    conn: &mut Conn,
    year: i64,
    period_id: i64,
    annual: bool,
    with_atasan: bool,
) -> Result<Vec<StageRow>, sqlx::Error> {
    let filed = if annual {
        "(SELECT MAX(r.filed_at) FROM realisasi_reports r JOIN periods q ON q.id = r.period_id \
          WHERE r.employee_id = e.id AND q.year = $1)"
    } else {
        "(SELECT r.filed_at FROM realisasi_reports r WHERE r.employee_id = e.id AND r.period_id = $2)"
    };
    let atasan = if with_atasan {
        "(SELECT MIN(a.name) FROM employees a WHERE a.position_id = p.parent_id AND a.active = 1)"
    } else {
        "CAST(NULL AS TEXT)"
    };
    sqlx::query_as(&format!(
        "SELECT e.id AS employee_id, e.name, e.nip, p.unit_id, {atasan} AS atasan, \
                {filed} AS filed_at, v.status, v.rated_by \
         FROM skp_plans s JOIN employees e ON e.id = s.employee_id \
         JOIN positions p ON p.id = e.position_id \
         LEFT JOIN evaluations v ON v.employee_id = e.id AND v.period_id = $2 \
         WHERE s.year = $1 AND s.status = $3 AND e.active = 1"
    ))
    .bind(year)
    .bind(period_id)
    .bind(PlanStatus::Approved)
    .fetch_all(conn)
    .await
}

/// The units kerja whose curves count (perangkat daerah and kecamatan, and any
/// other unit an evaluation of the period counts in), by name.
pub async fn curve_units(
    conn: &mut Conn,
    period_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM units WHERE (active = 1 AND kind IN ('perangkat_daerah', 'kecamatan')) \
         OR id IN (SELECT unit_id FROM evaluations WHERE period_id = $1) ORDER BY name",
    )
    .bind(period_id)
    .fetch_all(conn)
    .await
}
