//! A notification as its reader sees it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub text: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub read: bool,
}
