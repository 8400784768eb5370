//! The header's unread count, live.
//!
//! - `GET /langsung/pemberitahuan`: server-sent events, the signed-in person's
//!   number of unread notifications on connect and after each change of it
//!   (`public/pemberitahuan.js` writes it into the header).

use crate::route_support::{allowed, plain_refusal};
use app::identity::guard::CurrentUser;
use app::notifications::repository::unread_count;
use app::platform::live::notices_topic;
use app::platform::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route("/langsung/pemberitahuan", axum::routing::get(get_stream))
}

async fn count(state: &AppState, employee_id: i64) -> Option<i64> {
    let mut conn = state.db.read().await.ok()?;
    unread_count(&mut conn, employee_id).await.ok()
}

pub async fn get_stream(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
) -> Response {
    let user = match allowed("get_notification_stream", &current) {
        Ok(user) => user,
        Err(error) => return plain_refusal(error),
    };
    let employee_id = user.employee_id();
    // Subscribed before the first count, so no change falls between the two.
    let receiver = state.live.subscribe();
    let Some(first) = count(&state, employee_id).await else {
        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let topic = notices_topic(employee_id);
    let start = (Some(first), receiver);
    let events = futures::stream::unfold(start, move |(pending, mut receiver)| {
        let (state, topic) = (state.clone(), topic.clone());
        async move {
            if let Some(n) = pending {
                return Some((
                    Ok::<_, Infallible>(Event::default().data(n.to_string())),
                    (None, receiver),
                ));
            }
            loop {
                match receiver.recv().await {
                    Ok(changed) if changed != topic => continue,
                    Ok(_) | Err(RecvError::Lagged(_)) => {
                        let n = count(&state, employee_id).await?;
                        return Some((Ok(Event::default().data(n.to_string())), (None, receiver)));
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        }
    });
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Sse::new(events).keep_alive(KeepAlive::default()),
    )
        .into_response()
}
