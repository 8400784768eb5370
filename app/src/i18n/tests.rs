use super::*;
use std::collections::BTreeSet;
use std::path::Path;

fn keys(language: Language) -> BTreeSet<&'static str> {
    language.messages().keys().copied().collect()
}

/// The `{ $name }` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split("{ $")
        .skip(1)
        .filter_map(|part| part.split_once(" }").map(|(name, _)| name))
        .collect()
}

#[test]
fn every_line_is_a_comment_a_blank_or_a_simple_message() {
    for language in Language::ALL {
        for (number, line) in language.source().lines().enumerate() {
            let simple = line.trim().is_empty()
                || line.starts_with('#')
                || line.split_once(" = ").is_some_and(|(key, text)| {
                    !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        && !text.trim().is_empty()
                        && text.matches('{').count() == placeholders(text).len()
                });
            assert!(
                simple,
                "{}/main.ftl line {}: only `key = text` with {{ $name }} placeholders is read: {line:?}",
                language.code(),
                number + 1
            );
        }
    }
}

#[test]
fn both_languages_have_the_same_keys_and_placeholders() {
    assert_eq!(keys(Language::Id), keys(Language::En));
    for key in keys(Language::Id) {
        assert_eq!(
            placeholders(Language::Id.messages()[key]),
            placeholders(Language::En.messages()[key]),
            "placeholders of {key}"
        );
    }
}

/// Every `tr!("key"` / `move_tr!(i18n, "key"` in the sources names a message.
#[test]
fn every_key_the_code_uses_exists() {
    fn sources(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("i18n.rs")
                && !path.ends_with("i18n/tests.rs")
            {
                out.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let known = keys(Language::Id);
    let mut used = 0;
    for file in &files {
        for (at, _) in file.match_indices("tr!(") {
            let before = file[..at].chars().next_back().unwrap_or(' ');
            if (before.is_alphanumeric() || before == '_') && !file[..at].ends_with("move_") {
                continue; // include_str!( and the like
            }
            let call = file[at + 4..].trim_start();
            let call = call
                .strip_prefix("i18n,")
                .map(str::trim_start)
                .unwrap_or(call);
            let Some(rest) = call.strip_prefix('"') else {
                continue; // a key from a variable
            };
            let key = &rest[..rest.find('"').unwrap()];
            assert!(known.contains(key), "unknown translation key {key:?}");
            used += 1;
        }
    }
    assert!(
        used > 300,
        "found only {used} uses: is the scan still right?"
    );
}

#[test]
fn placeholders_are_filled_and_missing_keys_fall_back() {
    assert_eq!(
        translate(Language::Id, "skp-year-link", &[("year", "2027".into())]),
        "SKP tahun 2027"
    );
    assert_eq!(
        translate(
            Language::Id,
            "skp-matrix-summary",
            &[("unsupported", "2".into()), ("without_plan", "1".into())]
        ),
        "2 RHK belum didukung bawahan · 1 bawahan belum menyusun SKP"
    );
    // An argument the caller forgot stays visible rather than vanishing.
    assert_eq!(
        translate(Language::Id, "skp-year-link", &[]),
        "SKP tahun { $year }"
    );
    assert_eq!(translate(Language::En, "no-such-key", &[]), "no-such-key");
    assert_ne!(
        translate(Language::En, "skp-title", &[]),
        translate(Language::Id, "skp-title", &[])
    );
}

#[test]
fn the_cookie_names_the_language() {
    assert_eq!(
        language_from_cookie_header("a=b; sikap_lang=en"),
        Some("en")
    );
    assert_eq!(language_from_cookie_header("a=b"), None);
    assert_eq!(Language::from_code("en"), Some(Language::En));
    assert_eq!(Language::from_code("xx"), None);
    assert_eq!(Language::Id.other(), Language::En);
}
