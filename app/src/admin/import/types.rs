use crate::admin::types::IssuedPassword;
use serde::{Deserialize, Serialize};

/// One problem, located: line 1 is the header line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub line: usize,
    pub column: String,
    pub message: String,
}

impl ImportError {
    pub fn new(line: usize, column: &str, message: impl Into<String>) -> Self {
        Self {
            line,
            column: column.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    New,
    Updated,
    Unchanged,
}

/// What one row would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowChange {
    pub line: usize,
    pub nip: String,
    pub name: String,
    pub kind: ChangeKind,
    /// For updates: which fields change, in words.
    pub details: Vec<String>,
}

/// The dry run's answer. `changes` lists new and updated rows (up to a limit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub rows: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub new_positions: usize,
    pub errors: Vec<ImportError>,
    pub error_count: usize,
    pub changes: Vec<RowChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobStatus {
    Running,
    Done,
    Failed,
}

impl JobStatus {
    /// The code stored in `import_jobs.status` (the browser sees the variant name).
    pub fn code(self) -> &'static str {
        match self {
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [JobStatus::Running, JobStatus::Done, JobStatus::Failed]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub new_positions: usize,
    pub millis: i64,
    /// One-time passwords of the new accounts: returned once, then erased.
    pub issued_passwords: Vec<IssuedPassword>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportJob {
    pub id: String,
    pub status: JobStatus,
    pub done: usize,
    pub total: usize,
    pub result: Option<ImportResult>,
    pub failure: Option<String>,
}

/// `start_import` either refuses the file (its errors) or starts a job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportStart {
    Refused(ImportPreview),
    Started(ImportJob),
}

/// Most errors and changes a preview carries; the counts are always complete.
pub const PREVIEW_LIMIT: usize = 200;
