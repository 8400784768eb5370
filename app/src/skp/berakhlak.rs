//! The seven BerAKHLAK core values with their official behaviour guides, worded
//! exactly as on SKP forms (DOMAIN.md section 4).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CoreValue {
    BerorientasiPelayanan,
    Akuntabel,
    Kompeten,
    Harmonis,
    Loyal,
    Adaptif,
    Kolaboratif,
}

impl CoreValue {
    pub const ALL: [CoreValue; 7] = [
        CoreValue::BerorientasiPelayanan,
        CoreValue::Akuntabel,
        CoreValue::Kompeten,
        CoreValue::Harmonis,
        CoreValue::Loyal,
        CoreValue::Adaptif,
        CoreValue::Kolaboratif,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CoreValue::BerorientasiPelayanan => "berorientasi_pelayanan",
            CoreValue::Akuntabel => "akuntabel",
            CoreValue::Kompeten => "kompeten",
            CoreValue::Harmonis => "harmonis",
            CoreValue::Loyal => "loyal",
            CoreValue::Adaptif => "adaptif",
            CoreValue::Kolaboratif => "kolaboratif",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }

    /// The value's name as printed on the SKP.
    pub fn name(self) -> &'static str {
        match self {
            CoreValue::BerorientasiPelayanan => "Berorientasi Pelayanan",
            CoreValue::Akuntabel => "Akuntabel",
            CoreValue::Kompeten => "Kompeten",
            CoreValue::Harmonis => "Harmonis",
            CoreValue::Loyal => "Loyal",
            CoreValue::Adaptif => "Adaptif",
            CoreValue::Kolaboratif => "Kolaboratif",
        }
    }

    /// The three official behaviour guides (panduan perilaku).
    pub fn guides(self) -> [&'static str; 3] {
        match self {
            CoreValue::BerorientasiPelayanan => [
                "Memahami dan memenuhi kebutuhan masyarakat",
                "Ramah, cekatan, solutif, dan dapat diandalkan",
                "Melakukan perbaikan tiada henti",
            ],
            CoreValue::Akuntabel => [
                "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
                "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
                "Tidak menyalahgunakan kewenangan jabatan",
            ],
            CoreValue::Kompeten => [
                "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
                "Membantu orang lain belajar",
                "Melaksanakan tugas dengan kualitas terbaik",
            ],
            CoreValue::Harmonis => [
                "Menghargai setiap orang apapun latar belakangnya",
                "Suka menolong orang lain",
                "Membangun lingkungan kerja yang kondusif",
            ],
            CoreValue::Loyal => [
                "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
                "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
                "Menjaga rahasia jabatan dan negara",
            ],
            CoreValue::Adaptif => [
                "Cepat menyesuaikan diri menghadapi perubahan",
                "Terus berinovasi dan mengembangkan kreativitas",
                "Bertindak proaktif",
            ],
            CoreValue::Kolaboratif => [
                "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
                "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
                "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_values_three_guides_each_and_codes_round_trip() {
        assert_eq!(CoreValue::ALL.len(), 7);
        for value in CoreValue::ALL {
            assert_eq!(CoreValue::from_code(value.code()), Some(value));
            assert!(value.guides().iter().all(|g| !g.is_empty()));
        }
        assert_eq!(
            CoreValue::Kompeten.guides()[1],
            "Membantu orang lain belajar"
        );
        let initials: String = CoreValue::ALL
            .iter()
            .map(|v| v.name().chars().next().unwrap())
            .collect();
        assert_eq!(initials, "BAKHLAK");
    }
}
