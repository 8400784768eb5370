//! Roles and reach, derived from the organisation data on every request: the
//! position tree, acting assignments in force today (WIB), and admin grants.

use super::types::{ActingSummary, Reach, Role, Viewer};
use crate::calendar::CivilDate;
use crate::organisation::types::JabatanKind;
use crate::platform::db::Conn;

/// A signed-in person as the server functions see them.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub token_hash: String,
    pub viewer: Viewer,
    pub position_id: Option<i64>,
    /// Their own position plus positions they act in (PLT/PLH) today.
    pub supervising_positions: Vec<i64>,
}

impl SessionUser {
    pub fn employee_id(&self) -> i64 {
        self.viewer.employee_id
    }
    pub fn has(&self, role: Role) -> bool {
        self.viewer.has(role)
    }
}

/// `$start, $start+1, …` for an `IN (…)` list of `count` values.
pub fn placeholders(start: usize, count: usize) -> String {
    (start..start + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(sqlx::FromRow)]
struct UserRow {
    nip: Option<String>,
    name: String,
    position_id: Option<i64>,
    must_change_password: i64,
    position_title: Option<String>,
    unit_name: Option<String>,
    position_kind: Option<JabatanKind>,
    parent_kind: Option<JabatanKind>,
    admin_grants: i64,
    unread_notifications: i64,
}

/// An acting assignment in force today, with the kinds that decide pimpinan.
#[derive(sqlx::FromRow)]
struct ActingRow {
    kind: String,
    position_id: i64,
    ends_on: String,
    position_title: String,
    position_kind: JabatanKind,
    parent_kind: Option<JabatanKind>,
}

/// The viewer behind `employee_id`, or `None` when the employee is inactive or has
/// no account.
pub async fn load_user(
    conn: &mut Conn,
    employee_id: i64,
    token_hash: String,
    now_millis: i64,
) -> Result<Option<SessionUser>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, UserRow>(
        "SELECT e.nip, e.name, e.position_id, a.must_change_password, p.title AS position_title, \
                u.name AS unit_name, p.kind AS position_kind, pp.kind AS parent_kind, \
                (SELECT COUNT(*) FROM admin_grants g WHERE g.employee_id = e.id) AS admin_grants, \
                (SELECT COUNT(*) FROM notifications n WHERE n.employee_id = e.id AND n.read_at IS NULL) \
                  AS unread_notifications \
         FROM employees e JOIN accounts a ON a.employee_id = e.id \
         LEFT JOIN positions p ON p.id = e.position_id \
         LEFT JOIN units u ON u.id = p.unit_id \
         LEFT JOIN positions pp ON pp.id = p.parent_id \
         WHERE e.id = $1 AND e.active = 1",
    )
    .bind(employee_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };

    let today = CivilDate::wib_from_millis(now_millis).to_iso();
    let acting_rows: Vec<ActingRow> = sqlx::query_as(
        "SELECT a.kind, a.position_id, a.ends_on, p.title AS position_title, \
                p.kind AS position_kind, pp.kind AS parent_kind \
         FROM acting_assignments a JOIN positions p ON p.id = a.position_id \
         LEFT JOIN positions pp ON pp.id = p.parent_id \
         WHERE a.employee_id = $1 AND a.revoked_at IS NULL AND a.starts_on <= $2 \
           AND a.ends_on >= $2 AND p.active = 1 \
         ORDER BY a.ends_on",
    )
    .bind(employee_id)
    .bind(&today)
    .fetch_all(&mut *conn)
    .await?;

    let mut supervising: Vec<i64> = row.position_id.into_iter().collect();
    let mut pimpinan = is_pimpinan_position(row.position_kind, row.parent_kind);
    let mut acting = Vec::new();
    for r in acting_rows {
        supervising.push(r.position_id);
        pimpinan |= is_pimpinan_position(Some(r.position_kind), r.parent_kind);
        acting.push(ActingSummary {
            kind: r.kind.to_uppercase(),
            position_title: r.position_title,
            ends_on: r.ends_on,
        });
    }
    supervising.sort_unstable();
    supervising.dedup();

    let (direct, second_level) = subordinate_counts(conn, &supervising).await?;
    let mut roles = vec![Role::Pegawai];
    if direct > 0 {
        roles.push(Role::Atasan);
    }
    if second_level > 0 {
        roles.push(Role::AtasanPejabatPenilai);
    }
    if row.admin_grants > 0 {
        roles.push(Role::AdminBkpsdm);
    }
    if pimpinan {
        roles.push(Role::Pimpinan);
    }
    Ok(Some(SessionUser {
        token_hash,
        viewer: Viewer {
            employee_id,
            nip: row.nip.unwrap_or_default(),
            name: row.name,
            position_title: row.position_title,
            unit_name: row.unit_name,
            roles,
            acting,
            must_change_password: row.must_change_password != 0,
            unread_notifications: row.unread_notifications,
        },
        position_id: row.position_id,
        supervising_positions: supervising,
    }))
}

