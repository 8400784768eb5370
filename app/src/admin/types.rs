use crate::i18n::tr;
use serde::{Deserialize, Serialize};

crate::coded_enum!(
    /// How an acting official stands in: Plt. for an empty seat, Plh. while the
    /// holder is away.
    ActingKind {
        Plt => "plt",
        Plh => "plh",
    }
);

/// Longest name, title or unit name accepted.
pub const MAX_NAME_CHARS: usize = 150;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUnit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPosition {
    pub id: i64,
    pub unit_id: i64,
    pub title: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub parent_title: Option<String>,
    pub holders: Vec<String>,
    pub active: bool,
}

/// A one-time password, shown once to the admin who issued it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPassword {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub password: String,
}

/// What the leadership dashboard shows per perangkat daerah.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLeadership {
    pub unit_id: i64,
    pub unit_name: String,
    pub employees: i64,
    pub structural_positions: i64,
    pub vacant_positions: i64,
    pub covered_by_acting: i64,
}

/// Validates a required text field: trimmed, not empty, not too long.
pub fn required_text(
    field: &str,
    label: &str,
    value: &str,
) -> Result<String, crate::error::AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(crate::error::AppError::invalid(
            field,
            tr!(error_required, { "label" => label }),
        ));
    }
    if value.chars().count() > MAX_NAME_CHARS {
        return Err(crate::error::AppError::invalid(
            field,
            tr!(error_text_too_long, { "label" => label, "max" => MAX_NAME_CHARS }),
        ));
    }
    Ok(value.to_owned())
}
