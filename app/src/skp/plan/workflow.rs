//! The plan's workflow: submit, return or approve, and changes after approval
//! through a revision request the supervisor decides. Each step runs in one write
//! transaction that reads what decides it, changes the status only if nobody
//! moved it meanwhile, and records a snapshot, an audit record and a notification.

use super::facts::{self, PlanFacts};
use super::record::{finish, Announcement};
use super::repository::{self, StatusChange, VersionEntry};
use super::service::{conflict, first_problem, foreign_link};
use super::types::PlanSave;
use crate::audit::action::AuditAction;
use crate::error::AppError;
use crate::i18n::{deferred_tr, tr, Text};
use crate::identity::roles::SessionUser;
use crate::identity::types::Reach;
use crate::notifications::repository::Notice;
use crate::platform::db::{now_millis, Conn};
use crate::platform::state::AppState;
use crate::skp::rules::{check_submission, next_status, Step};
use crate::skp::types::PlanStatus;
use serde_json::json;

/// The owner's supervisor today, told `text` with a link to the owner's plan.
fn tell_supervisor(facts: &PlanFacts, text: Text) -> Option<Notice> {
    facts.supervisor.as_ref().map(|boss| Notice {
        to: boss.employee_id,
        text,
        link: format!("/skp/{}/pegawai/{}", facts.year, facts.employee_id),
    })
}

/// The owner, told `text` with a link to their plan.
fn tell_owner(facts: &PlanFacts, text: Text) -> Option<Notice> {
    Some(Notice {
        to: facts.employee_id,
        text,
        link: format!("/skp/{}", facts.year),
    })
}

/// Submits the owner's plan for approval.
pub async fn submit(
    state: &AppState,
    user: &SessionUser,
    year: i64,
    base_version: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let facts = facts::load(&mut tx, user, user.employee_id(), year).await?;
    let Some(plan) = &facts.stored else {
        return Err(AppError::invalid("year", tr!(error_save_before_submit)));
    };
    if plan.version != base_version {
        return Err(conflict(plan.version));
    }
    if !facts.permissions().can_edit {
        next_status(plan.status, Step::Submit).map_err(|m| AppError::invalid("status", m))?;
        return Err(AppError::invalid(
            "year",
            tr!(error_year_not_open, { "year" => year }),
        ));
    }
    if let Some(reason) = facts.blocked_reason() {
        return Err(AppError::invalid("rhk", reason));
    }
    let rhk = repository::rhk_of(&mut tx, plan.id).await?;
    let content = PlanSave {
        year,
        base_version,
        approach: plan.approach.clone(),
        rhk: rhk.iter().map(|r| r.to_save()).collect(),
        lampiran: plan.lampiran(),
    };
    first_problem(check_submission(&content.as_draft(), facts.owner.is_jpt()))?;
    let supported: Vec<i64> = facts.supervisor_rhk.iter().map(|r| r.id).collect();
    if let Some(i) = foreign_link(rhk.iter().map(|r| r.parent_rhk_id), &supported) {
        return Err(AppError::invalid(
            format!("rhk.{i}.parent_rhk_id"),
            tr!(error_parent_rhk_gone),
        ));
    }
    let now = now_millis();
    let moved = StatusChange {
        plan_id: plan.id,
        from: &[PlanStatus::Draft, PlanStatus::Returned],
        version: Some(base_version),
        to: PlanStatus::Submitted,
        by: user.employee_id(),
        reason: None,
        revision_pending: false,
    };
    move_and_snapshot(&mut tx, moved, base_version + 1, None, now).await?;
    // A resubmission after a return says so, so the two notices differ.
    let tell = tell_supervisor(
        &facts,
        if plan.status == PlanStatus::Returned {
            deferred_tr!(skp_notice_resubmitted, { "name" => facts.owner.name, "year" => year })
        } else {
            deferred_tr!(skp_notice_submitted, { "name" => facts.owner.name, "year" => year })
        },
    );
    finish(
        state,
        tx,
        Announcement {
            actor: user,
            owner: &facts.owner.name,
            action: AuditAction::SkpSubmitted,
            plan_id: plan.id,
            before: Some(json!({ "status": plan.status })),
            after: Some(json!({ "status": PlanStatus::Submitted })),
            tell,
        },
        now,
    )
    .await
}

