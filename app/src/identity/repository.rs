//! Reading people (one employee's page, an atasan's team, the search) and the
//! accounts they sign in with.

use super::roles::{placeholders, SessionUser};
use super::types::{ActingAssignment, EmployeeProfile, EmployeeRow, PersonRef, Reach, Team};
use crate::calendar::CivilDate;
use crate::organisation::types::JabatanKind;
use crate::platform::db::{now_millis, Conn};

/// Most rows a search or a team's indirect list returns.
pub const LIST_LIMIT: i64 = 100;

const ROW_COLUMNS: &str =
    "e.id, e.nip, e.name, p.title AS position_title, u.name AS unit_name, e.active";
const ROW_JOINS: &str =
    "FROM employees e LEFT JOIN positions p ON p.id = e.position_id LEFT JOIN units u ON u.id = p.unit_id";

/// `ROW_COLUMNS` as read; `active` is a stored flag.
#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    nip: Option<String>,
    name: String,
    position_title: Option<String>,
    unit_name: Option<String>,
    active: i64,
}

impl From<PersonRow> for EmployeeRow {
    fn from(row: PersonRow) -> Self {
        EmployeeRow {
            id: row.id,
            nip: row.nip,
            name: row.name,
            position_title: row.position_title,
            unit_name: row.unit_name,
            active: row.active != 0,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    nip: Option<String>,
    name: String,
    sex: String,
    birth_date: String,
    status: crate::organisation::types::EmployeeStatus,
    golongan: Option<String>,
    active: i64,
    position_id: Option<i64>,
    position_title: Option<String>,
    position_kind: Option<JabatanKind>,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    parent_position_id: Option<i64>,
    admin_grants: i64,
    account_id: Option<i64>,
    must_change_password: Option<i64>,
}

pub async fn profile(
    conn: &mut Conn,
    employee_id: i64,
    reach: Reach,
) -> Result<Option<EmployeeProfile>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, ProfileRow>(
        "SELECT e.id, e.nip, e.name, e.sex, e.birth_date, e.status, e.golongan, e.active, \
                e.position_id, p.title AS position_title, p.kind AS position_kind, \
                u.id AS unit_id, u.name AS unit_name, p.parent_id AS parent_position_id, \
                (SELECT COUNT(*) FROM admin_grants g WHERE g.employee_id = e.id) AS admin_grants, \
                a.employee_id AS account_id, a.must_change_password \
         FROM employees e LEFT JOIN positions p ON p.id = e.position_id \
         LEFT JOIN units u ON u.id = p.unit_id \
         LEFT JOIN accounts a ON a.employee_id = e.id WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let supervisor = match row.parent_position_id {
        Some(parent) => supervisor_of_position(conn, parent).await?,
        None => None,
    };
    Ok(Some(EmployeeProfile {
        id: row.id,
        nip: row.nip,
        name: row.name,
        sex: row.sex,
        birth_date: row.birth_date,
        status: row.status,
        golongan: row.golongan,
        active: row.active != 0,
        position_id: row.position_id,
        position_title: row.position_title,
        position_kind: row.position_kind,
        unit_id: row.unit_id,
        unit_name: row.unit_name,
        supervisor,
        is_admin: row.admin_grants > 0,
        has_account: row.account_id.is_some(),
        must_change_password: row.must_change_password.unwrap_or(0) != 0,
        acting: acting_of(conn, employee_id).await?,
        reach,
        can_administer: false,
        unit_positions: Vec::new(),
    }))
}

/// The supervisor as the profile shows them ("Plt./Plh. …" when acting).
async fn supervisor_of_position(
    conn: &mut Conn,
    parent: i64,
) -> Result<Option<PersonRef>, sqlx::Error> {
    Ok(crate::organisation::supervision::seat_holder(conn, parent)
        .await?
        .map(|s| PersonRef {
            id: s.employee_id,
            name: s.name.clone(),
            position_title: Some(if s.is_acting() {
                format!("Plt./Plh. {}", s.position_title)
            } else {
                s.position_title.clone()
            }),
        }))
}

#[derive(sqlx::FromRow)]
struct ActingRow {
    id: i64,
    kind: String,
    position_id: i64,
    position_title: String,
    unit_name: String,
    starts_on: String,
    ends_on: String,
}

pub async fn acting_of(
    conn: &mut Conn,
    employee_id: i64,
) -> Result<Vec<ActingAssignment>, sqlx::Error> {
    let today = CivilDate::wib_from_millis(now_millis()).to_iso();
    let rows: Vec<ActingRow> = sqlx::query_as(
        "SELECT a.id, a.kind, a.position_id, p.title AS position_title, u.name AS unit_name, \
                a.starts_on, a.ends_on \
         FROM acting_assignments a JOIN positions p ON p.id = a.position_id \
         JOIN units u ON u.id = p.unit_id \
         WHERE a.employee_id = $1 AND a.revoked_at IS NULL ORDER BY a.starts_on DESC",
    )
    .bind(employee_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ActingAssignment {
            id: r.id,
            kind: r.kind,
            position_id: r.position_id,
            position_title: r.position_title,
            unit_name: r.unit_name,
            in_force: r.starts_on <= today && r.ends_on >= today,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
        })
        .collect())
}

