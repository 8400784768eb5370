//! Reading people: one employee's page, an atasan's team, and the search.

use super::roles::{placeholders, SessionUser};
use super::types::{ActingAssignment, EmployeeProfile, EmployeeRow, PersonRef, Reach, Team};
use crate::calendar::CivilDate;
use crate::platform::db::{now_millis, Db};
use sqlx::any::AnyRow;
use sqlx::Row;

/// Most rows a search or a team's indirect list returns.
pub const LIST_LIMIT: i64 = 100;

const ROW_COLUMNS: &str = "e.id, e.nip, e.name, p.title, u.name, e.active";
const ROW_JOINS: &str =
    "FROM employees e LEFT JOIN positions p ON p.id = e.position_id LEFT JOIN units u ON u.id = p.unit_id";

fn employee_row(row: &AnyRow) -> Result<EmployeeRow, sqlx::Error> {
    Ok(EmployeeRow {
        id: row.try_get(0)?,
        nip: row.try_get(1)?,
        name: row.try_get(2)?,
        position_title: row.try_get(3)?,
        unit_name: row.try_get(4)?,
        active: row.try_get::<i64, _>(5)? != 0,
    })
}

pub async fn profile(
    db: &Db,
    employee_id: i64,
    reach: Reach,
) -> Result<Option<EmployeeProfile>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT e.id, e.nip, e.name, e.sex, e.birth_date, e.status, e.golongan, e.active, \
                e.position_id, p.title, p.kind, u.id, u.name, p.parent_id, \
                (SELECT COUNT(*) FROM admin_grants g WHERE g.employee_id = e.id), \
                a.employee_id, a.must_change_password \
         FROM employees e LEFT JOIN positions p ON p.id = e.position_id \
         LEFT JOIN units u ON u.id = p.unit_id \
         LEFT JOIN accounts a ON a.employee_id = e.id WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let parent_position: Option<i64> = row.try_get(13)?;
    let supervisor = match parent_position {
        Some(parent) => supervisor_of_position(db, parent).await?,
        None => None,
    };
    Ok(Some(EmployeeProfile {
        id: row.try_get(0)?,
        nip: row.try_get(1)?,
        name: row.try_get(2)?,
        sex: row.try_get(3)?,
        birth_date: row.try_get(4)?,
        status: row.try_get(5)?,
        golongan: row.try_get(6)?,
        active: row.try_get::<i64, _>(7)? != 0,
        position_id: row.try_get(8)?,
        position_title: row.try_get(9)?,
        position_kind: row.try_get(10)?,
        unit_id: row.try_get(11)?,
        unit_name: row.try_get(12)?,
        supervisor,
        is_admin: row.try_get::<i64, _>(14)? > 0,
        has_account: row.try_get::<Option<i64>, _>(15)?.is_some(),
        must_change_password: row.try_get::<Option<i64>, _>(16)?.unwrap_or(0) != 0,
        acting: acting_of(db, employee_id).await?,
        reach,
        can_administer: false,
        unit_positions: Vec::new(),
    }))
}

/// The supervisor as the profile shows them ("Plt./Plh. …" when acting).
async fn supervisor_of_position(db: &Db, parent: i64) -> Result<Option<PersonRef>, sqlx::Error> {
    let mut conn = db.read().await?;
    Ok(
        crate::organisation::supervision::seat_holder(&mut conn, parent)
            .await?
            .map(|s| PersonRef {
                id: s.employee_id,
                name: s.name.clone(),
                position_title: Some(if s.is_acting() {
                    format!("Plt./Plh. {}", s.position_title)
                } else {
                    s.position_title.clone()
                }),
            }),
    )
}

pub async fn acting_of(db: &Db, employee_id: i64) -> Result<Vec<ActingAssignment>, sqlx::Error> {
    let today = CivilDate::wib_from_millis(now_millis()).to_iso();
    let rows = sqlx::query(
        "SELECT a.id, a.kind, a.position_id, p.title, u.name, a.starts_on, a.ends_on \
         FROM acting_assignments a JOIN positions p ON p.id = a.position_id \
         JOIN units u ON u.id = p.unit_id \
         WHERE a.employee_id = $1 AND a.revoked_at IS NULL ORDER BY a.starts_on DESC",
    )
    .bind(employee_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let starts_on: String = r.try_get(5)?;
            let ends_on: String = r.try_get(6)?;
            Ok(ActingAssignment {
                id: r.try_get(0)?,
                kind: r.try_get(1)?,
                position_id: r.try_get(2)?,
                position_title: r.try_get(3)?,
                unit_name: r.try_get(4)?,
                in_force: starts_on <= today && ends_on >= today,
                starts_on,
                ends_on,
            })
        })
        .collect()
}

/// Direct reports of the positions the user supervises, and the first
/// `LIST_LIMIT` people further down.
pub async fn team(db: &Db, user: &SessionUser) -> Result<Team, sqlx::Error> {
    let positions = &user.supervising_positions;
    if positions.is_empty() {
        return Ok(Team {
            direct: Vec::new(),
            indirect: Vec::new(),
            indirect_total: 0,
        });
    }
    let list = placeholders(1, positions.len());
    let direct_sql = format!(
        "SELECT {ROW_COLUMNS} {ROW_JOINS} WHERE e.active = 1 AND p.parent_id IN ({list}) \
         AND e.id <> ${} ORDER BY e.name",
        positions.len() + 1
    );
    let mut direct = sqlx::query(&direct_sql);
    for id in positions {
        direct = direct.bind(*id);
    }
    let direct = direct
        .bind(user.employee_id())
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(employee_row)
        .collect::<Result<Vec<_>, _>>()?;

    let below = format!(
        "WITH RECURSIVE below (id, depth) AS ( \
             SELECT c.id, 1 FROM positions c WHERE c.parent_id IN ({list}) \
             UNION ALL \
             SELECT c.id, b.depth + 1 FROM positions c JOIN below b ON c.parent_id = b.id WHERE b.depth < 30 \
         )"
    );
    let indirect_sql = format!(
        "{below} SELECT {ROW_COLUMNS} {ROW_JOINS} JOIN below b ON b.id = e.position_id \
         WHERE e.active = 1 AND b.depth >= 2 ORDER BY u.name, e.name LIMIT {LIST_LIMIT}"
    );
    let count_sql = format!(
        "{below} SELECT COUNT(*) FROM employees e JOIN below b ON b.id = e.position_id \
         WHERE e.active = 1 AND b.depth >= 2"
    );
    let mut indirect = sqlx::query(&indirect_sql);
    let mut count = sqlx::query(&count_sql);
    for id in positions {
        indirect = indirect.bind(*id);
        count = count.bind(*id);
    }
    let indirect = indirect
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(employee_row)
        .collect::<Result<Vec<_>, _>>()?;
    let indirect_total: i64 = count.fetch_one(db.pool()).await?.try_get(0)?;
    Ok(Team {
        direct,
        indirect,
        indirect_total,
    })
}

/// Employees whose name or NIP contains `query` (case-insensitive), across the tree.
pub async fn search(db: &Db, query: &str) -> Result<Vec<EmployeeRow>, sqlx::Error> {
    let pattern = crate::organisation::repository::like_pattern(query);
    let sql = format!(
        "SELECT {ROW_COLUMNS} {ROW_JOINS} \
         WHERE LOWER(e.name) LIKE $1 ESCAPE '\\' OR e.nip LIKE $1 ESCAPE '\\' \
         ORDER BY e.active DESC, e.name LIMIT {LIST_LIMIT}"
    );
    sqlx::query(&sql)
        .bind(pattern)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(employee_row)
        .collect()
}
