//! What a page shows when the server function refused: a log-in link for visitors,
//! a refusal for people outside their reach, the password change when it is due.
//! On the server it also sets the HTTP status (401/403/404) of the page.

use super::ErrorNotice;
use crate::error::AppError;
use crate::i18n::move_tr;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn AccessProblem(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(error.status()) {
            options.set_status(status);
        }
    }
    let location = use_location();
    match error {
        AppError::Unauthenticated => {
            let next = location.pathname.get_untracked();
            let href = format!("/masuk?next={}", encode_path(&next));
            EitherOf4::A(view! {
                <div class="rounded-xl border border-amber-200 bg-amber-50 p-6" data-testid="login-required">
                    <h2 class="text-lg font-semibold text-amber-900">{move_tr!(access_login_title)}</h2>
                    <p class="mt-1 text-amber-900">{move_tr!(access_login_body)}</p>
                    <a href=href class="mt-4 inline-block rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800">
                        {move_tr!(nav_login)}
                    </a>
                </div>
            })
        }
        AppError::Forbidden => EitherOf4::B(view! {
            <div class="rounded-xl border border-red-200 bg-red-50 p-6" role="alert" data-testid="refusal">
                <h2 class="text-lg font-semibold text-red-900">{move_tr!(access_denied_title)}</h2>
                <p class="mt-1 text-red-900">{move_tr!(access_denied_body)}</p>
                <a href="/saya" class="mt-4 inline-block text-emerald-800 underline">{move_tr!(access_denied_back)}</a>
            </div>
        }),
        AppError::MustChangePassword => EitherOf4::C(view! {
            <div class="rounded-xl border border-amber-200 bg-amber-50 p-6" data-testid="password-change-required">
                <p class="text-amber-900">{move_tr!(access_change_password)}</p>
                <a href="/ganti-sandi" class="mt-4 inline-block rounded-md bg-emerald-700 px-4 py-2 font-medium text-white">
                    {move_tr!(nav_change_password)}
                </a>
            </div>
        }),
        error => EitherOf4::D(view! { <ErrorNotice error /> }),
    }
}

/// Percent-encodes a path for use as a query value.
pub fn encode_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
