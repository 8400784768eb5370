//! Reading and saving a period's realisasi. Everyone within reach of the owner
//! may read it; only the owner writes, only while the period is open, and only on
//! an approved plan. Capaian is computed here by the same rule the form shows.

use super::fields::{
    account_field, action_field, reason_field, target_field, value_field, NOT_STARTED_ANCHOR,
};
use super::repository::{self as repo, EntryRow, PeriodRow, PlanItem, ReportRow};
use super::rules::{self, Accumulation, Direction, Filing};
use super::types::{
    EntrySave, EvidenceItem, FilingStatus, IkiReport, PeriodInfo, PeriodReport, ReportSave,
    ReportView, RhkReport, TeamFilingRow, TeamFilings, YearReports,
};
use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::i18n::{deferred_tr, tr};
use crate::identity::roles::{reach, SessionUser};
use crate::identity::types::Reach;
use crate::notifications::repository::{self as notifications, Notice};
use crate::organisation::supervision::supervisor_of_employee;
use crate::platform::db::{now_millis, Backend, Conn, Db};
use crate::platform::state::AppState;
use crate::skp::period::types::PeriodStatus;
use crate::skp::periods::stored_period_name;
use crate::skp::types::{Approach, Aspek, PlanStatus, Problem};
use serde_json::json;

/// The longest rencana aksi or account of what was done.
pub const MAX_TEXT_CHARS: usize = 2000;

pub fn period_info(row: &PeriodRow) -> PeriodInfo {
    PeriodInfo {
        id: row.id,
        year: row.year,
        name: stored_period_name(row.kind, row.number, row.year, row.scheme),
        starts_on: row.starts_on.clone(),
        ends_on: row.ends_on.clone(),
        deadline: row.deadline.clone(),
        open: row.status == PeriodStatus::Open,
    }
}

/// Where filing stands for `period` today.
pub fn filing_today(period: &PeriodRow, now: i64) -> Filing {
    let today = CivilDate::wib_from_millis(now);
    let starts_on = CivilDate::parse_iso(&period.starts_on).unwrap_or(today);
    let deadline = CivilDate::parse_iso(&period.deadline).unwrap_or(today);
    rules::filing(
        period.status == PeriodStatus::Open,
        starts_on,
        deadline,
        today,
    )
}

/// Why a period that has not begun cannot be reported yet (it can be saved),
/// pointing at the page's notice of when it starts.
fn not_started_problem(period: &PeriodRow) -> Problem {
    problem(
        NOT_STARTED_ANCHOR.to_owned(),
        tr!(realisasi_error_not_started, {
            "period" => period_info(period).name,
            "start" => crate::calendar::iso_in_words(&period.starts_on),
        }),
    )
}

pub fn status_of(filed_at: Option<i64>, late: i64) -> FilingStatus {
    match filed_at {
        None => FilingStatus::Missing,
        Some(_) if late != 0 => FilingStatus::Late,
        Some(_) => FilingStatus::Filed,
    }
}

/// The reach the viewer has over `employee_id`, or Forbidden.
async fn require_reach(
    conn: &mut Conn,
    user: &SessionUser,
    employee_id: i64,
) -> Result<Reach, AppError> {
    reach(conn, user, employee_id)
        .await?
        .ok_or(AppError::Forbidden)
}

/// A year's periods and the employee's report in each.
pub async fn year_reports(
    db: &Db,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
) -> Result<YearReports, AppError> {
    let mut conn = db.read().await?;
    require_reach(&mut conn, user, employee_id).await?;
    let plan = repo::plan(&mut conn, employee_id, year).await?;
    let periods = repo::periodic_periods(&mut conn, year).await?;
    let filings = repo::filings(&mut conn, &[employee_id], year).await?;
    Ok(YearReports {
        employee_id,
        year,
        // Reports already made stay listed while the plan is revised.
        plan_approved: plan.is_some_and(|p| p.status == PlanStatus::Approved)
            || filings.iter().any(|f| f.filed_at.is_some()),
        periods: periods
            .iter()
            .map(|p| {
                let filed = filings.iter().find(|f| f.period_id == p.id);
                PeriodReport {
                    period: period_info(p),
                    status: filed.map_or(FilingStatus::Missing, |f| status_of(f.filed_at, f.late)),
                    filed_at: filed.and_then(|f| f.filed_at),
                }
            })
            .collect(),
    })
}

