//! The employees table as administration changes it: by hand (one employee) or
//! by the CSV import (many).

use crate::calendar::CivilDate;
use crate::organisation::nip::Sex;
use crate::organisation::types::EmployeeStatus;
use crate::platform::db::Conn;
use serde_json::{json, Value};

/// Who an employee is, as the administrative checks need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub nip: Option<String>,
    pub name: String,
    pub position_id: Option<i64>,
    active: i64,
}

impl Person {
    pub fn is_active(&self) -> bool {
        self.active != 0
    }
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<Person>, sqlx::Error> {
    sqlx::query_as("SELECT id, nip, name, position_id, active FROM employees WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn find_by_nip(conn: &mut Conn, nip: &str) -> Result<Option<Person>, sqlx::Error> {
    sqlx::query_as("SELECT id, nip, name, position_id, active FROM employees WHERE nip = $1")
        .bind(nip)
        .fetch_optional(conn)
        .await
}

pub async fn nip_taken(conn: &mut Conn, nip: &str) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE nip = $1")
        .bind(nip)
        .fetch_one(conn)
        .await?;
    Ok(count > 0)
}

/// An employee's editable data as the audit trail records it.
#[derive(sqlx::FromRow)]
struct AuditedRow {
    name: String,
    status: EmployeeStatus,
    golongan: Option<String>,
    position_id: Option<i64>,
    active: i64,
}

/// The audit record's picture of an employee; `None` when there is no such employee.
pub async fn audit_snapshot(conn: &mut Conn, id: i64) -> Result<Option<Value>, sqlx::Error> {
    let row: Option<AuditedRow> = sqlx::query_as(
        "SELECT name, status, golongan, position_id, active FROM employees WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        json!({
            "name": r.name,
            "status": r.status,
            "golongan": r.golongan,
            "position_id": r.position_id,
            "active": r.active != 0,
        })
    }))
}

/// Every stored field of an employee but the flags, for an insert or the import's update.
pub struct EmployeeFields<'a> {
    pub nip: &'a str,
    pub name: &'a str,
    pub sex: Sex,
    pub birth_date: CivilDate,
    pub status: EmployeeStatus,
    pub golongan: Option<&'a str>,
    pub position_id: i64,
}

/// Adds an active employee; returns the new id. A NIP already taken fails with
/// `employees_nip_key`, which `platform::constraints` answers as a field error.
pub async fn insert(conn: &mut Conn, e: &EmployeeFields<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO employees (nip, name, sex, birth_date, status, golongan, position_id, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id",
    )
    .bind(e.nip)
    .bind(e.name)
    .bind(e.sex.code())
    .bind(e.birth_date.to_iso())
    .bind(e.status)
    .bind(e.golongan)
    .bind(e.position_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Replaces every field of employee `id` (the NIP stays) and makes them active.
pub async fn replace(
    conn: &mut Conn,
    id: i64,
    e: &EmployeeFields<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE employees SET name = $1, sex = $2, birth_date = $3, status = $4, golongan = $5, \
         position_id = $6, active = 1, updated_at = $7 WHERE id = $8",
    )
    .bind(e.name)
    .bind(e.sex.code())
    .bind(e.birth_date.to_iso())
    .bind(e.status)
    .bind(e.golongan)
    .bind(e.position_id)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// What an admin may change of an employee by hand.
pub struct EmployeeEdit<'a> {
    pub name: &'a str,
    pub status: EmployeeStatus,
    pub golongan: Option<&'a str>,
    pub position_id: Option<i64>,
    pub active: bool,
}

pub async fn update(
    conn: &mut Conn,
    id: i64,
    e: &EmployeeEdit<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE employees SET name = $1, status = $2, golongan = $3, position_id = $4, active = $5, \
         updated_at = $6 WHERE id = $7",
    )
    .bind(e.name)
    .bind(e.status)
    .bind(e.golongan)
    .bind(e.position_id)
    .bind(i64::from(e.active))
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}
