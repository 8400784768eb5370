//! Islands: pages are server-rendered HTML, and only the parts marked `#[island]`
//! load the WASM and come alive. A page without an island downloads no WASM at all.
//!
//! Each island renders its content inside [`IslandRoot`], which gives it the
//! translations (an island in the browser sees no context from the server-rendered
//! page around it) and keeps its controls disabled until the WASM has taken over,
//! so nothing typed or clicked before then is lost. The page places
//! [`IslandScripts`] after its island: the first one on a page emits the loader.

use crate::i18n::I18nProvider;
use leptos::prelude::*;

/// Whether the island's code is running in the browser yet: `false` in the
/// server's HTML, `true` once hydrated. Also marks `<body data-hydrated>`, which
/// tests and scripts use to tell a live page from plain HTML.
pub fn use_island_ready() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| {
        set_ready.set(true);
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    ready
}

/// The translations for an island's content.
#[component]
pub fn IslandRoot(children: Children) -> impl IntoView {
    view! { <I18nProvider>{children()}</I18nProvider> }
}

/// The WASM loader, rendered once per page by the first island that asks for it.
#[component]
pub fn IslandScripts() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let Some(state) = use_context::<crate::platform::state::AppState>() else {
            return ().into_any();
        };
        let first = use_context::<PageScripts>().is_some_and(|p| p.claim());
        first
            .then(|| view! { <HydrationScripts options=state.leptos_options islands=true /> })
            .into_any()
    }
    #[cfg(not(feature = "ssr"))]
    ().into_any()
}

/// Per request: whether the loader has been emitted already (server side only).
#[derive(Clone, Default)]
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub struct PageScripts(std::sync::Arc<std::sync::atomic::AtomicBool>);

#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
impl PageScripts {
    /// `true` for the first caller on this page.
    fn claim(&self) -> bool {
        !self.0.swap(true, std::sync::atomic::Ordering::Relaxed)
    }
}
