//! Measures how long rendering the example template takes.
//!
//! `cargo run --release --example render_time [output.pdf]`
//!
//! The first render includes one-time setup (standard library, font parsing).
//! Later renders use slightly different data each time, so they show the
//! steady-state cost of a new document (Typst still reuses its memoized work).

use std::time::Instant;

const TEMPLATE: &str = include_str!("../templates/example.typ");
const DATA: &str = include_str!("../templates/example.json");

fn main() {
    let mut pdf = Vec::new();
    for run in 1..=5 {
        let data = DATA.replace("Laporan Kegiatan", &format!("Laporan Kegiatan #{run}"));
        let start = Instant::now();
        pdf = sikap_documents::render_pdf(TEMPLATE, &data).expect("example renders");
        println!("render {run}: {:?} ({} bytes)", start.elapsed(), pdf.len());
    }
    if let Some(path) = std::env::args().nth(1) {
        std::fs::write(&path, &pdf).expect("write PDF");
        println!("wrote {path}");
    }
}
