//! Stakeholder feedback: the employee or their supervisor asks a colleague (found
//! by NIP or name) for their view of an RHK. The colleague is notified, answers
//! once in a short form (the answer joins the RHK's thread, marked as a
//! stakeholder's) or declines; an unanswered request expires after
//! [`REQUEST_DAYS`](super::rules::REQUEST_DAYS) days.

use super::repository as repo;
use super::rules::{self, Subject, MAX_QUESTION_CHARS, REQUEST_DAYS};
use super::service::{checked_body, notify, open, resolve};
use super::types::{RequestStatus, RequestView, ThreadRole};
use crate::error::AppError;
use crate::i18n::{deferred_tr, tr};
use crate::identity::roles::SessionUser;
use crate::notifications::repository::Notice;
use crate::platform::db::{now_millis, Conn};
use crate::platform::live::Announcements;
use crate::platform::state::AppState;

const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    name: String,
    nip: String,
}

/// The one active colleague `query` names (an NIP, or part of a name), or what to fix.
async fn colleague(conn: &mut Conn, query: &str, owner: i64) -> Result<Candidate, AppError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(AppError::invalid(
            "rekan",
            tr!(feedback_request_error_colleague),
        ));
    }
    let found: Vec<Candidate> = if query.len() == 18 && query.chars().all(|c| c.is_ascii_digit()) {
        sqlx::query_as("SELECT id, name, nip FROM employees WHERE nip = $1 AND active = 1")
            .bind(query)
            .fetch_all(&mut *conn)
            .await?
    } else {
        sqlx::query_as(
            "SELECT id, name, nip FROM employees WHERE LOWER(name) LIKE $1 AND active = 1 \
             ORDER BY name LIMIT 6",
        )
        .bind(format!(
            "%{}%",
            query.to_lowercase().replace(['%', '_'], "")
        ))
        .fetch_all(&mut *conn)
        .await?
    };
    let found: Vec<Candidate> = found.into_iter().filter(|c| c.id != owner).collect();
    match found.len() {
        0 => Err(AppError::invalid(
            "rekan",
            tr!(feedback_request_error_nobody, { "query" => query }),
        )),
        1 => Ok(found.into_iter().next().expect("one")),
        _ => {
            let names = found
                .iter()
                .map(|c| format!("{} ({})", c.name, c.nip))
                .collect::<Vec<_>>()
                .join(", ");
            Err(AppError::invalid(
                "rekan",
                tr!(feedback_request_error_several, { "names" => names }),
            ))
        }
    }
}

/// Asks a colleague for feedback on the RHK of thread `key`. Returns the thread page.
pub async fn request(
    state: &AppState,
    user: &SessionUser,
    key: &str,
    colleague_query: &str,
    question: &str,
) -> Result<String, AppError> {
    let question = question.trim();
    if question.is_empty() || question.chars().count() > MAX_QUESTION_CHARS {
        return Err(AppError::invalid(
            "pertanyaan",
            tr!(feedback_request_error_question, { "max" => MAX_QUESTION_CHARS }),
        ));
    }
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let (subject, row, role) = open(&mut tx, user, key).await?;
    let Subject::Rhk(rhk) = subject else {
        return Err(AppError::invalid(
            "subjek",
            tr!(feedback_request_error_subject),
        ));
    };
    if !matches!(role, ThreadRole::Employee | ThreadRole::Supervisor) {
        return Err(AppError::Forbidden);
    }
    let asked = colleague(&mut tx, colleague_query, row.employee_id).await?;
    if asked.id == user.employee_id() {
        return Err(AppError::invalid("rekan", tr!(feedback_request_error_self)));
    }
    if repo::open_request_exists(&mut tx, rhk, asked.id, now).await? {
        return Err(AppError::invalid(
            "rekan",
            tr!(feedback_request_error_pending, { "name" => asked.name }),
        ));
    }
    let id = repo::insert_request(
        &mut tx,
        rhk,
        row.employee_id,
        user.employee_id(),
        asked.id,
        question,
        now,
        now + i64::from(REQUEST_DAYS) * DAY_MILLIS,
    )
    .await?;
    let notice = Notice {
        to: asked.id,
        text: deferred_tr!(feedback_notice_request, { "name" => user.viewer.name, "employee" => row.employee_name }),
        link: request_href(id),
    };
    let mut news = Announcements::default();
    notify(&mut tx, state, &mut news, "feedback.request", notice, now).await?;
    tx.commit().await?;
    news.deliver(state);
    Ok(subject.href())
}

