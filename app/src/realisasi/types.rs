//! A period's realisasi as its pages show it and as the owner saves it.

use super::rules::{Accumulation, Basis};
use crate::identity::types::Reach;
use serde::{Deserialize, Serialize};

/// The period a report belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodInfo {
    pub id: i64,
    pub year: i64,
    /// In the reader's language: "Triwulan I 2026".
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub deadline: String,
    pub open: bool,
}

crate::coded_enum!(
    /// Where an employee's report for a period stands, as supervisors and the
    /// monitor see it.
    FilingStatus {
        /// Reported by the deadline.
        Filed => "dilaporkan",
        /// Reported after the deadline (while the period was still open).
        Late => "terlambat",
        /// Not reported yet.
        Missing => "belum",
    }
);

/// One IKI's realisasi in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IkiReport {
    pub rhk_id: i64,
    /// The IKI's position within its RHK (0-based).
    pub index: i64,
    pub aspek: String,
    pub indicator: String,
    pub satuan: String,
    pub accumulation: Accumulation,
    /// The annual target as the plan writes it.
    pub annual_target: String,
    /// The period's share of it (`rules::period_target`), as typed elsewhere: "112,5".
    pub default_target: String,
    /// This period's target as the employee set it (the default unless changed).
    pub target: String,
    pub target_reason: String,
    /// The realisasi as typed: "118", "2,5".
    pub value: String,
    /// What was done (for a kualitatif plan, the realisasi itself).
    pub account: String,
    /// Stored by the server (hundredths of a percent).
    pub capaian: Option<Basis>,
    pub evidence: Vec<EvidenceItem>,
}

/// A file or link attached to an IKI's realisasi.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: i64,
    /// The file's name as uploaded, or the link's address.
    pub label: String,
    /// `None` for a link.
    pub sha256: Option<String>,
    pub size: Option<i64>,
    /// Content type code (`pdf`, `jpg` …) of a file.
    pub kind: Option<String>,
    pub url: Option<String>,
    /// Whether the viewer may open the file (the Bupati's office reads the
    /// realisasi, not the files).
    pub openable: bool,
    /// Whether the viewer may preview it in the browser (images and PDF).
    pub previewable: bool,
    /// Other employees whose realisasi carries the same file, named only as far
    /// as the viewer may see them; shown to supervisors and the admin.
    pub also_used_by: Vec<String>,
    /// Another employee uses the same file (also when the viewer may not see who).
    pub shared: bool,
}

/// The rencana aksi and IKI of one RHK.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RhkReport {
    pub rhk_id: i64,
    pub kind: String,
    pub text: String,
    pub action: String,
    pub iki: Vec<IkiReport>,
}

/// A period's realisasi of one employee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub employee_id: i64,
    pub employee_name: String,
    pub position_title: Option<String>,
    pub period: PeriodInfo,
    /// "kuantitatif" or "kualitatif": whether realisasi are numbers or narratives.
    pub approach: String,
    /// 0 before the first save.
    pub version: i64,
    pub status: FilingStatus,
    pub filed_at: Option<i64>,
    pub updated_at: Option<i64>,
    /// Past the deadline today (filing now is marked terlambat).
    pub past_deadline: bool,
    /// Open but not begun: it may be saved, not yet reported.
    #[serde(default)]
    pub not_started: bool,
    pub rhk: Vec<RhkReport>,
    /// What is wrong with what the owner typed (the owner sees these).
    pub problems: Vec<crate::skp::types::Problem>,
    /// Why files or links sent with the owner's last form were refused.
    pub refused: Vec<String>,
    pub reach: Reach,
    /// The owner, while the period is open.
    pub can_edit: bool,
    pub max_files: u32,
    pub max_file_mb: u32,
}

/// One period in the list of a year's reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodReport {
    pub period: PeriodInfo,
    pub status: FilingStatus,
    pub filed_at: Option<i64>,
}

/// A year's periods with the employee's report in each, for the plan page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearReports {
    pub employee_id: i64,
    pub year: i64,
    /// Realisasi follow an approved plan; before that, this says why not yet.
    pub plan_approved: bool,
    pub periods: Vec<PeriodReport>,
}

/// What the owner sends for one IKI.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySave {
    pub rhk_id: i64,
    pub index: i64,
    /// Empty: the default share.
    pub target: String,
    pub target_reason: String,
    pub value: String,
    pub account: String,
}

/// What the owner saves for a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSave {
    pub period_id: i64,
    /// The version the form was based on (0: none saved yet).
    pub base_version: i64,
    /// Report it to the supervisor (not only save).
    pub file: bool,
    /// (RHK id, rencana aksi).
    pub actions: Vec<(i64, String)>,
    pub entries: Vec<EntrySave>,
}

/// One direct report's filing per period, for the team page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamFilingRow {
    pub employee_id: i64,
    pub name: String,
    pub statuses: Vec<FilingStatus>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamFilings {
    pub year: Option<i64>,
    /// The year's periodic periods, in order (the columns).
    pub periods: Vec<PeriodInfo>,
    /// Direct reports with an approved plan.
    pub rows: Vec<TeamFilingRow>,
}
