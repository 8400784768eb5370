//! Who has reported a period's realisasi, counted per sub-unit of the unit shown
//! (or per perangkat daerah for the whole kabupaten). Everyone whose plan for the
//! year is approved must report; the rest have nothing to report against yet.

use super::repository::{self as repo, DutyRow};
use super::types::{FilingCounts, FilingMonitor, MonitorGroup, MonitorPerson};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::organisation::tree::{groups, UnitTree};
use crate::platform::db::{now_millis, Conn, Db};
use crate::realisasi::repository::{self as realisasi_repo, PeriodRow};
use crate::realisasi::service::{period_info, status_of};
use crate::realisasi::types::FilingStatus;
use crate::skp::overview::repository::active_units;
use crate::skp::periods::PeriodKind;
use std::collections::{HashMap, HashSet};

/// The monitor for `period_id` (default: the latest period of the newest open
/// year that has ended, else its first) and `unit_id` (default: the kabupaten).
/// `with_people`: also list everyone who must report (a unit's page and every CSV).
pub async fn monitor(
    db: &Db,
    period_id: Option<i64>,
    unit_id: Option<i64>,
    with_people: bool,
) -> Result<FilingMonitor, AppError> {
    let mut conn = db.read().await?;
    let Some(period) = chosen_period(&mut conn, period_id, false).await? else {
        return Ok(FilingMonitor::empty());
    };
    let periods = realisasi_repo::periodic_periods(&mut conn, period.year).await?;
    let units = active_units(&mut conn).await?;
    let tree = UnitTree::new(&units);
    let unit = match unit_id {
        Some(id) => Some(tree.find(id).ok_or(AppError::NotFound)?),
        None => None,
    };
    let duties = repo::duties(&mut conn, period.year, period.id).await?;
    let scope: Option<HashSet<i64>> = unit.map(|u| tree.subtree(u.id).into_iter().collect());
    // People in a deactivated unit belong to no row of the table: left out of the
    // totals too, so the rows add up to them.
    let in_scope = |row: &DutyRow| match &scope {
        Some(ids) => ids.contains(&row.unit_id),
        None => tree.find(row.unit_id).is_some(),
    };
    // Everyone's count by the unit they are placed in, then summed per group.
    let mut per_unit: HashMap<i64, FilingCounts> = HashMap::new();
    let mut total = FilingCounts::default();
    for row in duties.iter().filter(|r| in_scope(r)) {
        let status = status_of(row.filed_at, row.late.unwrap_or(0));
        per_unit.entry(row.unit_id).or_default().add(status);
        total.add(status);
    }
    let groups = groups(&tree, unit, &per_unit)
        .into_iter()
        .map(|g| MonitorGroup {
            unit_id: g.unit_id,
            name: g.name,
            has_sub_units: g.has_sub_units,
            counts: g.counts,
        })
        .collect();
    let people = if with_people {
        people(&tree, duties.iter().filter(|r| in_scope(r)))
    } else {
        Vec::new()
    };
    let parent_unit = unit.and_then(|u| tree.parent_link(u));
    Ok(FilingMonitor {
        year: Some(period.year),
        periods: periods.iter().map(period_info).collect(),
        period: Some(period_info(&period)),
        unit: unit.map(|u| (u.id, u.name.clone())),
        parent_unit,
        total,
        groups,
        people,
    })
}

/// The period asked for (periodic only, unless `annual_too`), or the default
/// one: the latest periodic period of the reporting year that has ended, else
/// its first.
pub async fn chosen_period(
    conn: &mut Conn,
    period_id: Option<i64>,
    annual_too: bool,
) -> Result<Option<PeriodRow>, AppError> {
    if let Some(id) = period_id {
        return realisasi_repo::period(conn, id)
            .await?
            .filter(|p| annual_too || p.kind == PeriodKind::Periodic)
            .map(Some)
            .ok_or(AppError::NotFound);
    }
    let this_year = crate::skp::overview::service::this_year();
    let Some(year) = crate::skp::period::repository::reporting_year(conn, this_year).await? else {
        return Ok(None);
    };
    let periods = realisasi_repo::periodic_periods(conn, year).await?;
    let today = CivilDate::wib_from_millis(now_millis());
    let ended = periods
        .iter()
        .rev()
        .find(|p| CivilDate::parse_iso(&p.ends_on).is_some_and(|end| end < today));
    Ok(ended.or(periods.first()).cloned())
}

/// Those without a report first, then the late, then the rest; by name in each.
fn people<'r>(tree: &UnitTree<'_>, rows: impl Iterator<Item = &'r DutyRow>) -> Vec<MonitorPerson> {
    let mut people: Vec<MonitorPerson> = rows
        .map(|row| MonitorPerson {
            employee_id: row.employee_id,
            name: row.name.clone(),
            nip: row.nip.clone(),
            unit: tree.name_of(row.unit_id),
            status: status_of(row.filed_at, row.late.unwrap_or(0)),
            filed_at: row.filed_at,
        })
        .collect();
    let rank = |s: FilingStatus| match s {
        FilingStatus::Missing => 0,
        FilingStatus::Late => 1,
        FilingStatus::Filed => 2,
    };
    people.sort_by(|a, b| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then_with(|| a.name.cmp(&b.name))
            .then(a.employee_id.cmp(&b.employee_id))
    });
    people
}
