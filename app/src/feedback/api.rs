//! Feedback server functions. Each resolves the thread's subject and asks who
//! the caller is to its employee (`service::open`) before it reads or writes; the
//! live stream of a thread is `server/src/feedback_routes.rs`.

use super::types::{RequestView, ThreadView};
use crate::error::AppError;
use leptos::prelude::*;

/// A thread page: its subject, the caller's part in it, its messages.
#[server(prefix = "/api", endpoint = "get_feedback_thread")]
pub async fn get_feedback_thread(subjek: String) -> Result<ThreadView, AppError> {
    let user = crate::identity::guard::require("get_feedback_thread")?;
    let state = crate::platform::state::app_state()?;
    super::service::view(&state, &user, &subjek).await
}

/// Posts a message to the subject's thread (created with its first message).
#[server(prefix = "/api", endpoint = "post_feedback")]
pub async fn post_feedback(subjek: String, pesan: String) -> Result<(), AppError> {
    let user = crate::identity::guard::require("post_feedback")?;
    let state = crate::platform::state::app_state()?;
    let back = super::service::post(&state, &user, &subjek, &pesan).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}

/// The author edits their message within ten minutes of posting it.
#[server(prefix = "/api", endpoint = "edit_feedback")]
pub async fn edit_feedback(pesan_id: i64, pesan: String) -> Result<(), AppError> {
    let user = crate::identity::guard::require("edit_feedback")?;
    let state = crate::platform::state::app_state()?;
    let back = super::service::edit(&state, &user, pesan_id, &pesan).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}

/// A BKPSDM admin hides a message, with a reason.
#[server(prefix = "/api", endpoint = "hide_feedback")]
pub async fn hide_feedback(pesan_id: i64, alasan: String) -> Result<(), AppError> {
    let user = crate::identity::guard::require("hide_feedback")?;
    let state = crate::platform::state::app_state()?;
    let back = super::service::hide(&state, &user, pesan_id, &alasan).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}

/// The employee or their supervisor asks a colleague (NIP or name) for feedback
/// on an RHK; the answer joins the RHK's thread.
#[server(prefix = "/api", endpoint = "request_feedback")]
pub async fn request_feedback(
    subjek: String,
    rekan: String,
    pertanyaan: String,
) -> Result<(), AppError> {
    let user = crate::identity::guard::require("request_feedback")?;
    let state = crate::platform::state::app_state()?;
    let back = super::requests::request(&state, &user, &subjek, &rekan, &pertanyaan).await?;
    crate::identity::guard::redirect_plain_form(&format!("{back}&diminta=1"));
    Ok(())
}

/// A request as the colleague asked reads it.
#[server(prefix = "/api", endpoint = "get_feedback_request")]
pub async fn get_feedback_request(id: i64) -> Result<RequestView, AppError> {
    let user = crate::identity::guard::require("get_feedback_request")?;
    let state = crate::platform::state::app_state()?;
    super::requests::view(&state, &user, id).await
}

/// The colleague answers (once).
#[server(prefix = "/api", endpoint = "answer_feedback_request")]
pub async fn answer_feedback_request(id: i64, jawaban: String) -> Result<(), AppError> {
    let user = crate::identity::guard::require("answer_feedback_request")?;
    let state = crate::platform::state::app_state()?;
    let back = super::requests::answer(&state, &user, id, &jawaban).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}

/// The colleague declines.
#[server(prefix = "/api", endpoint = "decline_feedback_request")]
pub async fn decline_feedback_request(id: i64) -> Result<(), AppError> {
    let user = crate::identity::guard::require("decline_feedback_request")?;
    let state = crate::platform::state::app_state()?;
    let back = super::requests::decline(&state, &user, id).await?;
    crate::identity::guard::redirect_plain_form(&back);
    Ok(())
}
