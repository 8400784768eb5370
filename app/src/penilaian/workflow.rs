//! Writing an evaluation: the rater's draft and its finalisation, the
//! employee's self-assessment, acknowledgement and keberatan, the atasan
//! pejabat penilai's decision, and each unit's Predikat Kinerja Organisasi.
//! The predikat is always computed here; whatever a client sends as one is
//! never read.

use super::fields;
use super::repository::{self as repo, EvaluationRow, Overall, RhkRow, ValueRow};
use super::rules::{self, Rating, UnitPredikat};
use super::service::{self, appeal_open, basis, rhk_list, role_of, MAX_TEXT_CHARS};
use super::types::{
    AppealOutcome, EvaluationRole, EvaluationSnapshot, EvaluationStatus, RatingOutcome, RatingSave,
    SelfSave,
};
use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::error::AppError;
use crate::i18n::{deferred_tr, tr};
use crate::identity::roles::SessionUser;
use crate::identity::types::Role;
use crate::notifications::repository::{self as notifications, Notice};
use crate::organisation::supervision::supervisor_of_employee;
use crate::platform::db::{now_millis, Conn};
use crate::platform::live;
use crate::platform::state::AppState;
use crate::realisasi::service::period_info;
use crate::skp::berakhlak::CoreValue;
use crate::skp::types::Problem;
use serde_json::json;

/// The ratings of one evaluation, as saved or as sent (parsed).
#[derive(Clone, Debug, Default)]
pub struct Ratings {
    pub rhk: Vec<(i64, Option<Rating>, String)>,
    pub values: Vec<(String, Option<Rating>, String)>,
    pub hasil_kerja: Option<Rating>,
    pub hasil_kerja_reason: String,
    pub perilaku: Option<Rating>,
}

fn problem(field: String, message: String) -> Problem {
    Problem { field, message }
}

impl Ratings {
    pub fn from_rows(e: &EvaluationRow, rhk: &[RhkRow], values: &[ValueRow]) -> Self {
        Self {
            rhk: rhk
                .iter()
                .map(|r| (r.rhk_id, r.rating, r.feedback.clone()))
                .collect(),
            values: values
                .iter()
                .map(|v| (v.value_code.clone(), v.rating, v.feedback.clone()))
                .collect(),
            hasil_kerja: e.hasil_kerja,
            hasil_kerja_reason: e.hasil_kerja_reason.clone().unwrap_or_default(),
            perilaku: e.perilaku,
        }
    }

    fn rhk_rating(&self, id: i64) -> Option<&(i64, Option<Rating>, String)> {
        self.rhk.iter().find(|(r, _, _)| *r == id)
    }

    /// The rating the rules expect for hasil kerja: the leader's from the unit,
    /// else the guidance's from the RHK ratings.
    pub fn expected_hasil_kerja(
        &self,
        rhk: &[(i64, bool, String)],
        leader: Option<Rating>,
    ) -> Option<Rating> {
        leader.or_else(|| {
            let ratings: Vec<Option<rules::RhkRating>> = rhk
                .iter()
                .map(|(id, utama, _)| {
                    self.rhk_rating(*id)
                        .and_then(|(_, r, _)| *r)
                        .map(|rating| rules::RhkRating {
                            utama: *utama,
                            rating,
                        })
                })
                .collect();
            rules::suggested_hasil_kerja(&ratings)
        })
    }

    pub fn predikat(&self) -> Option<rules::Predikat> {
        Some(rules::predikat(self.hasil_kerja?, self.perilaku?))
    }

