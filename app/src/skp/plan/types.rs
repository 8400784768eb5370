use crate::skp::types::{IkiDraft, Lampiran, PlanStatus};
use serde::{Deserialize, Serialize};

/// An RHK as stored, with the supervisor's RHK it supports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RhkView {
    pub id: i64,
    pub kind: String,
    pub text: String,
    pub parent_rhk_id: Option<i64>,
    pub parent_text: Option<String>,
    pub perspektif: Option<String>,
    pub iki: Vec<IkiDraft>,
}

/// An RHK of the supervisor's approved plan that a subordinate may support.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RhkOption {
    pub id: i64,
    pub text: String,
    /// The first IKI's indicator: two RHK worded alike still differ by it.
    pub indicator: Option<String>,
}

impl RhkOption {
    /// How the picker names the `n`-th (1-based) option: its number, text and
    /// first indicator.
    pub fn label(&self, n: usize) -> String {
        match &self.indicator {
            Some(indicator) => format!("{n}. {} — {indicator}", self.text),
            None => format!("{n}. {}", self.text),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub plan_id: Option<i64>,
    pub employee_id: i64,
    pub employee_name: String,
    pub position_title: Option<String>,
    /// The owner's unit (the cascade link for admins and pimpinan).
    pub unit_id: Option<i64>,
    pub year: i64,
    /// Whether the performance year is open; `None`: never opened.
    pub year_open: Option<bool>,
    pub status: PlanStatus,
    pub version: i64,
    pub approach: String,
    pub is_jpt: bool,
    pub rhk: Vec<RhkView>,
    pub lampiran: Lampiran,
    pub return_reason: Option<String>,
    /// The owner's reason when they asked to change the approved plan.
    pub revision_reason: Option<String>,
    pub revision_requested: bool,
    /// The supervisor's ekspektasi khusus pimpinan, one per BerAKHLAK value written.
    pub expectations: Vec<ExpectationText>,
    /// Snapshots at each submission, return, approval and reopening, newest first.
    pub history: Vec<PlanVersionView>,
    /// RHK of the supervisor's approved plan this year (empty: none approved yet).
    pub supervisor_rhk: Vec<RhkOption>,
    pub supervisor_name: Option<String>,
    /// Why the plan cannot be submitted yet, if the supervisor has no approved plan.
    pub blocked_reason: Option<String>,
    /// How the viewer relates to the plan's owner.
    pub reach: crate::identity::types::Reach,
    pub can_edit: bool,
    /// The direct supervisor may approve or return a submitted plan.
    pub can_review: bool,
    /// The direct supervisor may grant or refuse a pending revision request.
    pub can_decide_revision: bool,
    /// The direct supervisor may write expectations until the plan is approved.
    pub can_write_expectations: bool,
    /// The owner may ask to change an approved plan.
    pub can_request_revision: bool,
    /// The owner may take their submission back while the supervisor has not decided.
    pub can_withdraw: bool,
}

/// The supervisor's expectation for one core value (`value` is its code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectationText {
    pub value: String,
    pub text: String,
}

impl ExpectationText {
    /// What `list` says for the core value coded `value`; empty when nothing.
    pub fn for_value(list: &[ExpectationText], value: &str) -> String {
        list.iter()
            .find(|e| e.value == value)
            .map(|e| e.text.clone())
            .unwrap_or_default()
    }
}

/// One readable snapshot of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersionView {
    pub version: i64,
    pub status: PlanStatus,
    pub note: Option<String>,
    pub by_name: Option<String>,
    pub at_millis: i64,
    pub rhk: Vec<RhkView>,
}

impl RhkView {
    /// The RHK as the editor sends it back (same id, so it stays the same RHK).
    pub fn to_save(&self) -> RhkSave {
        RhkSave {
            id: Some(self.id),
            kind: self.kind.clone(),
            text: self.text.clone(),
            parent_rhk_id: self.parent_rhk_id,
            perspektif: self.perspektif.clone(),
            iki: self.iki.clone(),
        }
    }
}

impl PlanView {
    /// The stored content in the shape the shared rules check.
    pub fn as_draft(&self) -> crate::skp::types::PlanDraft {
        PlanSave {
            year: self.year,
            base_version: self.version,
            approach: self.approach.clone(),
            rhk: self.rhk.iter().map(RhkView::to_save).collect(),
            lampiran: self.lampiran.clone(),
        }
        .as_draft()
    }
}

/// What the owner saves: the content and the version it was based on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSave {
    pub year: i64,
    /// 0 for a new plan.
    pub base_version: i64,
    pub approach: String,
    pub rhk: Vec<RhkSave>,
    pub lampiran: Lampiran,
}

/// An RHK as saved: `id` keeps it the same RHK (subordinates point at it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RhkSave {
    pub id: Option<i64>,
    pub kind: String,
    pub text: String,
    pub parent_rhk_id: Option<i64>,
    pub perspektif: Option<String>,
    pub iki: Vec<IkiDraft>,
}

impl PlanSave {
    /// The content in the shape the shared rules check.
    pub fn as_draft(&self) -> crate::skp::types::PlanDraft {
        crate::skp::types::PlanDraft {
            approach: self.approach.clone(),
            rhk: self
                .rhk
                .iter()
                .map(|r| crate::skp::types::RhkDraft {
                    kind: r.kind.clone(),
                    text: r.text.clone(),
                    parent_rhk_id: r.parent_rhk_id,
                    perspektif: r.perspektif.clone(),
                    iki: r.iki.clone(),
                })
                .collect(),
            lampiran: self.lampiran.clone(),
        }
    }
}

/// An employee with their plan status in a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlanHolder {
    pub employee_id: i64,
    pub name: String,
    pub position_title: Option<String>,
    /// `None`: no plan yet.
    pub status: Option<PlanStatus>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPlans {
    /// The newest open performance year, if any.
    pub year: Option<i64>,
    pub rows: Vec<PlanHolder>,
}
