//! Benchmark baseline: a bare Axum server answering `GET /` with the bytes of a file.
//! `./sikap bench` serves SIKAP's rendered home page through it, so the ratio shows
//! what SSR, the database and our middleware cost per request.
//!
//! Usage: baseline_server ADDRESS FILE

use axum::http::header;
use axum::routing::get;
use axum::Router;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(addr), Some(file)) = (args.next(), args.next()) else {
        eprintln!("Penggunaan: baseline_server ALAMAT BERKAS");
        return ExitCode::from(2);
    };
    let body = match std::fs::read(&file) {
        Ok(bytes) => axum::body::Bytes::from(bytes),
        Err(e) => {
            eprintln!("Berkas {file} tidak dapat dibaca: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app = Router::new().route(
        "/",
        get(move || {
            let body = body.clone();
            async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body) }
        }),
    );
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("Alamat {addr} tidak dapat dibuka: {e}");
            return ExitCode::FAILURE;
        }
    };
    match axum::serve(listener, app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
