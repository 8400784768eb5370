//! Islands: pages are server-rendered HTML, and only the parts marked `#[island]`
//! load the WASM and come alive. A page without an island downloads no WASM at all.
//!
//! Only the SKP editor, the island employees use most, is in the main WASM. The
//! others are `#[island(lazy)]`: `cargo leptos build --split` puts their code in
//! chunks fetched only by the pages that show them (the password form's page, the
//! admin pages), so adding a screen does not grow what the editor's page
//! downloads. (Lazy islands need the WASM built without reference types:
//! `.cargo/config.toml`. With the editor split too, wasm-bindgen 0.2.130 left the
//! main module importing `__wbindgen_describe` from `__wbindgen_placeholder__`, so
//! it failed to instantiate and no island started.)
//!
//! Each island renders its content inside [`IslandRoot`], which gives it the
//! translations (an island in the browser sees no context from the server-rendered
//! page around it) and keeps its controls disabled until the WASM has taken over,
//! so nothing typed or clicked before then is lost. A page with islands places one
//! [`IslandScripts`] after them: the loader of the WASM.

use crate::i18n::provide_page_language;
use leptos::prelude::*;

/// Whether the island's code is running in the browser yet: `false` in the
/// server's HTML, `true` once hydrated (see [`IslandRoot`]).
pub fn use_island_ready() -> ReadSignal<bool> {
    expect_context::<IslandReady>().0
}

#[derive(Clone, Copy)]
struct IslandReady(ReadSignal<bool>);

/// The root of every island's content: the translations (an island in the browser
/// sees no context from the page around it), the "ready" signal, and
/// `<body data-hydrated>` once live, which tests and scripts use to tell a live page
/// from plain HTML, with `data-islands-live` counting the islands started (a lazy
/// island starts once its chunk has arrived).
///
/// The children keep their type (`TypedChildren`, not `Children`): boxing them as an
/// `AnyView` made the WASM carry an asynchronous hydration path for every island's
/// whole view as well as the one it uses.
#[component]
pub fn IslandRoot<T: IntoView + 'static>(children: TypedChildren<T>) -> impl IntoView {
    let (ready, set_ready) = signal(false);
    provide_context(IslandReady(ready));
    Effect::new(move |_| {
        set_ready.set(true);
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
            // How many islands are live: lazy ones start after the main WASM's.
            let live = body
                .get_attribute("data-islands-live")
                .and_then(|n| n.parse::<u32>().ok())
                .unwrap_or(0);
            let _ = body.set_attribute("data-islands-live", &(live + 1).to_string());
        }
    });
    provide_page_language();
    (children.into_inner())()
}

/// The WASM loader: one per page that has islands, placed after them. (A claim
/// made while rendering cannot dedupe it: Suspense renders its children once to
/// find their resources and again for the page.)
#[component]
pub fn IslandScripts() -> impl IntoView {
    loader_scripts()
}

#[cfg(feature = "ssr")]
fn loader_scripts() -> AnyView {
    match use_context::<crate::platform::state::AppState>() {
        Some(state) => {
            view! { <HydrationScripts options=state.leptos_options.clone() islands=true /> }
                .into_any()
        }
        None => ().into_any(),
    }
}

/// Islands never render the loader: in the browser there is nothing to do.
#[cfg(not(feature = "ssr"))]
fn loader_scripts() -> AnyView {
    ().into_any()
}

/// Between the fields of an island's one text prop (no translation, address or
/// key holds it). One text prop, not several typed ones: each typed prop of an
/// island costs the main WASM its own JSON decoder.
const FIELD_SEPARATOR: char = '\u{1f}';

/// Fields joined into an island's one text prop.
pub fn join_fields<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    fields
        .into_iter()
        .collect::<Vec<_>>()
        .join(&FIELD_SEPARATOR.to_string())
}

/// The fields of an island's text prop, in order.
pub fn split_fields(text: &str) -> impl Iterator<Item = &str> {
    text.split(FIELD_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::{join_fields, split_fields};

    #[test]
    fn fields_come_back_in_order_whatever_they_hold() {
        let text = join_fields(["a b", "", "Saran: {rating}", "x; y"]);
        assert_eq!(
            split_fields(&text).collect::<Vec<_>>(),
            ["a b", "", "Saran: {rating}", "x; y"]
        );
    }
}
