//! Feedback threads: who may read and post (the employee, their supervisor or the
//! Plt./Plh. of that seat, and the atasan pejabat penilai; a BKPSDM admin reads and
//! may hide), decided from the supervision line at every call; posting, editing
//! within the window and hiding, each in one transaction that announces the
//! thread's change on the live channel.

use super::repository::{self as repo, MessageRow, SubjectRow};
use super::rules::{self, Subject, MAX_MESSAGE_CHARS, RATE_LIMIT, RATE_WINDOW_MILLIS};
use super::types::{MessageView, ThreadRole, ThreadView};
use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::error::AppError;
use crate::i18n::{deferred_tr, tr};
use crate::identity::roles::{supervision_levels, SessionUser};
use crate::identity::types::Role;
use crate::notifications::repository::{self as notifications, Notice};
use crate::organisation::supervision::supervisor_of_employee;
use crate::platform::db::{now_millis, Conn, WriteTx};
use crate::platform::live::{self, Announcements};
use crate::platform::state::AppState;

/// How `user` stands to `employee_id`'s threads, or Forbidden.
pub async fn role_of(
    conn: &mut Conn,
    user: &SessionUser,
    employee_id: i64,
) -> Result<ThreadRole, AppError> {
    if user.employee_id() == employee_id {
        return Ok(ThreadRole::Employee);
    }
    match supervision_levels(conn, employee_id, &user.supervising_positions).await? {
        Some(1) => Ok(ThreadRole::Supervisor),
        Some(2) => Ok(ThreadRole::Reviewer),
        _ if user.has(Role::AdminBkpsdm) => Ok(ThreadRole::Moderator),
        _ => Err(AppError::Forbidden),
    }
}

/// A subject that exists, with whose work it is; NotFound for a bad or unknown key.
pub async fn resolve(conn: &mut Conn, key: &str) -> Result<(Subject, SubjectRow), AppError> {
    let subject = Subject::parse(key).ok_or(AppError::NotFound)?;
    let mut row = repo::subject(conn, subject)
        .await?
        .ok_or(AppError::NotFound)?;
    if let (Subject::Evaluasi { .. }, Some(period_id)) = (subject, row.period_id) {
        if let Some(period) = crate::realisasi::repository::period(conn, period_id).await? {
            row.label = crate::realisasi::service::period_info(&period).name;
        }
    }
    Ok((subject, row))
}

/// The subject, the viewer's role, checked: what every read and write starts with.
pub async fn open(
    conn: &mut Conn,
    user: &SessionUser,
    key: &str,
) -> Result<(Subject, SubjectRow, ThreadRole), AppError> {
    let (subject, row) = resolve(conn, key).await?;
    let role = role_of(conn, user, row.employee_id).await?;
    Ok((subject, row, role))
}

fn title(subject: Subject, row: &SubjectRow) -> String {
    let text = row.label.clone();
    match subject {
        Subject::Rhk(_) => tr!(feedback_about_rhk, { "text" => text }),
        Subject::Realisasi { .. } => tr!(feedback_about_realisasi, { "text" => text }),
        Subject::Bukti(_) => tr!(feedback_about_bukti, { "text" => text }),
        Subject::Evaluasi { .. } => tr!(feedback_about_evaluasi, { "period" => text }),
    }
}

/// The page the subject lives on, as `role` opens it.
fn back_href(subject: Subject, row: &SubjectRow, role: ThreadRole) -> String {
    let own = role == ThreadRole::Employee;
    let base = if own {
        format!("/skp/{}", row.year)
    } else {
        format!("/skp/{}/pegawai/{}", row.year, row.employee_id)
    };
    match (subject, row.period_id) {
        (Subject::Rhk(_), _) | (_, None) => base,
        (Subject::Realisasi { .. } | Subject::Bukti(_), Some(period)) => {
            format!("{base}/realisasi/{period}")
        }
        (Subject::Evaluasi { .. }, Some(period)) => format!("{base}/penilaian/{period}"),
    }
}

/// Who the people of a thread are: the employee, the supervisor, the reviewer.
struct People {
    employee: i64,
    supervisor: Option<i64>,
    reviewer: Option<i64>,
}

impl People {
    async fn of(conn: &mut Conn, employee: i64) -> Result<Self, sqlx::Error> {
        let supervisor = supervisor_of_employee(conn, employee)
            .await?
            .map(|s| s.employee_id);
        let reviewer = match supervisor {
            Some(s) => supervisor_of_employee(conn, s)
                .await?
                .map(|r| r.employee_id),
            None => None,
        };
        Ok(Self {
            employee,
            supervisor,
            reviewer,
        })
    }

