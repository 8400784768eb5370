//! Reading an evaluation: who the viewer is to it decides what they see. The
//! rater (direct supervisor or Plt./Plh.) sees the draft; everyone else within
//! reach sees ratings only once they are final; the employee sees their own
//! self-assessment form until the rater starts.

use super::repository::{self as repo, CurveUnit, EvaluationRow};
use super::rules::{self, Distribution, Rating, RhkRating};
use super::types::{
    AppealView, DistributionPanel, EvaluationCell, EvaluationRole, EvaluationSnapshot,
    EvaluationStatus, EvaluationView, IkiResult, PeriodicResult, RhkScore, TeamEvaluationRow,
    TeamEvaluations, ValueScore, YearEvaluations,
};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::{reach, supervision_levels, SessionUser};
use crate::identity::types::Reach;
use crate::platform::db::{now_millis, Conn, Db};
use crate::platform::state::AppState;
use crate::realisasi::repository::{self as realisasi_repo, PeriodRow, PlanItem, PlanRow};
use crate::realisasi::service::period_info;
use crate::skp::berakhlak::CoreValue;
use crate::skp::periods::PeriodKind;
use crate::skp::types::{PlanStatus, Problem};

/// The longest umpan balik, reason or keberatan.
pub const MAX_TEXT_CHARS: usize = 2000;

const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// How `user` stands to `employee_id`'s evaluations, or Forbidden.
pub async fn role_of(
    conn: &mut Conn,
    user: &SessionUser,
    employee_id: i64,
) -> Result<EvaluationRole, AppError> {
    if user.employee_id() == employee_id {
        return Ok(EvaluationRole::Employee);
    }
    let levels = supervision_levels(conn, employee_id, &user.supervising_positions).await?;
    Ok(match levels {
        Some(1) => EvaluationRole::Rater,
        Some(2) => EvaluationRole::Reviewer,
        _ => match reach(conn, user, employee_id).await? {
            Some(Reach::Indirect | Reach::Admin | Reach::Pimpinan) => EvaluationRole::Reader,
            _ => return Err(AppError::Forbidden),
        },
    })
}

/// The period (periodic or annual), the owner's approved plan and its items:
/// what every evaluation is made against.
pub struct Basis {
    pub period: PeriodRow,
    pub plan: PlanRow,
    pub items: Vec<PlanItem>,
    pub unit: CurveUnit,
}

