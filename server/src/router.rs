//! The router: pages (SSR), server functions, static files, health and metrics,
//! and the layers every request passes through (request id, log line, metrics,
//! security headers, panic page).

use crate::metrics::{self, Metrics};
use crate::{
    hydration_data, language, origin_check, page_validators, panic_page, public_pages,
    session_layer, static_files,
};
use app::platform::request::REQUEST_ID_HEADER;
use app::platform::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, handle_server_fns_with_context,
    LeptosRoutes,
};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub fn build_router(state: AppState) -> Router {
    let metrics = Arc::new(Metrics::default());
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let context = move || context_state.provide();
    let leptos_options = state.leptos_options.clone();
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    let default_language = state.settings.default_locale.clone();
    let public_url = state.settings.public_url.clone();
    let pkg_dir = std::path::Path::new(leptos_options.site_root.as_ref())
        .join(leptos_options.site_pkg_dir.as_ref());

    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/metrics",
            get(metrics::render).with_state((metrics.clone(), state.db.clone())),
        )
        .route("/api/{*fn_name}", post(server_functions))
        .route(app::shell::layout::LANGUAGE_PATH, post(language::choose_language))
        .nest(
            &format!("/{}", leptos_options.site_pkg_dir),
            static_files::pkg_router(pkg_dir, leptos_options.hash_files),
        )
        .route(
            "/skp/{year}/pegawai/{id}/dokumen.pdf",
            get(crate::document_pdf::skp_pdf),
        )
        .route(
            "/skp/{year}/pegawai/{id}/penilaian/{period}/dokumen.pdf",
            get(crate::document_pdf::evaluation_pdf),
        )
        .merge(crate::realisasi_routes::routes(&state))
        .merge(crate::penilaian_routes::routes())
        .merge(crate::feedback_routes::routes())
        .merge(crate::notification_routes::routes())
        // Axum clones each route's handler per request: the shell holds its options
        // behind an Arc, copied only when a page is actually rendered.
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = Arc::new(leptos_options.clone());
            move || shell((*options).clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(middleware::from_fn(hydration_data::tidy_hydration))
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            public_pages::serve_public_pages,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session_layer::resolve_session,
        ))
        .layer(middleware::from_fn(move |req, next| {
            origin_check::require_same_origin(public_url.clone(), req, next)
        }))
        .layer(middleware::from_fn_with_state(metrics, metrics::track))
        .layer(middleware::from_fn(move |req, next| {
            language::ensure_language_cookie(default_language.clone(), req, next)
        }))
        .layer(middleware::from_fn(panic_page::catch_panics))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        // Pages set their own policy with the nonce of their scripts; everything
        // else gets one under which nothing runs.
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::platform::headers::DEFAULT_POLICY),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<Body>| {
                    let id = req
                        .headers()
                        .get(REQUEST_ID_HEADER)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(middleware::from_fn(page_validators::add_page_validators))
        // Pages and JSON are compressed as they go out (brotli at a quality that
        // keeps up with rendering); /pkg files arrive precompressed and pass through.
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Precise(4)),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Paths that are not a registered server function (those are routed by
/// `leptos_routes`) get Leptos's explanation.
async fn server_functions(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || state.provide(), req).await
}

/// Server function errors leave Leptos as 500 with the error as JSON; answer them
/// with the status the error means (401, 403, 404, 400, 429), so clients, proxies
/// and logs see a refusal as a refusal.
async fn server_fn_error_status(req: Request<Body>, next: middleware::Next) -> Response {
    let response = next.run(req).await;
    let is_server_fn_error = response.headers().contains_key("serverfnerror");
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !is_server_fn_error {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// 200 when the database answers within two seconds, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    let ping = tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await;
    match ping {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": state.db.backend().name() })),
        )
            .into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "health check: database error");
            unavailable("basis data tidak dapat dihubungi")
        }
        Err(_) => unavailable("basis data tidak menjawab dalam 2 detik"),
    }
}

fn unavailable(reason: &str) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(serde_json::json!({ "status": "unavailable", "reason": reason })),
    )
        .into_response()
}
