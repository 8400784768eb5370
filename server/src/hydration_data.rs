//! Leptos appends two inline scripts to every page for hydration
//! (`__RESOLVED_RESOURCES=…`, `__INCOMPLETE_CHUNKS=…`). Only islands read them, so a
//! page without an island goes out without them: no script at all, and the same
//! bytes on every request (they carry the response's CSP nonce), which lets
//! validators and the public page cache work.

use axum::body::{Body, Bytes};
use axum::http::{header, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

pub async fn tidy_hydration(req: Request<Body>, next: Next) -> Response {
    let response = next.run(req).await;
    if !crate::page_validators::is_html(response.headers()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let rewritten = std::str::from_utf8(&bytes)
        .ok()
        .and_then(without_hydration_data);
    let bytes = match rewritten {
        Some(page) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Bytes::from(page)
        }
        None => bytes,
    };
    // A rendered page carries the policy of its scripts. Should the render not
    // have set it, the page gets it here (with the nonce its inline scripts carry),
    // not the router's default under which no script of the page would run.
    if !parts.headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let page = std::str::from_utf8(&bytes).unwrap_or("");
        let nonce = page
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("");
        tracing::warn!("a page was rendered without its security policy; set from its scripts");
        if let Ok(value) =
            header::HeaderValue::from_str(&app::platform::headers::page_policy(nonce))
        {
            parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The page without Leptos's hydration scripts, or `None` when it keeps them (it has
/// an island) or has none.
fn without_hydration_data(page: &str) -> Option<String> {
    if page.contains("<leptos-island") {
        return None;
    }
    let mut out = page.to_owned();
    let mut changed = false;
    for marker in ["__RESOLVED_RESOURCES=", "__INCOMPLETE_CHUNKS="] {
        let Some(at) = out.find(marker) else {
            continue;
        };
        let Some(start) = out[..at].rfind("<script") else {
            continue;
        };
        let Some(end) = out[at..]
            .find("</script>")
            .map(|e| at + e + "</script>".len())
        else {
            continue;
        };
        out.replace_range(start..end, "");
        changed = true;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::without_hydration_data;

    const SCRIPTS: &str = "<script nonce=\"abc\">__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];\
        __PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];</script><script nonce=\"abc\">__INCOMPLETE_CHUNKS=[];</script>";

    #[test]
    fn pages_without_islands_lose_the_scripts() {
        let page = format!("<html><body><main>Beranda</main>{SCRIPTS}</body></html>");
        assert_eq!(
            without_hydration_data(&page).as_deref(),
            Some("<html><body><main>Beranda</main></body></html>")
        );
    }

    #[test]
    fn pages_with_an_island_keep_them() {
        let page =
            format!("<body><leptos-island data-component=\"X\"></leptos-island>{SCRIPTS}</body>");
        assert_eq!(without_hydration_data(&page), None);
        assert_eq!(without_hydration_data("<body>tanpa skrip</body>"), None);
    }
}
