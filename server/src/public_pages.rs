//! Public pages as anonymous visitors see them. Without a session they show the same
//! HTML to everyone (aggregates only, no scripts, no nonce), so each is rendered once
//! per language and reused for `PUBLIC_PAGE_TTL` (the counts on them are reused for
//! as long), with its brotli and gzip forms computed once. A change to what they show
//! clears them (`AppState::public_data_changed`).

use app::identity::guard::CurrentUser;
use app::platform::state::{AppState, PublicPage};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The pages kept, by exact path (a query such as a search is rendered each time).
const PUBLIC_PATHS: &[&str] = &["/", "/organisasi", "/tentang", "/masuk"];

/// Largest page kept (the public pages are a few tens of KB).
const MAX_BYTES: usize = 1024 * 1024;

pub async fn serve_public_pages(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let Some(key) = cache_key(&req) else {
        return next.run(req).await;
    };
    let encoding = preferred_encoding(&req);
    if let Some(page) = state.public_pages.get(&key) {
        return respond(&page, encoding);
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut headers = parts.headers;
    // Per-response headers stay with the response that carried them.
    headers.remove(header::SET_COOKIE);
    headers.remove(app::platform::request::REQUEST_ID_HEADER);
    // The page's policy names a per-response nonce; without scripts the stricter
    // default policy (nothing runs) fits every later response.
    headers.remove(header::CONTENT_SECURITY_POLICY);
    headers.insert(header::ETAG, crate::page_validators::etag_of(&body));
    let page = PublicPage {
        brotli: compressed(&body, Encoding::Brotli),
        gzip: compressed(&body, Encoding::Gzip),
        headers,
        body,
    };
    let response = respond(&page, encoding);
    state.public_pages.put(key, page);
    response
}

/// `path|language` for an anonymous GET of a public page without a query.
fn cache_key(req: &Request<Body>) -> Option<String> {
    if req.method() != Method::GET || req.uri().query().is_some() {
        return None;
    }
    let path = req.uri().path();
    if !PUBLIC_PATHS.contains(&path) {
        return None;
    }
    let anonymous = req
        .extensions()
        .get::<CurrentUser>()
        .is_some_and(|user| user.0.is_none());
    if !anonymous {
        return None;
    }
    let language = crate::language::language_cookie(req)?;
    app::i18n::Language::from_code(language).map(|l| format!("{path}|{}", l.code()))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

fn preferred_encoding(req: &Request<Body>) -> Encoding {
    let accepted = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let accepts = |name: &str| {
        accepted.split(',').any(|item| {
            let mut parts = item.trim().split(';');
            parts.next() == Some(name) && !parts.any(|p| p.trim().replace(' ', "") == "q=0")
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// A compressed form of the page, or empty when compressing failed (then the
/// plain page is sent).
fn compressed(body: &Bytes, encoding: Encoding) -> Bytes {
    use crate::static_files::{brotli_bytes, gzip_bytes};
    let result = match encoding {
        Encoding::Brotli => brotli_bytes(body, 9),
        Encoding::Gzip => gzip_bytes(body),
        Encoding::Identity => return body.clone(),
    };
    result.map(Bytes::from).unwrap_or_default()
}

fn respond(page: &PublicPage, encoding: Encoding) -> Response {
    let (body, content_encoding) = match encoding {
        Encoding::Brotli if !page.brotli.is_empty() => (page.brotli.clone(), Some("br")),
        Encoding::Gzip if !page.gzip.is_empty() => (page.gzip.clone(), Some("gzip")),
        _ => (page.body.clone(), None),
    };
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = page.headers.clone();
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(encoding) = content_encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, cookie: Option<&str>, user: bool) -> Request<Body> {
        let mut builder = Request::builder().uri(path);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        let mut req = builder.body(Body::empty()).unwrap();
        let current = if user { None } else { Some(CurrentUser(None)) };
        if let Some(current) = current {
            req.extensions_mut().insert(current);
        }
        req
    }

    #[test]
    fn only_anonymous_public_pages_without_a_query_are_kept() {
        assert_eq!(
            cache_key(&request("/", Some("sikap_lang=id"), false)).as_deref(),
            Some("/|id")
        );
        assert_eq!(
            cache_key(&request("/tentang", Some("a=b; sikap_lang=en"), false)).as_deref(),
            Some("/tentang|en")
        );
        assert_eq!(
            cache_key(&request(
                "/organisasi?q=dinas",
                Some("sikap_lang=id"),
                false
            )),
            None
        );
        assert_eq!(
            cache_key(&request("/saya", Some("sikap_lang=id"), false)),
            None
        );
        assert_eq!(cache_key(&request("/", Some("sikap_lang=xx"), false)), None);
        assert_eq!(cache_key(&request("/", None, false)), None);
        // No session resolved (or someone signed in): rendered each time.
        assert_eq!(cache_key(&request("/", Some("sikap_lang=id"), true)), None);
    }

    #[test]
    fn picks_the_encoding_the_browser_accepts() {
        let with = |value: &str| {
            Request::builder()
                .header(header::ACCEPT_ENCODING, value)
                .body(Body::empty())
                .unwrap()
        };
        assert_eq!(
            preferred_encoding(&with("gzip, deflate, br, zstd")),
            Encoding::Brotli
        );
        assert_eq!(preferred_encoding(&with("gzip")), Encoding::Gzip);
        assert_eq!(preferred_encoding(&with("br;q=0, gzip")), Encoding::Gzip);
        assert_eq!(preferred_encoding(&with("identity")), Encoding::Identity);
    }
}