/// What the employee reports against for one IKI this period.
pub struct Basis<'a> {
    item: &'a PlanItem,
    aspek: Aspek,
    accumulation: Accumulation,
    default_target: f64,
}

pub fn bases(items: &[PlanItem], periods_in_year: u32) -> Vec<Basis<'_>> {
    items
        .iter()
        .map(|item| {
            let aspek = Aspek::from_code(&item.aspek).unwrap_or(Aspek::Kuantitas);
            let accumulation = Accumulation::of(item.accumulation.as_deref(), aspek, &item.satuan);
            Basis {
                item,
                aspek,
                accumulation,
                default_target: rules::period_target(
                    item.target_value,
                    accumulation,
                    periods_in_year,
                ),
            }
        })
        .collect()
}

/// One employee's realisasi for a period, as `user` may see it.
///
/// `problems` lists what is wrong with what was typed; with `filing`, also what a
/// report to the supervisor still needs (after a refused filing).
pub async fn view(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    period_id: i64,
    filing_check: bool,
) -> Result<ReportView, AppError> {
    let mut conn = state.db.read().await?;
    let reach = require_reach(&mut conn, user, employee_id).await?;
    let period = repo::period(&mut conn, period_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if period.kind != crate::skp::periods::PeriodKind::Periodic {
        return Err(AppError::NotFound);
    }
    let owner = crate::skp::plan::repository::owner(&mut conn, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = repo::report(&mut conn, employee_id, period_id).await?;
    // A report stays readable while its plan is being revised (a draft again).
    let plan = repo::plan(&mut conn, employee_id, period.year)
        .await?
        .filter(|p| p.status == PlanStatus::Approved || report.is_some())
        .ok_or_else(|| plan_not_approved(period.year))?;
    let plan_approved = plan.status == PlanStatus::Approved;
    let items = repo::plan_items(&mut conn, plan.id).await?;
    let periods_in_year = repo::periodic_periods(&mut conn, period.year).await?.len() as u32;
    let refused = match &report {
        Some(r) if reach == Reach::Own => repo::refusals(&mut conn, r.id).await?,
        _ => Vec::new(),
    };
    let (actions, entries, evidence, shared) = match &report {
        Some(r) => (
            repo::actions(&mut conn, r.id).await?,
            repo::entries(&mut conn, r.id).await?,
            repo::evidence_of_report(&mut conn, r.id).await?,
            repo::shared_files(&mut conn, r.id, employee_id).await?,
        ),
        None => Default::default(),
    };
    // Who else uses the same file: supervisors and the admin see the flag, and
    // the names of those they may see themselves.
    let sees_sharing = matches!(reach, Reach::Direct | Reach::Indirect | Reach::Admin);
    let mut visible_names: Vec<(String, String)> = Vec::new();
    if sees_sharing {
        // One reach check per colleague, however many files they share.
        let mut within: Vec<(i64, bool)> = Vec::new();
        for (sha256, other, name) in &shared {
            let seen = match within.iter().find(|(id, _)| id == other) {
                Some(&(_, seen)) => seen,
                None => {
                    let seen = reach_of(&mut conn, user, *other).await?;
                    within.push((*other, seen));
                    seen
                }
            };
            if seen {
                visible_names.push((sha256.clone(), name.clone()));
            }
        }
    }
    let may_open_files = !matches!(reach, Reach::Pimpinan);
    let now = now_millis();
    let filing = filing_today(&period, now);
    let bases = bases(&items, periods_in_year);
    let mut rhk: Vec<RhkReport> = Vec::new();
    let mut problems = Vec::new();
    for basis in &bases {
        let item = basis.item;
        if rhk.last().is_none_or(|r| r.rhk_id != item.rhk_id) {
            rhk.push(RhkReport {
                rhk_id: item.rhk_id,
                kind: item.rhk_kind.clone(),
                text: item.rhk_text.clone(),
                action: actions
                    .iter()
                    .find(|(id, _)| *id == item.rhk_id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default(),
                iki: Vec::new(),
            });
        }
        let stored = entries
            .iter()
            .find(|e| e.rhk_id == item.rhk_id && e.iki_index == item.iki_index);
        if let Some(e) = stored.filter(|_| reach == Reach::Own) {
            let sent = EntrySave {
                rhk_id: e.rhk_id,
                index: e.iki_index,
                target: e.target_text.clone(),
                target_reason: e.target_reason.clone().unwrap_or_default(),
                value: e.value_text.clone(),
                account: e.account.clone(),
            };
            let kualitatif = plan.approach == Approach::Kualitatif.code();
            problems.extend(assess(basis, &sent, kualitatif, filing_check).1);
        }
        let items_evidence = evidence
            .iter()
            .filter(|v| v.rhk_id == item.rhk_id && v.iki_index == item.iki_index)
            .map(|v| {
                let shared_here: Vec<String> = v.sha256.as_ref().map_or_else(Vec::new, |hash| {
                    visible_names
                        .iter()
                        .filter(|(h, _)| h == hash)
                        .map(|(_, n)| n.clone())
                        .collect()
                });
                let is_shared = sees_sharing
                    && v.sha256
                        .as_ref()
                        .is_some_and(|hash| shared.iter().any(|(h, _, _)| h == hash));
                EvidenceItem {
                    id: v.id,
                    label: v
                        .file_name
                        .clone()
                        .or_else(|| v.url.clone())
                        .unwrap_or_default(),
                    sha256: v.sha256.clone(),
                    size: v.size,
                    kind: v.kind.clone(),
                    url: v.url.clone(),
                    openable: may_open_files && v.sha256.is_some(),
                    previewable: may_open_files
                        && matches!(v.kind.as_deref(), Some("pdf" | "jpg" | "png" | "webp")),
                    also_used_by: shared_here,
                    shared: is_shared,
                }
            })
            .collect();
        let iki = IkiReport {
            rhk_id: item.rhk_id,
            index: item.iki_index,
            aspek: item.aspek.clone(),
            indicator: item.indicator.clone(),
            satuan: item.satuan.clone(),
            accumulation: basis.accumulation,
            annual_target: item.target.clone(),
            default_target: rules::format_amount(basis.default_target),
            target: stored
                .map(|e| e.target_text.clone())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| rules::format_amount(basis.default_target)),
            target_reason: stored
                .and_then(|e| e.target_reason.clone())
                .unwrap_or_default(),
            value: stored.map(|e| e.value_text.clone()).unwrap_or_default(),
            account: stored.map(|e| e.account.clone()).unwrap_or_default(),
            capaian: stored.and_then(|e| e.capaian).map(|c| c.round() as i64),
            evidence: items_evidence,
        };
        if let Some(last) = rhk.last_mut() {
            last.iki.push(iki);
        }
    }
    if filing_check && reach == Reach::Own && filing == Filing::NotStarted {
        problems.push(not_started_problem(&period));
    }
    Ok(ReportView {
        employee_id,
        employee_name: owner.name,
        position_title: owner.position_title,
        period: period_info(&period),
        approach: plan.approach,
        version: report.as_ref().map_or(0, |r| r.version),
        status: report
            .as_ref()
            .map_or(FilingStatus::Missing, |r| status_of(r.filed_at, r.late)),
        filed_at: report.as_ref().and_then(|r| r.filed_at),
        updated_at: report.as_ref().map(|r| r.updated_at),
        past_deadline: filing == Filing::Late,
        not_started: filing == Filing::NotStarted,
        rhk,
        problems,
        refused,
        reach,
        can_edit: reach == Reach::Own && filing != Filing::Closed && plan_approved,
        max_files: state.settings.upload_max_files,
        max_file_mb: state.settings.upload_max_file_mb,
    })
}

/// Whether `user` may see `employee_id` at all (for naming who shares a file).
async fn reach_of(conn: &mut Conn, user: &SessionUser, employee_id: i64) -> Result<bool, AppError> {
    Ok(reach(conn, user, employee_id).await?.is_some())
}

/// The refusal for a year without an approved plan.
fn plan_not_approved(year: i64) -> AppError {
    AppError::invalid(
        "period",
        tr!(realisasi_error_plan_not_approved, { "year" => year }),
    )
}

/// The refusal for a closed period, naming it.
pub fn closed_error(period: &PeriodRow) -> AppError {
    let name = period_info(period).name;
    AppError::invalid(
        "period",
        tr!(realisasi_error_period_closed, { "period" => name }),
    )
}

/// What the owner may write to: the period (open), the approved plan, and the
/// report (created on first write). Read inside the write's transaction.
pub struct Writable {
    pub period: PeriodRow,
    pub plan_id: i64,
    pub approach: String,
    pub items: Vec<PlanItem>,
    pub periods_in_year: u32,
    pub report: Option<ReportRow>,
    pub filing: Filing,
}

pub async fn writable(
    conn: &mut Conn,
    backend: Backend,
    user: &SessionUser,
    period_id: i64,
    now: i64,
) -> Result<Writable, AppError> {
    let employee_id = user.employee_id();
    repo::hold_period(conn, backend, period_id).await?;
    let period = repo::period(conn, period_id)
        .await?
        .filter(|p| p.kind == crate::skp::periods::PeriodKind::Periodic)
        .ok_or(AppError::NotFound)?;
    let filing = filing_today(&period, now);
    if filing == Filing::Closed {
        return Err(closed_error(&period));
    }
    let plan = repo::plan(conn, employee_id, period.year)
        .await?
        .filter(|p| p.status == PlanStatus::Approved)
        .ok_or_else(|| plan_not_approved(period.year))?;
    let items = repo::plan_items(conn, plan.id).await?;
    let periods_in_year = repo::periodic_periods(conn, period.year).await?.len() as u32;
    let report = repo::report(conn, employee_id, period_id).await?;
    Ok(Writable {
        period,
        plan_id: plan.id,
        approach: plan.approach,
        items,
        periods_in_year,
        report,
        filing,
    })
}

/// What writes a report first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstWrite {
    /// The form: version 1; a second first save racing it is a conflict.
    Save,
    /// Evidence sent before any text was saved: version 0 (the version counts saves
    /// of the text, so a form opened before the upload still saves on the version it
    /// shows), and uploads sent together share the report.
    Evidence,
}

/// The report's id, creating it when this is the first write.
pub async fn ensure_report(
    conn: &mut Conn,
    user: &SessionUser,
    w: &Writable,
    first: FirstWrite,
    now: i64,
) -> Result<i64, AppError> {
    let (employee, period, plan) = (user.employee_id(), w.period.id, w.plan_id);
    Ok(match (&w.report, first) {
        (Some(r), _) => r.id,
        (None, FirstWrite::Save) => repo::insert_report(conn, employee, period, plan, now).await?,
        (None, FirstWrite::Evidence) => {
            repo::insert_or_find_report(conn, employee, period, plan, now).await?
        }
    })
}

/// The stored row for one IKI from what the owner sent, and what is wrong with
/// it. A draft keeps everything as typed, right or not, so nothing typed is ever
/// lost; `filing` adds what a report to the supervisor needs (every realisasi).
pub fn assess(
    basis: &Basis<'_>,
    sent: &EntrySave,
    kualitatif: bool,
    filing: bool,
) -> (EntryRow, Vec<Problem>) {
    let item = basis.item;
    let (rhk, idx) = (item.rhk_id, item.iki_index);
    let indicator = item.indicator.clone();
    let mut problems = Vec::new();
    let target_text = sent.target.trim();
    let target = match target_text {
        "" => basis.default_target,
        text => match rules::parse_amount(text) {
            Some(t) if t > 0.0 => t,
            _ => {
                problems.push(problem(
                    target_field(rhk, idx),
                    tr!(realisasi_error_target, { "indicator" => indicator, "text" => text }),
                ));
                basis.default_target
            }
        },
    };
    let reason = sent.target_reason.trim();
    let changed = rules::target_changed(basis.default_target, target);
    if changed && reason.is_empty() {
        problems.push(problem(
            reason_field(rhk, idx),
            tr!(realisasi_error_target_reason, {
                "indicator" => indicator,
                "default" => rules::format_amount(basis.default_target),
            }),
        ));
    }
    too_long(
        &mut problems,
        reason_field(rhk, idx),
        tr!(realisasi_target_reason),
        reason,
    );
    too_long(
        &mut problems,
        account_field(rhk, idx),
        tr!(realisasi_account),
        &sent.account,
    );
    let value_text = sent.value.trim();
    let value = if kualitatif || value_text.is_empty() {
        too_long(
            &mut problems,
            value_field(rhk, idx),
            tr!(realisasi_value),
            value_text,
        );
        None
    } else {
        let parsed = rules::parse_amount(value_text);
        if parsed.is_none() {
            problems.push(problem(
                value_field(rhk, idx),
                tr!(realisasi_error_value, { "indicator" => indicator, "text" => value_text }),
            ));
        }
        parsed
    };
    if filing && value_text.is_empty() {
        problems.push(problem(
            value_field(rhk, idx),
            tr!(realisasi_error_value_missing, { "indicator" => indicator }),
        ));
    }
    let capaian = value
        .and_then(|v| rules::capaian(target, v, Direction::of(basis.aspek)))
        .map(|c| c as f64);
    let row = EntryRow {
        rhk_id: rhk,
        iki_index: idx,
        aspek: item.aspek.clone(),
        indicator: item.indicator.clone(),
        satuan: item.satuan.clone(),
        accumulation: basis.accumulation.code().to_owned(),
        annual_target: item.target_value,
        target,
        target_text: target_text.to_owned(),
        target_reason: (!reason.is_empty()).then(|| reason.to_owned()),
        value_text: value_text.to_owned(),
        value,
        account: sent.account.trim().to_owned(),
        capaian,
    };
    (row, problems)
}

fn problem(field: String, message: String) -> Problem {
    Problem { field, message }
}

fn too_long(problems: &mut Vec<Problem>, field: String, label: String, text: &str) {
    if text.trim().chars().count() > MAX_TEXT_CHARS {
        problems.push(problem(
            field,
            tr!(error_text_too_long, { "label" => label, "max" => MAX_TEXT_CHARS }),
        ));
    }
}

/// What a save did: the new version, whether it is now filed, and what is
/// still wrong (shown beside each field; a report with problems is not filed).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SaveOutcome {
    pub report_id: i64,
    pub version: i64,
    pub filed: bool,
    pub problems: Vec<Problem>,
}