/// Direct reports of the positions the user supervises, and the first
/// `LIST_LIMIT` people further down.
pub async fn team(conn: &mut Conn, user: &SessionUser) -> Result<Team, sqlx::Error> {
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
    let mut direct = sqlx::query_as::<_, PersonRow>(&direct_sql);
    for id in positions {
        direct = direct.bind(*id);
    }
    let direct = direct
        .bind(user.employee_id())
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(EmployeeRow::from)
        .collect();

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
    let mut indirect = sqlx::query_as::<_, PersonRow>(&indirect_sql);
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for id in positions {
        indirect = indirect.bind(*id);
        count = count.bind(*id);
    }
    let indirect = indirect
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(EmployeeRow::from)
        .collect();
    let indirect_total = count.fetch_one(conn).await?;
    Ok(Team {
        direct,
        indirect,
        indirect_total,
    })
}

/// Employees whose name or NIP contains `query` (case-insensitive), across the tree.
pub async fn search(conn: &mut Conn, query: &str) -> Result<Vec<EmployeeRow>, sqlx::Error> {
    let pattern = crate::organisation::repository::like_pattern(query);
    let sql = format!(
        "SELECT {ROW_COLUMNS} {ROW_JOINS} \
         WHERE LOWER(e.name) LIKE $1 ESCAPE '\\' OR e.nip LIKE $1 ESCAPE '\\' \
         ORDER BY e.active DESC, e.name LIMIT {LIST_LIMIT}"
    );
    Ok(sqlx::query_as::<_, PersonRow>(&sql)
        .bind(pattern)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(EmployeeRow::from)
        .collect())
}

/// The account an active employee signs in with.
#[derive(sqlx::FromRow)]
pub struct LoginAccount {
    pub employee_id: i64,
    pub password_hash: Option<String>,
    must_change_password: i64,
}

impl LoginAccount {
    pub fn must_change_password(&self) -> bool {
        self.must_change_password != 0
    }
}

/// The account of the active employee with `nip`, if any.
pub async fn login_account(
    conn: &mut Conn,
    nip: &str,
) -> Result<Option<LoginAccount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id AS employee_id, a.password_hash, a.must_change_password FROM employees e \
         JOIN accounts a ON a.employee_id = e.id WHERE e.nip = $1 AND e.active = 1",
    )
    .bind(nip)
    .fetch_optional(conn)
    .await
}

/// What a new password is checked against: the current hash and the birth date.
#[derive(sqlx::FromRow)]
pub struct PasswordFacts {
    pub password_hash: Option<String>,
    pub birth_date: String,
}

pub async fn password_facts(
    conn: &mut Conn,
    employee_id: i64,
) -> Result<PasswordFacts, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.password_hash, e.birth_date FROM accounts a JOIN employees e ON e.id = a.employee_id \
         WHERE a.employee_id = $1",
    )
    .bind(employee_id)
    .fetch_one(conn)
    .await
}

/// The password its owner chose; the one-time flag is cleared.
pub async fn set_password(
    conn: &mut Conn,
    employee_id: i64,
    password_hash: String,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET password_hash = $1, must_change_password = 0, password_changed_at = $2, \
         updated_at = $2 WHERE employee_id = $3",
    )
    .bind(password_hash)
    .bind(now)
    .bind(employee_id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Gives an account (new or existing) a one-time password hash that must be
/// changed at the next log-in.
pub async fn set_one_time_password(
    conn: &mut Conn,
    employee_id: i64,
    password_hash: String,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO accounts (employee_id, password_hash, must_change_password, created_at, updated_at) \
         VALUES ($1, $2, 1, $3, $3) \
         ON CONFLICT (employee_id) DO UPDATE SET password_hash = excluded.password_hash, \
           must_change_password = 1, updated_at = excluded.updated_at",
    )
    .bind(employee_id)
    .bind(password_hash)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}
