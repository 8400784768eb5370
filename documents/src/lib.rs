//! PDF rendering from a [Typst](https://typst.app) template plus JSON data.
//!
//! The template is compiled as the main file of a tiny virtual project that
//! contains one more file, `data.json`, holding the data passed in:
//!
//! ```typst
//! #set text(font: "Liberation Sans")
//! #let data = json("data.json")
//! = #data.title
//! ```
//!
//! Only the embedded Liberation Sans fonts are available; templates cannot
//! read other files, import packages or touch the network. Rendering is
//! synchronous and CPU-bound: from async code call it inside
//! `tokio::task::spawn_blocking`.

mod world;

use typst::diag::{Severity, SourceDiagnostic};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::world::DocumentWorld;

/// How many evictions an unused memoization entry survives in Typst's global
/// cache (see [`typst::comemo::evict`]). Keeps memory bounded in a long-running
/// server while still letting repeated renders share cached work.
const CACHE_MAX_AGE: usize = 10;

/// A failed render: the Typst diagnostics, joined into one message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RenderError {
    message: String,
}

impl RenderError {
    /// The joined diagnostic messages (`line:column: message` for errors that
    /// point into the template, plus any `hint:`s), separated by `; `.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Formats the error diagnostics (warnings are left out).
    fn from_diagnostics(world: &DocumentWorld, diagnostics: &[SourceDiagnostic]) -> Self {
        let message = diagnostics
            .iter()
            .filter(|diag| diag.severity == Severity::Error)
            .map(|diag| format_diagnostic(world, diag))
            .collect::<Vec<_>>()
            .join("; ");
        Self { message }
    }
}

/// `line:column: message (hint: ...)`, with 1-based positions when the
/// diagnostic points into the template, or `/path: message` when it points into
/// another file (e.g. a JSON syntax error in `/data.json`).
fn format_diagnostic(world: &DocumentWorld, diag: &SourceDiagnostic) -> String {
    let position = match diag.span.id() {
        Some(id) if id == world.main() => world
            .range(diag.span)
            .and_then(|range| {
                world
                    .source(id)
                    .ok()?
                    .lines()
                    .byte_to_line_column(range.start)
            })
            .map(|(line, column)| format!("{}:{}: ", line + 1, column + 1)),
        Some(id) => Some(format!("{}: ", id.vpath().get_with_slash())),
        None => None,
    };
    let mut text = format!("{}{}", position.unwrap_or_default(), diag.message);
    for hint in &diag.hints {
        text.push_str(&format!(" (hint: {})", hint.v));
    }
    text
}

/// Renders `template` (Typst source) to PDF bytes, with `data_json` readable
/// by the template as `json("data.json")`.
///
/// Returns the Typst errors as a [`RenderError`] if the template fails to
/// compile (syntax errors, unknown variables, invalid JSON, missing files,
/// ...). Warnings are ignored.
pub fn render_pdf(template: &str, data_json: &str) -> Result<Vec<u8>, RenderError> {
    let world = DocumentWorld::new(template, data_json);
    let result = typst::compile::<PagedDocument>(&world)
        .output
        .and_then(|document| typst_pdf::pdf(&document, &PdfOptions::default()));
    typst::comemo::evict(CACHE_MAX_AGE);
    result.map_err(|diagnostics| RenderError::from_diagnostics(&world, &diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../templates/example.typ");
    const EXAMPLE_DATA: &str = include_str!("../templates/example.json");

    #[test]
    fn renders_example_template() {
        let pdf = render_pdf(EXAMPLE, EXAMPLE_DATA).expect("example renders");
        assert!(pdf.starts_with(b"%PDF-"), "output is not a PDF");
        assert!(
            pdf.len() > 1000,
            "PDF suspiciously small: {} bytes",
            pdf.len()
        );
    }

    #[test]
    fn renders_from_several_threads() {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                std::thread::spawn(move || {
                    let data = EXAMPLE_DATA.replace("Laporan Kegiatan", &format!("Laporan {i}"));
                    render_pdf(EXAMPLE, &data)
                })
            })
            .collect();
        for handle in handles {
            let pdf = handle.join().expect("no panic").expect("renders");
            assert!(pdf.starts_with(b"%PDF-"));
        }
    }

    #[test]
    fn embedded_fonts_are_found() {
        let book = &world::FONTS.book;
        assert_eq!(book.select_family("liberation sans").count(), 4);
    }

    #[test]
    fn template_error_is_reported() {
        let template = "#let data = json(\"data.json\")\n= #data.title\n#undefined_thing\n";
        let err = render_pdf(template, r#"{"title": "x"}"#).unwrap_err();
        assert!(
            err.message().contains("unknown variable: undefined_thing"),
            "unexpected message: {err}"
        );
        assert!(err.message().starts_with("3:2: "), "no position: {err}");
    }

    #[test]
    fn invalid_json_is_reported() {
        let err = render_pdf(EXAMPLE, "{ not json").unwrap_err();
        assert!(
            err.message()
                .starts_with("/data.json: failed to parse JSON"),
            "unexpected message: {err}"
        );
    }

    #[test]
    fn other_files_and_packages_are_not_served() {
        let err = render_pdf("#read(\"/etc/passwd\")", "{}").unwrap_err();
        assert!(
            err.message().contains("file not found"),
            "unexpected message: {err}"
        );
        let err = render_pdf("#import \"@preview/cetz:0.3.0\"", "{}").unwrap_err();
        assert!(
            err.message().contains("package not found"),
            "unexpected message: {err}"
        );
    }
}