/// Saves the owner's realisasi as typed and, with `file` and nothing wrong,
/// reports it to the supervisor. A conflict when it was saved elsewhere since.
pub async fn save(
    state: &AppState,
    user: &SessionUser,
    input: ReportSave,
) -> Result<SaveOutcome, AppError> {
    let now = now_millis();
    let db = &state.db;
    let mut tx = db.write().await?;
    let w = writable(&mut tx, db.backend(), user, input.period_id, now).await?;
    let current = w.report.as_ref().map_or(0, |r| r.version);
    if input.base_version != current {
        return Err(AppError::Conflict {
            message: tr!(realisasi_error_conflict),
            version: current,
        });
    }
    let kualitatif = w.approach == Approach::Kualitatif.code();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for basis in &bases(&w.items, w.periods_in_year) {
        let sent = input
            .entries
            .iter()
            .find(|e| e.rhk_id == basis.item.rhk_id && e.index == basis.item.iki_index)
            .cloned()
            .unwrap_or_default();
        let (row, found) = assess(basis, &sent, kualitatif, input.file);
        rows.push(row);
        problems.extend(found);
    }
    let mut actions = Vec::new();
    for (rhk_id, text) in &input.actions {
        let known = w.items.iter().any(|i| i.rhk_id == *rhk_id);
        if known && !actions.iter().any(|(id, _)| id == rhk_id) {
            too_long(
                &mut problems,
                action_field(*rhk_id),
                tr!(realisasi_action),
                text,
            );
            actions.push((*rhk_id, text.clone()));
        }
    }
    if input.file && w.filing == Filing::NotStarted {
        problems.push(not_started_problem(&w.period));
    }
    let report_id = ensure_report(&mut tx, user, &w, FirstWrite::Save, now).await?;
    if w.report.is_some() && !repo::bump_version(&mut tx, report_id, current, now).await? {
        return Err(AppError::Conflict {
            message: tr!(realisasi_error_conflict),
            version: current,
        });
    }
    repo::replace_content(&mut tx, report_id, &actions, &rows).await?;
    let already_filed = w.report.as_ref().is_some_and(|r| r.filed_at.is_some());
    let first_filing = input.file && problems.is_empty() && !already_filed;
    let period_name = period_info(&w.period).name;
    let late = w.filing == Filing::Late;
    if first_filing {
        repo::mark_filed(&mut tx, report_id, late, now).await?;
        if let Some(boss) = supervisor_of_employee(&mut tx, user.employee_id()).await? {
            let text = if late {
                deferred_tr!(realisasi_notice_filed_late, { "name" => user.viewer.name, "period" => period_name })
            } else {
                deferred_tr!(realisasi_notice_filed, { "name" => user.viewer.name, "period" => period_name })
            };
            let link = format!(
                "/skp/{}/pegawai/{}/realisasi/{}",
                w.period.year,
                user.employee_id(),
                w.period.id
            );
            let notice = Notice {
                to: boss.employee_id,
                text,
                link,
            };
            notifications::insert(&mut tx, AuditAction::RealisasiFiled.code(), notice, now).await?;
        }
    }
    let action = if first_filing {
        AuditAction::RealisasiFiled
    } else {
        AuditAction::RealisasiSaved
    };
    let after = json!({
        "period": period_name,
        "version": current + 1,
        "late": first_filing && late,
        "capaian": rows.iter().map(|r| r.capaian).collect::<Vec<_>>(),
    });
    let change = Change::by(
        user,
        action,
        "realisasi_report",
        report_id,
        None,
        Some(after),
    )
    .about(period_name.clone());
    chain::append(&mut tx, db.backend(), change, now).await?;
    tx.commit().await?;
    Ok(SaveOutcome {
        report_id,
        version: current + 1,
        filed: first_filing || already_filed,
        problems,
    })
}

