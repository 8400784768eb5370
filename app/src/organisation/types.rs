//! Shared organisation types: what the server sends and the browser shows.

use serde::{Deserialize, Serialize};

/// Most units one search returns; the page asks for a narrower query at the limit.
pub const SEARCH_LIMIT: usize = 60;

crate::coded_enum!(
    /// Kinds of unit in a kabupaten's tree.
    UnitKind {
        Pemda => "pemda",
        PerangkatDaerah => "perangkat_daerah",
        Kecamatan => "kecamatan",
        Bidang => "bidang",
        Seksi => "seksi",
        Upt => "upt",
    }
);

crate::coded_enum!(
    /// Jabatan kinds; `KepalaDaerah` is the Bupati, a state official above the ASN chain.
    JabatanKind {
        KepalaDaerah => "kepala_daerah",
        Jpt => "jpt",
        Administrator => "administrator",
        Pengawas => "pengawas",
        Pelaksana => "pelaksana",
        Fungsional => "fungsional",
    }
);

crate::coded_enum!(EmployeeStatus {
    Pns => "pns",
    Pppk => "pppk",
    /// The Bupati: holds a position but is not an ASN and has no NIP.
    NonAsn => "non_asn",
});

/// One bar of a chart: a label code (translated by the page) and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
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
    pub kind: UnitKind,
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
