//! The evaluation forms' field names, shared by the page that renders them, the
//! route that reads them, the live panel that watches them and the service that
//! names them in its problems (a problem's field is the id of the field to fix).

pub const VERSION: &str = "versi";
/// "simpan" (keep the draft) or "final" (finalise).
pub const ACTION: &str = "aksi";
pub const HASIL_KERJA: &str = "hasil_kerja";
pub const HASIL_KERJA_REASON: &str = "alasan_hasil_kerja";
pub const PERILAKU: &str = "perilaku";
pub const APPEAL_REASONS: &str = "alasan";
pub const DECISION: &str = "keputusan";

pub const RHK_RATING_PREFIX: &str = "rating-";
pub const RHK_FEEDBACK_PREFIX: &str = "umpan-";
pub const VALUE_RATING_PREFIX: &str = "nilai-";
pub const VALUE_FEEDBACK_PREFIX: &str = "catatan-";
pub const SELF_RATING_PREFIX: &str = "diri-";
pub const SELF_NOTE_PREFIX: &str = "catatan-diri-";

pub fn rhk_rating(rhk_id: i64) -> String {
    format!("{RHK_RATING_PREFIX}{rhk_id}")
}

pub fn rhk_feedback(rhk_id: i64) -> String {
    format!("{RHK_FEEDBACK_PREFIX}{rhk_id}")
}

pub fn value_rating(code: &str) -> String {
    format!("{VALUE_RATING_PREFIX}{code}")
}

pub fn value_feedback(code: &str) -> String {
    format!("{VALUE_FEEDBACK_PREFIX}{code}")
}

pub fn self_rating(rhk_id: i64) -> String {
    format!("{SELF_RATING_PREFIX}{rhk_id}")
}

pub fn self_note(rhk_id: i64) -> String {
    format!("{SELF_NOTE_PREFIX}{rhk_id}")
}

/// The id of one radio choice: `rating-12-di_atas`.
pub fn choice_id(name: &str, code: &str) -> String {
    format!("{name}-{code}")
}
