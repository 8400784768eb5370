//! Plan rules shared by the browser (checked before sending) and the server
//! (checked again before storing): what a draft may hold, what a submission needs,
//! and which workflow step may follow which.

use super::types::{Approach, Aspek, Perspektif, PlanDraft, PlanStatus, Problem, RhkKind};
use crate::i18n::tr;

pub const MAX_TEXT_CHARS: usize = 500;
pub const MAX_RHK: usize = 30;
pub const MAX_IKI_PER_RHK: usize = 10;

fn problem(field: String, message: impl Into<String>) -> Problem {
    Problem {
        field,
        message: message.into(),
    }
}

/// A positive number as people type it: "450", "2,5", "2.5", "1.000" (thousands).
pub fn parse_target(text: &str) -> Option<f64> {
    let normalised = normalise_target(text);
    is_positive_decimal(&normalised)
        .then(|| normalised.parse::<f64>().ok())
        .flatten()
}

/// Whether `text` is a target [`parse_target`] accepts, decided without parsing a
/// float: the check also runs in the browser, whose WASM then needs no float code.
pub fn is_target(text: &str) -> bool {
    is_positive_decimal(&normalise_target(text))
}

/// The target with a decimal point and no thousands separators.
fn normalise_target(text: &str) -> String {
    let text = text.trim();
    if text.contains(',') {
        text.replace('.', "").replace(',', ".")
    } else if is_thousands(text) {
        // "1.000", "2.000.000": Indonesian thousands separators, not a decimal point.
        text.replace('.', "")
    } else {
        text.to_owned()
    }
}

/// "1.000", "2.000.000": groups of three digits after a first group of one to three.
fn is_thousands(text: &str) -> bool {
    let mut groups = text.split('.');
    let first = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first != "0"
        && rest.iter().all(|g| g.len() == 3)
}

/// Digits with at most one decimal point, not all zero.
fn is_positive_decimal(text: &str) -> bool {
    text.len() <= 30
        && text.matches('.').count() <= 1
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().any(|c| matches!(c, '1'..='9'))
}

fn text_problem(field: String, label: &str, text: &str, out: &mut Vec<Problem>) {
    let chars = text.trim().chars().count();
    if chars == 0 {
        out.push(problem(field, tr!(error_required, { "label" => label })));
    } else if chars > MAX_TEXT_CHARS {
        out.push(problem(
            field,
            tr!(error_text_too_long, { "label" => label, "max" => MAX_TEXT_CHARS }),
        ));
    }
}

/// Rules every saved draft meets: known codes, filled texts, positive targets.
pub fn check_draft(plan: &PlanDraft, is_jpt: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if Approach::from_code(&plan.approach).is_none() {
        out.push(problem("approach".into(), tr!(problem_approach)));
    }
    if plan.rhk.len() > MAX_RHK {
        out.push(problem(
            "rhk".into(),
            tr!(problem_max_rhk, { "max" => MAX_RHK }),
        ));
    }
    for (i, rhk) in plan.rhk.iter().enumerate() {
        let at = |name: &str| format!("rhk.{i}.{name}");
        if RhkKind::from_code(&rhk.kind).is_none() {
            out.push(problem(at("kind"), tr!(problem_rhk_kind)));
        }
        text_problem(at("text"), &tr!(label_rhk_text), &rhk.text, &mut out);
        if is_jpt {
            if let Some(p) = &rhk.perspektif {
                if Perspektif::from_code(p).is_none() {
                    out.push(problem(at("perspektif"), tr!(problem_perspektif_unknown)));
                }
            }
        }
        if rhk.iki.len() > MAX_IKI_PER_RHK {
            out.push(problem(
                at("iki"),
                tr!(problem_max_iki, { "max" => MAX_IKI_PER_RHK }),
            ));
        }
        for (j, iki) in rhk.iki.iter().enumerate() {
            let at = |name: &str| format!("rhk.{i}.iki.{j}.{name}");
            if Aspek::from_code(&iki.aspek).is_none() {
                out.push(problem(at("aspek"), tr!(problem_aspek)));
            }
            text_problem(
                at("indicator"),
                &tr!(label_indicator),
                &iki.indicator,
                &mut out,
            );
            if !is_target(&iki.target) {
                out.push(problem(
                    at("target"),
                    tr!(problem_target, { "target" => iki.target.trim() }),
                ));
            }
            if iki.satuan.trim().is_empty() {
                out.push(problem(at("satuan"), tr!(problem_satuan)));
            }
        }
    }
    for (name, list) in [
        (
            "lampiran.dukungan_sumber_daya",
            &plan.lampiran.dukungan_sumber_daya,
        ),
        (
            "lampiran.skema_pertanggungjawaban",
            &plan.lampiran.skema_pertanggungjawaban,
        ),
        ("lampiran.konsekuensi", &plan.lampiran.konsekuensi),
    ] {
        for (k, item) in list.iter().enumerate() {
            if item.trim().chars().count() > MAX_TEXT_CHARS {
                out.push(problem(
                    format!("{name}.{k}"),
                    tr!(problem_lampiran_too_long, { "max" => MAX_TEXT_CHARS }),
                ));
            }
        }
    }
    out
}

