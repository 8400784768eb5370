//! The Content-Security-Policy of rendered pages. Leptos puts a fresh nonce on its
//! hydration scripts for every response; the policy allows exactly those scripts
//! (plus our own files and WebAssembly) and no inline styles or foreign origins.

use leptos::nonce::use_nonce;
use leptos::prelude::use_context;

/// The policy for a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy for every other response (JSON, files, error pages): nothing runs.
pub const DEFAULT_POLICY: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Called while the server renders a page: sets the header with this page's nonce.
pub fn set_page_security_policy() {
    let (Some(nonce), Some(options)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&page_policy(&nonce)) {
        options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
