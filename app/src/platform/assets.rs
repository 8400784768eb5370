//! The names of the built site's files. A release build hashes them
//! (`sikap.<hash>.css`, listed in `hash.txt` beside the binary) so browsers may keep
//! them for a year; without that file the plain names are used (tests, dev builds).

use std::path::PathBuf;
use std::sync::OnceLock;

/// The file cargo-leptos writes next to the server binary.
pub const HASH_FILE: &str = "hash.txt";

static STYLESHEET: OnceLock<String> = OnceLock::new();

/// `hash.txt` beside the running binary, if the build hashed the files.
pub fn hash_file() -> Option<PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join(HASH_FILE);
    path.is_file().then_some(path)
}

/// The hash of `kind` (`css`, `js`, `wasm`) in a hash file's text.
pub fn hash_of<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim() == kind)
        .map(|(_, hash)| hash.trim())
}

/// The stylesheet's address, read once from the hash file.
pub fn stylesheet_href(output_name: &str, pkg_dir: &str) -> &'static str {
    STYLESHEET.get_or_init(|| {
        let hashes = hash_file().and_then(|path| std::fs::read_to_string(path).ok());
        match hashes.as_deref().and_then(|h| hash_of(h, "css")) {
            Some(hash) => format!("/{pkg_dir}/{output_name}.{hash}.css"),
            None => format!("/{pkg_dir}/{output_name}.css"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::hash_of;

    #[test]
    fn reads_each_kind_from_the_hash_file() {
        let text = "js: abc\nwasm: de-f_1\ncss: xyz\n";
        assert_eq!(hash_of(text, "js"), Some("abc"));
        assert_eq!(hash_of(text, "wasm"), Some("de-f_1"));
        assert_eq!(hash_of(text, "css"), Some("xyz"));
        assert_eq!(hash_of(text, "manifest"), None);
    }
}
