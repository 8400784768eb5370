//! Per-request facts the SSR pages and server functions may ask for.

/// The value of cookie `name` in a `Cookie` header, if present.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The header the server's request-id layer sets on every request and response.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of the request being handled, read from the request parts leptos_axum
/// puts in context; `-` outside a request (tests, commands).
pub fn current_request_id() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(REQUEST_ID_HEADER)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "-".to_owned())
}
