//! Opening a performance year (its periods from the configured scheme), and
//! closing or reopening periods. Every change is audited.

use super::types::{PerformanceYear, PeriodRow};
use crate::audit::chain::{self, Change};
use crate::error::AppError;
use crate::identity::roles::SessionUser;
use crate::platform::config::PeriodScheme;
use crate::platform::db::{now_millis, Db};
use crate::platform::state::AppState;
use crate::skp::periods::{periods, PeriodKind, Scheme};
use serde_json::json;
use sqlx::Row;

pub async fn list_years(db: &Db) -> Result<Vec<PerformanceYear>, sqlx::Error> {
    let years =
        sqlx::query("SELECT year, scheme, status FROM performance_years ORDER BY year DESC")
            .fetch_all(db.pool())
            .await?;
    let rows = sqlx::query(
        "SELECT id, year, kind, number, name, starts_on, ends_on, deadline, status FROM periods \
         ORDER BY year DESC, kind DESC, number",
    )
    .fetch_all(db.pool())
    .await?;
    years
        .iter()
        .map(|y| {
            let year: i64 = y.try_get(0)?;
            let periods = rows
                .iter()
                .filter(|r| r.try_get::<i64, _>(1).ok() == Some(year))
                .map(|r| {
                    Ok(PeriodRow {
                        id: r.try_get(0)?,
                        kind: r.try_get(2)?,
                        number: r.try_get(3)?,
                        name: r.try_get(4)?,
                        starts_on: r.try_get(5)?,
                        ends_on: r.try_get(6)?,
                        deadline: r.try_get(7)?,
                        open: r.try_get::<String, _>(8)? == "open",
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            Ok(PerformanceYear {
                year,
                scheme: y.try_get(1)?,
                open: y.try_get::<String, _>(2)? == "open",
                periods,
            })
        })
        .collect()
}

/// Opens `year` with its periods under the configured scheme.
pub async fn open_year(state: &AppState, actor: &SessionUser, year: i64) -> Result<(), AppError> {
    if !(2000..=2100).contains(&year) {
        return Err(AppError::invalid(
            "year",
            "Tahun harus antara 2000 dan 2100.",
        ));
    }
    let scheme = state.settings.period_scheme;
    let code = scheme_code(scheme);
    let db = &state.db;
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    let exists: i64 = sqlx::query("SELECT COUNT(*) FROM performance_years WHERE year = $1")
        .bind(year)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    if exists > 0 {
        return Err(AppError::invalid(
            "year",
            format!("Tahun kinerja {year} sudah dibuka."),
        ));
    }
    let count = insert_year(
        &mut tx,
        year,
        scheme,
        state.settings.period_filing_days,
        Some(actor.employee_id()),
        now,
    )
    .await?;
    chain::append(
        &mut tx,
        db.backend(),
        Change::by(
            actor.employee_id(),
            "year.opened",
            "performance_year",
            year,
            None,
            Some(json!({ "scheme": code, "periods": count })),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn scheme_code(scheme: PeriodScheme) -> &'static str {
    match scheme {
        PeriodScheme::Quarterly => "quarterly",
        PeriodScheme::Monthly => "monthly",
    }
}

/// Writes an open year and its periods; returns how many periods.
pub async fn insert_year(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    year: i64,
    scheme: PeriodScheme,
    filing_days: u32,
    opened_by: Option<i64>,
    now: i64,
) -> Result<usize, sqlx::Error> {
    sqlx::query(
        "INSERT INTO performance_years (year, scheme, status, opened_by, created_at, updated_at) \
         VALUES ($1, $2, 'open', $3, $4, $4)",
    )
    .bind(year)
    .bind(scheme_code(scheme))
    .bind(opened_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let scheme = match scheme {
        PeriodScheme::Quarterly => Scheme::Quarterly,
        PeriodScheme::Monthly => Scheme::Monthly,
    };
    let plan = periods(year as i32, scheme, filing_days);
    for p in &plan {
        sqlx::query(
            "INSERT INTO periods (year, kind, number, name, starts_on, ends_on, deadline, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $8)",
        )
        .bind(year)
        .bind(match p.kind {
            PeriodKind::Periodic => "periodic",
            PeriodKind::Annual => "annual",
        })
        .bind(i64::from(p.number))
        .bind(&p.name)
        .bind(p.starts_on.to_iso())
        .bind(p.ends_on.to_iso())
        .bind(p.deadline.to_iso())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(plan.len())
}

/// Closes or reopens one period; reopening is audited like any change.
pub async fn set_period_open(
    state: &AppState,
    actor: &SessionUser,
    period_id: i64,
    open: bool,
) -> Result<(), AppError> {
    let db = &state.db;
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    let current: String = sqlx::query("SELECT status FROM periods WHERE id = $1")
        .bind(period_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?
        .try_get(0)?;
    let wanted = if open { "open" } else { "closed" };
    if current == wanted {
        return Ok(());
    }
    sqlx::query("UPDATE periods SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(wanted)
        .bind(now)
        .bind(period_id)
        .execute(&mut *tx)
        .await?;
    chain::append(
        &mut tx,
        db.backend(),
        Change::by(
            actor.employee_id(),
            if open {
                "period.reopened"
            } else {
                "period.closed"
            },
            "period",
            period_id,
            Some(json!({ "status": current })),
            Some(json!({ "status": wanted })),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