    fn role_label(&self, author: i64) -> String {
        if author == self.employee {
            tr!(feedback_role_employee)
        } else if Some(author) == self.supervisor {
            tr!(feedback_role_supervisor)
        } else if Some(author) == self.reviewer {
            tr!(feedback_role_reviewer)
        } else {
            String::new()
        }
    }

    /// Everyone to tell of a new message, but its author.
    fn others(&self, author: i64) -> Vec<i64> {
        let mut to: Vec<i64> = [Some(self.employee), self.supervisor, self.reviewer]
            .into_iter()
            .flatten()
            .filter(|id| *id != author)
            .collect();
        to.dedup();
        to
    }
}

fn message_view(m: MessageRow, reader: i64, people: &People, now: i64) -> MessageView {
    let hidden = m.hidden_reason.is_some();
    MessageView {
        id: m.id,
        seq: m.seq,
        author_role: if m.stakeholder != 0 {
            tr!(feedback_role_stakeholder)
        } else {
            people.role_label(m.author_id)
        },
        author_name: m.author_name,
        posted: crate::calendar::format_wib(m.created_at),
        body: if hidden { String::new() } else { m.body },
        edited: m.edited_at.is_some(),
        editable: !hidden && m.author_id == reader && rules::editable(m.created_at, now),
        hidden_reason: m.hidden_reason,
    }
}

/// A thread page.
pub async fn view(state: &AppState, user: &SessionUser, key: &str) -> Result<ThreadView, AppError> {
    let mut conn = state.db.read().await?;
    let (subject, row, role) = open(&mut conn, user, key).await?;
    let people = People::of(&mut conn, row.employee_id).await?;
    let now = now_millis();
    let (messages, last_seq) = match repo::thread(&mut conn, &subject.key()).await? {
        Some((id, last_seq)) => (repo::messages(&mut conn, id).await?, last_seq),
        None => (Vec::new(), 0),
    };
    let (requests, can_request) = match subject {
        Subject::Rhk(rhk) => (
            super::requests::on_rhk(&mut conn, rhk).await?,
            matches!(role, ThreadRole::Employee | ThreadRole::Supervisor),
        ),
        _ => (Vec::new(), false),
    };
    Ok(ThreadView {
        subject_key: subject.key(),
        title: title(subject, &row),
        employee_name: row.employee_name.clone(),
        back_href: back_href(subject, &row, role),
        role,
        messages: messages
            .into_iter()
            .map(|m| message_view(m, user.employee_id(), &people, now))
            .collect(),
        last_seq,
        requests,
        can_request,
    })
}

/// What changed in a thread after `after_seq`, for a follower (checked again each
/// time: someone who lost their reach gets Forbidden and the stream ends).
pub async fn changes_since(
    state: &AppState,
    user: &SessionUser,
    key: &str,
    after_seq: i64,
) -> Result<Vec<MessageView>, AppError> {
    let mut conn = state.db.read().await?;
    let (subject, row, _) = open(&mut conn, user, key).await?;
    let Some((thread_id, _)) = repo::thread(&mut conn, &subject.key()).await? else {
        return Ok(Vec::new());
    };
    let people = People::of(&mut conn, row.employee_id).await?;
    let now = now_millis();
    Ok(repo::messages_since(&mut conn, thread_id, after_seq)
        .await?
        .into_iter()
        .map(|m| message_view(m, user.employee_id(), &people, now))
        .collect())
}

/// The message as stored: line ends as `\n`, no other control characters (the
/// stream sends a message as one line of fields), trimmed; or what to fix.
pub fn checked_body(body: &str) -> Result<String, AppError> {
    let body: String = body
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("pesan", tr!(feedback_error_empty)));
    }
    if body.chars().count() > MAX_MESSAGE_CHARS {
        return Err(AppError::invalid(
            "pesan",
            tr!(feedback_error_too_long, { "max" => MAX_MESSAGE_CHARS }),
        ));
    }
    Ok(body.to_owned())
}

/// Tells `notice.to` (a notification, and their header's count follows).
pub async fn notify(
    conn: &mut Conn,
    state: &AppState,
    news: &mut Announcements,
    kind: &str,
    notice: Notice,
    now: i64,
) -> Result<(), sqlx::Error> {
    let to = notice.to;
    notifications::insert(conn, kind, notice, now).await?;
    news.add(conn, state.db.backend(), live::notices_topic(to))
        .await
}