pub fn request_href(id: i64) -> String {
    format!("/umpan-balik/permintaan/{id}")
}

/// A request as its colleague reads it; Forbidden to anyone else.
pub async fn view(state: &AppState, user: &SessionUser, id: i64) -> Result<RequestView, AppError> {
    let mut conn = state.db.read().await?;
    let r = repo::request(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if r.colleague_id != user.employee_id() {
        return Err(AppError::Forbidden);
    }
    let status = r.status_at(now_millis());
    Ok(RequestView {
        id: r.id,
        rhk_text: r.rhk_text,
        employee_name: r.employee_name,
        requested_by_name: r.requested_by_name,
        question: r.question,
        expires: crate::calendar::CivilDate::wib_from_millis(r.expires_at).to_words(),
        status,
    })
}

/// The colleague's answer: into the RHK's thread, marked as a stakeholder's.
pub async fn answer(
    state: &AppState,
    user: &SessionUser,
    id: i64,
    text: &str,
) -> Result<String, AppError> {
    let body = checked_body(text)?;
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let r = own_open_request(&mut tx, user, id, now).await?;
    let subject = Subject::Rhk(r.rhk_id);
    let key = subject.key();
    let (_, row) = resolve(&mut tx, &key).await?;
    let thread = repo::thread_for_writing(&mut tx, &key, row.employee_id, now).await?;
    let seq = repo::next_seq(&mut tx, thread).await?;
    let message =
        repo::insert_message(&mut tx, thread, seq, user.employee_id(), &body, now).await?;
    repo::mark_stakeholder(&mut tx, message).await?;
    repo::close_request(&mut tx, r.id, "answered", now).await?;
    let mut news = Announcements::default();
    let mut told = vec![r.requested_by];
    if r.employee_id != r.requested_by {
        told.push(r.employee_id);
    }
    for to in told {
        let notice = Notice {
            to,
            text: deferred_tr!(feedback_notice_answered, { "name" => user.viewer.name }),
            link: subject.href(),
        };
        notify(&mut tx, state, &mut news, "feedback.answered", notice, now).await?;
    }
    news.add(&mut tx, state.db.backend(), rules::thread_topic(&key))
        .await?;
    tx.commit().await?;
    news.deliver(state);
    Ok(format!("{}?dijawab=1", request_href(id)))
}

/// The colleague declines; the asker is told.
pub async fn decline(state: &AppState, user: &SessionUser, id: i64) -> Result<String, AppError> {
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let r = own_open_request(&mut tx, user, id, now).await?;
    repo::close_request(&mut tx, r.id, "declined", now).await?;
    let notice = Notice {
        to: r.requested_by,
        text: deferred_tr!(feedback_notice_declined, { "name" => user.viewer.name }),
        link: Subject::Rhk(r.rhk_id).href(),
    };
    let mut news = Announcements::default();
    notify(&mut tx, state, &mut news, "feedback.declined", notice, now).await?;
    tx.commit().await?;
    news.deliver(state);
    Ok(request_href(id))
}

async fn own_open_request(
    conn: &mut Conn,
    user: &SessionUser,
    id: i64,
    now: i64,
) -> Result<repo::RequestRow, AppError> {
    let r = repo::request(conn, id).await?.ok_or(AppError::NotFound)?;
    if r.colleague_id != user.employee_id() {
        return Err(AppError::Forbidden);
    }
    match r.status_at(now) {
        RequestStatus::Open => Ok(r),
        RequestStatus::Expired => Err(AppError::invalid(
            "jawaban",
            tr!(feedback_request_error_expired),
        )),
        _ => Err(AppError::invalid(
            "jawaban",
            tr!(feedback_request_error_closed),
        )),
    }
}

/// The requests on an RHK, for its thread page (who was asked, and how it stands).
pub async fn on_rhk(
    conn: &mut Conn,
    rhk: i64,
) -> Result<Vec<super::types::RequestSummary>, AppError> {
    let now = now_millis();
    Ok(repo::requests_on(conn, rhk)
        .await?
        .into_iter()
        .map(|r| super::types::RequestSummary {
            status: r.status_at(now),
            colleague_name: r.colleague_name,
            expires: crate::calendar::CivilDate::wib_from_millis(r.expires_at).to_words(),
        })
        .collect())
}