/// What a submission needs beyond a valid draft: at least one RHK utama, an IKI
/// for every RHK, and for non-JPT plans the supervisor's RHK each one supports.
pub fn check_submission(plan: &PlanDraft, is_jpt: bool) -> Vec<Problem> {
    let mut out = check_draft(plan, is_jpt);
    if !plan.rhk.iter().any(|r| r.kind == RhkKind::Utama.code()) {
        out.push(problem("rhk".into(), tr!(problem_need_utama)));
    }
    for (i, rhk) in plan.rhk.iter().enumerate() {
        if rhk.iki.is_empty() {
            out.push(problem(format!("rhk.{i}.iki"), tr!(problem_need_iki)));
        }
        if is_jpt {
            if rhk.perspektif.is_none() {
                out.push(problem(
                    format!("rhk.{i}.perspektif"),
                    tr!(problem_need_perspektif),
                ));
            }
        } else if rhk.parent_rhk_id.is_none() {
            out.push(problem(
                format!("rhk.{i}.parent_rhk_id"),
                tr!(problem_need_parent),
            ));
        }
    }
    out
}

/// A step in the plan's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The owner saves content.
    Edit,
    Submit,
    /// The owner takes a submission back before the supervisor decides.
    Withdraw,
    /// The supervisor sends it back with a reason.
    Return,
    Approve,
    /// After approval: the owner asks to change it; the supervisor agrees.
    ReopenForRevision,
}

