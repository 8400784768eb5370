//! Resolves the session cookie once per request into request extensions, where
//! every server function and page finds it (`identity::guard`). Also records the
//! client address the log-in throttle counts.

use app::identity::guard::{ClientAddr, CurrentUser};
use app::identity::session;
use app::platform::db::now_millis;
use app::platform::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;
use std::sync::Arc;

/// Static files never need the session.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/healthz" || path == "/metrics"
}

pub async fn resolve_session(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if is_static(req.uri().path()) {
        return next.run(req).await;
    }
    let address = client_address(&state, &req);
    req.extensions_mut().insert(ClientAddr(address));
    let token = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| session::token_from_cookie_header(v).map(str::to_owned));
    let mut stale_cookie = false;
    let user = match token {
        None => None,
        Some(token) => {
            // The connection goes back to the pool before the handler runs.
            let resolved = match state.db.read().await {
                Ok(mut conn) => {
                    session::resolve(&mut conn, &state.settings, &token, now_millis()).await
                }
                Err(error) => Err(error),
            };
            match resolved {
                Ok(Some(user)) => Some(Arc::new(user)),
                Ok(None) => {
                    stale_cookie = true;
                    None
                }
                Err(error) => {
                    tracing::error!(%error, "session lookup failed");
                    None
                }
            }
        }
    };
    req.extensions_mut().insert(CurrentUser(user));
    let mut response = next.run(req).await;
    // Only when the handler did not set a new session cookie (a log-in).
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(session::SESSION_COOKIE.as_bytes()));
    if stale_cookie && !sets_session {
        if let Ok(value) = HeaderValue::from_str(&session::clearing_cookie(&state.settings)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The peer address, or the first `X-Forwarded-For` hop behind a trusted proxy.
fn client_address(state: &AppState, req: &Request<Body>) -> String {
    if state.settings.behind_proxy {
        if let Some(forwarded) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return forwarded.trim().to_owned();
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}