    /// What finalising still needs, each naming the field to fix.
    pub fn final_problems(
        &self,
        rhk: &[(i64, bool, String)],
        leader: Option<Rating>,
    ) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (id, _, text) in rhk {
            match self.rhk_rating(*id) {
                Some((_, Some(Rating::DiBawah), feedback)) if feedback.trim().is_empty() => {
                    problems.push(problem(
                        fields::rhk_feedback(*id),
                        tr!(penilaian_error_feedback_needed, { "rhk" => text }),
                    ))
                }
                Some((_, Some(_), _)) => {}
                _ => problems.push(problem(
                    fields::rhk_rating(*id),
                    tr!(penilaian_error_rhk_unrated, { "rhk" => text }),
                )),
            }
        }
        for value in CoreValue::ALL {
            let found = self.values.iter().find(|(c, _, _)| c == value.code());
            match found {
                Some((_, Some(Rating::DiBawah), feedback)) if feedback.trim().is_empty() => {
                    problems.push(problem(
                        fields::value_feedback(value.code()),
                        tr!(penilaian_error_value_feedback_needed, { "value" => value.name() }),
                    ))
                }
                Some((_, Some(_), _)) => {}
                _ => problems.push(problem(
                    fields::value_rating(value.code()),
                    tr!(penilaian_error_value_unrated, { "value" => value.name() }),
                )),
            }
        }
        match self.hasil_kerja {
            None => problems.push(problem(
                fields::HASIL_KERJA.to_owned(),
                tr!(penilaian_error_hasil_kerja_missing),
            )),
            Some(chosen) => {
                let expected = self.expected_hasil_kerja(rhk, leader);
                if expected.is_some_and(|e| e != chosen)
                    && self.hasil_kerja_reason.trim().is_empty()
                {
                    problems.push(problem(
                        fields::HASIL_KERJA_REASON.to_owned(),
                        tr!(penilaian_error_hasil_kerja_reason),
                    ));
                }
            }
        }
        if self.perilaku.is_none() {
            problems.push(problem(
                fields::PERILAKU.to_owned(),
                tr!(penilaian_error_perilaku_missing),
            ));
        }
        problems
    }
}

/// A rating code as sent: empty is "not rated", anything unknown is refused.
fn parse_rating(field: String, code: &str) -> Result<Option<Rating>, AppError> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    Rating::from_code(code)
        .map(Some)
        .ok_or_else(|| AppError::invalid(field, tr!(penilaian_error_rating_code)))
}

fn checked_text(field: String, label: &str, text: &str) -> Result<String, AppError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(AppError::invalid(
            field,
            tr!(penilaian_error_too_long, { "field" => label, "max" => MAX_TEXT_CHARS }),
        ));
    }
    Ok(text.trim().to_owned())
}

/// Only the plan's RHK and the seven values are kept; each once.
fn parse_save(input: &RatingSave, rhk: &[(i64, bool, String)]) -> Result<Ratings, AppError> {
    let mut out = Ratings::default();
    for (id, code, feedback) in &input.rhk {
        if !rhk.iter().any(|(r, _, _)| r == id) || out.rhk_rating(*id).is_some() {
            continue;
        }
        let rating = parse_rating(fields::rhk_rating(*id), code)?;
        let feedback = checked_text(
            fields::rhk_feedback(*id),
            &tr!(penilaian_feedback),
            feedback,
        )?;
        out.rhk.push((*id, rating, feedback));
    }
    for (code, rating, feedback) in &input.values {
        let Some(value) = CoreValue::from_code(code) else {
            continue;
        };
        if out.values.iter().any(|(c, _, _)| c == value.code()) {
            continue;
        }
        let rating = parse_rating(fields::value_rating(value.code()), rating)?;
        let feedback = checked_text(
            fields::value_feedback(value.code()),
            &tr!(penilaian_feedback),
            feedback,
        )?;
        out.values.push((value.code().to_owned(), rating, feedback));
    }
    out.hasil_kerja = parse_rating(fields::HASIL_KERJA.to_owned(), &input.hasil_kerja)?;
    out.hasil_kerja_reason = checked_text(
        fields::HASIL_KERJA_REASON.to_owned(),
        &tr!(penilaian_hasil_kerja_reason),
        &input.hasil_kerja_reason,
    )?;
    out.perilaku = parse_rating(fields::PERILAKU.to_owned(), &input.perilaku)?;
    Ok(out)
}

fn conflict(version: i64) -> AppError {
    AppError::Conflict {
        message: tr!(penilaian_error_conflict),
        version,
    }
}

fn already_final() -> AppError {
    AppError::invalid("status", tr!(penilaian_error_not_draft))
}

/// The page of an evaluation, for whoever follows a notice to it.
pub fn page_of(year: i64, employee_id: i64, period_id: i64) -> String {
    format!("/skp/{year}/pegawai/{employee_id}/penilaian/{period_id}")
}

pub fn own_page_of(year: i64, period_id: i64) -> String {
    format!("/skp/{year}/penilaian/{period_id}")
}

