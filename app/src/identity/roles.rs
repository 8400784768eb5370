//! Roles and reach, derived from the organisation data on every request: the
//! position tree, acting assignments in force today (WIB), and admin grants.

use super::types::{ActingSummary, Reach, Role, Viewer};
use crate::calendar::CivilDate;
use crate::platform::db::{Conn, Db};
use sqlx::Row;

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

/// The viewer behind `employee_id`, or `None` when the employee is inactive or has
/// no account.
pub async fn load_user(
    db: &Db,
    employee_id: i64,
    token_hash: String,
    now_millis: i64,
) -> Result<Option<SessionUser>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT e.nip, e.name, e.position_id, a.must_change_password, p.title, u.name, \
                p.kind, pp.kind, (SELECT COUNT(*) FROM admin_grants g WHERE g.employee_id = e.id), \
                (SELECT COUNT(*) FROM notifications n WHERE n.employee_id = e.id AND n.read_at IS NULL) \
         FROM employees e JOIN accounts a ON a.employee_id = e.id \
         LEFT JOIN positions p ON p.id = e.position_id \
         LEFT JOIN units u ON u.id = p.unit_id \
         LEFT JOIN positions pp ON pp.id = p.parent_id \
         WHERE e.id = $1 AND e.active = 1",
    )
    .bind(employee_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let position_id: Option<i64> = row.try_get(2)?;
    let own_kind: Option<String> = row.try_get(6)?;
    let own_parent_kind: Option<String> = row.try_get(7)?;
    let is_admin = row.try_get::<i64, _>(8)? > 0;

    let today = CivilDate::wib_from_millis(now_millis).to_iso();
    let acting_rows = sqlx::query(
        "SELECT a.kind, a.position_id, a.ends_on, p.title, p.kind, pp.kind \
         FROM acting_assignments a JOIN positions p ON p.id = a.position_id \
         LEFT JOIN positions pp ON pp.id = p.parent_id \
         WHERE a.employee_id = $1 AND a.revoked_at IS NULL AND a.starts_on <= $2 \
           AND a.ends_on >= $2 AND p.active = 1 \
         ORDER BY a.ends_on",
    )
    .bind(employee_id)
    .bind(&today)
    .fetch_all(db.pool())
    .await?;

    let mut supervising: Vec<i64> = position_id.into_iter().collect();
    let mut pimpinan = is_pimpinan_position(own_kind.as_deref(), own_parent_kind.as_deref());
    let mut acting = Vec::new();
    for r in &acting_rows {
        let kind: String = r.try_get(0)?;
        supervising.push(r.try_get(1)?);
        let title: String = r.try_get(3)?;
        let pos_kind: String = r.try_get(4)?;
        let parent_kind: Option<String> = r.try_get(5)?;
        pimpinan |= is_pimpinan_position(Some(&pos_kind), parent_kind.as_deref());
        acting.push(ActingSummary {
            kind: kind.to_uppercase(),
            position_title: title,
            ends_on: r.try_get(2)?,
        });
    }
    supervising.sort_unstable();
    supervising.dedup();

    let (direct, second_level) = subordinate_counts(db, &supervising).await?;
    let mut roles = vec![Role::Pegawai];
    if direct > 0 {
        roles.push(Role::Atasan);
    }
    if second_level > 0 {
        roles.push(Role::AtasanPejabatPenilai);
    }
    if is_admin {
        roles.push(Role::AdminBkpsdm);
    }
    if pimpinan {
        roles.push(Role::Pimpinan);
    }
    Ok(Some(SessionUser {
        token_hash,
        viewer: Viewer {
            employee_id,
            nip: row.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
            name: row.try_get(1)?,
            position_title: row.try_get(4)?,
            unit_name: row.try_get(5)?,
            roles,
            acting,
            must_change_password: row.try_get::<i64, _>(3)? != 0,
            unread_notifications: row.try_get(9)?,
        },
        position_id,
        supervising_positions: supervising,
    }))
}

/// The Bupati (kepala daerah) and the positions directly under them (the Sekda).
fn is_pimpinan_position(kind: Option<&str>, parent_kind: Option<&str>) -> bool {
    kind == Some("kepala_daerah") || parent_kind == Some("kepala_daerah")
}

/// Active positions one and two levels under `positions`.
async fn subordinate_counts(db: &Db, positions: &[i64]) -> Result<(i64, i64), sqlx::Error> {
    if positions.is_empty() {
        return Ok((0, 0));
    }
    let list = placeholders(1, positions.len());
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM positions c WHERE c.active = 1 AND c.parent_id IN ({list})), \
                (SELECT COUNT(*) FROM positions g JOIN positions c ON g.parent_id = c.id \
                 WHERE g.active = 1 AND c.active = 1 AND c.parent_id IN ({list}))"
    );
    let mut query = sqlx::query(&sql);
    for id in positions {
        query = query.bind(*id);
    }
    let row = query.fetch_one(db.pool()).await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
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
async fn supervision_levels(
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
    let mut query = sqlx::query(&sql).bind(employee_id);
    for id in positions {
        query = query.bind(*id);
    }
    query.fetch_one(conn).await?.try_get(0)
}
