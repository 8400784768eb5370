//! Turns a panic while handling a request into a 500 page in Indonesian that shows
//! the request id, instead of a dropped connection.

use app::platform::request::REQUEST_ID_HEADER;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::FutureExt;
use std::panic::AssertUnwindSafe;

pub async fn catch_panics(req: Request<Body>, next: Next) -> Response {
    let request_id = req
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    match AssertUnwindSafe(next.run(req)).catch_unwind().await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(%request_id, "request handler panicked");
            server_error_page(&request_id)
        }
    }
}

/// A page that needs nothing from the application: it must render when the app cannot.
pub fn server_error_page(request_id: &str) -> Response {
    let id = html_escape(request_id);
    let stylesheet = app::platform::assets::stylesheet_href(crate::startup::OUTPUT_NAME, "pkg");
    let body = format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Kesalahan server · SIKAP</title><link rel=\"stylesheet\" href=\"{stylesheet}\"></head>\
         <body class=\"bg-slate-50 text-slate-900\"><main class=\"mx-auto max-w-2xl p-6\">\
         <h1 class=\"text-2xl font-bold\">Kesalahan server</h1>\
         <p class=\"mt-2\">Maaf, terjadi kesalahan di server. Sampaikan kode permintaan berikut kepada admin BKPSDM bila masalah berulang.</p>\
         <p class=\"mt-4 text-sm\" data-testid=\"request-id\">Kode permintaan: {id}</p>\
         <p class=\"mt-4\"><a href=\"/\">Kembali ke Beranda</a></p></main></body></html>"
    );
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn html_escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::{middleware, Router};
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_becomes_an_indonesian_500_page_with_the_request_id() {
        let app = Router::new()
            .route(
                "/",
                get(|| async {
                    if true {
                        panic!("boom");
                    }
                    "never reached"
                }),
            )
            .layer(middleware::from_fn(catch_panics));
        let request = Request::get("/")
            .header(REQUEST_ID_HEADER, "abc-123<x>")
            .body(Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(body.contains("Kesalahan server"));
        assert!(
            body.contains("Kode permintaan: abc-123&lt;x&gt;"),
            "escaped id: {body}"
        );
        assert!(!body.contains("boom"), "the panic message stays in the log");
    }
}
