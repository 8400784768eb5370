use super::*;
use std::collections::BTreeSet;
use std::path::Path;

/// The keys of a translation file (`app/build.rs` has already checked its syntax
/// and that both languages agree).
fn keys_in_file() -> BTreeSet<String> {
    include_str!("../../locales/id/main.ftl")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = "))
        .map(|(key, _)| key.replace('-', "_"))
        .collect()
}

/// A key the code uses but the files lack does not compile; this finds the
/// opposite, a message nothing shows any more (named by `tr!`, `move_tr!`,
/// `deferred_tr!` or directly as `messages::key`).
#[test]
fn every_message_is_used() {
    fn sources(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("i18n.rs")
                && !path.ends_with("i18n/tests.rs")
            {
                out.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    // The server's own routes (files, forms with files) speak through `tr!` too.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    sources(&manifest.join("src"), &mut code);
    sources(&manifest.join("../server/src"), &mut code);
    let mut used = BTreeSet::new();
    for (at, _) in code.match_indices("tr!(") {
        let call = code[at + 4..].trim_start();
        let call = call
            .strip_prefix("i18n,")
            .map(str::trim_start)
            .unwrap_or(call);
        let end = call
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(call.len());
        used.insert(call[..end].to_owned());
    }
    // A message named directly, for a language other than the page's.
    for (at, _) in code.match_indices("messages::") {
        let rest = &code[at + 10..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        used.insert(rest[..end].to_owned());
    }
    let unused: Vec<_> = keys_in_file().difference(&used).cloned().collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    assert!(
        used.len() > 250,
        "found only {} keys: is the scan still right?",
        used.len()
    );
}

#[test]
fn placeholders_are_filled() {
    assert_eq!(
        translate(
            Language::Id,
            messages::skp_year_link,
            &[("year", "2027".into())]
        ),
        "SKP tahun 2027"
    );
    assert_eq!(
        translate(
            Language::Id,
            messages::skp_matrix_summary,
            &[("unsupported", "2".into()), ("without_plan", "1".into())]
        ),
        "2 RHK belum didukung bawahan · 1 bawahan belum menyusun SKP"
    );
    // An argument the caller forgot stays visible rather than vanishing.
    assert_eq!(
        translate(Language::Id, messages::skp_year_link, &[]),
        "SKP tahun { $year }"
    );
    assert_eq!(tr!(skp_title), "SKP (Sasaran Kinerja Pegawai)");
    assert_ne!(
        translate(Language::En, messages::nav_home, &[]),
        translate(Language::Id, messages::nav_home, &[])
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
