//! The import's own SQL: what planning reads of the database, and the jobs table.
//! Applying a plan writes through `admin::repository` (employees, positions).

use super::types::JobStatus;
use crate::organisation::types::EmployeeStatus;
use crate::platform::db::Conn;

#[derive(sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub code: String,
    pub name: String,
}

pub async fn active_units(conn: &mut Conn) -> Result<Vec<UnitRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, code, name FROM units WHERE active = 1")
        .fetch_all(conn)
        .await
}

#[derive(sqlx::FromRow)]
pub struct PositionRow {
    pub id: i64,
    pub unit_id: i64,
    pub title: String,
    pub kind: String,
    pub parent_id: Option<i64>,
}

pub async fn active_positions(conn: &mut Conn) -> Result<Vec<PositionRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, unit_id, title, kind, parent_id FROM positions WHERE active = 1")
        .fetch_all(conn)
        .await
}

/// An employee as the import compares a row with it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EmployeeRow {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub sex: String,
    pub birth_date: String,
    pub status: EmployeeStatus,
    pub golongan: Option<String>,
    pub position_id: Option<i64>,
    active: i64,
}

impl EmployeeRow {
    pub fn is_active(&self) -> bool {
        self.active != 0
    }
}

/// Every employee with a NIP (active or not): the import matches rows by NIP.
pub async fn employees_with_nip(conn: &mut Conn) -> Result<Vec<EmployeeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, nip, name, sex, birth_date, status, golongan, position_id, active \
         FROM employees WHERE nip IS NOT NULL",
    )
    .fetch_all(conn)
    .await
}

/// Records a job that has just started.
pub async fn insert_job(
    conn: &mut Conn,
    id: &str,
    created_by: i64,
    total: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO import_jobs (id, created_by, status, done, total, created_at, updated_at) \
         VALUES ($1, $2, $3, 0, $4, $5, $5)",
    )
    .bind(id)
    .bind(created_by)
    .bind(JobStatus::Running.code())
    .bind(total)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Records how a job ended; `result_json` is empty when it failed.
pub async fn finish_job(
    conn: &mut Conn,
    id: &str,
    status: JobStatus,
    result_json: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE import_jobs SET status = $1, done = total, result_json = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(status.code())
    .bind(result_json)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(sqlx::FromRow)]
pub struct JobRow {
    pub created_by: i64,
    pub status: String,
    pub total: i64,
    pub result_json: Option<String>,
}

impl JobRow {
    pub fn status(&self) -> Option<JobStatus> {
        JobStatus::from_code(&self.status)
    }
}

pub async fn find_job(conn: &mut Conn, id: &str) -> Result<Option<JobRow>, sqlx::Error> {
    sqlx::query_as("SELECT created_by, status, total, result_json FROM import_jobs WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Replaces a job's stored result (to erase the passwords once handed over).
pub async fn replace_result(
    conn: &mut Conn,
    id: &str,
    result_json: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE import_jobs SET result_json = $1 WHERE id = $2")
        .bind(result_json)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}