pub async fn basis(conn: &mut Conn, employee_id: i64, period_id: i64) -> Result<Basis, AppError> {
    let period = realisasi_repo::period(conn, period_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = realisasi_repo::plan(conn, employee_id, period.year)
        .await?
        .filter(|p| p.status == PlanStatus::Approved)
        .ok_or_else(|| {
            AppError::invalid(
                "period",
                tr!(penilaian_error_plan_not_approved, { "year" => period.year }),
            )
        })?;
    let items = realisasi_repo::plan_items(conn, plan.id).await?;
    let unit = repo::curve_unit(conn, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Basis {
        period,
        plan,
        items,
        unit,
    })
}

/// The RHK of a plan, each once, in order, with whether it is utama.
pub fn rhk_list(items: &[PlanItem]) -> Vec<(i64, bool, String)> {
    let mut out: Vec<(i64, bool, String)> = Vec::new();
    for item in items {
        if out.last().is_none_or(|(id, _, _)| *id != item.rhk_id) {
            out.push((item.rhk_id, item.rhk_kind == "utama", item.rhk_text.clone()));
        }
    }
    out
}

/// The leader's rating from their unit's result, when they lead it and it is set.
pub async fn leader_rating(
    state: &AppState,
    conn: &mut Conn,
    basis: &Basis,
) -> Result<Option<(rules::UnitPredikat, Rating)>, AppError> {
    if !basis.unit.leads {
        return Ok(None);
    }
    let result = repo::unit_result(conn, basis.unit.unit_id, basis.period.year).await?;
    Ok(result.map(|r| (r, state.settings.evaluation_leader_rating.rating(r))))
}

/// What the guidance suggests from the RHK ratings saved.
pub fn suggestion(rhk: &[(i64, bool, String)], rows: &[repo::RhkRow]) -> Option<Rating> {
    let ratings: Vec<Option<RhkRating>> = rhk
        .iter()
        .map(|(id, utama, _)| {
            rows.iter()
                .find(|r| r.rhk_id == *id)
                .and_then(|r| r.rating)
                .map(|rating| RhkRating {
                    utama: *utama,
                    rating,
                })
        })
        .collect();
    rules::suggested_hasil_kerja(&ratings)
}

/// The last day a keberatan may be filed (WIB), as ISO.
pub fn appeal_until(finalised_at: i64, days: u32) -> String {
    CivilDate::wib_from_millis(finalised_at + i64::from(days) * DAY_MILLIS).to_iso()
}

pub fn appeal_open(finalised_at: Option<i64>, days: u32, now: i64) -> bool {
    finalised_at
        .is_some_and(|at| CivilDate::wib_from_millis(now).to_iso() <= appeal_until(at, days))
}

pub async fn view(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    period_id: i64,
    check: bool,
) -> Result<EvaluationView, AppError> {
    let mut conn = state.db.read().await?;
    let role = role_of(&mut conn, user, employee_id).await?;
    let owner = crate::skp::plan::repository::owner(&mut conn, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let basis = basis(&mut conn, employee_id, period_id).await?;
    let stored = repo::evaluation(&mut conn, employee_id, period_id).await?;
    let status = stored
        .as_ref()
        .map_or(EvaluationStatus::Draft, |e| e.status);
    // Ratings are the rater's until final; everyone else reads them after.
    let shows_ratings = role == EvaluationRole::Rater || status != EvaluationStatus::Draft;
    let (rhk_rows, value_rows) = match &stored {
        Some(e) => (
            repo::rhk_rows(&mut conn, e.id).await?,
            repo::value_rows(&mut conn, e.id).await?,
        ),
        None => Default::default(),
    };
    let rhk_list = rhk_list(&basis.items);
    let results = iki_results(&mut conn, employee_id, &basis).await?;
    let rhk = rhk_list
        .iter()
        .map(|(rhk_id, utama, text)| {
            let row = rhk_rows.iter().find(|r| r.rhk_id == *rhk_id);
            RhkScore {
                rhk_id: *rhk_id,
                utama: *utama,
                text: text.clone(),
                iki: results
                    .iter()
                    .filter(|(id, _)| id == rhk_id)
                    .map(|(_, r)| r.clone())
                    .collect(),
                rating: row.and_then(|r| r.rating).filter(|_| shows_ratings),
                feedback: row
                    .filter(|_| shows_ratings)
                    .map(|r| r.feedback.clone())
                    .unwrap_or_default(),
                self_rating: row.and_then(|r| r.self_rating),
                self_note: row.map(|r| r.self_note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let expectations = crate::skp::plan::repository::expectations(&mut conn, basis.plan.id).await?;
    let values = CoreValue::ALL
        .iter()
        .map(|value| {
            let row = value_rows.iter().find(|r| r.value_code == value.code());
            ValueScore {
                code: value.code().to_owned(),
                name: value.name().to_owned(),
                guides: value.guides().to_vec(),
                expectation: expectations
                    .iter()
                    .find(|e| e.value == value.code())
                    .map(|e| e.text.clone())
                    .unwrap_or_default(),
                rating: row.and_then(|r| r.rating).filter(|_| shows_ratings),
                feedback: row
                    .filter(|_| shows_ratings)
                    .map(|r| r.feedback.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let leader = leader_rating(state, &mut conn, &basis).await?;
    let unit_predikat = repo::unit_result(&mut conn, basis.unit.unit_id, basis.period.year).await?;
    let others = repo::distribution(
        &mut conn,
        stored.as_ref().map_or(basis.unit.unit_id, |e| e.unit_id),
        period_id,
        stored.as_ref().map(|e| e.id),
    )
    .await?;
    let periodic = if basis.period.kind == PeriodKind::Annual {
        periodic_results(&mut conn, employee_id, basis.period.year).await?
    } else {
        Vec::new()
    };
    let appeal = match &stored {
        Some(e) => repo::appeal(&mut conn, e.id).await?.map(|a| AppealView {
            reasons: a.reasons,
            filed_at: a.filed_at,
            outcome: a.outcome,
            decision: a.decision,
            decided_by: a.decided_by_name,
            decided_at: a.decided_at,
            original: serde_json::from_str(&a.original_json).unwrap_or(EvaluationSnapshot {
                hasil_kerja: None,
                perilaku: None,
                predikat: None,
            }),
        }),
        None => None,
    };
    let now = now_millis();
    let days = state.settings.evaluation_appeal_days;
    let finalised_at = stored.as_ref().and_then(|e| e.finalised_at);
    let rater_started = stored.as_ref().is_some_and(|e| e.rated_by.is_some());
    let overall = |pick: fn(&EvaluationRow) -> Option<Rating>| {
        stored.as_ref().and_then(pick).filter(|_| shows_ratings)
    };
    let problems = match (&stored, check && role == EvaluationRole::Rater) {
        (Some(e), true) => {
            let saved = super::workflow::Ratings::from_rows(e, &rhk_rows, &value_rows);
            saved.final_problems(&rhk_list, leader.map(|(_, r)| r))
        }
        _ => Vec::<Problem>::new(),
    };
    Ok(EvaluationView {
        employee_id,
        employee_name: owner.name,
        position_title: owner.position_title,
        period: period_info(&basis.period),
        annual: basis.period.kind == PeriodKind::Annual,
        role,
        evaluation_id: stored.as_ref().map(|e| e.id),
        version: stored.as_ref().map_or(0, |e| e.version),
        status,
        rhk,
        values,
        hasil_kerja: overall(|e| e.hasil_kerja),
        hasil_kerja_reason: stored
            .as_ref()
            .filter(|_| shows_ratings)
            .and_then(|e| e.hasil_kerja_reason.clone())
            .unwrap_or_default(),
        perilaku: overall(|e| e.perilaku),
        predikat: stored
            .as_ref()
            .and_then(|e| e.predikat)
            .filter(|_| shows_ratings),
        suggested_hasil_kerja: suggestion(&rhk_list, &rhk_rows).filter(|_| shows_ratings),
        leader,
        panel: DistributionPanel {
            unit_id: basis.unit.unit_id,
            unit_name: basis.unit.name.clone(),
            unit_predikat,
            bounds: unit_predikat
                .map(|u| state.settings.curves.bounds(u).to_vec())
                .unwrap_or_default(),
            others,
        },
        periodic,
        rated_by: stored
            .as_ref()
            .and_then(|e| e.rater_name.clone())
            .filter(|_| shows_ratings),
        finalised_at,
        acknowledged_at: stored.as_ref().and_then(|e| e.acknowledged_at),
        appeal_until: finalised_at.map(|at| appeal_until(at, days)),
        can_rate: role == EvaluationRole::Rater && status == EvaluationStatus::Draft,
        can_self_assess: role == EvaluationRole::Employee
            && status == EvaluationStatus::Draft
            && !rater_started,
        can_acknowledge: role == EvaluationRole::Employee && status == EvaluationStatus::Final,
        can_appeal: role == EvaluationRole::Employee
            && matches!(
                status,
                EvaluationStatus::Final | EvaluationStatus::Acknowledged
            )
            && appeal.is_none()
            && appeal_open(finalised_at, days, now),
        can_decide: role == EvaluationRole::Reviewer && status == EvaluationStatus::Appealed,
        appeal,
        problems,
    })
}

/// The realisasi beside each RHK: of this period's report, or for the annual
/// evaluation, of the year's latest report.
async fn iki_results(
    conn: &mut Conn,
    employee_id: i64,
    basis: &Basis,
) -> Result<Vec<(i64, IkiResult)>, AppError> {
    let report_period = if basis.period.kind == PeriodKind::Annual {
        latest_report_period(conn, employee_id, basis.period.year).await?
    } else {
        Some(basis.period.id)
    };
    let report = match report_period {
        Some(p) => realisasi_repo::report(conn, employee_id, p).await?,
        None => None,
    };
    let (entries, evidence) = match &report {
        Some(r) => (
            realisasi_repo::entries(conn, r.id).await?,
            realisasi_repo::evidence_of_report(conn, r.id).await?,
        ),
        None => Default::default(),
    };
    Ok(basis
        .items
        .iter()
        .map(|item| {
            let entry = entries
                .iter()
                .find(|e| e.rhk_id == item.rhk_id && e.iki_index == item.iki_index);
            let files = evidence
                .iter()
                .filter(|v| v.rhk_id == item.rhk_id && v.iki_index == item.iki_index)
                .count();
            (
                item.rhk_id,
                IkiResult {
                    indicator: item.indicator.clone(),
                    aspek: item.aspek.clone(),
                    target: entry.map_or_else(|| item.target.clone(), |e| e.target_text.clone()),
                    satuan: item.satuan.clone(),
                    value: entry.map(|e| e.value_text.clone()).unwrap_or_default(),
                    capaian: entry.and_then(|e| e.capaian).map(|c| c.round() as i64),
                    account: entry.map(|e| e.account.clone()).unwrap_or_default(),
                    evidence: u32::try_from(files).unwrap_or(u32::MAX),
                },
            )
        })
        .collect())
}

async fn latest_report_period(
    conn: &mut Conn,
    employee_id: i64,
    year: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.period_id FROM realisasi_reports r JOIN periods p ON p.id = r.period_id \
         WHERE r.employee_id = $1 AND p.year = $2 AND r.filed_at IS NOT NULL ORDER BY p.number DESC LIMIT 1",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_optional(conn)
    .await
}

/// The year's periodic predikat, final ones only, beside the annual evaluation.
async fn periodic_results(
    conn: &mut Conn,
    employee_id: i64,
    year: i64,
) -> Result<Vec<PeriodicResult>, AppError> {
    let periods = realisasi_repo::periodic_periods(conn, year).await?;
    let found = repo::of_year(conn, &[employee_id], year).await?;
    Ok(periods
        .iter()
        .map(|p| {
            let e = found
                .iter()
                .find(|e| e.period_id == p.id && e.status != EvaluationStatus::Draft);
            PeriodicResult {
                period: period_info(p).name,
                predikat: e.and_then(|e| e.predikat),
                status: e.map(|e| e.status),
            }
        })
        .collect())
}

/// What a rater's open form follows: the live topic of the evaluation's unit
/// and the unit's finalised distribution without this evaluation. Only the
/// rater may follow it (asked again on every change, so a rater who loses the
/// role stops receiving).
pub async fn followed_distribution(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    period_id: i64,
) -> Result<(String, Distribution), AppError> {
    let mut conn = state.db.read().await?;
    if role_of(&mut conn, user, employee_id).await? != EvaluationRole::Rater {
        return Err(AppError::Forbidden);
    }
    let basis = basis(&mut conn, employee_id, period_id).await?;
    let stored = repo::evaluation(&mut conn, employee_id, period_id).await?;
    let unit_id = stored.as_ref().map_or(basis.unit.unit_id, |e| e.unit_id);
    let others = repo::distribution(&mut conn, unit_id, period_id, stored.map(|e| e.id)).await?;
    Ok((
        crate::platform::live::distribution_topic(unit_id, period_id),
        others,
    ))
}

/// One period's evaluation as a list shows it; the predikat only where the
/// viewer may read it (the rater always, others once it is final).
fn cell(period_id: i64, found: Option<&repo::PeriodEvaluation>, rater: bool) -> EvaluationCell {
    EvaluationCell {
        period_id,
        status: found.map(|e| e.status),
        predikat: found
            .filter(|e| rater || e.status != EvaluationStatus::Draft)
            .and_then(|e| e.predikat),
    }
}

/// The caller's direct reports (incl. through a Plt./Plh. seat) whose plan of
/// the reporting year is approved, with their evaluation in each period: the
/// team page's way into each scoring form.
pub async fn team_evaluations(db: &Db, user: &SessionUser) -> Result<TeamEvaluations, AppError> {
    let mut conn = db.read().await?;
    let Some((year, people)) = crate::skp::plan::holders::approved_team(&mut conn, user).await?
    else {
        return Ok(TeamEvaluations {
            year: None,
            periods: Vec::new(),
            rows: Vec::new(),
        });
    };
    let periods = realisasi_repo::year_periods(&mut conn, year).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.employee_id).collect();
    let found = repo::of_year(&mut conn, &ids, year).await?;
    Ok(TeamEvaluations {
        year: Some(year),
        rows: people
            .into_iter()
            .map(|p| TeamEvaluationRow {
                cells: periods
                    .iter()
                    .map(|period| {
                        let e = found
                            .iter()
                            .find(|e| e.employee_id == p.employee_id && e.period_id == period.id);
                        cell(period.id, e, true)
                    })
                    .collect(),
                employee_id: p.employee_id,
                name: p.name,
            })
            .collect(),
        periods: periods.iter().map(period_info).collect(),
    })
}

/// One person's evaluations of `year` (the caller's own when `employee_id` is
/// empty), for whoever stands in their line.
pub async fn year_evaluations(
    db: &Db,
    user: &SessionUser,
    employee_id: Option<i64>,
    year: i64,
) -> Result<YearEvaluations, AppError> {
    let mut conn = db.read().await?;
    let employee_id = employee_id.unwrap_or(user.employee_id());
    let role = role_of(&mut conn, user, employee_id).await?;
    let plan_approved = realisasi_repo::plan(&mut conn, employee_id, year)
        .await?
        .is_some_and(|p| p.status == PlanStatus::Approved);
    if !plan_approved {
        return Ok(YearEvaluations {
            plan_approved,
            periods: Vec::new(),
            cells: Vec::new(),
        });
    }
    let periods = realisasi_repo::year_periods(&mut conn, year).await?;
    let found = repo::of_year(&mut conn, &[employee_id], year).await?;
    Ok(YearEvaluations {
        plan_approved,
        cells: periods
            .iter()
            .map(|p| {
                let e = found.iter().find(|e| e.period_id == p.id);
                cell(p.id, e, role == EvaluationRole::Rater)
            })
            .collect(),
        periods: periods.iter().map(period_info).collect(),
    })
}