/// The owner takes a submitted plan back: it becomes a draft again, and the
/// supervisor is told there is nothing to decide for now.
pub async fn withdraw(state: &AppState, user: &SessionUser, year: i64) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let facts = facts::load(&mut tx, user, user.employee_id(), year).await?;
    let Some(plan) = &facts.stored else {
        return Err(AppError::NotFound);
    };
    next_status(plan.status, Step::Withdraw).map_err(|m| AppError::invalid("status", m))?;
    if !facts.permissions().can_withdraw {
        return Err(AppError::invalid(
            "year",
            tr!(error_year_not_open, { "year" => year }),
        ));
    }
    let now = now_millis();
    let moved = StatusChange {
        plan_id: plan.id,
        from: &[PlanStatus::Submitted],
        version: Some(plan.version),
        to: PlanStatus::Draft,
        by: user.employee_id(),
        reason: None,
        revision_pending: false,
    };
    move_and_snapshot(&mut tx, moved, plan.version + 1, None, now).await?;
    let tell = tell_supervisor(
        &facts,
        deferred_tr!(skp_notice_withdrawn, { "name" => facts.owner.name, "year" => year }),
    );
    finish(
        state,
        tx,
        Announcement {
            actor: user,
            owner: &facts.owner.name,
            action: AuditAction::SkpWithdrawn,
            plan_id: plan.id,
            before: Some(json!({ "status": plan.status })),
            after: Some(json!({ "status": PlanStatus::Draft })),
            tell,
        },
        now,
    )
    .await
}

/// Moves the plan as `moved` says, unless someone moved it meanwhile (a conflict:
/// `next` is then the version they made), and snapshots the content as version
/// `next` with `note`.
async fn move_and_snapshot(
    conn: &mut Conn,
    moved: StatusChange<'_>,
    next: i64,
    note: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    let (plan_id, status, by) = (moved.plan_id, moved.to, moved.by);
    if !repository::change_status(conn, moved, now).await? {
        return Err(conflict(next));
    }
    let entry = VersionEntry {
        version: next,
        status,
        note,
        by,
    };
    repository::insert_version(conn, plan_id, entry, now).await?;
    Ok(())
}

/// A direct report's plan, for a decision only their direct supervisor (or a
/// Plt./Plh. of that position) may take.
async fn direct_report_plan(
    conn: &mut Conn,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
) -> Result<PlanFacts, AppError> {
    let facts = facts::load(conn, user, employee_id, year).await?;
    if facts.stored.is_none() {
        return Err(AppError::NotFound);
    }
    if facts.reach != Reach::Direct {
        return Err(AppError::Forbidden);
    }
    Ok(facts)
}

/// The supervisor's decision on a submitted plan.
pub enum Decision {
    Approve,
    Return(String),
}

pub async fn review(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
    decision: Decision,
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let facts = direct_report_plan(&mut tx, user, employee_id, year).await?;
    let plan = facts.stored.as_ref().ok_or(AppError::NotFound)?;
    let (step, new_status, note) = match &decision {
        Decision::Approve => (Step::Approve, PlanStatus::Approved, None),
        Decision::Return(reason) => {
            let reason = written_reason(reason, &tr!(error_return_reason))?;
            (Step::Return, PlanStatus::Returned, Some(reason))
        }
    };
    next_status(plan.status, step).map_err(|m| AppError::invalid("status", m))?;
    let now = now_millis();
    let moved = StatusChange {
        plan_id: plan.id,
        from: &[PlanStatus::Submitted],
        version: None,
        to: new_status,
        by: user.employee_id(),
        reason: note.as_deref(),
        revision_pending: false,
    };
    move_and_snapshot(&mut tx, moved, plan.version + 1, note.as_deref(), now).await?;
    let (action, text) = match &decision {
        Decision::Approve => (
            AuditAction::SkpApproved,
            deferred_tr!(skp_notice_approved, { "year" => year, "name" => user.viewer.name }),
        ),
        Decision::Return(_) => (
            AuditAction::SkpReturned,
            deferred_tr!(skp_notice_returned, {
                "year" => year,
                "name" => user.viewer.name,
                "reason" => note.as_deref().unwrap_or_default(),
            }),
        ),
    };
    finish(
        state,
        tx,
        Announcement {
            actor: user,
            owner: &facts.owner.name,
            action,
            plan_id: plan.id,
            before: Some(json!({ "status": plan.status })),
            after: Some(json!({ "status": new_status, "reason": note })),
            tell: tell_owner(&facts, text),
        },
        now,
    )
    .await
}

