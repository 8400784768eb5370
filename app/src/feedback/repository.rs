//! Feedback threads and messages in the database.

use crate::platform::db::Conn;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub thread_id: i64,
    pub seq: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub hidden_reason: Option<String>,
    /// 1: a colleague's answer to a feedback request.
    pub stakeholder: i64,
}

const MESSAGE_COLUMNS: &str =
    "m.id, m.thread_id, m.seq, m.author_id, e.name AS author_name, m.body, \
     m.created_at, m.edited_at, m.hidden_reason, m.stakeholder";

/// The thread of a subject: `(id, last_seq)`, or `None` before its first message.
pub async fn thread(conn: &mut Conn, subject: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, last_seq FROM feedback_threads WHERE subject = $1")
        .bind(subject)
        .fetch_optional(conn)
        .await
}

/// The thread of a subject, created on its first message (two first messages at
/// once: the second insert does nothing and finds the first's thread).
pub async fn thread_for_writing(
    conn: &mut Conn,
    subject: &str,
    employee_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO feedback_threads (subject, employee_id, last_seq, created_at) \
         VALUES ($1, $2, 0, $3) ON CONFLICT (subject) DO NOTHING",
    )
    .bind(subject)
    .bind(employee_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("SELECT id FROM feedback_threads WHERE subject = $1")
        .bind(subject)
        .fetch_one(conn)
        .await
}

/// The thread's next change number. On PostgreSQL the row stays locked until the
/// transaction ends, so changes commit in the order of their numbers (a follower
/// reading "above n" never skips one that commits later); SQLite has one writer.
pub async fn next_seq(conn: &mut Conn, thread_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE feedback_threads SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
    )
    .bind(thread_id)
    .fetch_one(conn)
    .await
}

/// The messages changed after `after_seq`, in the order of their changes.
pub async fn messages_since(
    conn: &mut Conn,
    thread_id: i64,
    after_seq: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM feedback_messages m JOIN employees e ON e.id = m.author_id \
         WHERE m.thread_id = $1 AND m.seq > $2 ORDER BY m.seq"
    ))
    .bind(thread_id)
    .bind(after_seq)
    .fetch_all(conn)
    .await
}

/// All messages of a thread, oldest first.
pub async fn messages(conn: &mut Conn, thread_id: i64) -> Result<Vec<MessageRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM feedback_messages m JOIN employees e ON e.id = m.author_id \
         WHERE m.thread_id = $1 ORDER BY m.id"
    ))
    .bind(thread_id)
    .fetch_all(conn)
    .await
}

pub async fn message(conn: &mut Conn, id: i64) -> Result<Option<MessageRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM feedback_messages m JOIN employees e ON e.id = m.author_id \
         WHERE m.id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The subject key of a thread.
pub async fn subject_of(conn: &mut Conn, thread_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT subject FROM feedback_threads WHERE id = $1")
        .bind(thread_id)
        .fetch_one(conn)
        .await
}

