//! The SKP (Sasaran Kinerja Pegawai) as both sides see it: the plan, its RHK and
//! IKI, the lampiran, and its workflow states (DOMAIN.md sections 2 and 4).

use serde::{Deserialize, Serialize};

crate::coded_enum!(PlanStatus {
    Draft => "draf",
    Submitted => "diajukan",
    Approved => "disetujui",
    Returned => "dikembalikan",
});

crate::coded_enum!(Approach {
    Kuantitatif => "kuantitatif",
    Kualitatif => "kualitatif",
});

crate::coded_enum!(RhkKind {
    Utama => "utama",
    Tambahan => "tambahan",
});

crate::coded_enum!(Aspek {
    Kuantitas => "kuantitas",
    Kualitas => "kualitas",
    Waktu => "waktu",
    Biaya => "biaya",
});

crate::coded_enum!(Perspektif {
    PenerimaLayanan => "penerima_layanan",
    ProsesBisnis => "proses_bisnis",
    PenguatanInternal => "penguatan_internal",
    Anggaran => "anggaran",
});

crate::coded_enum!(
    /// Whether an IKI's realisasi adds up over the year or holds per period
    /// (`realisasi::rules` gives each period its share accordingly).
    Accumulation {
        /// Counted things add up: documents issued, people served, rupiah spent.
        Cumulative => "kumulatif",
        /// A rate, a quality score or a time holds for each period on its own.
        PerPeriod => "per_periode",
    }
);

/// One indicator (IKI) of an RHK: "Jumlah izin usaha terbit ≤ 3 hari kerja — 450 dokumen".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IkiDraft {
    pub aspek: String,
    pub indicator: String,
    /// As typed: "450", "2,5", "100" (a positive number).
    pub target: String,
    pub satuan: String,
    /// Chosen in the plan; `None`: follows the aspek and satuan
    /// (`Accumulation::default_for`).
    #[serde(default)]
    pub accumulation: Option<Accumulation>,
}

/// One RHK (Rencana Hasil Kerja) as edited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RhkDraft {
    pub kind: String,
    pub text: String,
    /// The supervisor's RHK this one supports (every non-JPT RHK needs one).
    pub parent_rhk_id: Option<i64>,
    /// JPT plans name a perspektif instead of a supported RHK.
    pub perspektif: Option<String>,
    pub iki: Vec<IkiDraft>,
}

/// The three free-text lists of the Lampiran SKP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lampiran {
    pub dukungan_sumber_daya: Vec<String>,
    pub skema_pertanggungjawaban: Vec<String>,
    pub konsekuensi: Vec<String>,
}

/// The editable content of a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDraft {
    pub approach: String,
    pub rhk: Vec<RhkDraft>,
    pub lampiran: Lampiran,
}

/// A problem with one field, named by its path (`rhk.0.iki.1.target`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub field: String,
    pub message: String,
}
