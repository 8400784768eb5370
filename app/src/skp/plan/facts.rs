//! What every decision about a plan rests on, read once on the caller's
//! connection (a write's own transaction): how the viewer relates to the owner,
//! the owner, their supervisor today and that supervisor's approved RHK, the
//! stored plan, and whether the year is open. The page and every write derive
//! what the viewer may do from the same facts, by the same rules.

use super::repository::{self, Owner, StoredPlan};
use super::types::RhkOption;
use crate::error::AppError;
use crate::identity::roles::{reach, SessionUser};
use crate::identity::types::Reach;
use crate::organisation::supervision::{seat_holder, Supervisor};
use crate::platform::db::Conn;
use crate::skp::period::{self, types::YearStatus};
use crate::skp::types::PlanStatus;

pub struct PlanFacts {
    pub employee_id: i64,
    pub year: i64,
    pub reach: Reach,
    pub owner: Owner,
    pub supervisor: Option<Supervisor>,
    /// RHK of the supervisor's approved plan this year (empty: none approved yet).
    pub supervisor_rhk: Vec<RhkOption>,
    pub stored: Option<StoredPlan>,
    /// `None`: the year was never opened.
    pub year_open: Option<bool>,
}

/// What the viewer may do with the plan.
pub struct Permissions {
    pub can_edit: bool,
    pub can_review: bool,
    pub can_decide_revision: bool,
    pub can_write_expectations: bool,
    pub can_request_revision: bool,
    pub can_withdraw: bool,
}

/// The facts about `employee_id`'s plan for `year`, as `user` may see them.
pub async fn load(
    conn: &mut Conn,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
) -> Result<PlanFacts, AppError> {
    let Some(reach) = reach(conn, user, employee_id).await? else {
        return Err(AppError::Forbidden);
    };
    let owner = repository::owner(conn, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let supervisor = match owner.parent_position {
        Some(position) => seat_holder(conn, position).await?,
        None => None,
    };
    let supervisor_rhk = match &supervisor {
        Some(boss) if !owner.is_jpt() => {
            repository::approved_rhk(conn, boss.employee_id, year).await?
        }
        _ => Vec::new(),
    };
    Ok(PlanFacts {
        employee_id,
        year,
        reach,
        stored: repository::stored_plan(conn, employee_id, year).await?,
        year_open: period::repository::year_status(conn, year)
            .await?
            .map(|status| status == YearStatus::Open),
        owner,
        supervisor,
        supervisor_rhk,
    })
}

impl PlanFacts {
    /// A plan not yet saved is a draft.
    pub fn status(&self) -> PlanStatus {
        self.stored.as_ref().map_or(PlanStatus::Draft, |p| p.status)
    }

    pub fn version(&self) -> i64 {
        self.stored.as_ref().map_or(0, |p| p.version)
    }

    pub fn revision_requested(&self) -> bool {
        self.stored
            .as_ref()
            .is_some_and(|p| p.revision_reason.is_some())
    }

    /// Why the plan cannot be submitted yet (no supervisor, or their plan is not approved).
    pub fn blocked_reason(&self) -> Option<String> {
        if self.owner.is_jpt() {
            return None;
        }
        match &self.supervisor {
            None => Some(crate::i18n::tr!(skp_blocked_no_supervisor)),
            Some(boss) if self.supervisor_rhk.is_empty() => Some(crate::i18n::tr!(
                skp_blocked_supervisor_plan,
                { "name" => boss.name, "year" => self.year }
            )),
            _ => None,
        }
    }

    pub fn permissions(&self) -> Permissions {
        let open = self.year_open.unwrap_or(false);
        let own = self.reach == Reach::Own;
        let direct = self.reach == Reach::Direct;
        let status = self.status();
        let revision_requested = self.revision_requested();
        Permissions {
            can_edit: own && open && matches!(status, PlanStatus::Draft | PlanStatus::Returned),
            can_review: direct && status == PlanStatus::Submitted,
            can_decide_revision: direct && revision_requested,
            can_write_expectations: direct
                && open
                && self.stored.is_some()
                && status != PlanStatus::Approved,
            can_request_revision: own
                && open
                && status == PlanStatus::Approved
                && !revision_requested,
            can_withdraw: own && open && status == PlanStatus::Submitted,
        }
    }
}
