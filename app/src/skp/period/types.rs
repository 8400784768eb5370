use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub id: i64,
    pub kind: String,
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
    pub scheme: String,
    pub open: bool,
    pub periods: Vec<PeriodRow>,
}
