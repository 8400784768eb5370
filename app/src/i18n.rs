//! Translations: Bahasa Indonesia first, English second, in `app/locales/<lang>/main.ftl`.
//!
//! The files use the simple part of Fluent's syntax only: `key = text`, with
//! `{ $name }` placeholders and `#` comments. `app/build.rs` turns each message into
//! a constant of [`messages`] (`skp-year-link` becomes `skp_year_link`), named by
//! `tr!(skp_year_link, { "year" => year })`: a missing key is a compile error, and
//! the browser's WASM holds only the texts its islands use (the Fluent runtime was
//! about 8% of it, then the table of every text 28 KB).
//!
//! The language is fixed for a page: the server renders it from the `sikap_lang`
//! cookie, switching language is a plain form that reloads the page
//! (`shell::layout::LanguageSwitch`), and an island in the browser reads it back from
//! `<html lang>`.

use leptos::prelude::*;

/// The cookie holding the language; the server sets it from `locale.default` when absent.
pub const LANGUAGE_COOKIE: &str = "sikap_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    Id,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Id, Language::En];

    /// The BCP 47 code, as in the cookie and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Id => "id",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The language the switch in the header offers.
    pub fn other(self) -> Self {
        match self {
            Language::Id => Language::En,
            Language::En => Language::Id,
        }
    }
}

/// One message in both languages: a constant in [`messages`], generated from the
/// translation files by `app/build.rs`.
#[derive(Clone, Copy, Debug)]
pub struct Message {
    pub id: &'static str,
    pub en: &'static str,
}

impl Message {
    pub fn text(self, language: Language) -> &'static str {
        match language {
            Language::Id => self.id,
            Language::En => self.en,
        }
    }
}

pub mod messages;

/// The message in `language`, with `{ $name }` placeholders filled from `args`.
pub fn translate(language: Language, message: Message, args: &[(&str, String)]) -> String {
    let text = message.text(language);
    if args.is_empty() || !text.contains("{ $") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find("{ $") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let Some(end) = after.find(" }") else {
            break;
        };
        let name = &after[..end];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[start..start + 3 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The page's language, given to everything under [`I18nProvider`].
#[derive(Clone, Copy, Debug, Default)]
pub struct I18n {
    pub language: Language,
}

/// The language of the page being rendered (Indonesian outside a provider).
pub fn current_language() -> Language {
    use_context::<I18n>()
        .map(|i| i.language)
        .unwrap_or_default()
}

/// The value of the language cookie in a `Cookie` header, if any.
#[cfg(feature = "ssr")]
pub fn language_from_cookie_header(header: &str) -> Option<&str> {
    crate::platform::request::cookie_value(header, LANGUAGE_COOKIE)
}

/// On the server: the request's cookie (always present: `ensure_language_cookie`
/// adds the instance default for first-time visitors).
#[cfg(feature = "ssr")]
fn page_language() -> Language {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get_all(http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(language_from_cookie_header)
                .and_then(Language::from_code)
        })
        .unwrap_or_default()
}

/// In the browser: the language the server rendered the page in.
#[cfg(not(feature = "ssr"))]
fn page_language() -> Language {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Language::from_code(&code))
        .unwrap_or_default()
}

/// Gives the page's language to everything rendered below.
pub fn provide_page_language() {
    provide_context(I18n {
        language: page_language(),
    });
}

#[component]
pub fn I18nProvider<T: IntoView + 'static>(children: TypedChildren<T>) -> impl IntoView {
    provide_page_language();
    (children.into_inner())()
}

/// The text of a message in the page's language: `tr!(key)`,
/// `tr!(key, { "name" => value })`, or with a captured `I18n` first:
/// `tr!(i18n, key)` (for code running outside the component's context).
#[macro_export]
macro_rules! tr {
    ($key:ident $(, { $($name:literal => $value:expr),* $(,)? })?) => {
        $crate::i18n::translate($crate::i18n::current_language(), $crate::i18n::messages::$key, &[$($(($name, ::std::string::ToString::to_string(&$value))),*)?])
    };
    ($i18n:ident, $key:ident $(, { $($name:literal => $value:expr),* $(,)? })?) => {
        $crate::i18n::translate($i18n.language, $crate::i18n::messages::$key, &[$($(($name, ::std::string::ToString::to_string(&$value))),*)?])
    };
}

/// [`tr!`] as a `Signal<String>`, for props and attributes that take one. The
/// arguments are read inside the signal, so a reactive argument stays live.
#[macro_export]
macro_rules! move_tr {
    ($key:ident $(, { $($name:literal => $value:expr),* $(,)? })?) => {{
        let __language = $crate::i18n::current_language();
        ::leptos::prelude::Signal::derive(move || {
            $crate::i18n::translate(__language, $crate::i18n::messages::$key, &[$($(($name, ::std::string::ToString::to_string(&$value))),*)?])
        })
    }};
    ($i18n:ident, $key:ident $(, { $($name:literal => $value:expr),* $(,)? })?) => {{
        let __language = $i18n.language;
        ::leptos::prelude::Signal::derive(move || {
            $crate::i18n::translate(__language, $crate::i18n::messages::$key, &[$($(($name, ::std::string::ToString::to_string(&$value))),*)?])
        })
    }};
}

pub use crate::{move_tr, tr};

#[cfg(test)]
mod tests;
