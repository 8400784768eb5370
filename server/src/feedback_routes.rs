//! A feedback thread's live stream, where a server function does not fit.
//!
//! - `GET /langsung/umpan-balik?subjek=…&sejak=n`: server-sent events, each one
//!   message changed after change number `n` (or after the browser's
//!   `Last-Event-ID` when it reconnects), in order, with that number as its id;
//!   then each later change as it commits, on this instance or another sharing
//!   the database (`platform::live`).
//!
//! It checks the authorisation table first; every read then asks again whether
//! the asker may see the thread (a forged subject is refused, and a follower who
//! loses their reach gets no more).

use crate::route_support::{allowed, in_context, plain_refusal};
use app::feedback::live::encode_message;
use app::feedback::rules::thread_topic;
use app::feedback::service;
use app::feedback::types::MessageView;
use app::identity::guard::CurrentUser;
use app::platform::state::AppState;
use axum::extract::{Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use std::collections::VecDeque;
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/langsung/umpan-balik", axum::routing::get(get_stream))
}

#[derive(Deserialize)]
pub struct StreamQuery {
    /// Optional here so that a request without it meets the gate first.
    #[serde(default)]
    subjek: Option<String>,
    #[serde(default)]
    sejak: Option<i64>,
}

fn event(m: &MessageView) -> Event {
    Event::default()
        .id(m.seq.to_string())
        .data(encode_message(m))
}

/// Where a follower stands: what it has seen, and what is ready to send.
struct Follower {
    seen: i64,
    ready: VecDeque<MessageView>,
    receiver: tokio::sync::broadcast::Receiver<String>,
}

pub async fn get_stream(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    headers: HeaderMap,
    Query(query): Query<StreamQuery>,
) -> Response {
    let user = match allowed("get_feedback_stream", &current) {
        Ok(user) => user,
        Err(error) => return plain_refusal(error),
    };
    // The browser's reconnection names the last event it received.
    let seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(query.sejak)
        .unwrap_or(0)
        .max(0);
    // Subscribed before the first read, so no change falls between the two.
    let receiver = state.live.subscribe();
    let Some(key) = query.subjek else {
        return plain_refusal(app::error::AppError::NotFound);
    };
    let read = {
        let (state, user, parts, key) = (state.clone(), user.clone(), parts.clone(), key.clone());
        move |after: i64| {
            let (state, user, parts, key) =
                (state.clone(), user.clone(), parts.clone(), key.clone());
            async move {
                in_context(
                    &state,
                    parts,
                    service::changes_since(&state, &user, &key, after),
                )
                .await
            }
        }
    };
    let first = match read(seen).await {
        Ok(found) => found,
        Err(error) => return plain_refusal(error),
    };
    let topic = thread_topic(
        &app::feedback::rules::Subject::parse(&key)
            .map(|s| s.key())
            .unwrap_or(key),
    );
    let start = Follower {
        seen,
        ready: first.into(),
        receiver,
    };
    let events = futures::stream::unfold(start, move |mut f| {
        let (read, topic) = (read.clone(), topic.clone());
        async move {
            loop {
                if let Some(m) = f.ready.pop_front() {
                    // Each change once, in order.
                    if m.seq > f.seen {
                        f.seen = m.seq;
                        return Some((Ok::<_, Infallible>(event(&m)), f));
                    }
                    continue;
                }
                match f.receiver.recv().await {
                    Ok(changed) if changed != topic => continue,
                    Ok(_) | Err(RecvError::Lagged(_)) => match read(f.seen).await {
                        Ok(found) => f.ready.extend(found),
                        // No longer within reach: the stream ends.
                        Err(_) => return None,
                    },
                    Err(RecvError::Closed) => return None,
                }
            }
        }
    });
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            // Proxies (nginx) would otherwise hold the events back.
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Sse::new(events).keep_alive(KeepAlive::default()),
    )
        .into_response()
}
