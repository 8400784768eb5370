//! The SKP document in the official layout: what the printable page shows and
//! what the PDF template reads (as JSON), so both print the same content.

use crate::skp::types::Lampiran;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub name: String,
    pub nip: String,
    pub pangkat: String,
    pub jabatan: String,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentIki {
    pub aspek: String,
    pub indicator: String,
    /// "450 dokumen".
    pub target: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRhk {
    pub rhk_id: i64,
    pub number: usize,
    /// "Utama" or "Tambahan".
    pub kind: String,
    /// The supervisor's RHK it supports, or the perspektif of a JPT plan.
    pub context: String,
    pub text: String,
    pub iki: Vec<DocumentIki>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentValue {
    pub name: String,
    pub guides: Vec<String>,
    pub expectation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkpDocument {
    pub instansi: String,
    pub year: i64,
    /// "1 Januari 2026 s.d. 31 Desember 2026".
    pub period: String,
    pub approach: String,
    pub is_jpt: bool,
    pub status: crate::skp::types::PlanStatus,
    pub pegawai: Signatory,
    pub penilai: Option<Signatory>,
    pub rhk: Vec<DocumentRhk>,
    pub perilaku: Vec<DocumentValue>,
    pub lampiran: Lampiran,
    /// "Kepahiang, 28 November 2026": the approval date, else today.
    pub place_date: String,
    pub employee_id: i64,
}

impl SkpDocument {
    /// The download's file name, e.g. `SKP-2026-199001012015011001.pdf`.
    pub fn file_name(&self) -> String {
        let who = if self.pegawai.nip.is_empty() {
            self.employee_id.to_string()
        } else {
            self.pegawai.nip.clone()
        };
        format!("SKP-{}-{who}.pdf", self.year)
    }
}
