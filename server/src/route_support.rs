//! What the routes beside the server functions share: the authorisation
//! table's check, the request in context as a server function has it, and a
//! refusal in plain words.

use app::error::AppError;
use app::identity::guard::{check, CurrentUser};
use app::identity::roles::SessionUser;
use app::platform::state::AppState;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

/// Who is asking, if the table lets them use `route` at all.
pub fn allowed(route: &str, current: &CurrentUser) -> Result<Arc<SessionUser>, AppError> {
    check(route, current.0.as_deref())?;
    current.0.clone().ok_or(AppError::Unauthenticated)
}

/// Runs `work` with the state and the request in context, as a server function
/// has them: the services' messages (`tr!`) speak the asker's language (cookie,
/// else the instance's default) and an internal error names the request's id.
pub async fn in_context<T>(
    state: &AppState,
    parts: Parts,
    work: impl std::future::Future<Output = T>,
) -> T {
    use leptos::reactive::{computed::ScopedFuture, owner::Owner};
    let state = state.clone();
    Owner::new()
        .with(|| {
            ScopedFuture::new(async move {
                state.provide();
                leptos::prelude::provide_context(parts);
                work.await
            })
        })
        .await
}

/// A refused request from a page: to the log-in page when signed out, else
/// the reason with its status.
pub fn refusal(error: AppError) -> Response {
    if error == AppError::Unauthenticated {
        return Redirect::to("/masuk").into_response();
    }
    plain_refusal(error)
}

/// A refusal as plain text with its status, also when signed out (an island
/// shows it; a redirect to the log-in page would read as success).
pub fn plain_refusal(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        error.to_string(),
    )
        .into_response()
}

/// A CSV file to download under `name`, never cached (it names people).
pub fn csv_download(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// `?periode=…&unit=…` of a monitor's CSV.
#[derive(serde::Deserialize)]
pub struct MonitorQuery {
    pub periode: Option<i64>,
    pub unit: Option<i64>,
}

/// A monitor's rows as a CSV download: the table's `rule` first, then `load`
/// in the request's context, then the file (`name` and `body` of what loaded).
pub async fn monitor_csv<M>(
    state: &AppState,
    current: &CurrentUser,
    parts: Parts,
    rule: &str,
    load: impl std::future::Future<Output = Result<M, AppError>>,
    name: fn(&M) -> String,
    body: fn(&M) -> String,
) -> Response {
    if let Err(error) = allowed(rule, current) {
        return refusal(error);
    }
    match in_context(state, parts, load).await {
        Ok(monitor) => csv_download(&name(&monitor), body(&monitor)),
        Err(error) => refusal(error),
    }
}

/// A form post whose body could not be read (not a form, or malformed): 400
/// with what to do, in the asker's language.
pub async fn unreadable_form(state: &AppState, parts: Parts) -> Response {
    let error = in_context(state, parts, async {
        AppError::invalid("form", app::i18n::tr!(error_form_unreadable))
    })
    .await;
    plain_refusal(error)
}
