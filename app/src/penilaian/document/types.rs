//! The evaluation document as data: what the printable page shows and what the
//! PDF template reads (as JSON), so both print the same content.

use crate::skp::document::types::Signatory;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentIkiResult {
    pub aspek: String,
    pub indicator: String,
    /// "450 dokumen".
    pub target: String,
    /// "118 dokumen (capaian 105%)", or "—".
    pub realisasi: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRhkResult {
    pub number: usize,
    /// "Utama" or "Tambahan".
    pub kind: String,
    /// The supervisor's RHK it supports, or the perspektif of a JPT plan.
    pub context: String,
    pub text: String,
    pub iki: Vec<DocumentIkiResult>,
    /// "Sesuai Ekspektasi", or empty before it is rated.
    pub rating: String,
    pub feedback: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentValueResult {
    pub name: String,
    pub guides: Vec<String>,
    pub expectation: String,
    pub rating: String,
    pub feedback: String,
}

/// A keberatan as the document records it: both versions stay readable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentAppeal {
    pub reasons: String,
    /// "Penilaian tetap" / "Penilaian diubah", or that it awaits a decision.
    pub outcome: String,
    pub decision: String,
    pub original_predikat: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationDocument {
    pub instansi: String,
    pub year: i64,
    pub annual: bool,
    /// "Triwulan I 2026" or "Penilaian Tahunan 2026".
    pub period_name: String,
    /// "1 Januari 2026 s.d. 31 Maret 2026".
    pub period: String,
    pub approach: String,
    pub is_jpt: bool,
    /// Finalised (or past it): otherwise a preview of the rater's draft.
    pub finalised: bool,
    pub pegawai: Signatory,
    pub penilai: Option<Signatory>,
    pub atasan_penilai: Option<Signatory>,
    /// The unit's Predikat Kinerja Organisasi, or "—".
    pub unit_predikat: String,
    pub rhk: Vec<DocumentRhkResult>,
    pub hasil_kerja: String,
    pub hasil_kerja_reason: String,
    pub perilaku: Vec<DocumentValueResult>,
    pub perilaku_rating: String,
    pub predikat: String,
    /// The annual document: the year's periodic predikat, (period, predikat).
    pub periodic: Vec<(String, String)>,
    pub appeal: Option<DocumentAppeal>,
    /// "Kepahiang, 28 November 2026": the finalisation date, else today.
    pub place_date: String,
    pub employee_id: i64,
    pub period_id: i64,
}

impl EvaluationDocument {
    /// The download's file name, e.g. `Evaluasi-triwulan-i-2026-199001012015011001.pdf`.
    pub fn file_name(&self) -> String {
        let who = if self.pegawai.nip.is_empty() {
            self.employee_id.to_string()
        } else {
            self.pegawai.nip.clone()
        };
        let period: Vec<String> = self
            .period_name
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        format!("Evaluasi-{}-{who}.pdf", period.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_names_the_period_and_the_nip() {
        let doc = EvaluationDocument {
            instansi: String::new(),
            year: 2026,
            annual: false,
            period_name: "Triwulan I 2026".into(),
            period: String::new(),
            approach: String::new(),
            is_jpt: false,
            finalised: true,
            pegawai: Signatory {
                nip: "199001012015011001".into(),
                ..Default::default()
            },
            penilai: None,
            atasan_penilai: None,
            unit_predikat: String::new(),
            rhk: Vec::new(),
            hasil_kerja: String::new(),
            hasil_kerja_reason: String::new(),
            perilaku: Vec::new(),
            perilaku_rating: String::new(),
            predikat: String::new(),
            periodic: Vec::new(),
            appeal: None,
            place_date: String::new(),
            employee_id: 9,
            period_id: 3,
        };
        assert_eq!(
            doc.file_name(),
            "Evaluasi-triwulan-i-2026-199001012015011001.pdf"
        );
    }
}
