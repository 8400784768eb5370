//! The plan on the server: reading it within reach, and saving drafts without
//! silent overwrites. Each save runs in one write transaction that also reads
//! what decides it and appends its audit record.

use super::facts::{self, PlanFacts};
use super::record::{finish, Announcement};
use super::repository;
use super::types::{PlanSave, PlanView, TeamPlans};
use crate::audit::action::AuditAction;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::notifications::repository::{self as notifications, Notice};
use crate::platform::db::{now_millis, Conn, Db};
use crate::platform::state::AppState;
use crate::skp::rules::{check_draft, next_status, Step};
use crate::skp::types::Problem;
use serde_json::json;

/// The plan of `employee_id` for `year` as `user` may see it.
pub async fn view(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
) -> Result<PlanView, AppError> {
    let mut conn = state.db.read().await?;
    let facts = facts::load(&mut conn, user, employee_id, year).await?;
    page_view(&mut conn, facts).await
}

async fn page_view(conn: &mut Conn, facts: PlanFacts) -> Result<PlanView, AppError> {
    let (rhk, expectations, history) = match &facts.stored {
        Some(plan) => (
            repository::rhk_of(conn, plan.id).await?,
            repository::expectations(conn, plan.id).await?,
            repository::history(conn, plan.id).await?,
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let can = facts.permissions();
    let blocked_reason = facts.blocked_reason();
    let status = facts.status();
    let version = facts.version();
    let revision_requested = facts.revision_requested();
    let is_jpt = facts.owner.is_jpt();
    let year_open = facts.year_open;
    let PlanFacts {
        employee_id,
        year,
        reach,
        owner,
        supervisor,
        supervisor_rhk,
        stored,
        ..
    } = facts;
    Ok(PlanView {
        plan_id: stored.as_ref().map(|p| p.id),
        employee_id,
        employee_name: owner.name,
        position_title: owner.position_title,
        unit_id: owner.unit_id,
        year,
        year_open,
        status,
        version,
        approach: stored
            .as_ref()
            .map_or_else(|| "kuantitatif".to_owned(), |p| p.approach.clone()),
        is_jpt,
        rhk,
        lampiran: stored.as_ref().map(|p| p.lampiran()).unwrap_or_default(),
        return_reason: stored.as_ref().and_then(|p| p.return_reason.clone()),
        revision_reason: stored.as_ref().and_then(|p| p.revision_reason.clone()),
        revision_requested,
        expectations,
        history,
        supervisor_rhk,
        supervisor_name: supervisor.map(|boss| boss.name),
        blocked_reason,
        reach,
        can_edit: can.can_edit,
        can_review: can.can_review,
        can_decide_revision: can.can_decide_revision,
        can_write_expectations: can.can_write_expectations,
        can_request_revision: can.can_request_revision,
        can_withdraw: can.can_withdraw,
    })
}

/// The first RHK that supports an RHK outside `allowed` (the supervisor's approved plan).
pub(super) fn foreign_link(
    parents: impl Iterator<Item = Option<i64>>,
    allowed: &[i64],
) -> Option<usize> {
    parents
        .enumerate()
        .find(|(_, parent)| parent.is_some_and(|p| !allowed.contains(&p)))
        .map(|(i, _)| i)
}

pub(super) fn first_problem(problems: Vec<Problem>) -> Result<(), AppError> {
    match problems.into_iter().next() {
        Some(p) => Err(AppError::invalid(p.field, p.message)),
        None => Ok(()),
    }
}

pub(super) fn conflict(version: i64) -> AppError {
    AppError::Conflict {
        message: tr!(error_conflict_plan),
        version,
    }
}

/// Saves the owner's draft; returns the new version.
pub async fn save(state: &AppState, user: &SessionUser, input: PlanSave) -> Result<i64, AppError> {
    let db = &state.db;
    let employee_id = user.employee_id();
    let now = now_millis();
    let mut tx = db.write().await?;
    let facts = facts::load(&mut tx, user, employee_id, input.year).await?;
    match facts.year_open {
        None => {
            return Err(AppError::invalid(
                "year",
                tr!(error_year_not_opened, { "year" => input.year }),
            ))
        }
        Some(false) => {
            return Err(AppError::invalid(
                "year",
                tr!(error_year_closed, { "year" => input.year }),
            ))
        }
        Some(true) => {}
    }
    let is_jpt = facts.owner.is_jpt();
    first_problem(check_draft(&input.as_draft(), is_jpt))?;
    // A supported RHK must come from the supervisor's approved plan of this year.
    for (i, rhk) in input.rhk.iter().enumerate() {
        if is_jpt && rhk.parent_rhk_id.is_some() {
            return Err(AppError::invalid(
                format!("rhk.{i}.parent_rhk_id"),
                tr!(error_jpt_no_parent),
            ));
        }
    }
    let allowed: Vec<i64> = facts.supervisor_rhk.iter().map(|r| r.id).collect();
    if let Some(i) = foreign_link(input.rhk.iter().map(|r| r.parent_rhk_id), &allowed) {
        return Err(AppError::invalid(
            format!("rhk.{i}.parent_rhk_id"),
            tr!(error_parent_not_approved),
        ));
    }
    let (plan_id, version, action) = match &facts.stored {
        None if input.base_version == 0 => (
            repository::insert_plan(&mut tx, employee_id, &input, now).await?,
            1,
            AuditAction::SkpCreated,
        ),
        None => return Err(conflict(0)),
        Some(_) if input.base_version == 0 => {
            return Err(AppError::invalid(
                "year",
                tr!(error_plan_exists, { "year" => input.year }),
            ))
        }
        Some(plan) => {
            if plan.version != input.base_version {
                return Err(conflict(plan.version));
            }
            next_status(plan.status, Step::Edit).map_err(|m| AppError::invalid("status", m))?;
            if !repository::update_draft(&mut tx, plan.id, plan.version, &input, now).await? {
                return Err(conflict(plan.version + 1));
            }
            (plan.id, plan.version + 1, AuditAction::SkpSaved)
        }
    };
    write_rhk(&mut tx, plan_id, &input, now).await?;
    // A first draft waiting for the supervisor's approved RHK tells the supervisor.
    if let (Some(boss), true, AuditAction::SkpCreated, false) =
        (&facts.supervisor, allowed.is_empty(), action, is_jpt)
    {
        let notice = Notice {
            to: boss.employee_id,
            text: crate::i18n::deferred_tr!(skp_notice_waiting, {
                "name" => facts.owner.name, "year" => input.year
            }),
            link: format!("/skp/{}", input.year),
        };
        notifications::insert(&mut tx, "skp.waiting_for_supervisor", notice, now).await?;
    }
    finish(state, tx, Announcement {
        actor: user,
        owner: &facts.owner.name,
        action,
        plan_id,
        before: None,
        after: Some(json!({
            "version": version, "rhk": input.rhk.len(), "iki": input.rhk.iter().map(|r| r.iki.len()).sum::<usize>(),
        })),
        tell: None,
    }, now)
    .await?;
    Ok(version)
}

/// Updates RHK in place (their ids are what subordinates point at), inserts new
/// ones, removes dropped ones unless another plan's RHK supports them.
async fn write_rhk(
    conn: &mut Conn,
    plan_id: i64,
    input: &PlanSave,
    now: i64,
) -> Result<(), AppError> {
    let existing = repository::rhk_ids(conn, plan_id).await?;
    let kept: Vec<i64> = input.rhk.iter().filter_map(|r| r.id).collect();
    for (i, id) in kept.iter().enumerate() {
        if !existing.contains(id) {
            return Err(AppError::invalid(
                format!("rhk.{i}"),
                tr!(error_rhk_not_yours),
            ));
        }
    }
    repository::delete_iki_of_plan(conn, plan_id).await?;
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        if repository::supporters(conn, *id).await? > 0 {
            return Err(AppError::invalid("rhk", tr!(error_rhk_supported)));
        }
        repository::delete_rhk(conn, *id).await?;
    }
    for (order, rhk) in input.rhk.iter().enumerate() {
        let id = repository::upsert_rhk(conn, plan_id, order, rhk, now).await?;
        for (j, iki) in rhk.iki.iter().enumerate() {
            repository::insert_iki(conn, id, j, iki).await?;
        }
    }
    Ok(())
}

/// The plan status of each direct report in the newest open year.
pub async fn team_plans(db: &Db, user: &SessionUser) -> Result<TeamPlans, AppError> {
    let mut conn = db.read().await?;
    let Some(year) = crate::skp::period::repository::newest_open_year(&mut conn).await? else {
        return Ok(TeamPlans {
            year: None,
            rows: Vec::new(),
        });
    };
    let mut rows = super::holders::direct_reports(
        &mut conn,
        &user.supervising_positions,
        user.employee_id(),
        year,
    )
    .await?;
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(TeamPlans {
        year: Some(year),
        rows,
    })
}
