//! A table wider than a phone: it scrolls sideways inside its frame, never the page.

use crate::i18n::move_tr;
use leptos::prelude::*;

/// The frame of a wide table. Focusable and named (keyboard users scroll it with
/// the arrow keys, screen readers announce it), with a hint on narrow screens
/// that there is more to the side.
#[component]
pub fn WideTable(
    /// The frame's border and background classes.
    #[prop(default = "rounded-xl border border-slate-200 bg-white shadow-sm")]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <p class="mb-1 text-xs text-slate-500 sm:hidden" aria-hidden="true">{move_tr!(table_scroll_hint)}</p>
        <div role="region" tabindex="0" aria-label=move_tr!(table_scroll_label)
            class=format!("overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 {class}")>
            {children()}
        </div>
    }
}
