//! The monitors: how far each unit's evaluations of a period have come (everyone
//! whose plan of the year is approved is evaluated), and each unit kerja's
//! finalised distribution against the curve its Predikat Kinerja Organisasi sets.

use super::repository::{self as repo, StageRow};
use super::types::{
    DistributionMonitor, EvaluationMonitor, Stage, StageCounts, StageGroup, StagePerson, UnitCurve,
};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::organisation::tree::{groups, UnitTree};
use crate::penilaian::repository as penilaian_repo;
use crate::penilaian::types::EvaluationStatus;
use crate::platform::db::now_millis;
use crate::platform::state::AppState;
use crate::realisasi::monitor::service::chosen_period;
use crate::realisasi::repository as realisasi_repo;
use crate::realisasi::service::period_info;
use crate::skp::overview::repository::active_units;
use crate::skp::periods::PeriodKind;
use std::collections::{HashMap, HashSet};

/// How far one evaluation has come.
pub fn stage_of(filed: bool, status: Option<EvaluationStatus>, rated: bool) -> Stage {
    match status {
        Some(EvaluationStatus::Appealed | EvaluationStatus::Decided) => Stage::Appealed,
        Some(EvaluationStatus::Acknowledged) => Stage::Acknowledged,
        Some(EvaluationStatus::Final) => Stage::Final,
        Some(EvaluationStatus::Draft) if rated => Stage::Rating,
        _ if filed => Stage::Reported,
        _ => Stage::Unreported,
    }
}

/// The day after which an evaluation of a period that is not final is late:
/// the realisasi deadline plus `rating_days`.
pub fn due_date(deadline: &str, rating_days: u32) -> Option<CivilDate> {
    CivilDate::parse_iso(deadline).map(|d| d.add_days(i64::from(rating_days)))
}

/// The monitor for `period_id` (default: the latest periodic period that has
/// ended) and `unit_id` (default: the kabupaten). `with_people`: also list
/// everyone evaluated (a unit's page and every CSV).
pub async fn monitor(
    state: &AppState,
    period_id: Option<i64>,
    unit_id: Option<i64>,
    with_people: bool,
) -> Result<EvaluationMonitor, AppError> {
    let mut conn = state.db.read().await?;
    let Some(period) = chosen_period(&mut conn, period_id, true).await? else {
        return Ok(EvaluationMonitor::empty());
    };
    let periods = realisasi_repo::year_periods(&mut conn, period.year).await?;
    let units = active_units(&mut conn).await?;
    let tree = UnitTree::new(&units);
    let unit = match unit_id {
        Some(id) => Some(tree.find(id).ok_or(AppError::NotFound)?),
        None => None,
    };
    let annual = period.kind == PeriodKind::Annual;
    let rows = repo::stages(&mut conn, period.year, period.id, annual, with_people).await?;
    let scope: Option<HashSet<i64>> = unit.map(|u| tree.subtree(u.id).into_iter().collect());
    // People in a deactivated unit belong to no row: left out of the totals too.
    let in_scope = |row: &&StageRow| match &scope {
        Some(ids) => ids.contains(&row.unit_id),
        None => tree.find(row.unit_id).is_some(),
    };
    let due = due_date(&period.deadline, state.settings.evaluation_rating_days);
    let today = CivilDate::wib_from_millis(now_millis());
    let overdue = due.is_some_and(|d| d < today);
    let mut per_unit: HashMap<i64, StageCounts> = HashMap::new();
    let mut total = StageCounts::default();
    let mut people = Vec::new();
    let mut late = 0;
    for row in rows.iter().filter(in_scope) {
        let stage = stage_of(row.filed_at.is_some(), row.status, row.rated_by.is_some());
        per_unit.entry(row.unit_id).or_default().add(stage);
        total.add(stage);
        let is_late = overdue && !stage.is_final();
        late += i64::from(is_late);
        if with_people {
            people.push(StagePerson {
                employee_id: row.employee_id,
                name: row.name.clone(),
                nip: row.nip.clone(),
                unit: tree.name_of(row.unit_id),
                atasan: row.atasan.clone(),
                stage,
                late: is_late,
            });
        }
    }
    people.sort_by(|a, b| {
        b.late
            .cmp(&a.late)
            .then(a.stage.index().cmp(&b.stage.index()))
            .then_with(|| a.name.cmp(&b.name))
            .then(a.employee_id.cmp(&b.employee_id))
    });
    let groups = groups(&tree, unit, &per_unit)
        .into_iter()
        .map(|g| StageGroup {
            unit_id: g.unit_id,
            name: g.name,
            has_sub_units: g.has_sub_units,
            counts: g.counts,
        })
        .collect();
    Ok(EvaluationMonitor {
        year: Some(period.year),
        periods: periods.iter().map(period_info).collect(),
        period: Some(period_info(&period)),
        due: due.map(|d| d.to_iso()),
        unit: unit.map(|u| (u.id, u.name.clone())),
        parent_unit: unit.and_then(|u| tree.parent_link(u)),
        total,
        late,
        groups,
        people,
    })
}