/// The Bupati (kepala daerah) and the positions directly under them (the Sekda).
fn is_pimpinan_position(kind: Option<JabatanKind>, parent_kind: Option<JabatanKind>) -> bool {
    kind == Some(JabatanKind::KepalaDaerah) || parent_kind == Some(JabatanKind::KepalaDaerah)
}

#[derive(sqlx::FromRow)]
struct SubordinateCounts {
    direct: i64,
    second_level: i64,
}

/// Active positions one and two levels under `positions`.
async fn subordinate_counts(conn: &mut Conn, positions: &[i64]) -> Result<(i64, i64), sqlx::Error> {
    if positions.is_empty() {
        return Ok((0, 0));
    }
    let list = placeholders(1, positions.len());
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM positions c WHERE c.active = 1 AND c.parent_id IN ({list})) AS direct, \
                (SELECT COUNT(*) FROM positions g JOIN positions c ON g.parent_id = c.id \
                 WHERE g.active = 1 AND c.active = 1 AND c.parent_id IN ({list})) AS second_level"
    );
    let mut query = sqlx::query_as::<_, SubordinateCounts>(&sql);
    for id in positions {
        query = query.bind(*id);
    }
    let counts = query.fetch_one(conn).await?;
    Ok((counts.direct, counts.second_level))
}

/// How `user` relates to `employee_id`: `None` means they may not see the record.
pub async fn reach(
    conn: &mut Conn,
    user: &SessionUser,
    employee_id: i64,
) -> Result<Option<Reach>, sqlx::Error> {
    if user.employee_id() == employee_id {
        return Ok(Some(Reach::Own));
    }
    let levels = supervision_levels(conn, employee_id, &user.supervising_positions).await?;
    Ok(match levels {
        Some(1) => Some(Reach::Direct),
        _ if user.has(Role::AdminBkpsdm) => Some(Reach::Admin),
        Some(_) => Some(Reach::Indirect),
        None if user.has(Role::Pimpinan) => Some(Reach::Pimpinan),
        None => None,
    })
}

/// How many levels above the employee's position the nearest of `positions` sits.
pub async fn supervision_levels(
    conn: &mut Conn,
    employee_id: i64,
    positions: &[i64],
) -> Result<Option<i64>, sqlx::Error> {
    if positions.is_empty() {
        return Ok(None);
    }
    // The depth limit stops a (refused, but never trusted) cycle from looping.
    let sql = format!(
        "WITH RECURSIVE chain (position_id, depth) AS ( \
             SELECT p.parent_id, 1 FROM employees e JOIN positions p ON p.id = e.position_id \
             WHERE e.id = $1 \
             UNION ALL \
             SELECT p.parent_id, c.depth + 1 FROM chain c JOIN positions p ON p.id = c.position_id \
             WHERE c.depth < 30 \
         ) SELECT MIN(depth) FROM chain WHERE position_id IN ({})",
        placeholders(2, positions.len())
    );
    let mut query = sqlx::query_scalar(&sql).bind(employee_id);
    for id in positions {
        query = query.bind(*id);
    }
    query.fetch_one(conn).await
}
