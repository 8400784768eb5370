//! Units and positions: the organisation's two trees, as administration lists
//! and changes them.

use crate::admin::types::{AdminPosition, AdminUnit};
use crate::organisation::types::{JabatanKind, UnitKind};
use crate::platform::db::Conn;

#[derive(sqlx::FromRow)]
struct UnitListRow {
    id: i64,
    code: String,
    name: String,
    kind: String,
    parent_id: Option<i64>,
    parent_name: Option<String>,
    active: i64,
}

/// Up to 100 units whose name or code contains `query`.
pub async fn search_units(conn: &mut Conn, query: &str) -> Result<Vec<AdminUnit>, sqlx::Error> {
    let pattern = crate::organisation::repository::like_pattern(query.trim());
    let rows: Vec<UnitListRow> = sqlx::query_as(
        "SELECT u.id, u.code, u.name, u.kind, u.parent_id, p.name AS parent_name, u.active FROM units u \
         LEFT JOIN units p ON p.id = u.parent_id \
         WHERE LOWER(u.name) LIKE $1 ESCAPE '\\' OR u.code LIKE $1 ESCAPE '\\' \
         ORDER BY u.code LIMIT 100",
    )
    .bind(pattern)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AdminUnit {
            id: r.id,
            code: r.code,
            name: r.name,
            kind: r.kind,
            parent_id: r.parent_id,
            parent_name: r.parent_name,
            active: r.active != 0,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct PositionListRow {
    id: i64,
    unit_id: i64,
    title: String,
    kind: String,
    parent_id: Option<i64>,
    parent_title: Option<String>,
    active: i64,
}

#[derive(sqlx::FromRow)]
struct HolderRow {
    position_id: i64,
    name: String,
}

/// Every position of a unit, with the names of their active holders.
pub async fn unit_positions(
    conn: &mut Conn,
    unit_id: i64,
) -> Result<Vec<AdminPosition>, sqlx::Error> {
    let rows: Vec<PositionListRow> = sqlx::query_as(
        "SELECT p.id, p.unit_id, p.title, p.kind, p.parent_id, pp.title AS parent_title, p.active \
         FROM positions p LEFT JOIN positions pp ON pp.id = p.parent_id \
         WHERE p.unit_id = $1 ORDER BY p.id",
    )
    .bind(unit_id)
    .fetch_all(&mut *conn)
    .await?;
    let holders: Vec<HolderRow> = sqlx::query_as(
        "SELECT e.position_id, e.name FROM employees e JOIN positions p ON p.id = e.position_id \
         WHERE p.unit_id = $1 AND e.active = 1 ORDER BY e.name",
    )
    .bind(unit_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AdminPosition {
            holders: holders
                .iter()
                .filter(|h| h.position_id == r.id)
                .map(|h| h.name.clone())
                .collect(),
            id: r.id,
            unit_id: r.unit_id,
            title: r.title,
            kind: r.kind,
            parent_id: r.parent_id,
            parent_title: r.parent_title,
            active: r.active != 0,
        })
        .collect())
}

/// The two trees whose parent links [`is_descendant`] follows.
#[derive(Clone, Copy)]
pub enum Tree {
    Units,
    Positions,
}

/// Whether `candidate` is `node` or lies below it, following the tree's parent
/// links (a chain deeper than 64 counts as below, to refuse rather than loop).
pub async fn is_descendant(
    conn: &mut Conn,
    tree: Tree,
    candidate: i64,
    node: i64,
) -> Result<bool, sqlx::Error> {
    let sql = match tree {
        Tree::Units => "SELECT parent_id FROM units WHERE id = $1",
        Tree::Positions => "SELECT parent_id FROM positions WHERE id = $1",
    };
    let mut current = Some(candidate);
    for _ in 0..64 {
        match current {
            None => return Ok(false),
            Some(id) if id == node => return Ok(true),
            Some(id) => {
                let parent: Option<Option<i64>> = sqlx::query_scalar(sql)
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
                current = parent.flatten();
            }
        }
    }
    Ok(true)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    active: i64,
}

impl Unit {
    pub fn is_active(&self) -> bool {
        self.active != 0
    }
}

pub async fn find_unit(conn: &mut Conn, id: i64) -> Result<Option<Unit>, sqlx::Error> {
    sqlx::query_as("SELECT code, name, kind, parent_id, active FROM units WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// How many units (of any state) sit directly under `parent_id`.
pub async fn count_subunits(conn: &mut Conn, parent_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM units WHERE parent_id = $1")
        .bind(parent_id)
        .fetch_one(conn)
        .await
}

/// Whether a unit still has active positions or active sub-units.
pub async fn unit_in_use(conn: &mut Conn, id: i64) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM positions WHERE unit_id = $1 AND active = 1) \
              + (SELECT COUNT(*) FROM units WHERE parent_id = $1 AND active = 1)",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

pub struct UnitFields<'a> {
    pub parent_id: i64,
    pub name: &'a str,
    pub kind: UnitKind,
    pub active: bool,
}

/// Adds a unit with `code`; returns its id. A code already taken fails with
/// `units_code_key`, answered by `platform::constraints`.
pub async fn insert_unit(
    conn: &mut Conn,
    code: &str,
    u: &UnitFields<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO units (parent_id, code, name, kind, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(u.parent_id)
    .bind(code)
    .bind(u.name)
    .bind(u.kind)
    .bind(i64::from(u.active))
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn update_unit(
    conn: &mut Conn,
    id: i64,
    u: &UnitFields<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE units SET name = $1, kind = $2, parent_id = $3, active = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(u.name)
    .bind(u.kind)
    .bind(u.parent_id)
    .bind(i64::from(u.active))
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Position {
    pub unit_id: i64,
    pub parent_id: Option<i64>,
    pub title: String,
    pub kind: String,
    active: i64,
}

impl Position {
    pub fn is_active(&self) -> bool {
        self.active != 0
    }
}

pub async fn find_position(conn: &mut Conn, id: i64) -> Result<Option<Position>, sqlx::Error> {
    sqlx::query_as("SELECT unit_id, parent_id, title, kind, active FROM positions WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Whether the position exists and is active.
pub async fn position_is_active(conn: &mut Conn, id: i64) -> Result<bool, sqlx::Error> {
    Ok(find_position(conn, id)
        .await?
        .is_some_and(|p| p.is_active()))
}

/// Whether the position still has active holders or active subordinate positions.
pub async fn position_in_use(conn: &mut Conn, id: i64) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM employees WHERE position_id = $1 AND active = 1) \
              + (SELECT COUNT(*) FROM positions WHERE parent_id = $1 AND active = 1)",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

pub struct PositionFields<'a> {
    pub unit_id: i64,
    pub parent_id: i64,
    pub title: &'a str,
    pub kind: JabatanKind,
}

/// Adds an active position; returns its id.
pub async fn insert_position(
    conn: &mut Conn,
    p: &PositionFields<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO positions (unit_id, parent_id, title, kind, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
    )
    .bind(p.unit_id)
    .bind(p.parent_id)
    .bind(p.title)
    .bind(p.kind)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn update_position(
    conn: &mut Conn,
    id: i64,
    p: &PositionFields<'_>,
    active: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE positions SET unit_id = $1, parent_id = $2, title = $3, kind = $4, active = $5, \
         updated_at = $6 WHERE id = $7",
    )
    .bind(p.unit_id)
    .bind(p.parent_id)
    .bind(p.title)
    .bind(p.kind)
    .bind(i64::from(active))
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}
