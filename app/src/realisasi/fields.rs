//! The realisasi form's field names, shared by the page that renders them, the
//! route that reads them and the service that names them in its problems (a
//! problem's field is the id of the field to fix: `#nilai-12-0`).

/// The id of the form page's notice that its period has not begun (the problem
/// "not yet reportable" points at it).
pub const NOT_STARTED_ANCHOR: &str = "periode-belum-mulai";

pub fn value_field(rhk_id: i64, index: i64) -> String {
    format!("nilai-{rhk_id}-{index}")
}

pub fn target_field(rhk_id: i64, index: i64) -> String {
    format!("target-{rhk_id}-{index}")
}

pub fn reason_field(rhk_id: i64, index: i64) -> String {
    format!("alasan-{rhk_id}-{index}")
}

pub fn account_field(rhk_id: i64, index: i64) -> String {
    format!("uraian-{rhk_id}-{index}")
}

pub fn action_field(rhk_id: i64) -> String {
    format!("aksi-{rhk_id}")
}

pub fn file_field(rhk_id: i64, index: i64) -> String {
    format!("berkas-{rhk_id}-{index}")
}

pub fn link_field(rhk_id: i64, index: i64) -> String {
    format!("tautan-{rhk_id}-{index}")
}
