//! Translations (Fluent files under `app/locales/`): Bahasa Indonesia first, English
//! second. The chosen language lives in the `sikap_lang` cookie so the server renders
//! the same language the browser then hydrates.

use fluent_templates::static_loader;
use leptos::prelude::*;
use leptos_fluent::leptos_fluent;

/// The cookie holding the language; the server sets it from `locale.default` when absent.
pub const LANGUAGE_COOKIE: &str = "sikap_lang";

static_loader! {
    pub static TRANSLATIONS = {
        locales: "./locales",
        fallback_language: "id",
        // No invisible bidi isolation marks around values: both locales are LTR.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    leptos_fluent! {
        children: children(),
        translations: [TRANSLATIONS],
        locales: "./locales",
        default_language: "id",
        check_translations: "./src/**/*.rs",
        cookie_name: "sikap_lang",
        cookie_attrs: "SameSite=Lax; Path=/; Max-Age=31536000",
        initial_language_from_cookie: true,
        set_language_to_cookie: true,
    }
}

/// Text for the document head (title, meta description). The server reads head
/// values after the page's reactive owner may already be gone, so it gets a fixed
/// string; the browser gets the live translation, which follows a language switch.
pub fn head_text(fixed: String, live: Signal<String>) -> leptos::text_prop::TextProp {
    if cfg!(feature = "ssr") {
        fixed.into()
    } else {
        live.into()
    }
}
