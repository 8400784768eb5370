//! The first lines of every server function: who is asking (resolved once per
//! request by the session middleware) and whether the authorisation table lets
//! them call this function.

use super::access::{rule_for, Allowed};
use super::roles::SessionUser;
use crate::error::AppError;
use http::request::Parts;
use leptos::prelude::use_context;
use std::sync::Arc;

/// What the session middleware found for this request (request extension).
#[derive(Clone, Debug, Default)]
pub struct CurrentUser(pub Option<Arc<SessionUser>>);

/// The client's address as the throttle counts it (request extension).
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

pub fn current_user() -> Option<Arc<SessionUser>> {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
        .and_then(|current| current.0)
}

/// Checks the table entry for `endpoint`; returns the caller when signed in.
pub fn authorize(endpoint: &str) -> Result<Option<Arc<SessionUser>>, AppError> {
    let user = current_user();
    check(endpoint, user.as_deref())?;
    Ok(user)
}

/// The authorisation table's answer for `user` calling `endpoint`; plain Axum
/// routes that serve the same data as a server function (the SKP PDF) use it too.
pub fn check(endpoint: &str, user: Option<&SessionUser>) -> Result<(), AppError> {
    let Some(rule) = rule_for(endpoint) else {
        // Not in the table means not callable: fail closed.
        return Err(AppError::internal(
            "authorize",
            format!("server function {endpoint} is missing from the authorisation table"),
        ));
    };
    allows(rule.allowed, user)
}

/// Whether `allowed` lets `user` in; the answer says why not (log in, change the
/// password first, or not theirs).
pub fn allows(allowed: Allowed, user: Option<&SessionUser>) -> Result<(), AppError> {
    match (allowed, user) {
        (Allowed::Anyone, _) => Ok(()),
        (_, None) => Err(AppError::Unauthenticated),
        (Allowed::SignedInEvenBeforePasswordChange, Some(_)) => Ok(()),
        (_, Some(u)) if u.viewer.must_change_password => Err(AppError::MustChangePassword),
        (Allowed::SignedIn, Some(_)) => Ok(()),
        (Allowed::Roles(roles), Some(u)) => {
            if roles.iter().any(|role| u.has(*role)) {
                Ok(())
            } else {
                Err(AppError::Forbidden)
            }
        }
    }
}

/// `authorize` for functions that need a signed-in caller.
pub fn require(endpoint: &str) -> Result<Arc<SessionUser>, AppError> {
    authorize(endpoint)?.ok_or(AppError::Unauthenticated)
}

pub fn client_addr() -> String {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddr>().cloned())
        .map(|a| a.0)
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A form posted by a browser without the WASM (it accepts HTML, not JSON): it
/// needs a real redirect instead of a JSON answer.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

pub fn append_set_cookie(value: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}

/// Sends the browser to `path`: a 302 for plain form posts; with the WASM loaded
/// the page itself navigates (with a full load, so the new session is seen).
pub fn redirect_plain_form(path: &str) {
    if is_plain_form_post() {
        leptos_axum::redirect(path);
    }
}
