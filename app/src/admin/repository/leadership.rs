//! The leadership overview's counts, per perangkat daerah.

use crate::admin::types::UnitLeadership;
use crate::organisation::types::JabatanKind;
use crate::platform::db::Conn;

#[derive(sqlx::FromRow)]
struct LeadershipRow {
    unit_id: i64,
    unit_name: String,
    employees: i64,
    structural_positions: i64,
    vacant_positions: i64,
    covered_by_acting: i64,
}

/// Per perangkat daerah: active employees, active structural positions, those
/// without a holder, and those of them an acting official covers on `today` (ISO).
pub async fn overview(conn: &mut Conn, today: &str) -> Result<Vec<UnitLeadership>, sqlx::Error> {
    // Each count in one pass, grouped by top unit (correlated per unit, the same
    // counts took 1.4 s at 1,000,000 employees on PostgreSQL).
    let rows: Vec<LeadershipRow> = sqlx::query_as(
        "WITH RECURSIVE tree (root, id) AS ( \
             SELECT u.id, u.id FROM units u JOIN units top ON top.id = u.parent_id \
             WHERE top.parent_id IS NULL AND u.active = 1 \
             UNION ALL SELECT t.root, c.id FROM units c JOIN tree t ON c.parent_id = t.id WHERE c.active = 1 \
         ), staff AS ( \
             SELECT t.root, COUNT(*) AS n FROM employees e JOIN positions p ON p.id = e.position_id \
             JOIN tree t ON t.id = p.unit_id WHERE e.active = 1 GROUP BY t.root \
         ), structural AS ( \
             SELECT t.root, \
               EXISTS (SELECT 1 FROM employees e WHERE e.position_id = p.id AND e.active = 1) AS held, \
               EXISTS (SELECT 1 FROM acting_assignments a WHERE a.position_id = p.id AND a.revoked_at IS NULL \
                  AND a.starts_on <= $1 AND a.ends_on >= $1) AS acting \
             FROM tree t JOIN positions p ON p.unit_id = t.id \
             WHERE p.active = 1 AND p.kind IN ($2, $3, $4) \
         ), posts AS ( \
             SELECT root, COUNT(*) AS n, SUM(CASE WHEN held THEN 0 ELSE 1 END) AS vacant, \
               SUM(CASE WHEN acting AND NOT held THEN 1 ELSE 0 END) AS covered \
             FROM structural GROUP BY root \
         ) \
         SELECT u.id AS unit_id, u.name AS unit_name, COALESCE(staff.n, 0) AS employees, \
           COALESCE(posts.n, 0) AS structural_positions, COALESCE(posts.vacant, 0) AS vacant_positions, \
           COALESCE(posts.covered, 0) AS covered_by_acting \
         FROM units u JOIN units top ON top.id = u.parent_id \
         LEFT JOIN staff ON staff.root = u.id LEFT JOIN posts ON posts.root = u.id \
         WHERE top.parent_id IS NULL AND u.active = 1 ORDER BY u.code",
    )
    .bind(today)
    .bind(JabatanKind::Jpt)
    .bind(JabatanKind::Administrator)
    .bind(JabatanKind::Pengawas)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UnitLeadership {
            unit_id: r.unit_id,
            unit_name: r.unit_name,
            employees: r.employees,
            structural_positions: r.structural_positions,
            vacant_positions: r.vacant_positions,
            covered_by_acting: r.covered_by_acting,
        })
        .collect())
}