/// The owner asks to change an approved plan; the supervisor decides.
pub async fn request_revision(
    state: &AppState,
    user: &SessionUser,
    year: i64,
    reason: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let facts = facts::load(&mut tx, user, user.employee_id(), year).await?;
    let Some(plan) = &facts.stored else {
        return Err(AppError::NotFound);
    };
    if facts.revision_requested() {
        return Err(AppError::invalid("reason", tr!(error_revision_pending)));
    }
    next_status(plan.status, Step::ReopenForRevision)
        .map_err(|m| AppError::invalid("status", m))?;
    if !facts.permissions().can_request_revision {
        return Err(AppError::invalid(
            "year",
            tr!(error_year_not_open, { "year" => year }),
        ));
    }
    let reason = written_reason(reason, &tr!(error_revision_reason))?;
    let now = now_millis();
    if !repository::request_revision(&mut tx, plan.id, &reason, now).await? {
        return Err(conflict(plan.version));
    }
    let tell = tell_supervisor(
        &facts,
        deferred_tr!(skp_notice_revision_requested, { "name" => facts.owner.name, "year" => year }),
    );
    finish(
        state,
        tx,
        Announcement {
            actor: user,
            owner: &facts.owner.name,
            action: AuditAction::SkpRevisionRequested,
            plan_id: plan.id,
            before: None,
            after: Some(json!({ "reason": reason })),
            tell,
        },
        now,
    )
    .await
}

fn written_reason(reason: &str, message: &str) -> Result<String, AppError> {
    let reason = reason.trim();
    if reason.chars().count() < 10 {
        return Err(AppError::invalid("reason", message));
    }
    if reason.chars().count() > 2000 {
        return Err(AppError::invalid("reason", tr!(error_reason_too_long)));
    }
    Ok(reason.to_owned())
}

/// The supervisor grants (the plan becomes a draft again, its approved version
/// stays in the history) or refuses a revision request.
pub async fn decide_revision(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
    grant: bool,
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let facts = direct_report_plan(&mut tx, user, employee_id, year).await?;
    let plan = facts.stored.as_ref().ok_or(AppError::NotFound)?;
    if !facts.revision_requested() {
        return Err(AppError::invalid(
            "decision",
            tr!(error_no_revision_request),
        ));
    }
    let now = now_millis();
    let reason = plan.revision_reason.clone().unwrap_or_default();
    let decided = if grant {
        let moved = StatusChange {
            plan_id: plan.id,
            from: &[PlanStatus::Approved],
            version: None,
            to: PlanStatus::Draft,
            by: user.employee_id(),
            reason: None,
            revision_pending: true,
        };
        repository::change_status(&mut tx, moved, now).await?
    } else {
        repository::clear_revision_request(&mut tx, plan.id, now).await?
    };
    if !decided {
        return Err(conflict(plan.version));
    }
    if grant {
        repository::insert_version(
            &mut tx,
            plan.id,
            VersionEntry {
                version: plan.version + 1,
                status: PlanStatus::Draft,
                note: Some(&reason),
                by: user.employee_id(),
            },
            now,
        )
        .await?;
    }
    let (action, text) = if grant {
        (
            AuditAction::SkpRevisionGranted,
            deferred_tr!(skp_notice_revision_granted, { "year" => year, "name" => user.viewer.name }),
        )
    } else {
        (
            AuditAction::SkpRevisionRefused,
            deferred_tr!(skp_notice_revision_refused, { "year" => year, "name" => user.viewer.name }),
        )
    };
    let after = if grant {
        PlanStatus::Draft
    } else {
        PlanStatus::Approved
    };
    finish(
        state,
        tx,
        Announcement {
            actor: user,
            owner: &facts.owner.name,
            action,
            plan_id: plan.id,
            before: Some(json!({ "status": plan.status, "revision_reason": reason })),
            after: Some(json!({ "status": after })),
            tell: tell_owner(&facts, text),
        },
        now,
    )
    .await
}