pub async fn insert_message(
    conn: &mut Conn,
    thread_id: i64,
    seq: i64,
    author_id: i64,
    body: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO feedback_messages (thread_id, seq, author_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(thread_id)
    .bind(seq)
    .bind(author_id)
    .bind(body)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn edit_message(
    conn: &mut Conn,
    id: i64,
    seq: i64,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE feedback_messages SET body = $1, edited_at = $2, seq = $3 WHERE id = $4")
        .bind(body)
        .bind(now)
        .bind(seq)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn hide_message(
    conn: &mut Conn,
    id: i64,
    seq: i64,
    by: i64,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE feedback_messages SET hidden_by = $1, hidden_reason = $2, hidden_at = $3, seq = $4 \
         WHERE id = $5",
    )
    .bind(by)
    .bind(reason)
    .bind(now)
    .bind(seq)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// How many messages `author_id` posted since `since` (the rate limit).
pub async fn posted_since(conn: &mut Conn, author_id: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM feedback_messages WHERE author_id = $1 AND created_at >= $2",
    )
    .bind(author_id)
    .bind(since)
    .fetch_one(conn)
    .await
}

/// Whose work a subject is, what it is called, and where it lives: the year and
/// period its page needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SubjectRow {
    pub employee_id: i64,
    pub employee_name: String,
    pub year: i64,
    pub period_id: Option<i64>,
    pub label: String,
}

/// Finds a subject; `None` when it does not exist.
pub async fn subject(
    conn: &mut Conn,
    subject: super::rules::Subject,
) -> Result<Option<SubjectRow>, sqlx::Error> {
    use super::rules::Subject;
    match subject {
        Subject::Rhk(id) => {
            sqlx::query_as(
                "SELECT p.employee_id, e.name AS employee_name, p.year, CAST(NULL AS BIGINT) AS period_id, r.text AS label \
                 FROM skp_rhk r JOIN skp_plans p ON p.id = r.plan_id JOIN employees e ON e.id = p.employee_id \
                 WHERE r.id = $1",
            )
            .bind(id)
            .fetch_optional(conn)
            .await
        }
        Subject::Realisasi {
            employee,
            period,
            rhk,
            iki,
        } => {
            sqlx::query_as(
                "SELECT r.employee_id, e.name AS employee_name, p.year, r.period_id, x.indicator AS label \
                 FROM realisasi_entries x JOIN realisasi_reports r ON r.id = x.report_id \
                 JOIN periods p ON p.id = r.period_id JOIN employees e ON e.id = r.employee_id \
                 WHERE r.employee_id = $1 AND r.period_id = $2 AND x.rhk_id = $3 AND x.iki_index = $4",
            )
            .bind(employee)
            .bind(period)
            .bind(rhk)
            .bind(iki)
            .fetch_optional(conn)
            .await
        }
        Subject::Bukti(id) => {
            sqlx::query_as(
                "SELECT r.employee_id, e.name AS employee_name, p.year, r.period_id, \
                 COALESCE(b.file_name, b.url) AS label \
                 FROM evidence b JOIN realisasi_reports r ON r.id = b.report_id \
                 JOIN periods p ON p.id = r.period_id JOIN employees e ON e.id = r.employee_id \
                 WHERE b.id = $1",
            )
            .bind(id)
            .fetch_optional(conn)
            .await
        }
        Subject::Evaluasi { employee, period } => {
            sqlx::query_as(
                "SELECT e.id AS employee_id, e.name AS employee_name, p.year, p.id AS period_id, '' AS label \
                 FROM employees e, periods p WHERE e.id = $1 AND p.id = $2",
            )
            .bind(employee)
            .bind(period)
            .fetch_optional(conn)
            .await
        }
    }
}

/// Marks a message as a stakeholder's answer.
pub async fn mark_stakeholder(conn: &mut Conn, message_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE feedback_messages SET stakeholder = 1 WHERE id = $1")
        .bind(message_id)
        .execute(conn)
        .await
        .map(|_| ())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub rhk_id: i64,
    pub rhk_text: String,
    pub employee_id: i64,
    pub employee_name: String,
    pub requested_by: i64,
    pub requested_by_name: String,
    pub colleague_id: i64,
    pub colleague_name: String,
    pub question: String,
    pub status: String,
    pub expires_at: i64,
}

impl RequestRow {
    /// How it stands at `now` (an open request past its time has expired).
    pub fn status_at(&self, now: i64) -> super::types::RequestStatus {
        use super::types::RequestStatus;
        match self.status.as_str() {
            "answered" => RequestStatus::Answered,
            "declined" => RequestStatus::Declined,
            _ if now > self.expires_at => RequestStatus::Expired,
            _ => RequestStatus::Open,
        }
    }
}

const REQUEST_COLUMNS: &str = "q.id, q.rhk_id, r.text AS rhk_text, q.employee_id, e.name AS employee_name, \
     q.requested_by, b.name AS requested_by_name, q.colleague_id, c.name AS colleague_name, \
     q.question, q.status, q.expires_at \
     FROM feedback_requests q JOIN skp_rhk r ON r.id = q.rhk_id JOIN employees e ON e.id = q.employee_id \
     JOIN employees b ON b.id = q.requested_by JOIN employees c ON c.id = q.colleague_id";

pub async fn request(conn: &mut Conn, id: i64) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {REQUEST_COLUMNS} WHERE q.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn requests_on(conn: &mut Conn, rhk_id: i64) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} WHERE q.rhk_id = $1 ORDER BY q.id"
    ))
    .bind(rhk_id)
    .fetch_all(conn)
    .await
}

/// Whether `colleague_id` already has an open, unexpired request on the RHK.
pub async fn open_request_exists(
    conn: &mut Conn,
    rhk_id: i64,
    colleague_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM feedback_requests WHERE rhk_id = $1 AND colleague_id = $2 \
         AND status = 'open' AND expires_at >= $3",
    )
    .bind(rhk_id)
    .bind(colleague_id)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_request(
    conn: &mut Conn,
    rhk_id: i64,
    employee_id: i64,
    requested_by: i64,
    colleague_id: i64,
    question: &str,
    now: i64,
    expires_at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO feedback_requests (rhk_id, employee_id, requested_by, colleague_id, question, status, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) RETURNING id",
    )
    .bind(rhk_id)
    .bind(employee_id)
    .bind(requested_by)
    .bind(colleague_id)
    .bind(question)
    .bind(now)
    .bind(expires_at)
    .fetch_one(conn)
    .await
}

pub async fn close_request(
    conn: &mut Conn,
    id: i64,
    status: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE feedback_requests SET status = $1, closed_at = $2 WHERE id = $3")
        .bind(status)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}
