//! Employees with their plan status in a year: a supervisor's direct reports (the
//! team page, the Matriks Peran Hasil) and who in a unit has no approved plan.

use super::types::PlanHolder;
use crate::identity::roles::placeholders;
use crate::platform::db::Conn;
use crate::skp::types::PlanStatus;

const SELECT: &str =
    "SELECT e.id AS employee_id, e.name, p.title AS position_title, s.status FROM employees e \
     JOIN positions p ON p.id = e.position_id \
     LEFT JOIN skp_plans s ON s.employee_id = e.id AND s.year = $1 WHERE e.active = 1";

/// Active employees in positions directly under `positions` (but not `except`).
pub async fn direct_reports(
    conn: &mut Conn,
    positions: &[i64],
    except: i64,
    year: i64,
) -> Result<Vec<PlanHolder>, sqlx::Error> {
    if positions.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT} AND e.id <> $2 AND p.parent_id IN ({}) ORDER BY p.title, e.name",
        placeholders(3, positions.len())
    );
    let mut query = sqlx::query_as(&sql).bind(year).bind(except);
    for id in positions {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// Active employees in `units` whose plan is not approved, those without one first.
pub async fn pending_in_units(
    conn: &mut Conn,
    units: &[i64],
    year: i64,
) -> Result<Vec<PlanHolder>, sqlx::Error> {
    if units.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT} AND (s.status IS NULL OR s.status <> $2) AND p.unit_id IN ({}) \
         ORDER BY CASE WHEN s.status IS NULL THEN 0 ELSE 1 END, e.name LIMIT 300",
        placeholders(3, units.len())
    );
    let mut query = sqlx::query_as(&sql).bind(year).bind(PlanStatus::Approved);
    for id in units {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// The reporting year (`None` before any is open) and the caller's direct
/// reports (incl. through a Plt./Plh. seat) whose plan for it is approved, by
/// name: the people a supervisor follows per period (realisasi, penilaian).
pub async fn approved_team(
    conn: &mut Conn,
    user: &crate::identity::roles::SessionUser,
) -> Result<Option<(i64, Vec<PlanHolder>)>, sqlx::Error> {
    let this_year = crate::skp::overview::service::this_year();
    let Some(year) = crate::skp::period::repository::reporting_year(conn, this_year).await? else {
        return Ok(None);
    };
    let mut people =
        direct_reports(conn, &user.supervising_positions, user.employee_id(), year).await?;
    people.retain(|p| p.status == Some(PlanStatus::Approved));
    people.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Some((year, people)))
}
