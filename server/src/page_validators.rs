//! Validators for rendered pages: a weak ETag over the HTML, so a browser that has
//! the page already gets `304 Not Modified` instead of the bytes again. Pages depend
//! on the session, so they are `private` and revalidated on every visit.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::hash::{Hash, Hasher};

/// Pages larger than this are sent without a validator rather than buffered.
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

pub const PAGE_CACHE_CONTROL: &str = "private, no-cache";

pub async fn add_page_validators(req: Request<Body>, next: Next) -> Response {
    let is_get = matches!(*req.method(), Method::GET | Method::HEAD);
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let mut response = next.run(req).await;
    if !is_get || response.status() != StatusCode::OK || !is_html(response.headers()) {
        return response;
    }
    // Kept pages (`public_pages`) carry their validator already: no need to read them.
    if let Some(etag) = response.headers().get(header::ETAG).cloned() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PAGE_CACHE_CONTROL),
        );
        if if_none_match.is_some_and(|v| matches_etag(&v, &etag)) {
            let (mut parts, _) = response.into_parts();
            not_modified(&mut parts.headers);
            parts.status = StatusCode::NOT_MODIFIED;
            return Response::from_parts(parts, Body::empty());
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let etag = etag_of(&bytes);
    parts.headers.insert(header::ETAG, etag.clone());
    parts.headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(PAGE_CACHE_CONTROL),
    );
    if if_none_match.is_some_and(|v| matches_etag(&v, &etag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        not_modified(&mut parts.headers);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A 304 has no body: drop the headers that describe one.
fn not_modified(headers: &mut HeaderMap) {
    for name in [
        header::CONTENT_LENGTH,
        header::CONTENT_TYPE,
        header::CONTENT_ENCODING,
    ] {
        headers.remove(name);
    }
}

/// Whether a response is an HTML page.
pub fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Weak: the same HTML may travel brotli-, gzip- or un-encoded.
pub fn etag_of(bytes: &Bytes) -> HeaderValue {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    let value = format!("W/\"{:016x}-{:x}\"", hasher.finish(), bytes.len());
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""))
}

/// `If-None-Match: W/"a", W/"b"` or `*`, compared weakly (RFC 9110 13.1.2).
fn matches_etag(header: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(header) = header.to_str() else {
        return false;
    };
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let ours = bare(etag.to_str().unwrap_or_default());
    header
        .split(',')
        .any(|tag| tag.trim() == "*" || bare(tag) == ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_comparison_accepts_either_form_and_lists() {
        let ours = etag_of(&Bytes::from_static(b"<p>halo</p>"));
        let strong = ours.to_str().unwrap().trim_start_matches("W/").to_owned();
        for header in [
            ours.to_str().unwrap().to_owned(),
            strong.clone(),
            format!("W/\"lain\", {strong}"),
            "*".to_owned(),
        ] {
            assert!(
                matches_etag(&HeaderValue::from_str(&header).unwrap(), &ours),
                "{header}"
            );
        }
        let other = etag_of(&Bytes::from_static(b"<p>halo!</p>"));
        assert!(!matches_etag(&other, &ours));
    }
}