/// The state after `step`, or the reason (in the reader's language) it is not allowed now.
pub fn next_status(current: PlanStatus, step: Step) -> Result<PlanStatus, String> {
    use PlanStatus::*;
    match (current, step) {
        (Draft | Returned, Step::Edit) => Ok(current),
        (Draft | Returned, Step::Submit) => Ok(Submitted),
        (Submitted, Step::Withdraw) => Ok(Draft),
        (_, Step::Withdraw) => Err(tr!(status_not_withdrawable)),
        (Submitted, Step::Return) => Ok(Returned),
        (Submitted, Step::Approve) => Ok(Approved),
        (Approved, Step::ReopenForRevision) => Ok(Draft),
        (Submitted, Step::Edit | Step::Submit) => Err(tr!(status_under_review)),
        (Approved, Step::Edit | Step::Submit) => Err(tr!(status_locked)),
        (_, Step::Return | Step::Approve) => Err(tr!(status_not_submitted)),
        (_, Step::ReopenForRevision) => Err(tr!(status_not_approved)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skp::types::{IkiDraft, RhkDraft};

    fn rhk(kind: &str, parent: Option<i64>) -> RhkDraft {
        RhkDraft {
            kind: kind.into(),
            text: "Terlaksananya pelayanan perizinan usaha tepat waktu".into(),
            parent_rhk_id: parent,
            perspektif: None,
            iki: vec![IkiDraft {
                aspek: "kuantitas".into(),
                indicator: "Jumlah izin usaha terbit ≤ 3 hari kerja".into(),
                target: "450".into(),
                satuan: "dokumen".into(),
                accumulation: None,
            }],
        }
    }

    fn plan(rhk: Vec<RhkDraft>) -> PlanDraft {
        PlanDraft {
            approach: "kuantitatif".into(),
            rhk,
            lampiran: Default::default(),
        }
    }

    #[test]
    fn targets_are_positive_numbers_in_indonesian_notation() {
        assert_eq!(parse_target("450"), Some(450.0));
        assert_eq!(parse_target("2,5"), Some(2.5));
        assert_eq!(parse_target("1.000"), Some(1000.0));
        assert_eq!(parse_target("1.000,5"), Some(1000.5));
        assert_eq!(parse_target("0"), None);
        assert_eq!(parse_target("-3"), None);
        assert_eq!(parse_target("banyak"), None);
        assert_eq!(parse_target(""), None);
        assert_eq!(parse_target("0,0"), None);
        assert_eq!(parse_target("1e5"), None);
        assert_eq!(parse_target("1.2.3"), None);
        // Rupiah budgets: every group of three.
        assert_eq!(parse_target("2.000.000"), Some(2_000_000.0));
        assert_eq!(parse_target("1.250.000,50"), Some(1_250_000.5));
        assert_eq!(parse_target("12.5"), Some(12.5));
        assert_eq!(parse_target("2.000.00"), None);
        for text in [
            "450",
            "2,5",
            "1.000",
            "2.000.000",
            "0",
            "-3",
            "banyak",
            "",
            ",5",
            "1e5",
        ] {
            assert_eq!(is_target(text), parse_target(text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn draft_problems_name_the_field() {
        let mut bad = rhk("utama", Some(1));
        bad.text = "  ".into();
        bad.iki[0].target = "0".into();
        bad.iki[0].satuan = "".into();
        let problems = check_draft(&plan(vec![bad]), false);
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["rhk.0.text", "rhk.0.iki.0.target", "rhk.0.iki.0.satuan"]
        );
        assert!(problems[1].message.contains("lebih dari 0"));
    }

    #[test]
    fn a_submission_needs_an_utama_rhk_and_the_supported_rhk() {
        assert!(check_submission(&plan(vec![rhk("utama", Some(7))]), false).is_empty());
        let only_tambahan = check_submission(&plan(vec![rhk("tambahan", Some(7))]), false);
        assert_eq!(only_tambahan[0].message, tr!(problem_need_utama));
        let unlinked = check_submission(&plan(vec![rhk("utama", None)]), false);
        assert_eq!(unlinked[0].field, "rhk.0.parent_rhk_id");
        // JPT: a perspektif instead of a supported RHK.
        let mut jpt = rhk("utama", None);
        assert_eq!(
            check_submission(&plan(vec![jpt.clone()]), true)[0].field,
            "rhk.0.perspektif"
        );
        jpt.perspektif = Some("penerima_layanan".into());
        assert!(check_submission(&plan(vec![jpt]), true).is_empty());
        assert!(!check_submission(&plan(vec![]), false).is_empty());
    }

    #[test]
    fn the_workflow_allows_only_its_own_steps() {
        use PlanStatus::*;
        assert_eq!(next_status(Draft, Step::Submit), Ok(Submitted));
        assert_eq!(next_status(Submitted, Step::Return), Ok(Returned));
        assert_eq!(next_status(Returned, Step::Edit), Ok(Returned));
        assert_eq!(next_status(Returned, Step::Submit), Ok(Submitted));
        assert_eq!(next_status(Submitted, Step::Approve), Ok(Approved));
        assert_eq!(next_status(Submitted, Step::Withdraw), Ok(Draft));
        assert!(next_status(Approved, Step::Withdraw).is_err());
        assert!(next_status(Returned, Step::Withdraw).is_err());
        assert!(next_status(Approved, Step::Edit)
            .unwrap_err()
            .contains("terkunci"));
        assert_eq!(next_status(Approved, Step::ReopenForRevision), Ok(Draft));
        assert!(next_status(Draft, Step::Approve).is_err());
        assert!(next_status(Submitted, Step::Edit).is_err());
    }
}
