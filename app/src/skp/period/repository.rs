//! The performance_years and periods tables.

use super::types::{PeriodStatus, YearStatus};
use crate::platform::db::Conn;
use crate::skp::periods::{PeriodKind, PeriodPlan, Scheme};

/// A performance year as stored.
#[derive(sqlx::FromRow)]
pub struct YearRecord {
    pub year: i64,
    pub scheme: Scheme,
    pub status: YearStatus,
}

/// A period as stored.
#[derive(sqlx::FromRow)]
pub struct PeriodRecord {
    pub id: i64,
    pub year: i64,
    pub kind: PeriodKind,
    pub number: i64,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub deadline: String,
    pub status: PeriodStatus,
}

/// Every performance year, the newest first.
pub async fn years(conn: &mut Conn) -> Result<Vec<YearRecord>, sqlx::Error> {
    sqlx::query_as("SELECT year, scheme, status FROM performance_years ORDER BY year DESC")
        .fetch_all(conn)
        .await
}

/// Every period: by year (newest first), the periodic ones in order, then the
/// annual evaluation.
pub async fn periods(conn: &mut Conn) -> Result<Vec<PeriodRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, year, kind, number, name, starts_on, ends_on, deadline, status FROM periods \
         ORDER BY year DESC, kind DESC, number",
    )
    .fetch_all(conn)
    .await
}

/// The state of `year`; `None` when it was never opened.
pub async fn year_status(conn: &mut Conn, year: i64) -> Result<Option<YearStatus>, sqlx::Error> {
    sqlx::query_scalar("SELECT status FROM performance_years WHERE year = $1")
        .bind(year)
        .fetch_optional(conn)
        .await
}

/// The year whose realisasi are being reported: the newest open year up to
/// `this_year` (next year may already be open for planning), else the newest.
pub async fn reporting_year(conn: &mut Conn, this_year: i64) -> Result<Option<i64>, sqlx::Error> {
    let current: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(year) FROM performance_years WHERE status = $1 AND year <= $2",
    )
    .bind(YearStatus::Open)
    .bind(this_year)
    .fetch_one(&mut *conn)
    .await?;
    match current {
        Some(year) => Ok(Some(year)),
        None => newest_open_year(conn).await,
    }
}

/// The newest year that takes plans, if any.
pub async fn newest_open_year(conn: &mut Conn) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(year) FROM performance_years WHERE status = $1")
        .bind(YearStatus::Open)
        .fetch_one(conn)
        .await
}

pub async fn insert_year(
    conn: &mut Conn,
    year: i64,
    scheme: Scheme,
    opened_by: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO performance_years (year, scheme, status, opened_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(year)
    .bind(scheme)
    .bind(YearStatus::Open)
    .bind(opened_by)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Writes `period` of `year`, open.
pub async fn insert_period(
    conn: &mut Conn,
    year: i64,
    period: &PeriodPlan,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO periods (year, kind, number, name, starts_on, ends_on, deadline, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .bind(year)
    .bind(period.kind)
    .bind(i64::from(period.number))
    .bind(&period.name)
    .bind(period.starts_on.to_iso())
    .bind(period.ends_on.to_iso())
    .bind(period.deadline.to_iso())
    .bind(PeriodStatus::Open)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A period's state and name ("Triwulan I 2026").
#[derive(sqlx::FromRow)]
pub struct PeriodState {
    pub status: PeriodStatus,
    pub name: String,
}

/// `None` when there is no such period.
pub async fn period_state(
    conn: &mut Conn,
    period_id: i64,
) -> Result<Option<PeriodState>, sqlx::Error> {
    sqlx::query_as("SELECT status, name FROM periods WHERE id = $1")
        .bind(period_id)
        .fetch_optional(conn)
        .await
}

pub async fn set_period_status(
    conn: &mut Conn,
    period_id: i64,
    status: PeriodStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE periods SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status)
        .bind(now)
        .bind(period_id)
        .execute(conn)
        .await
        .map(|_| ())
}