/// Every unit kerja's finalised distribution for the period (default: the
/// latest periodic one that has ended) against the curve of its Predikat
/// Kinerja Organisasi for the year.
pub async fn distributions(
    state: &AppState,
    period_id: Option<i64>,
) -> Result<DistributionMonitor, AppError> {
    let mut conn = state.db.read().await?;
    let Some(period) = chosen_period(&mut conn, period_id, true).await? else {
        return Ok(DistributionMonitor {
            year: None,
            periods: Vec::new(),
            period: None,
            units: Vec::new(),
        });
    };
    let periods = realisasi_repo::year_periods(&mut conn, period.year).await?;
    let units = repo::curve_units(&mut conn, period.id).await?;
    let counted: HashMap<i64, _> = penilaian_repo::distributions(&mut conn, period.id)
        .await?
        .into_iter()
        .collect();
    let results: HashMap<i64, _> = penilaian_repo::unit_results(&mut conn, period.year)
        .await?
        .into_iter()
        .collect();
    let curves = &state.settings.curves;
    Ok(DistributionMonitor {
        year: Some(period.year),
        periods: periods.iter().map(period_info).collect(),
        period: Some(period_info(&period)),
        units: units
            .into_iter()
            .map(|(unit_id, name)| {
                let distribution = counted.get(&unit_id).copied().unwrap_or_default();
                let unit_predikat = results.get(&unit_id).copied();
                let bounds = unit_predikat
                    .map(|u| curves.bounds(u).to_vec())
                    .unwrap_or_default();
                let breaches = bounds
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !b.holds(&distribution))
                    .map(|(i, _)| i)
                    .collect();
                UnitCurve {
                    unit_id,
                    name,
                    unit_predikat,
                    distribution,
                    bounds,
                    breaches,
                }
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_evaluation_has_one_stage() {
        use EvaluationStatus as S;
        assert_eq!(stage_of(false, None, false), Stage::Unreported);
        assert_eq!(stage_of(true, None, false), Stage::Reported);
        // A self-assessment alone makes a draft the rater has not started.
        assert_eq!(stage_of(true, Some(S::Draft), false), Stage::Reported);
        assert_eq!(stage_of(false, Some(S::Draft), true), Stage::Rating);
        assert_eq!(stage_of(true, Some(S::Final), true), Stage::Final);
        assert_eq!(
            stage_of(true, Some(S::Acknowledged), true),
            Stage::Acknowledged
        );
        assert_eq!(stage_of(true, Some(S::Appealed), true), Stage::Appealed);
        assert_eq!(stage_of(true, Some(S::Decided), true), Stage::Appealed);
        assert!(Stage::Acknowledged.is_final() && !Stage::Rating.is_final());
    }

    #[test]
    fn late_counts_from_the_realisasi_deadline() {
        assert_eq!(
            due_date("2026-04-10", 15).map(|d| d.to_iso()),
            Some("2026-04-25".to_owned())
        );
        assert_eq!(due_date("kemarin", 15), None);
    }
}
