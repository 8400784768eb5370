//! The built site's files (`/pkg`: WASM, JS, CSS). The build leaves brotli and gzip
//! copies beside each file (`sikap precompress`), so no request compresses them
//! again; content-hashed names (`hash.txt`) let browsers keep them for a year.

use axum::http::{header, HeaderValue};
use axum::Router;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Files worth compressing (text and WebAssembly; images are compressed already).
const COMPRESSIBLE: &[&str] = &["js", "wasm", "css", "svg", "csv", "json", "txt", "html"];

/// For content-hashed names: the name changes whenever the content does.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For plain names (builds without hashing): ask the server each time.
pub const REVALIDATE: &str = "no-cache";

/// The loader of the lazily loaded WASM chunks (`cargo leptos build --split`). It
/// names the chunks, whose names change with their content, but cargo-leptos 0.3.6
/// hashes its own name before writing those names into it
/// (leptos-rs/cargo-leptos#658), so a cached copy could point at chunks that are
/// gone: browsers ask for it each time (1 KB, answered 304 when unchanged).
const SPLIT_LOADER_PREFIX: &str = "__wasm_split.";

/// The `Cache-Control` of a file under `/pkg`.
pub fn cache_control(path: &str, hashed: bool) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if hashed && !name.starts_with(SPLIT_LOADER_PREFIX) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// `/pkg/*` from `<site_root>/<pkg_dir>`, precompressed copies preferred.
pub fn pkg_router<S: Clone + Send + Sync + 'static>(pkg_dir: PathBuf, hashed: bool) -> Router<S> {
    let files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| async move {
                let policy = cache_control(request.uri().path(), hashed);
                let mut response = next.run(request).await;
                let status = response.status();
                if status.is_success() || status == axum::http::StatusCode::NOT_MODIFIED {
                    response
                        .headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
                }
                response
            },
        ))
}

/// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside
/// every compressible file under `dir` whose copies are missing or older than it.
/// Returns the files compressed; a second run finds nothing to do.
pub fn precompress(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut done = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            done.extend(precompress(&path)?);
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let br = with_suffix(&path, "br");
        let gz = with_suffix(&path, "gz");
        if is_fresh(&path, &br)? && is_fresh(&path, &gz)? {
            continue;
        }
        let data = std::fs::read(&path)?;
        write_atomically(&br, &brotli_bytes(&data, 11)?)?;
        write_atomically(&gz, &gzip_bytes(&data)?)?;
        done.push(path);
    }
    Ok(done)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn is_fresh(source: &Path, copy: &Path) -> io::Result<bool> {
    let Ok(copy) = copy.metadata() else {
        return Ok(false);
    };
    Ok(copy.modified()? >= source.metadata()?.modified()?)
}

/// Brotli at `quality` (11 for files compressed once per build).
pub fn brotli_bytes(data: &[u8], quality: u32) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        writer.write_all(data)?;
    }
    Ok(out)
}

pub fn gzip_bytes(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(data)?;
    encoder.finish()
}

/// Readers never see a half-written copy: write beside it, then rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let partial = with_suffix(path, "part");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn hashed_files_are_immutable_but_the_split_loader_is_revalidated() {
        assert_eq!(cache_control("/pkg/sikap.abc.wasm", true), IMMUTABLE);
        assert_eq!(cache_control("/pkg/chunk_5.abc.wasm", true), IMMUTABLE);
        assert_eq!(cache_control("/pkg/__wasm_split.abc.js", true), REVALIDATE);
        assert_eq!(cache_control("/pkg/sikap.wasm", false), REVALIDATE);
    }

    #[test]
    fn compresses_text_and_wasm_once_and_skips_images() {
        let dir = tempfile::tempdir().unwrap();
        let js = dir.path().join("sikap.abc.js");
        std::fs::write(&js, "console.log('halo');\n".repeat(200)).unwrap();
        std::fs::write(dir.path().join("logo.png"), [0_u8; 64]).unwrap();

        let first = precompress(dir.path()).unwrap();
        assert_eq!(first, vec![js.clone()]);
        assert!(!dir.path().join("logo.png.br").exists());

        let mut unpacked = String::new();
        brotli::Decompressor::new(std::fs::File::open(with_suffix(&js, "br")).unwrap(), 4096)
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, std::fs::read_to_string(&js).unwrap());
        let mut gunzipped = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(with_suffix(&js, "gz")).unwrap())
            .read_to_string(&mut gunzipped)
            .unwrap();
        assert_eq!(gunzipped, unpacked);

        assert!(
            precompress(dir.path()).unwrap().is_empty(),
            "nothing left to do"
        );
    }
}