/// Saves the rater's draft (every field as sent: a draft may be incomplete), and
/// finalises it when asked and nothing is missing.
pub async fn save_ratings(
    state: &AppState,
    user: &SessionUser,
    input: RatingSave,
) -> Result<RatingOutcome, AppError> {
    let now = now_millis();
    let db = &state.db;
    let mut tx = db.write().await?;
    if role_of(&mut tx, user, input.employee_id).await? != EvaluationRole::Rater {
        return Err(AppError::Forbidden);
    }
    let basis = basis(&mut tx, input.employee_id, input.period_id).await?;
    let rhk = rhk_list(&basis.items);
    let ratings = parse_save(&input, &rhk)?;
    let stored = repo::evaluation(&mut tx, input.employee_id, input.period_id).await?;
    if stored
        .as_ref()
        .is_some_and(|e| e.status != EvaluationStatus::Draft)
    {
        return Err(already_final());
    }
    let current = stored.as_ref().map_or(0, |e| e.version);
    if input.base_version != current {
        return Err(conflict(current));
    }
    let id = match &stored {
        Some(e) => e.id,
        None => {
            repo::insert_or_find(
                &mut tx,
                input.employee_id,
                input.period_id,
                basis.unit.unit_id,
                now,
            )
            .await?
        }
    };
    if !repo::bump_version(&mut tx, id, current, now).await? {
        return Err(conflict(current));
    }
    for (rhk_id, rating, feedback) in &ratings.rhk {
        repo::upsert_rhk_rating(&mut tx, id, *rhk_id, *rating, feedback).await?;
    }
    for (code, rating, feedback) in &ratings.values {
        repo::upsert_value(&mut tx, id, code, *rating, feedback).await?;
    }
    // What finalising checks is the whole evaluation as stored now (fields not
    // sent keep their saved values).
    let saved_rhk = repo::rhk_rows(&mut tx, id).await?;
    let saved_values = repo::value_rows(&mut tx, id).await?;
    let mut whole = Ratings {
        rhk: saved_rhk
            .iter()
            .map(|r| (r.rhk_id, r.rating, r.feedback.clone()))
            .collect(),
        values: saved_values
            .iter()
            .map(|v| (v.value_code.clone(), v.rating, v.feedback.clone()))
            .collect(),
        ..ratings
    };
    let leader = service::leader_rating(state, &mut tx, &basis).await?;
    let expected = whole.expected_hasil_kerja(&rhk, leader.map(|(_, r)| r));
    if whole.hasil_kerja.is_some() && whole.hasil_kerja == expected {
        whole.hasil_kerja_reason.clear();
    }
    let predikat = whole.predikat();
    let overall = Overall {
        hasil_kerja: whole.hasil_kerja,
        hasil_kerja_reason: Some(whole.hasil_kerja_reason.clone()).filter(|r| !r.is_empty()),
        perilaku: whole.perilaku,
        predikat,
    };
    repo::set_overall(&mut tx, id, &overall, user.employee_id(), now).await?;
    let problems = if input.finalise {
        whole.final_problems(&rhk, leader.map(|(_, r)| r))
    } else {
        Vec::new()
    };
    let finalised = input.finalise && problems.is_empty();
    let mut version = current + 1;
    let period_name = period_info(&basis.period).name;
    if finalised {
        repo::set_status(&mut tx, id, EvaluationStatus::Final, now).await?;
        repo::set_finalised_by(&mut tx, id, user.employee_id()).await?;
        version += 1;
        let notice = Notice {
            to: input.employee_id,
            text: deferred_tr!(penilaian_notice_final, { "name" => user.viewer.name, "period" => period_name }),
            link: own_page_of(basis.period.year, basis.period.id),
        };
        notifications::insert(
            &mut tx,
            AuditAction::EvaluationFinalised.code(),
            notice,
            now,
        )
        .await?;
        let change = Change::by(
            user,
            AuditAction::EvaluationFinalised,
            "evaluation",
            id,
            None,
            Some(snapshot_json(&overall)),
        )
        .about(format!(
            "{} · {period_name}",
            owner_name(&mut tx, input.employee_id).await?
        ));
        chain::append(&mut tx, db.backend(), change, now).await?;
        live::announce(
            &mut tx,
            db.backend(),
            &live::distribution_topic(basis.unit.unit_id, basis.period.id),
        )
        .await?;
    }
    tx.commit().await?;
    if finalised {
        live::deliver_local(
            state,
            &live::distribution_topic(basis.unit.unit_id, basis.period.id),
        );
    }
    Ok(RatingOutcome {
        evaluation_id: id,
        version,
        predikat,
        finalised,
        problems,
    })
}

