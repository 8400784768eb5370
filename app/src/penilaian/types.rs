//! What the evaluation pages show and send.

use super::rules::{Bound, Distribution, Predikat, Rating, UnitPredikat};
use crate::realisasi::types::PeriodInfo;
use crate::skp::types::Problem;
use serde::{Deserialize, Serialize};

crate::coded_enum!(
    /// Where an evaluation stands: the rater's draft, finalised (locked, shown to
    /// the employee), acknowledged by them, appealed (keberatan), or decided.
    EvaluationStatus {
        Draft => "draft",
        Final => "final",
        Acknowledged => "acknowledged",
        Appealed => "appealed",
        Decided => "decided",
    }
);

crate::coded_enum!(
    /// How the atasan pejabat penilai settled a keberatan.
    AppealOutcome {
        Upheld => "upheld",
        Changed => "changed",
    }
);

/// How the viewer stands to the evaluation, deciding what the page offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvaluationRole {
    /// The direct supervisor, or the Plt./Plh. of that position.
    Rater,
    /// The employee evaluated.
    Employee,
    /// The atasan pejabat penilai (the rater's own supervisor): settles appeals.
    Reviewer,
    /// Further up the line, the admin, pimpinan: read only, after finalising.
    Reader,
}

/// One IKI's realisasi as the rater reads it beside the rating.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IkiResult {
    pub indicator: String,
    pub aspek: String,
    pub target: String,
    pub satuan: String,
    /// As reported ("118", "2,5"); empty when not reported.
    pub value: String,
    pub capaian: Option<i64>,
    pub account: String,
    pub evidence: u32,
}

/// One RHK: what was planned and delivered, and its ratings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RhkScore {
    pub rhk_id: i64,
    pub utama: bool,
    pub text: String,
    pub iki: Vec<IkiResult>,
    pub rating: Option<Rating>,
    pub feedback: String,
    pub self_rating: Option<Rating>,
    pub self_note: String,
}

/// One BerAKHLAK value: its guides, the supervisor's ekspektasi khusus, and its rating.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueScore {
    pub code: String,
    pub name: String,
    pub guides: Vec<String>,
    pub expectation: String,
    pub rating: Option<Rating>,
    pub feedback: String,
}

/// The unit kerja's curve and distribution, as the panel beside the form shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistributionPanel {
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_predikat: Option<UnitPredikat>,
    pub bounds: Vec<Bound>,
    /// Every finalised evaluation of the unit for the period, except this one.
    pub others: Distribution,
}

/// An evaluation as it was before a keberatan changed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationSnapshot {
    pub hasil_kerja: Option<Rating>,
    pub perilaku: Option<Rating>,
    pub predikat: Option<Predikat>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppealView {
    pub reasons: String,
    pub filed_at: i64,
    pub outcome: Option<AppealOutcome>,
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub original: EvaluationSnapshot,
}

/// A periodic predikat shown beside the annual evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodicResult {
    pub period: String,
    pub predikat: Option<Predikat>,
    pub status: Option<EvaluationStatus>,
}

/// Everything one screen needs to rate, read, acknowledge or appeal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationView {
    pub employee_id: i64,
    pub employee_name: String,
    pub position_title: Option<String>,
    pub period: PeriodInfo,
    pub annual: bool,
    pub role: EvaluationRole,
    pub evaluation_id: Option<i64>,
    pub version: i64,
    pub status: EvaluationStatus,
    pub rhk: Vec<RhkScore>,
    pub values: Vec<ValueScore>,
    pub hasil_kerja: Option<Rating>,
    pub hasil_kerja_reason: String,
    pub perilaku: Option<Rating>,
    pub predikat: Option<Predikat>,
    /// The guidance's suggestion from the RHK ratings saved.
    pub suggested_hasil_kerja: Option<Rating>,
    /// When the employee leads the unit and its result is set: that result,
    /// and the hasil kerja rating it gives.
    pub leader: Option<(UnitPredikat, Rating)>,
    pub panel: DistributionPanel,
    pub periodic: Vec<PeriodicResult>,
    pub rated_by: Option<String>,
    pub finalised_at: Option<i64>,
    pub acknowledged_at: Option<i64>,
    /// The last day (ISO) a keberatan may be filed.
    pub appeal_until: Option<String>,
    pub appeal: Option<AppealView>,
    pub can_rate: bool,
    pub can_self_assess: bool,
    pub can_acknowledge: bool,
    pub can_appeal: bool,
    pub can_decide: bool,
    /// What finalising still needs (after a refused finalisation).
    pub problems: Vec<Problem>,
}

/// The rater's form as sent (every field optional: a draft keeps what it has).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingSave {
    pub employee_id: i64,
    pub period_id: i64,
    pub base_version: i64,
    pub finalise: bool,
    /// Per RHK: the rating code as sent (empty: not rated) and the umpan balik.
    pub rhk: Vec<(i64, String, String)>,
    /// Per value code: the rating code as sent and the umpan balik.
    pub values: Vec<(String, String, String)>,
    pub hasil_kerja: String,
    pub hasil_kerja_reason: String,
    pub perilaku: String,
}

/// The employee's self-assessment as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfSave {
    pub period_id: i64,
    pub rhk: Vec<(i64, String, String)>,
}

/// What a save did: the new version, the predikat the server computed, and
/// whether it is now final (or what finalising still needs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingOutcome {
    pub evaluation_id: i64,
    pub version: i64,
    pub predikat: Option<Predikat>,
    pub finalised: bool,
    pub problems: Vec<Problem>,
}

/// Where one evaluation stands, as lists show it: its status (`None`: not
/// started), and the predikat when the viewer may read it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationCell {
    pub period_id: i64,
    pub status: Option<EvaluationStatus>,
    pub predikat: Option<Predikat>,
}

/// One direct report's evaluations across the year, on the team page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamEvaluationRow {
    pub employee_id: i64,
    pub name: String,
    /// One per period of [`TeamEvaluations::periods`], in order.
    pub cells: Vec<EvaluationCell>,
}

/// The viewer's direct reports (approved plans) by period, the annual
/// evaluation last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamEvaluations {
    /// `None`: no performance year is open.
    pub year: Option<i64>,
    pub periods: Vec<PeriodInfo>,
    pub rows: Vec<TeamEvaluationRow>,
}

/// One person's evaluations of a year, on their plan page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearEvaluations {
    pub plan_approved: bool,
    pub periods: Vec<PeriodInfo>,
    pub cells: Vec<EvaluationCell>,
}
