//! Opening a performance year (its periods from the configured scheme), and
//! closing or reopening periods. Every change is audited.

use super::repository;
use super::types::{PerformanceYear, PeriodRow, PeriodStatus, YearStatus};
use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::platform::config::PeriodScheme;
use crate::platform::db::{now_millis, Conn, Db};
use crate::platform::state::AppState;
use crate::skp::periods::{periods, stored_period_name, Scheme};
use serde_json::json;

pub async fn list_years(db: &Db) -> Result<Vec<PerformanceYear>, sqlx::Error> {
    let mut conn = db.read().await?;
    let years = repository::years(&mut conn).await?;
    let rows = repository::periods(&mut conn).await?;
    Ok(years
        .into_iter()
        .map(|y| PerformanceYear {
            year: y.year,
            scheme: y.scheme,
            open: y.status == YearStatus::Open,
            periods: rows
                .iter()
                .filter(|r| r.year == y.year)
                .map(|r| PeriodRow {
                    id: r.id,
                    kind: r.kind,
                    number: r.number,
                    // Named in the reader's language (stored in Indonesian).
                    name: stored_period_name(r.kind, r.number, y.year, y.scheme),
                    starts_on: r.starts_on.clone(),
                    ends_on: r.ends_on.clone(),
                    deadline: r.deadline.clone(),
                    open: r.status == PeriodStatus::Open,
                })
                .collect(),
        })
        .collect())
}

/// Opens `year` with its periods under the configured scheme.
pub async fn open_year(state: &AppState, actor: &SessionUser, year: i64) -> Result<(), AppError> {
    if !(2000..=2100).contains(&year) {
        return Err(AppError::invalid("year", tr!(error_year_range)));
    }
    let scheme = state.settings.period_scheme;
    let db = &state.db;
    let now = now_millis();
    let mut tx = db.write().await?;
    if repository::year_status(&mut tx, year).await?.is_some() {
        return Err(AppError::invalid(
            "year",
            tr!(error_year_already_open, { "year" => year }),
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
            actor,
            AuditAction::YearOpened,
            "performance_year",
            year,
            None,
            Some(json!({ "scheme": scheme_of(scheme), "periods": count })),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The stored scheme of the configured one.
fn scheme_of(scheme: PeriodScheme) -> Scheme {
    match scheme {
        PeriodScheme::Quarterly => Scheme::Quarterly,
        PeriodScheme::Monthly => Scheme::Monthly,
    }
}

/// Writes an open year and its periods on `conn` (a write transaction's);
/// returns how many periods.
pub async fn insert_year(
    conn: &mut Conn,
    year: i64,
    scheme: PeriodScheme,
    filing_days: u32,
    opened_by: Option<i64>,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let scheme = scheme_of(scheme);
    repository::insert_year(conn, year, scheme, opened_by, now).await?;
    let plan = periods(year as i32, scheme, filing_days);
    for period in &plan {
        repository::insert_period(conn, year, period, now).await?;
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
    let mut tx = db.write().await?;
    let period = repository::period_state(&mut tx, period_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = period.status;
    let wanted = if open {
        PeriodStatus::Open
    } else {
        PeriodStatus::Closed
    };
    if current == wanted {
        return Ok(());
    }
    repository::set_period_status(&mut tx, period_id, wanted, now).await?;
    chain::append(
        &mut tx,
        db.backend(),
        Change::by(
            actor,
            if open {
                AuditAction::PeriodReopened
            } else {
                AuditAction::PeriodClosed
            },
            "period",
            period_id,
            Some(json!({ "status": current })),
            Some(json!({ "status": wanted })),
        )
        .about(period.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
