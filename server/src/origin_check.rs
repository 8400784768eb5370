//! Cross-site request forgery defence: a state-changing request (anything but
//! GET/HEAD/OPTIONS) must come from our own pages, which browsers prove with
//! `Sec-Fetch-Site: same-origin` or an `Origin` equal to this site's.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const REFUSAL: &str = "Permintaan ditolak: formulir harus dikirim dari halaman SIKAP sendiri (pemeriksaan asal/Origin). Muat ulang halaman lalu coba lagi.";

pub async fn require_same_origin(public_url: String, req: Request<Body>, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if is_same_origin(&req, &public_url) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-origin request refused");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            REFUSAL,
        )
            .into_response()
    }
}

fn is_same_origin(req: &Request<Body>, public_url: &str) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        // Browsers that send it are exact; "none" is a user typing or a bookmark,
        // which never posts, so only same-origin passes.
        return site == "same-origin";
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == public_url {
        return true;
    }
    // The address the browser used (e.g. a LAN name), as long as Origin and Host agree.
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin.split_once("://"), host) {
        (Some((scheme, rest)), Some(host)) => {
            (scheme == "http" || scheme == "https") && rest == host
        }
        _ => false,
    }
}