fn snapshot_json(overall: &Overall) -> serde_json::Value {
    json!({
        "hasil_kerja": overall.hasil_kerja.map(Rating::code),
        "perilaku": overall.perilaku.map(Rating::code),
        "predikat": overall.predikat.map(rules::Predikat::code),
    })
}

async fn owner_name(conn: &mut Conn, employee_id: i64) -> Result<String, AppError> {
    Ok(crate::skp::plan::repository::owner(conn, employee_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

/// The employee's own view of each RHK, before the rater starts.
pub async fn save_self_assessment(
    state: &AppState,
    user: &SessionUser,
    input: SelfSave,
) -> Result<(), AppError> {
    let now = now_millis();
    let employee_id = user.employee_id();
    let mut tx = state.db.write().await?;
    let basis = basis(&mut tx, employee_id, input.period_id).await?;
    let rhk = rhk_list(&basis.items);
    let stored = repo::evaluation(&mut tx, employee_id, input.period_id).await?;
    if stored
        .as_ref()
        .is_some_and(|e| e.status != EvaluationStatus::Draft || e.rated_by.is_some())
    {
        return Err(AppError::invalid(
            "status",
            tr!(penilaian_error_self_closed),
        ));
    }
    let id = match &stored {
        Some(e) => e.id,
        None => {
            repo::insert_or_find(
                &mut tx,
                employee_id,
                input.period_id,
                basis.unit.unit_id,
                now,
            )
            .await?
        }
    };
    for (rhk_id, code, note) in &input.rhk {
        if !rhk.iter().any(|(r, _, _)| r == rhk_id) {
            continue;
        }
        let rating = parse_rating(fields::self_rating(*rhk_id), code)?;
        let note = checked_text(fields::self_note(*rhk_id), &tr!(penilaian_self_note), note)?;
        repo::upsert_self_assessment(&mut tx, id, *rhk_id, rating, &note).await?;
    }
    sqlx::query("UPDATE evaluations SET updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The employee's evaluation by id, for their own steps after it is final.
async fn own_final(
    conn: &mut Conn,
    user: &SessionUser,
    evaluation_id: i64,
) -> Result<EvaluationRow, AppError> {
    // Someone else's is not found either: no hint whether it exists.
    repo::evaluation_by_id(conn, evaluation_id)
        .await?
        .filter(|e| e.employee_id == user.employee_id())
        .ok_or(AppError::NotFound)
}

async fn period_of(
    conn: &mut Conn,
    e: &EvaluationRow,
) -> Result<crate::realisasi::repository::PeriodRow, AppError> {
    crate::realisasi::repository::period(conn, e.period_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The employee has read it (recorded with the time).
pub async fn acknowledge(
    state: &AppState,
    user: &SessionUser,
    evaluation_id: i64,
) -> Result<String, AppError> {
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let e = own_final(&mut tx, user, evaluation_id).await?;
    if e.status != EvaluationStatus::Final {
        return Err(AppError::invalid("status", tr!(penilaian_error_not_final)));
    }
    let period = period_of(&mut tx, &e).await?;
    repo::set_status(&mut tx, e.id, EvaluationStatus::Acknowledged, now).await?;
    let period_name = period_info(&period).name;
    // The rater learns it was read.
    if let Some(rater) = e.rated_by {
        let notice = Notice {
            to: rater,
            text: deferred_tr!(penilaian_notice_acknowledged, { "name" => user.viewer.name, "period" => period_name }),
            link: page_of(period.year, e.employee_id, period.id),
        };
        notifications::insert(
            &mut tx,
            AuditAction::EvaluationAcknowledged.code(),
            notice,
            now,
        )
        .await?;
    }
    let change = Change::by(
        user,
        AuditAction::EvaluationAcknowledged,
        "evaluation",
        e.id,
        None,
        None,
    )
    .about(format!("{} · {period_name}", user.viewer.name));
    chain::append(&mut tx, state.db.backend(), change, now).await?;
    tx.commit().await?;
    Ok(own_page_of(period.year, period.id))
}

/// A keberatan with reasons, within `evaluation.appeal_days` of finalising;
/// the atasan pejabat penilai is notified.
pub async fn appeal(
    state: &AppState,
    user: &SessionUser,
    evaluation_id: i64,
    reasons: &str,
) -> Result<String, AppError> {
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let e = own_final(&mut tx, user, evaluation_id).await?;
    if !matches!(
        e.status,
        EvaluationStatus::Final | EvaluationStatus::Acknowledged
    ) {
        return Err(AppError::invalid(
            "status",
            tr!(penilaian_error_not_appealable),
        ));
    }
    if !appeal_open(e.finalised_at, state.settings.evaluation_appeal_days, now) {
        return Err(AppError::invalid(
            fields::APPEAL_REASONS,
            tr!(penilaian_error_appeal_late, { "days" => state.settings.evaluation_appeal_days }),
        ));
    }
    let reasons = checked_text(
        fields::APPEAL_REASONS.to_owned(),
        &tr!(penilaian_appeal_reasons),
        reasons,
    )?;
    if reasons.is_empty() {
        return Err(AppError::invalid(
            fields::APPEAL_REASONS,
            tr!(penilaian_error_appeal_reasons),
        ));
    }
    let period = period_of(&mut tx, &e).await?;
    let original = EvaluationSnapshot {
        hasil_kerja: e.hasil_kerja,
        perilaku: e.perilaku,
        predikat: e.predikat,
    };
    let original_json = serde_json::to_string(&original).unwrap_or_default();
    repo::insert_appeal(&mut tx, e.id, &reasons, &original_json, now).await?;
    repo::set_status(&mut tx, e.id, EvaluationStatus::Appealed, now).await?;
    let period_name = period_info(&period).name;
    // The atasan pejabat penilai: the supervisor of the rater's seat.
    if let Some(rater) = supervisor_of_employee(&mut tx, e.employee_id).await? {
        if let Some(reviewer) = supervisor_of_employee(&mut tx, rater.employee_id).await? {
            let notice = Notice {
                to: reviewer.employee_id,
                text: deferred_tr!(penilaian_notice_appeal, { "name" => user.viewer.name, "period" => period_name }),
                link: page_of(period.year, e.employee_id, period.id),
            };
            notifications::insert(&mut tx, AuditAction::EvaluationAppealed.code(), notice, now)
                .await?;
        }
        let notice = Notice {
            to: rater.employee_id,
            text: deferred_tr!(penilaian_notice_appeal, { "name" => user.viewer.name, "period" => period_name }),
            link: page_of(period.year, e.employee_id, period.id),
        };
        notifications::insert(&mut tx, AuditAction::EvaluationAppealed.code(), notice, now).await?;
    }
    let change = Change::by(
        user,
        AuditAction::EvaluationAppealed,
        "evaluation",
        e.id,
        None,
        Some(json!({ "reasons": reasons })),
    )
    .about(format!("{} · {period_name}", user.viewer.name));
    chain::append(&mut tx, state.db.backend(), change, now).await?;
    tx.commit().await?;
    Ok(own_page_of(period.year, period.id))
}

/// The atasan pejabat penilai's decision on a keberatan: upheld as it is, or
/// the ratings changed (the predikat follows from them), with a written reason.
pub async fn decide(
    state: &AppState,
    user: &SessionUser,
    evaluation_id: i64,
    change_ratings: Option<(Rating, Rating)>,
    decision: &str,
) -> Result<String, AppError> {
    let now = now_millis();
    let db = &state.db;
    let mut tx = db.write().await?;
    let e = repo::evaluation_by_id(&mut tx, evaluation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if role_of(&mut tx, user, e.employee_id).await? != EvaluationRole::Reviewer {
        return Err(AppError::Forbidden);
    }
    if e.status != EvaluationStatus::Appealed {
        return Err(AppError::invalid(
            "status",
            tr!(penilaian_error_not_appealed),
        ));
    }
    let decision = checked_text(
        fields::DECISION.to_owned(),
        &tr!(penilaian_decision),
        decision,
    )?;
    if decision.is_empty() {
        return Err(AppError::invalid(
            fields::DECISION,
            tr!(penilaian_error_decision_missing),
        ));
    }
    let period = period_of(&mut tx, &e).await?;
    let outcome = match change_ratings {
        Some((hasil_kerja, perilaku))
            if Some(hasil_kerja) != e.hasil_kerja || Some(perilaku) != e.perilaku =>
        {
            let overall = Overall {
                hasil_kerja: Some(hasil_kerja),
                hasil_kerja_reason: e.hasil_kerja_reason.clone(),
                perilaku: Some(perilaku),
                predikat: Some(rules::predikat(hasil_kerja, perilaku)),
            };
            // The rater stays who rated; the decision is recorded as the reviewer's.
            sqlx::query(
                "UPDATE evaluations SET hasil_kerja = $2, perilaku = $3, predikat = $4, updated_at = $5 WHERE id = $1",
            )
            .bind(e.id)
            .bind(overall.hasil_kerja)
            .bind(overall.perilaku)
            .bind(overall.predikat)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            AppealOutcome::Changed
        }
        _ => AppealOutcome::Upheld,
    };
    repo::decide_appeal(&mut tx, e.id, outcome, &decision, user.employee_id(), now).await?;
    repo::set_status(&mut tx, e.id, EvaluationStatus::Decided, now).await?;
    let period_name = period_info(&period).name;
    let name = owner_name(&mut tx, e.employee_id).await?;
    let notice = Notice {
        to: e.employee_id,
        text: deferred_tr!(penilaian_notice_decided, { "name" => user.viewer.name, "period" => period_name }),
        link: own_page_of(period.year, period.id),
    };
    notifications::insert(&mut tx, AuditAction::EvaluationDecided.code(), notice, now).await?;
    // The rater learns the outcome too (unless they decided it themselves).
    if let Some(rater) = e.rated_by.filter(|r| *r != user.employee_id()) {
        let notice = Notice {
            to: rater,
            text: deferred_tr!(penilaian_notice_decided_rater, { "name" => user.viewer.name, "employee" => name, "period" => period_name }),
            link: page_of(period.year, e.employee_id, period.id),
        };
        notifications::insert(&mut tx, AuditAction::EvaluationDecided.code(), notice, now).await?;
    }
    let after = json!({
        "outcome": outcome.code(),
        "decision": decision,
        "hasil_kerja": change_ratings.map(|(h, _)| h.code()),
        "perilaku": change_ratings.map(|(_, p)| p.code()),
    });
    let before = json!({
        "hasil_kerja": e.hasil_kerja.map(Rating::code),
        "perilaku": e.perilaku.map(Rating::code),
        "predikat": e.predikat.map(rules::Predikat::code),
    });
    let change = Change::by(
        user,
        AuditAction::EvaluationDecided,
        "evaluation",
        e.id,
        Some(before),
        Some(after),
    )
    .about(format!("{name} · {period_name}"));
    chain::append(&mut tx, db.backend(), change, now).await?;
    let topic = live::distribution_topic(e.unit_id, e.period_id);
    if outcome == AppealOutcome::Changed {
        live::announce(&mut tx, db.backend(), &topic).await?;
    }
    tx.commit().await?;
    if outcome == AppealOutcome::Changed {
        live::deliver_local(state, &topic);
    }
    Ok(page_of(period.year, e.employee_id, period.id))
}

/// Sets a unit's Predikat Kinerja Organisasi for a year (pimpinan or admin;
/// audited).
pub async fn set_unit_result(
    state: &AppState,
    user: &SessionUser,
    unit_id: i64,
    year: i64,
    predikat: UnitPredikat,
) -> Result<(), AppError> {
    if !(user.has(Role::AdminBkpsdm) || user.has(Role::Pimpinan)) {
        return Err(AppError::Forbidden);
    }
    let now = now_millis();
    let db = &state.db;
    let mut tx = db.write().await?;
    let unit: Option<String> =
        sqlx::query_scalar("SELECT name FROM units WHERE id = $1 AND active = 1")
            .bind(unit_id)
            .fetch_optional(&mut *tx)
            .await?;
    let unit = unit.ok_or(AppError::NotFound)?;
    let year_open: Option<i64> =
        sqlx::query_scalar("SELECT year FROM performance_years WHERE year = $1")
            .bind(year)
            .fetch_optional(&mut *tx)
            .await?;
    year_open.ok_or(AppError::NotFound)?;
    let before = repo::unit_result(&mut tx, unit_id, year).await?;
    repo::set_unit_result(&mut tx, unit_id, year, predikat, user.employee_id(), now).await?;
    let change = Change::by(
        user,
        AuditAction::UnitResultSet,
        "unit_result",
        unit_id,
        before.map(|b| json!({ "year": year, "predikat": b.code() })),
        Some(json!({ "year": year, "predikat": predikat.code() })),
    )
    .about(unit);
    chain::append(&mut tx, db.backend(), change, now).await?;
    tx.commit().await?;
    Ok(())
}
