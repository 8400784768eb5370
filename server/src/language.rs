//! Gives first-time visitors the instance's default language (`locale.default`), so
//! the server renders it and the browser hydrates the same one from the cookie.

use app::i18n::{language_from_cookie_header, Language, LANGUAGE_COOKIE};
use axum::body::Body;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The value of the language cookie the request carries, if any.
pub fn language_cookie(req: &Request<Body>) -> Option<&str> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(language_from_cookie_header)
}

fn has_language_cookie(req: &Request<Body>) -> bool {
    language_cookie(req).is_some()
}

fn is_page_request(req: &Request<Body>) -> bool {
    let path = req.uri().path();
    !(path.starts_with("/pkg/")
        || path.starts_with("/api/")
        || path == "/healthz"
        || path == "/metrics")
}

pub async fn ensure_language_cookie(
    default: String,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if !is_page_request(&req) || has_language_cookie(&req) {
        return next.run(req).await;
    }
    let pair = format!("{LANGUAGE_COOKIE}={default}");
    if let Ok(value) = HeaderValue::from_str(&pair) {
        req.headers_mut().append(header::COOKIE, value);
    }
    let mut response = next.run(req).await;
    let cookie = format!("{pair}; Path=/; Max-Age=31536000; SameSite=Lax");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The language form (`POST /bahasa`): `lang` (id or en) and the page to return to.
#[derive(serde::Deserialize)]
pub struct LanguageChoice {
    lang: String,
    next: Option<String>,
}

/// Remembers the chosen language for a year and sends the browser back to its page,
/// now rendered in that language. Unknown languages are refused with 400.
pub async fn choose_language(axum::Form(choice): axum::Form<LanguageChoice>) -> Response {
    use axum::response::IntoResponse;
    if Language::from_code(&choice.lang).is_none() {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            "Bahasa tidak dikenal: pilih id atau en.",
        )
            .into_response();
    }
    // Only a page of this site; anything else goes home.
    let target = choice
        .next
        .filter(|path| app::identity::service::safe_next(Some(path)) == *path)
        .map(|path| without_form_error(&path))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        choice.lang
    );
    let mut response = axum::response::Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `path` without the error a plain form post left in its address (`__err`,
/// `__path`): that message was written in the language being left.
fn without_form_error(path: &str) -> String {
    let Some((page, query)) = path.split_once('?') else {
        return path.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.starts_with("__err=") && !pair.starts_with("__path="))
        .collect();
    if kept.is_empty() {
        page.to_owned()
    } else {
        format!("{page}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::without_form_error;

    #[test]
    fn a_form_error_stays_behind_when_the_language_changes() {
        assert_eq!(
            without_form_error("/skp/2027?__path=%2Fapi%2Fx&__err=eyJ9"),
            "/skp/2027"
        );
        assert_eq!(without_form_error("/pegawai?q=ab&__err=e"), "/pegawai?q=ab");
        assert_eq!(
            without_form_error("/organisasi?q=dinas"),
            "/organisasi?q=dinas"
        );
        assert_eq!(without_form_error("/saya"), "/saya");
    }
}
