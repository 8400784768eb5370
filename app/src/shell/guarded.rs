//! A page behind the page table (`identity::access::PAGES`): someone it does not
//! admit gets the refusal (a log-in link for visitors, 401/403) instead of the
//! page, so no control of the page is ever rendered for them.

use crate::components::AccessProblem;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn Guarded(
    /// The route as declared in `shell/app.rs` and listed in the page table.
    page: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    match refusal(page) {
        Some(error) => Either::Left(view! { <AccessProblem error /> }),
        None => Either::Right(children()),
    }
}

#[cfg(feature = "ssr")]
fn refusal(page: &str) -> Option<crate::error::AppError> {
    use crate::identity::{access::page_rule, guard};
    let Some(rule) = page_rule(page) else {
        // Not in the table means not open to anyone: fail closed.
        return Some(crate::error::AppError::internal(
            "page guard",
            format!("page {page} is missing from the page table"),
        ));
    };
    guard::allows(rule.allowed, guard::current_user().as_deref()).err()
}

/// Pages render on the server; the browser only hydrates islands inside them.
#[cfg(not(feature = "ssr"))]
fn refusal(_page: &str) -> Option<crate::error::AppError> {
    None
}
