//! Plan rules shared by the browser (checked before sending) and the server
//! (checked again before storing): what a draft may hold, what a submission needs,
//! and which workflow step may follow which.

use super::types::{Approach, Aspek, Perspektif, PlanDraft, PlanStatus, Problem, RhkKind};

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
    } else if text.matches('.').count() == 1 && text.split('.').nth(1).is_some_and(|d| d.len() == 3)
    {
        // "1.000": an Indonesian thousands separator, not a decimal point.
        text.replace('.', "")
    } else {
        text.to_owned()
    }
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
        out.push(problem(field, format!("{label} wajib diisi.")));
    } else if chars > MAX_TEXT_CHARS {
        out.push(problem(
            field,
            format!("{label} terlalu panjang: paling banyak {MAX_TEXT_CHARS} karakter."),
        ));
    }
}

/// Rules every saved draft meets: known codes, filled texts, positive targets.
pub fn check_draft(plan: &PlanDraft, is_jpt: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if Approach::from_code(&plan.approach).is_none() {
        out.push(problem(
            "approach".into(),
            "Pilih pendekatan: kuantitatif atau kualitatif.",
        ));
    }
    if plan.rhk.len() > MAX_RHK {
        out.push(problem(
            "rhk".into(),
            format!("Paling banyak {MAX_RHK} RHK dalam satu SKP."),
        ));
    }
    for (i, rhk) in plan.rhk.iter().enumerate() {
        let at = |name: &str| format!("rhk.{i}.{name}");
        if RhkKind::from_code(&rhk.kind).is_none() {
            out.push(problem(at("kind"), "Pilih jenis RHK: utama atau tambahan."));
        }
        text_problem(at("text"), "Rumusan RHK", &rhk.text, &mut out);
        if is_jpt {
            if let Some(p) = &rhk.perspektif {
                if Perspektif::from_code(p).is_none() {
                    out.push(problem(at("perspektif"), "Perspektif tidak dikenal."));
                }
            }
        }
        if rhk.iki.len() > MAX_IKI_PER_RHK {
            out.push(problem(
                at("iki"),
                format!("Paling banyak {MAX_IKI_PER_RHK} indikator per RHK."),
            ));
        }
        for (j, iki) in rhk.iki.iter().enumerate() {
            let at = |name: &str| format!("rhk.{i}.iki.{j}.{name}");
            if Aspek::from_code(&iki.aspek).is_none() {
                out.push(problem(
                    at("aspek"),
                    "Pilih aspek: kuantitas, kualitas, waktu atau biaya.",
                ));
            }
            text_problem(at("indicator"), "Indikator", &iki.indicator, &mut out);
            if !is_target(&iki.target) {
                out.push(problem(
                    at("target"),
                    format!(
                        "Target \"{}\" harus bilangan lebih dari 0, mis. 450 atau 2,5.",
                        iki.target.trim()
                    ),
                ));
            }
            if iki.satuan.trim().is_empty() {
                out.push(problem(
                    at("satuan"),
                    "Satuan wajib diisi, mis. dokumen, orang, hari, persen.",
                ));
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
                    format!(
                        "Butir lampiran terlalu panjang: paling banyak {MAX_TEXT_CHARS} karakter."
                    ),
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
        out.push(problem(
            "rhk".into(),
            "SKP harus memuat sekurang-kurangnya satu RHK utama.",
        ));
    }
    for (i, rhk) in plan.rhk.iter().enumerate() {
        if rhk.iki.is_empty() {
            out.push(problem(
                format!("rhk.{i}.iki"),
                "Setiap RHK membutuhkan sekurang-kurangnya satu indikator (IKI).",
            ));
        }
        if is_jpt {
            if rhk.perspektif.is_none() {
                out.push(problem(
                    format!("rhk.{i}.perspektif"),
                    "Pilih perspektif RHK (JPT).",
                ));
            }
        } else if rhk.parent_rhk_id.is_none() {
            out.push(problem(
                format!("rhk.{i}.parent_rhk_id"),
                "Pilih RHK atasan yang didukung (diintervensi) oleh RHK ini.",
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

/// The state after `step`, or the Indonesian reason it is not allowed now.
pub fn next_status(current: PlanStatus, step: Step) -> Result<PlanStatus, &'static str> {
    use PlanStatus::*;
    match (current, step) {
        (Draft | Returned, Step::Edit) => Ok(current),
        (Draft | Returned, Step::Submit) => Ok(Submitted),
        (Submitted, Step::Withdraw) => Ok(Draft),
        (_, Step::Withdraw) => {
            Err("Hanya SKP yang sedang diajukan dan belum diputuskan atasan yang dapat ditarik kembali.")
        }
        (Submitted, Step::Return) => Ok(Returned),
        (Submitted, Step::Approve) => Ok(Approved),
        (Approved, Step::ReopenForRevision) => Ok(Draft),
        (Submitted, Step::Edit | Step::Submit) => {
            Err("SKP sedang diperiksa atasan; tunggu sampai disetujui atau dikembalikan.")
        }
        (Approved, Step::Edit | Step::Submit) => {
            Err("SKP sudah disetujui dan terkunci; ajukan permintaan revisi kepada atasan.")
        }
        (_, Step::Return | Step::Approve) => {
            Err("Hanya SKP yang sedang diajukan yang dapat dikembalikan atau disetujui.")
        }
        (_, Step::ReopenForRevision) => Err("Hanya SKP yang sudah disetujui yang dapat direvisi."),
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
        for text in ["450", "2,5", "1.000", "0", "-3", "banyak", "", ",5", "1e5"] {
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
        assert_eq!(
            only_tambahan[0].message,
            "SKP harus memuat sekurang-kurangnya satu RHK utama."
        );
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
