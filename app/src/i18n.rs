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
    /// The key in the translation files (`skp-notice-approved`), on the server only.
    #[cfg(feature = "ssr")]
    pub key: &'static str,
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

/// A message and its arguments, translated later: a notification is written in
/// one request and read in its reader's language (`notifications::repository`).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct Text {
    pub message: Message,
    pub args: Vec<(&'static str, String)>,
}

#[cfg(feature = "ssr")]
impl Text {
    pub fn translate(&self, language: Language) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|(n, v)| (*n, v.clone())).collect();
        translate(language, self.message, &args)
    }

    /// The arguments as a JSON object of strings, as stored.
    pub fn args_json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .args
            .iter()
            .map(|(n, v)| ((*n).to_owned(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::Value::Object(map).to_string()
    }

    /// A stored message in `language`; `None` when its key no longer exists or the
    /// arguments do not read (the caller then shows the text stored beside them).
    pub fn translate_stored(language: Language, key: &str, args_json: &str) -> Option<String> {
        let message = messages::by_key(key)?;
        let args: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(args_json).ok()?;
        let args: Vec<(&str, String)> = args
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str().unwrap_or_default().to_owned()))
            .collect();
        Some(translate(language, message, &args))
    }
}

/// The page's language, given to everything under [`I18nProvider`].
#[derive(Clone, Copy, Debug, Default)]
pub struct I18n {
    pub language: Language,
}

/// The language of the page being rendered, or on the server, outside a page, of
/// the request being answered (a server function's errors and texts speak the
/// asker's language). Indonesian outside both.
pub fn current_language() -> Language {
    match use_context::<I18n>() {
        Some(i18n) => i18n.language,
        #[cfg(feature = "ssr")]
        None => page_language(),
        #[cfg(not(feature = "ssr"))]
        None => Language::default(),
    }
}

/// The value of the language cookie in a `Cookie` header, if any.
#[cfg(feature = "ssr")]
pub fn language_from_cookie_header(header: &str) -> Option<&str> {
    crate::platform::request::cookie_value(header, LANGUAGE_COOKIE)
}

/// On the server: the request's cookie (always present on pages:
/// `ensure_language_cookie` adds the instance default for first-time visitors), or
/// the instance default for a server function called without one.
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
        .or_else(|| use_context::<InstanceLanguage>().map(|default| default.0))
        .unwrap_or_default()
}

/// The instance's `locale.default`, given to every request's context by the
/// server (`AppState::provide`), for a request that names no language.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug)]
pub struct InstanceLanguage(pub Language);

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

/// A [`Text`] to translate later, named like [`tr!`]: `deferred_tr!(key, { "name" => value })`.
#[cfg(feature = "ssr")]
#[macro_export]
macro_rules! deferred_tr {
    ($key:ident $(, { $($name:literal => $value:expr),* $(,)? })?) => {
        $crate::i18n::Text {
            message: $crate::i18n::messages::$key,
            args: vec![$($(($name, ::std::string::ToString::to_string(&$value))),*)?],
        }
    };
}

#[cfg(feature = "ssr")]
pub use crate::deferred_tr;
pub use crate::{move_tr, tr};

#[cfg(test)]
mod tests;
