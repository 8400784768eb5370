//! Who supervises whom, the one rule every domain uses: a position is supervised
//! by the holder of its parent position, or, while that seat is empty, by an
//! acting official (Plt./Plh.) whose assignment is in force today (WIB).

use crate::calendar::CivilDate;
use crate::platform::db::{now_millis, Conn};

/// The person who supervises a position today.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Supervisor {
    pub employee_id: i64,
    pub name: String,
    /// The supervising position's title (without "Plt./Plh.").
    pub position_title: String,
    /// 1 when an acting official stands in for an empty seat.
    acting: i64,
}

impl Supervisor {
    pub fn is_acting(&self) -> bool {
        self.acting != 0
    }
}

/// Who sits in `position` today: its active holder, else an acting official.
/// `None` when the seat is empty and nobody acts in it today. Called with a
/// position's parent, this is the supervisor of that position's holder.
pub async fn seat_holder(
    conn: &mut Conn,
    position: i64,
) -> Result<Option<Supervisor>, sqlx::Error> {
    let today = CivilDate::wib_from_millis(now_millis()).to_iso();
    sqlx::query_as(
        "SELECT e.id AS employee_id, e.name, p.title AS position_title, 0 AS acting \
         FROM employees e JOIN positions p ON p.id = e.position_id \
         WHERE e.position_id = $1 AND e.active = 1 \
         UNION ALL \
         SELECT e.id AS employee_id, e.name, p.title AS position_title, 1 AS acting FROM acting_assignments a \
         JOIN employees e ON e.id = a.employee_id JOIN positions p ON p.id = a.position_id \
         WHERE a.position_id = $1 AND a.revoked_at IS NULL AND a.starts_on <= $2 AND a.ends_on >= $2 \
         ORDER BY acting, employee_id LIMIT 1",
    )
    .bind(position)
    .bind(today)
    .fetch_optional(conn)
    .await
}

/// Who supervises `employee_id` today (through their position's parent).
pub async fn supervisor_of_employee(
    conn: &mut Conn,
    employee_id: i64,
) -> Result<Option<Supervisor>, sqlx::Error> {
    let parent: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT p.parent_id FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(&mut *conn)
    .await?;
    match parent.flatten() {
        Some(position) => seat_holder(conn, position).await,
        None => Ok(None),
    }
}
