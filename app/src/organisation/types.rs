//! Shared organisation types: what the server sends and the browser shows.

use serde::{Deserialize, Serialize};

/// Kinds of unit in a kabupaten's tree, stored as the lowercase code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Pemda,
    PerangkatDaerah,
    Kecamatan,
    Bidang,
    Seksi,
    Upt,
}

/// Jabatan kinds; `KepalaDaerah` is the Bupati, a state official above the ASN chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JabatanKind {
    KepalaDaerah,
    Jpt,
    Administrator,
    Pengawas,
    Pelaksana,
    Fungsional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmployeeStatus {
    Pns,
    Pppk,
    /// The Bupati: holds a position but is not an ASN and has no NIP.
    NonAsn,
}

macro_rules! code_enum {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// The code stored in the database and used in i18n keys.
            pub fn code(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($ty::$variant),)+ _ => None }
            }
        }
    };
}

code_enum!(UnitKind {
    Pemda => "pemda",
    PerangkatDaerah => "perangkat_daerah",
    Kecamatan => "kecamatan",
    Bidang => "bidang",
    Seksi => "seksi",
    Upt => "upt",
});

code_enum!(JabatanKind {
    KepalaDaerah => "kepala_daerah",
    Jpt => "jpt",
    Administrator => "administrator",
    Pengawas => "pengawas",
    Pelaksana => "pelaksana",
    Fungsional => "fungsional",
});

code_enum!(EmployeeStatus {
    Pns => "pns",
    Pppk => "pppk",
    NonAsn => "non_asn",
});

/// One bar of a chart: a label code (translated by the page) and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountByCode {
    pub code: String,
    pub count: i64,
}

/// Kabupaten-wide counts for the home page. Aggregates only, no person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationOverview {
    pub instansi: String,
    pub units: i64,
    pub positions: i64,
    pub employees: i64,
    pub by_jabatan_kind: Vec<CountByCode>,
    pub by_status: Vec<CountByCode>,
}

/// A unit found by the organisation search, with the head count of its whole subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_name: Option<String>,
    pub employees: i64,
    pub illustrative: bool,
}

/// Facts about this SIKAP instance that every page may show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceInfo {
    pub instansi: String,
    pub region_code: String,
    pub min_group_size: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_for_every_variant() {
        for kind in UnitKind::ALL {
            assert_eq!(UnitKind::from_code(kind.code()), Some(*kind));
        }
        for kind in JabatanKind::ALL {
            assert_eq!(JabatanKind::from_code(kind.code()), Some(*kind));
        }
        for status in EmployeeStatus::ALL {
            assert_eq!(EmployeeStatus::from_code(status.code()), Some(*status));
        }
        assert_eq!(UnitKind::from_code("dinas"), None);
    }

    #[test]
    fn serde_uses_the_same_codes_as_the_database() {
        for kind in JabatanKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.code()));
        }
    }
}
