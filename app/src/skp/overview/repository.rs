//! The reads behind the planning overviews: a supervisor's RHK and the RHK that
//! support them, plan counts per unit, and the shape and details of the cascade.

use super::types::CascadeNode;
use crate::identity::roles::placeholders;
use crate::platform::db::Conn;
use crate::skp::types::{PlanStatus, RhkKind};

/// Whose matrix it is, and the state of their plan.
#[derive(sqlx::FromRow)]
pub struct MatrixHead {
    pub name: String,
    /// `None`: no plan for the year.
    pub status: Option<PlanStatus>,
}

/// An RHK of the matrix owner's plan, in plan order.
#[derive(sqlx::FromRow)]
pub struct OwnRhk {
    pub id: i64,
    pub kind: RhkKind,
    pub text: String,
}

/// An RHK that supports one of the matrix rows, with its owner.
#[derive(sqlx::FromRow)]
pub struct SupportingRhk {
    pub parent_rhk_id: i64,
    pub employee_id: i64,
    pub text: String,
}

/// An active unit in the tree.
#[derive(sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
}

/// How many active employees of a unit have a plan in `status` (`None`: no plan).
#[derive(sqlx::FromRow)]
pub struct PlanCount {
    pub unit_id: i64,
    pub status: Option<PlanStatus>,
    pub plans: i64,
}

/// An RHK's place in the cascade. Fields in page order (by owner, then by place
/// in the plan), so sorting the rows sorts the page.
#[derive(sqlx::FromRow, PartialEq, Eq, PartialOrd, Ord)]
pub struct ShapeRow {
    pub employee_id: i64,
    pub sort_order: i64,
    pub id: i64,
    pub parent_rhk_id: Option<i64>,
}

/// The position `employee_id` holds, if any.
pub async fn held_positions(conn: &mut Conn, employee_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT position_id FROM employees WHERE id = $1 AND position_id IS NOT NULL",
    )
    .bind(employee_id)
    .fetch_all(conn)
    .await
}

/// `None`: no such employee.
pub async fn matrix_head(
    conn: &mut Conn,
    employee_id: i64,
    year: i64,
) -> Result<Option<MatrixHead>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.name, s.status FROM employees e \
         LEFT JOIN skp_plans s ON s.employee_id = e.id AND s.year = $2 WHERE e.id = $1",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_optional(conn)
    .await
}

/// The RHK of `employee_id`'s plan for `year`, whatever its state.
pub async fn own_rhk(
    conn: &mut Conn,
    employee_id: i64,
    year: i64,
) -> Result<Vec<OwnRhk>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.kind, r.text FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id \
         WHERE s.employee_id = $1 AND s.year = $2 ORDER BY r.sort_order",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_all(conn)
    .await
}

/// The RHK that support any of `parents`, in plan order.
pub async fn supporting_rhk(
    conn: &mut Conn,
    parents: &[i64],
) -> Result<Vec<SupportingRhk>, sqlx::Error> {
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT r.parent_rhk_id, s.employee_id, r.text FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id \
         WHERE r.parent_rhk_id IN ({}) ORDER BY r.sort_order",
        placeholders(1, parents.len())
    );
    let mut query = sqlx::query_as(&sql);
    for id in parents {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}

/// Every active unit, by name.
pub async fn active_units(conn: &mut Conn) -> Result<Vec<UnitRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, parent_id, name FROM units WHERE active = 1 ORDER BY name")
        .fetch_all(conn)
        .await
}

/// Active employees per unit and state of their plan for `year`.
pub async fn plan_counts(conn: &mut Conn, year: i64) -> Result<Vec<PlanCount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.unit_id, s.status, COUNT(*) AS plans FROM employees e JOIN positions p ON p.id = e.position_id \
         LEFT JOIN skp_plans s ON s.employee_id = e.id AND s.year = $1 WHERE e.active = 1 GROUP BY p.unit_id, s.status",
    )
    .bind(year)
    .fetch_all(conn)
    .await
}

const SHAPE_SELECT: &str = "SELECT r.id, r.parent_rhk_id, s.employee_id, r.sort_order \
     FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id";

/// Rows of `SHAPE_SELECT ...`, in page order.
async fn read_shape(
    conn: &mut Conn,
    sql: &str,
    binds: &[i64],
) -> Result<Vec<ShapeRow>, sqlx::Error> {
    use futures::TryStreamExt;
    let mut query = sqlx::query_as(sql);
    for value in binds {
        query = query.bind(*value);
    }
    let mut read: Vec<ShapeRow> = query.fetch(conn).try_collect().await?;
    // Sorted here rather than in SQL: SQLite took 180 ms to sort 150,000 RHK.
    read.sort_unstable();
    Ok(read)
}

/// Every RHK of the year in the units `ids`.
pub async fn shape_in_units(
    conn: &mut Conn,
    year: i64,
    ids: &[i64],
) -> Result<Vec<ShapeRow>, sqlx::Error> {
    let sql = format!(
        "{SHAPE_SELECT} JOIN employees e ON e.id = s.employee_id JOIN positions p ON p.id = e.position_id \
         WHERE s.year = $1 AND p.unit_id IN ({})",
        placeholders(2, ids.len())
    );
    let binds: Vec<i64> = std::iter::once(year).chain(ids.iter().copied()).collect();
    read_shape(conn, &sql, &binds).await
}

/// How many RHK the plans of `year` have.
pub async fn rhk_count(conn: &mut Conn, year: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id WHERE s.year = $1",
    )
    .bind(year)
    .fetch_one(conn)
    .await
}

/// The RHK of `year` that support nothing and that others support: the cascade's tops.
pub async fn top_shape(conn: &mut Conn, year: i64) -> Result<Vec<ShapeRow>, sqlx::Error> {
    read_shape(
        conn,
        &format!(
            "{SHAPE_SELECT} WHERE s.year = $1 AND r.parent_rhk_id IS NULL \
             AND EXISTS (SELECT 1 FROM skp_rhk c WHERE c.parent_rhk_id = r.id)"
        ),
        &[year],
    )
    .await
}

/// The RHK that support any of `parents`.
pub async fn shape_under(conn: &mut Conn, parents: &[i64]) -> Result<Vec<ShapeRow>, sqlx::Error> {
    let sql = format!(
        "{SHAPE_SELECT} WHERE r.parent_rhk_id IN ({})",
        placeholders(1, parents.len())
    );
    read_shape(conn, &sql, parents).await
}

/// At most `limit` RHK of `year` that support nothing and that nobody supports,
/// by owner and place in the plan.
pub async fn lone_shape(
    conn: &mut Conn,
    year: i64,
    limit: i64,
) -> Result<Vec<ShapeRow>, sqlx::Error> {
    read_shape(
        conn,
        &format!(
            "{SHAPE_SELECT} WHERE s.year = $1 AND r.parent_rhk_id IS NULL \
             AND NOT EXISTS (SELECT 1 FROM skp_rhk c WHERE c.parent_rhk_id = r.id) \
             ORDER BY s.employee_id, r.sort_order LIMIT $2"
        ),
        &[year, limit],
    )
    .await
}

/// The RHK `ids` (at most a few hundred at once) with their text, owner and plan
/// state, without their supporting RHK.
pub async fn rhk_details(conn: &mut Conn, ids: &[i64]) -> Result<Vec<CascadeNode>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT r.id AS rhk_id, r.text, e.id AS employee_id, e.name AS employee_name, \
         p.title AS position_title, s.status \
         FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id JOIN employees e ON e.id = s.employee_id \
         JOIN positions p ON p.id = e.position_id WHERE r.id IN ({})",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}
