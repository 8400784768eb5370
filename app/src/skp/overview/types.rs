//! The planning overviews: the supervisor's Matriks Peran Hasil and the cascade
//! tree of a unit or the whole kabupaten with plan status counts.

use crate::skp::plan::types::PlanHolder;
use crate::skp::types::{PlanStatus, RhkKind};
use serde::{Deserialize, Serialize};

/// A supervisor's RHK as rows, direct subordinates as columns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixView {
    pub year: i64,
    pub employee_id: i64,
    pub name: String,
    /// The supervisor's own plan status (`None`: no plan yet).
    pub plan_status: Option<PlanStatus>,
    pub rows: Vec<MatrixRow>,
    pub columns: Vec<PlanHolder>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub rhk_id: i64,
    pub kind: RhkKind,
    pub text: String,
    /// Per column (same order as `columns`): the subordinate RHK supporting this one.
    pub cells: Vec<Vec<String>>,
}

impl MatrixRow {
    /// No subordinate supports this RHK.
    pub fn unsupported(&self) -> bool {
        self.cells.iter().all(Vec::is_empty)
    }
}

/// Plan status counts of the active employees in a unit and its sub-units; `belum`
/// counts those without a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    pub belum: i64,
    pub draf: i64,
    pub diajukan: i64,
    pub dikembalikan: i64,
    pub disetujui: i64,
}

impl StatusCounts {
    pub fn total(&self) -> i64 {
        self.belum + self.draf + self.diajukan + self.dikembalikan + self.disetujui
    }

    /// How many have a plan in `status` (`None`: no plan yet).
    pub fn count(&self, status: Option<PlanStatus>) -> i64 {
        match status {
            Some(PlanStatus::Draft) => self.draf,
            Some(PlanStatus::Submitted) => self.diajukan,
            Some(PlanStatus::Returned) => self.dikembalikan,
            Some(PlanStatus::Approved) => self.disetujui,
            None => self.belum,
        }
    }

    pub fn add(&mut self, status: Option<PlanStatus>, count: i64) {
        let slot = match status {
            Some(PlanStatus::Draft) => &mut self.draf,
            Some(PlanStatus::Submitted) => &mut self.diajukan,
            Some(PlanStatus::Returned) => &mut self.dikembalikan,
            Some(PlanStatus::Approved) => &mut self.disetujui,
            None => &mut self.belum,
        };
        *slot += count;
    }

    pub fn merge(&mut self, other: &StatusCounts) {
        self.belum += other.belum;
        self.draf += other.draf;
        self.diajukan += other.diajukan;
        self.dikembalikan += other.dikembalikan;
        self.disetujui += other.disetujui;
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitProgress {
    pub unit_id: i64,
    pub name: String,
    pub counts: StatusCounts,
}

/// One RHK in the cascade with the RHK that support it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CascadeNode {
    pub rhk_id: i64,
    pub text: String,
    pub employee_id: i64,
    pub employee_name: String,
    pub position_title: Option<String>,
    pub status: PlanStatus,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub children: Vec<CascadeNode>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadeView {
    pub year: i64,
    /// The unit shown (`None`: the whole kabupaten).
    pub unit: Option<(i64, String)>,
    /// Its parent, to go back up.
    pub parent_unit: Option<(i64, String)>,
    pub total: StatusCounts,
    /// The sub-units, each with counts over its own sub-tree.
    pub units: Vec<UnitProgress>,
    pub roots: Vec<CascadeNode>,
    /// RHK left out to keep the page small (deeper levels of the kabupaten view).
    pub hidden_rhk: usize,
    /// For a unit: who has no approved plan yet.
    pub pending: Vec<PlanHolder>,
}

/// Active employees per unit (by unit id) by the state of their plan for one year.
pub type PlanCountsPerUnit = std::collections::HashMap<i64, StatusCounts>;
