//! What a reader sees for the SKP's codes, in the reader's language.

use super::types::{Approach, Aspek, Perspektif, PlanStatus, RhkKind};
use crate::i18n::tr;

pub fn plan_status_label(status: PlanStatus) -> String {
    match status {
        PlanStatus::Draft => tr!(skp_status_draf),
        PlanStatus::Submitted => tr!(skp_status_diajukan),
        PlanStatus::Approved => tr!(skp_status_disetujui),
        PlanStatus::Returned => tr!(skp_status_dikembalikan),
    }
}

/// "Utama" or "Tambahan"; an unknown code is shown as it is.
pub fn rhk_kind_label(code: &str) -> String {
    match RhkKind::from_code(code) {
        Some(RhkKind::Utama) => tr!(skp_utama),
        Some(RhkKind::Tambahan) => tr!(skp_tambahan),
        None => code.to_owned(),
    }
}

pub fn aspek_label(code: &str) -> String {
    match Aspek::from_code(code) {
        Some(Aspek::Kuantitas) => tr!(aspek_kuantitas),
        Some(Aspek::Kualitas) => tr!(aspek_kualitas),
        Some(Aspek::Waktu) => tr!(aspek_waktu),
        Some(Aspek::Biaya) => tr!(aspek_biaya),
        None => code.to_owned(),
    }
}

pub fn approach_label(code: &str) -> String {
    match Approach::from_code(code) {
        Some(Approach::Kuantitatif) => tr!(approach_kuantitatif),
        Some(Approach::Kualitatif) => tr!(approach_kualitatif),
        None => code.to_owned(),
    }
}

pub fn perspektif_label(code: &str) -> String {
    match Perspektif::from_code(code) {
        Some(Perspektif::PenerimaLayanan) => tr!(perspektif_penerima_layanan),
        Some(Perspektif::ProsesBisnis) => tr!(perspektif_proses_bisnis),
        Some(Perspektif::PenguatanInternal) => tr!(perspektif_penguatan_internal),
        Some(Perspektif::Anggaran) => tr!(perspektif_anggaran),
        None => code.to_owned(),
    }
}
