//! The seven BerAKHLAK core values with their official behaviour guides, worded
//! exactly as on SKP forms (DOMAIN.md section 4); the names are proper names in
//! both languages, the guides are translated.

use crate::i18n::tr;
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

    /// The three official behaviour guides (panduan perilaku), in the reader's
    /// language.
    pub fn guides(self) -> [String; 3] {
        match self {
            CoreValue::BerorientasiPelayanan => [
                tr!(berakhlak_berorientasi_pelayanan_1),
                tr!(berakhlak_berorientasi_pelayanan_2),
                tr!(berakhlak_berorientasi_pelayanan_3),
            ],
            CoreValue::Akuntabel => [
                tr!(berakhlak_akuntabel_1),
                tr!(berakhlak_akuntabel_2),
                tr!(berakhlak_akuntabel_3),
            ],
            CoreValue::Kompeten => [
                tr!(berakhlak_kompeten_1),
                tr!(berakhlak_kompeten_2),
                tr!(berakhlak_kompeten_3),
            ],
            CoreValue::Harmonis => [
                tr!(berakhlak_harmonis_1),
                tr!(berakhlak_harmonis_2),
                tr!(berakhlak_harmonis_3),
            ],
            CoreValue::Loyal => [
                tr!(berakhlak_loyal_1),
                tr!(berakhlak_loyal_2),
                tr!(berakhlak_loyal_3),
            ],
            CoreValue::Adaptif => [
                tr!(berakhlak_adaptif_1),
                tr!(berakhlak_adaptif_2),
                tr!(berakhlak_adaptif_3),
            ],
            CoreValue::Kolaboratif => [
                tr!(berakhlak_kolaboratif_1),
                tr!(berakhlak_kolaboratif_2),
                tr!(berakhlak_kolaboratif_3),
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
