//! Loading and error notices.

use crate::error::AppError;
use crate::i18n::move_tr;
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="animate-pulse text-slate-500" role="status">{move_tr!(loading)}</p>
    }
}

/// Shows what went wrong; an internal error only says so, with its request id.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    view! {
        <div class="rounded-lg border border-red-200 bg-red-50 p-4 text-red-800" role="alert" data-testid="error-notice">
            <p class="font-semibold">{move_tr!(error_title)}</p>
            <p class="mt-1">{error.to_string()}</p>
        </div>
    }
}
