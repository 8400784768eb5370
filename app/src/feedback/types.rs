use serde::{Deserialize, Serialize};

/// How the viewer stands to a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadRole {
    /// The employee whose work it is.
    Employee,
    /// Their supervisor (or the Plt./Plh. of that seat).
    Supervisor,
    /// The atasan pejabat penilai (the supervisor's supervisor).
    Reviewer,
    /// A BKPSDM administrator: reads and may hide a message, does not post.
    Moderator,
}

impl ThreadRole {
    pub fn may_post(self) -> bool {
        self != ThreadRole::Moderator
    }
}

/// One message as its reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    /// The thread's change number of this message's latest change.
    pub seq: i64,
    pub author_name: String,
    /// The author's part in the thread, in words ("Atasan langsung").
    pub author_role: String,
    /// When it was posted, in the reader's language (WIB).
    pub posted: String,
    /// Empty when the message is hidden (the reason shows instead).
    pub body: String,
    pub edited: bool,
    /// Why an administrator hid it; `None` while shown.
    pub hidden_reason: Option<String>,
    /// The reader wrote it and may still edit it.
    pub editable: bool,
}

/// A thread page: what it is about, where that is, and its messages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub subject_key: String,
    /// What the thread is about, in words ("RHK: Menyusun laporan …").
    pub title: String,
    /// Whose work it is.
    pub employee_name: String,
    /// The page the subject lives on, as the reader may open it.
    pub back_href: String,
    pub role: ThreadRole,
    pub messages: Vec<MessageView>,
    /// The thread's latest change number (0 before the first message).
    pub last_seq: i64,
    /// On an RHK: the colleagues asked for feedback, and how each stands.
    pub requests: Vec<RequestSummary>,
    /// The viewer may ask a colleague (the employee or the supervisor, on an RHK).
    pub can_request: bool,
}

/// How a colleague's feedback request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    Open,
    Answered,
    Declined,
    Expired,
}

/// A request on an RHK's thread page: who was asked, and how it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub colleague_name: String,
    pub status: RequestStatus,
    /// The last day to answer, in words.
    pub expires: String,
}

/// A request as the colleague asked reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i64,
    pub rhk_text: String,
    pub employee_name: String,
    pub requested_by_name: String,
    pub question: String,
    pub expires: String,
    pub status: RequestStatus,
}
