//! Ekspektasi khusus pimpinan: the supervisor's free-text expectation per
//! BerAKHLAK value, written on the subordinate's plan until it is approved.

use super::facts;
use super::record::{finish, Announcement};
use super::repository;
use crate::audit::action::AuditAction;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::identity::types::Reach;
use crate::notifications::repository::Notice;
use crate::platform::db::now_millis;
use crate::platform::state::AppState;
use crate::skp::berakhlak::CoreValue;
use serde_json::json;

/// Longest expectation text, in characters.
pub const MAX_EXPECTATION_CHARS: usize = 1000;

/// Replaces the expectations on `employee_id`'s plan: an empty text removes one.
pub async fn save(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
    texts: Vec<(CoreValue, String)>,
) -> Result<(), AppError> {
    let db = &state.db;
    let mut tx = db.write().await?;
    let facts = facts::load(&mut tx, user, employee_id, year).await?;
    if facts.reach != Reach::Direct {
        return Err(AppError::Forbidden);
    }
    let Some(plan) = &facts.stored else {
        return Err(AppError::invalid(
            "year",
            tr!(error_no_plan_yet, { "name" => facts.owner.name, "year" => year }),
        ));
    };
    if !facts.permissions().can_write_expectations {
        return Err(AppError::invalid("status", tr!(error_expectations_locked)));
    }
    for (value, text) in &texts {
        if text.trim().chars().count() > MAX_EXPECTATION_CHARS {
            return Err(AppError::invalid(
                format!("expectation.{}", value.code()),
                tr!(error_expectation_too_long, { "value" => value.name(), "max" => MAX_EXPECTATION_CHARS }),
            ));
        }
    }
    let written: Vec<(CoreValue, String)> = texts
        .into_iter()
        .map(|(value, text)| (value, text.trim().to_owned()))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let now = now_millis();
    repository::replace_expectations(&mut tx, plan.id, &written, user.employee_id(), now).await?;
    finish(
        state,
        tx,
        Announcement {
            actor: user,
            owner: &facts.owner.name,
            action: AuditAction::SkpExpectationsSaved,
            plan_id: plan.id,
            before: None,
            after: Some(
                json!({ "values": written.iter().map(|(v, _)| v.code()).collect::<Vec<_>>() }),
            ),
            tell: Some(Notice {
                to: employee_id,
                text: crate::i18n::deferred_tr!(skp_notice_expectations, {
                    "name" => user.viewer.name, "year" => year
                }),
                link: format!("/skp/{year}"),
            }),
        },
        now,
    )
    .await
}