/// Keeps why the files or links sent with a form were refused, for the owner to
/// read on the page (an empty list clears the last ones).
pub async fn note_refusals(
    state: &AppState,
    user: &SessionUser,
    report_id: i64,
    messages: &[String],
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let report = repo::report_by_id(&mut tx, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if report.employee_id != user.employee_id() {
        return Err(AppError::Forbidden);
    }
    let json = (!messages.is_empty()).then(|| serde_json::to_string(messages).unwrap_or_default());
    repo::set_refusals(&mut tx, report_id, json).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the caller may write to the period at all (open, plan approved):
/// asked before a form's files are received.
pub async fn check_writable(
    state: &AppState,
    user: &SessionUser,
    period_id: i64,
) -> Result<(), AppError> {
    let mut conn = state.db.read().await?;
    writable(&mut conn, state.db.backend(), user, period_id, now_millis())
        .await
        .map(|_| ())
}

/// The year a period belongs to.
pub async fn year_of_period(state: &AppState, period_id: i64) -> Result<i64, AppError> {
    let mut conn = state.db.read().await?;
    Ok(repo::period(&mut conn, period_id)
        .await?
        .ok_or(AppError::NotFound)?
        .year)
}

/// The direct reports' filing per period of the year being reported.
pub async fn team_filings(db: &Db, user: &SessionUser) -> Result<TeamFilings, AppError> {
    let mut conn = db.read().await?;
    let Some((year, people)) = crate::skp::plan::holders::approved_team(&mut conn, user).await?
    else {
        return Ok(TeamFilings {
            year: None,
            periods: Vec::new(),
            rows: Vec::new(),
        });
    };
    let periods = repo::periodic_periods(&mut conn, year).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.employee_id).collect();
    let filings = repo::filings(&mut conn, &ids, year).await?;
    Ok(TeamFilings {
        year: Some(year),
        rows: people
            .into_iter()
            .map(|p| TeamFilingRow {
                statuses: periods
                    .iter()
                    .map(|period| {
                        filings
                            .iter()
                            .find(|f| f.employee_id == p.employee_id && f.period_id == period.id)
                            .map_or(FilingStatus::Missing, |f| status_of(f.filed_at, f.late))
                    })
                    .collect(),
                employee_id: p.employee_id,
                name: p.name,
            })
            .collect(),
        periods: periods.iter().map(period_info).collect(),
    })
}
