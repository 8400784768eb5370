//! What the filing monitor shows.

use crate::realisasi::types::{FilingStatus, PeriodInfo};
use serde::{Deserialize, Serialize};

/// Employees who must report (their plan for the year is approved), by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingCounts {
    pub filed: i64,
    pub late: i64,
    pub missing: i64,
}

impl FilingCounts {
    pub fn total(&self) -> i64 {
        self.filed + self.late + self.missing
    }

    pub fn count(&self, status: FilingStatus) -> i64 {
        match status {
            FilingStatus::Filed => self.filed,
            FilingStatus::Late => self.late,
            FilingStatus::Missing => self.missing,
        }
    }

    pub fn merge(&mut self, other: &FilingCounts) {
        self.filed += other.filed;
        self.late += other.late;
        self.missing += other.missing;
    }

    pub fn add(&mut self, status: FilingStatus) {
        match status {
            FilingStatus::Filed => self.filed += 1,
            FilingStatus::Late => self.late += 1,
            FilingStatus::Missing => self.missing += 1,
        }
    }
}

/// A sub-unit of the unit shown (or the unit itself, for those placed in it
/// directly) with its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorGroup {
    pub unit_id: i64,
    pub name: String,
    /// Whether it has sub-units of its own to open.
    pub has_sub_units: bool,
    pub counts: FilingCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorPerson {
    pub employee_id: i64,
    pub name: String,
    pub nip: Option<String>,
    pub unit: String,
    pub status: FilingStatus,
    pub filed_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingMonitor {
    /// `None`: no performance year is open yet.
    pub year: Option<i64>,
    /// The year's periods, to choose from.
    pub periods: Vec<PeriodInfo>,
    pub period: Option<PeriodInfo>,
    /// The unit shown (`None`: the whole kabupaten) and the one above it.
    pub unit: Option<(i64, String)>,
    pub parent_unit: Option<(i64, String)>,
    pub total: FilingCounts,
    pub groups: Vec<MonitorGroup>,
    /// Everyone who must report, when a unit is shown: those without a report
    /// first, then the late, then the rest, each by name.
    pub people: Vec<MonitorPerson>,
}

impl FilingMonitor {
    /// Before any performance year is open.
    pub fn empty() -> Self {
        Self {
            year: None,
            periods: Vec::new(),
            period: None,
            unit: None,
            parent_unit: None,
            total: FilingCounts::default(),
            groups: Vec::new(),
            people: Vec::new(),
        }
    }
}

#[cfg(feature = "ssr")]
impl crate::organisation::tree::Tally for FilingCounts {
    fn merge(&mut self, other: &Self) {
        FilingCounts::merge(self, other);
    }

    fn is_empty(&self) -> bool {
        self.total() == 0
    }
}
