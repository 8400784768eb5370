use serde::{Deserialize, Serialize};

/// One record of the trail as the page shows it: the facts its sentence needs,
/// and its before and after for the details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    /// The actor's name when the record was written (for records older than the
    /// recorded names, their name now); none for the command line.
    pub actor: Option<String>,
    /// The action's code (`AuditAction`), kept as text so a code this version
    /// does not know still shows.
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// Whom or what the change is about, by the name it had then.
    pub subject: Option<String>,
    /// The plan's year, or the performance year opened.
    pub year: Option<i64>,
    /// For an acting appointment, the seat: "Plt. Kepala Dinas Pendidikan".
    pub role: Option<String>,
    /// The stored before and after, pretty-printed.
    pub before: Option<String>,
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