/// Audits a change to a message (its text before, `after`), announces the
/// thread's change, commits, and answers with the thread page.
#[allow(clippy::too_many_arguments)]
async fn finish_change(
    mut tx: WriteTx,
    state: &AppState,
    user: &SessionUser,
    action: AuditAction,
    message: &MessageRow,
    after: serde_json::Value,
    subject: Subject,
    row: &SubjectRow,
    now: i64,
) -> Result<String, AppError> {
    let change = Change::by(
        user,
        action,
        "feedback_message",
        message.id,
        Some(serde_json::json!({ "body": message.body })),
        Some(after),
    )
    .about(title(subject, row));
    chain::append(&mut tx, state.db.backend(), change, now).await?;
    let mut news = Announcements::default();
    news.add(
        &mut tx,
        state.db.backend(),
        rules::thread_topic(&subject.key()),
    )
    .await?;
    tx.commit().await?;
    news.deliver(state);
    Ok(subject.href())
}

/// Posts a message; the others of the thread are told (one unread notice per
/// thread at a time). Returns the thread page.
pub async fn post(
    state: &AppState,
    user: &SessionUser,
    key: &str,
    body: &str,
) -> Result<String, AppError> {
    let body = checked_body(body)?;
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let (subject, row, role) = open(&mut tx, user, key).await?;
    if !role.may_post() {
        return Err(AppError::invalid("pesan", tr!(feedback_error_moderator)));
    }
    if repo::posted_since(&mut tx, user.employee_id(), now - RATE_WINDOW_MILLIS).await?
        >= RATE_LIMIT
    {
        return Err(AppError::invalid("pesan", tr!(feedback_error_rate)));
    }
    let key = subject.key();
    let thread_id = repo::thread_for_writing(&mut tx, &key, row.employee_id, now).await?;
    let seq = repo::next_seq(&mut tx, thread_id).await?;
    repo::insert_message(&mut tx, thread_id, seq, user.employee_id(), &body, now).await?;
    let people = People::of(&mut tx, row.employee_id).await?;
    let href = subject.href();
    let about = title(subject, &row);
    let mut news = Announcements::default();
    for to in people.others(user.employee_id()) {
        if !notifications::has_unread_link(&mut tx, to, &href).await? {
            let notice = Notice {
                to,
                text: deferred_tr!(feedback_notice_message, { "name" => user.viewer.name, "subject" => about }),
                link: href.clone(),
            };
            notify(&mut tx, state, &mut news, "feedback.message", notice, now).await?;
        }
    }
    news.add(&mut tx, state.db.backend(), rules::thread_topic(&key))
        .await?;
    tx.commit().await?;
    news.deliver(state);
    Ok(href)
}

/// The author edits a message within the window; the earlier text stays in the
/// audit trail and the message shows "disunting".
pub async fn edit(
    state: &AppState,
    user: &SessionUser,
    message_id: i64,
    body: &str,
) -> Result<String, AppError> {
    let body = checked_body(body)?;
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let message = repo::message(&mut tx, message_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = repo::subject_of(&mut tx, message.thread_id).await?;
    let (subject, row, _) = open(&mut tx, user, &key).await?;
    if message.author_id != user.employee_id() {
        return Err(AppError::invalid("pesan", tr!(feedback_error_not_author)));
    }
    if message.hidden_reason.is_some() || !rules::editable(message.created_at, now) {
        return Err(AppError::invalid("pesan", tr!(feedback_error_edit_window)));
    }
    let seq = repo::next_seq(&mut tx, message.thread_id).await?;
    repo::edit_message(&mut tx, message.id, seq, &body, now).await?;
    let after = serde_json::json!({ "body": body });
    let action = AuditAction::FeedbackEdited;
    finish_change(tx, state, user, action, &message, after, subject, &row, now).await
}

/// A BKPSDM admin hides a message with a reason (audited, the text kept there).
pub async fn hide(
    state: &AppState,
    user: &SessionUser,
    message_id: i64,
    reason: &str,
) -> Result<String, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid("alasan", tr!(feedback_error_reason)));
    }
    if !user.has(Role::AdminBkpsdm) {
        return Err(AppError::Forbidden);
    }
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let message = repo::message(&mut tx, message_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = repo::subject_of(&mut tx, message.thread_id).await?;
    let (subject, row) = resolve(&mut tx, &key).await?;
    let seq = repo::next_seq(&mut tx, message.thread_id).await?;
    repo::hide_message(&mut tx, message.id, seq, user.employee_id(), reason, now).await?;
    let after = serde_json::json!({ "hidden_reason": reason });
    let action = AuditAction::FeedbackHidden;
    finish_change(tx, state, user, action, &message, after, subject, &row, now).await
}
