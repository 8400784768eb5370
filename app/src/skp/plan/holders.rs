//! Employees with their plan status in a year: a supervisor's direct reports (the
//! team page, the Matriks Peran Hasil) and who in a unit has no approved plan.

use super::super::plan::types::PlanHolder;
use crate::identity::roles::placeholders;
use crate::platform::db::Db;
use sqlx::Row;

const SELECT: &str = "SELECT e.id, e.name, p.title, s.status FROM employees e \
     JOIN positions p ON p.id = e.position_id \
     LEFT JOIN skp_plans s ON s.employee_id = e.id AND s.year = $1 WHERE e.active = 1";

/// Active employees in positions directly under `positions` (but not `except`).
pub async fn direct_reports(
    db: &Db,
    positions: &[i64],
    except: i64,
    year: i64,
) -> Result<Vec<PlanHolder>, sqlx::Error> {
    let sql = format!(
        "{SELECT} AND e.id <> $2 AND p.parent_id IN ({}) ORDER BY p.title, e.name",
        placeholders(3, positions.len())
    );
    fetch(db, &sql, year, Some(except), positions).await
}

/// Active employees in `units` whose plan is not approved, those without one first.
pub async fn pending_in_units(
    db: &Db,
    units: &[i64],
    year: i64,
) -> Result<Vec<PlanHolder>, sqlx::Error> {
    let sql = format!(
        "{SELECT} AND (s.status IS NULL OR s.status <> 'disetujui') AND p.unit_id IN ({}) \
         ORDER BY CASE WHEN s.status IS NULL THEN 0 ELSE 1 END, e.name LIMIT 300",
        placeholders(2, units.len())
    );
    fetch(db, &sql, year, None, units).await
}

async fn fetch(
    db: &Db,
    sql: &str,
    year: i64,
    second: Option<i64>,
    ids: &[i64],
) -> Result<Vec<PlanHolder>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = sqlx::query(sql).bind(year);
    if let Some(value) = second {
        query = query.bind(value);
    }
    for id in ids {
        query = query.bind(*id);
    }
    query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(PlanHolder {
                employee_id: r.try_get(0)?,
                name: r.try_get(1)?,
                position_title: r.try_get(2)?,
                status: r.try_get(3)?,
            })
        })
        .collect()
}
