//! What the penilaian monitors show.

use crate::penilaian::rules::{Bound, Distribution, UnitPredikat};
use crate::realisasi::types::PeriodInfo;
use serde::{Deserialize, Serialize};

crate::coded_enum!(
    /// How far one person's evaluation of a period has come, in order.
    Stage {
        /// No realisasi filed yet (for the annual evaluation: none in the year).
        Unreported => "belum_lapor",
        /// Realisasi filed; the rater has not started.
        Reported => "dilaporkan",
        /// The rater has saved a draft.
        Rating => "dinilai",
        /// Finalised; the employee has not acknowledged it yet.
        Final => "ditetapkan",
        Acknowledged => "dibaca",
        /// A keberatan was filed (and perhaps decided).
        Appealed => "keberatan",
    }
);

impl Stage {
    pub fn index(self) -> usize {
        self as usize
    }

    /// Finalised, or past it.
    pub fn is_final(self) -> bool {
        self.index() >= Stage::Final.index()
    }
}

/// People per stage, in [`Stage`] order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCounts(pub [i64; 6]);

impl StageCounts {
    pub fn count(&self, stage: Stage) -> i64 {
        self.0[stage.index()]
    }

    pub fn add(&mut self, stage: Stage) {
        self.0[stage.index()] += 1;
    }

    pub fn total(&self) -> i64 {
        self.0.iter().sum()
    }

    /// Finalised or past it.
    pub fn finalised(&self) -> i64 {
        Stage::ALL
            .iter()
            .filter(|s| s.is_final())
            .map(|s| self.count(*s))
            .sum()
    }
}

#[cfg(feature = "ssr")]
impl crate::organisation::tree::Tally for StageCounts {
    fn merge(&mut self, other: &Self) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }

    fn is_empty(&self) -> bool {
        self.total() == 0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageGroup {
    pub unit_id: i64,
    pub name: String,
    pub has_sub_units: bool,
    pub counts: StageCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagePerson {
    pub employee_id: i64,
    pub name: String,
    pub nip: Option<String>,
    pub unit: String,
    /// The holder of the position above (who should rate).
    pub atasan: Option<String>,
    pub stage: Stage,
    /// Not final after the period's deadline plus `evaluation.rating_days`.
    pub late: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationMonitor {
    /// `None`: no performance year is open yet.
    pub year: Option<i64>,
    /// The year's periods and its annual evaluation, to choose from.
    pub periods: Vec<PeriodInfo>,
    pub period: Option<PeriodInfo>,
    /// The day (ISO) after which an evaluation not yet final counts as late.
    pub due: Option<String>,
    pub unit: Option<(i64, String)>,
    pub parent_unit: Option<(i64, String)>,
    pub total: StageCounts,
    pub late: i64,
    pub groups: Vec<StageGroup>,
    /// Everyone evaluated in the unit shown (every CSV too): the late first,
    /// then by stage and name.
    pub people: Vec<StagePerson>,
}

impl EvaluationMonitor {
    pub fn empty() -> Self {
        Self {
            year: None,
            periods: Vec::new(),
            period: None,
            due: None,
            unit: None,
            parent_unit: None,
            total: StageCounts::default(),
            late: 0,
            groups: Vec::new(),
            people: Vec::new(),
        }
    }
}

/// One unit kerja's finalised predikat for the period against its curve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCurve {
    pub unit_id: i64,
    pub name: String,
    pub unit_predikat: Option<UnitPredikat>,
    pub distribution: Distribution,
    pub bounds: Vec<Bound>,
    /// The indexes of the bounds it breaks.
    pub breaches: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistributionMonitor {
    pub year: Option<i64>,
    pub periods: Vec<PeriodInfo>,
    pub period: Option<PeriodInfo>,
    pub units: Vec<UnitCurve>,
}
