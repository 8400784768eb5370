//! Turns the translation files (`locales/<lang>/main.ftl`) into one Rust constant
//! per message (`src/i18n/messages.rs` includes the result), so that:
//! - a key the code names but the files lack is a compile error, not a raw key on
//!   screen;
//! - the browser's WASM carries only the texts its islands use: an unused
//!   constant is never emitted, where one table of every text was kept whole.
//!
//! The files use the simple part of Fluent's syntax only (`key = text` with
//! `{ $name }` placeholders, `#` comments); anything else, a key in one language
//! only or placeholders that differ between the languages stop the build here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

const LANGUAGES: [&str; 2] = ["id", "en"];

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split("{ $")
        .skip(1)
        .filter_map(|part| part.split_once(" }").map(|(name, _)| name))
        .collect()
}

fn read(language: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{language}/main.ftl");
    println!("cargo::rerun-if-changed={path}");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut messages = BTreeMap::new();
    for (number, line) in source.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let simple = line.split_once(" = ").filter(|(key, text)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                && !text.trim().is_empty()
                && text.matches('{').count() == placeholders(text).len()
        });
        let Some((key, text)) = simple else {
            panic!(
                "{path} line {}: only `key = text` with {{ $name }} placeholders is read: {line:?}",
                number + 1
            );
        };
        if messages
            .insert(key.to_owned(), text.trim().to_owned())
            .is_some()
        {
            panic!("{path} line {}: {key} is defined twice", number + 1);
        }
    }
    messages
}

fn main() {
    let [id, en] = LANGUAGES.map(read);
    let keys: BTreeSet<&String> = id.keys().collect();
    assert_eq!(
        keys,
        en.keys().collect::<BTreeSet<_>>(),
        "both languages must have the same keys"
    );
    let mut out = String::new();
    let mut lookup = String::new();
    let mut idents = BTreeSet::new();
    for key in keys {
        let (id_text, en_text) = (&id[key], &en[key]);
        assert_eq!(
            placeholders(id_text),
            placeholders(en_text),
            "{key}: the placeholders differ between the languages"
        );
        let ident = key.replace('-', "_");
        assert!(idents.insert(ident.clone()), "{key}: two keys give {ident}");
        // The key exists on the server only: stored with a notification, it is
        // translated when read; the browser never needs it.
        writeln!(
            out,
            "pub const {ident}: Message = Message {{ #[cfg(feature = \"ssr\")] key: {key:?}, id: {id_text:?}, en: {en_text:?} }};"
        )
        .unwrap();
        writeln!(lookup, "        {key:?} => Some({ident}),").unwrap();
    }
    writeln!(
        out,
        "/// The message stored under `key` (a notification's), if it still exists.\n\
         #[cfg(feature = \"ssr\")]\n\
         pub fn by_key(key: &str) -> Option<Message> {{\n    match key {{\n{lookup}        _ => None,\n    }}\n}}"
    )
    .unwrap();
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("messages.rs");
    std::fs::write(target, out).unwrap();
}
