//! Performance years and their periods as the admin page and the plan pages read them.

use crate::skp::periods::{PeriodKind, Scheme};
use serde::{Deserialize, Serialize};

crate::coded_enum!(
    /// Whether a performance year takes plans.
    YearStatus {
        Open => "open",
        Closed => "closed",
    }
);

crate::coded_enum!(
    /// Whether a period takes entries.
    PeriodStatus {
        Open => "open",
        Closed => "closed",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub id: i64,
    pub kind: PeriodKind,
    pub number: i64,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub deadline: String,
    pub open: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerformanceYear {
    pub year: i64,
    pub scheme: Scheme,
    pub open: bool,
    pub periods: Vec<PeriodRow>,
}
