use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    /// The actor's name.
    pub actor: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "before_json"))]
    pub before: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "after_json"))]
    pub after: Option<String>,
}

/// The first record whose link to the chain does not hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenLink {
    pub id: i64,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    pub checked: i64,
    pub first_broken: Option<BrokenLink>,
}
