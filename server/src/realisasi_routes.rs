//! The realisasi form and its evidence over HTTP, where a server function does
//! not fit: a multipart form whose files stream to disk as they arrive (memory
//! does not grow with a file's size), and downloads streamed from the store.
//!
//! - `POST /realisasi/{period}`: the whole form (values, files, links), as the
//!   browser posts it without WASM; answers with a redirect back to the page.
//! - `POST /realisasi/{period}/bukti?rhk=&iki=`: one file (the page's island
//!   sends each file on its own, to show its progress); answers JSON.
//! - `GET /bukti/{id}` and `GET /bukti/sha256/{hash}`: a file, to whoever may
//!   open it (`openable_*`), as an attachment under a sandboxing policy;
//!   `?lihat=1` previews images and PDF inline in that sandbox.
//! - `GET /admin/realisasi.csv?periode=&unit=`: the filing monitor's rows.
//!
//! Each checks the authorisation table (`identity::access::ROUTES`) first.

use crate::route_support::{
    allowed, in_context, monitor_csv, plain_refusal, refusal, MonitorQuery,
};
use app::error::AppError;
use app::identity::guard::CurrentUser;
use app::identity::roles::SessionUser;
use app::platform::state::AppState;
use app::realisasi::evidence::service::{self as evidence, Target};
use app::realisasi::evidence::store::Sha256Writer;
use app::realisasi::service::SaveOutcome;
use app::realisasi::types::{EntrySave, ReportSave};
use axum::body::Body;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use serde::Deserialize;
use std::collections::BTreeMap;
use tokio::io::AsyncWriteExt;

/// The routes, with a body limit that fits the configured files (the default
/// 2 MB would refuse most of them before the handler could say why).
pub fn routes(state: &AppState) -> axum::Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};
    let file = usize::try_from(state.settings.upload_max_file_mb).unwrap_or(10) * 1024 * 1024;
    let files = usize::try_from(state.settings.upload_max_files)
        .unwrap_or(10)
        .max(1);
    // A form carries at most `max_files` files (`read_form` counts them as they
    // arrive) and at most `MAX_FORM_TEXT` of text.
    let form_limit = file
        .saturating_mul(files)
        .saturating_add(MAX_FORM_TEXT + 1024 * 1024);
    axum::Router::new()
        .route(
            "/realisasi/{period}",
            post(post_form).layer(DefaultBodyLimit::max(form_limit)),
        )
        .route(
            "/realisasi/{period}/bukti",
            post(post_file).layer(DefaultBodyLimit::max(file + 64 * 1024)),
        )
        .route("/bukti/{id}", get(get_by_id))
        .route("/bukti/sha256/{hash}", get(get_by_hash))
        .route("/admin/realisasi.csv", get(get_monitor_csv))
}

/// A file received into a temporary file, and where it goes.
struct Received {
    target: Target,
    file_name: String,
    file: tempfile::NamedTempFile,
    /// Hashed while it arrived.
    sha256: String,
}

/// The form as sent: text fields by name, and the files.
#[derive(Default)]
struct FormParts {
    fields: BTreeMap<String, String>,
    files: Vec<Received>,
    links: Vec<(Target, String)>,
    /// Files refused while they arrived (too large), named in their message.
    refused: Vec<String>,
}

/// Why a file part was not received.
enum Receipt {
    /// Larger than allowed: the part was read to its end and dropped; the
    /// message names the file.
    TooLarge(String),
    Failed(AppError),
}

/// `berkas-12-0` → (12, 0).
fn iki_of(name: &str, prefix: &str) -> Option<(i64, i64)> {
    let rest = name.strip_prefix(prefix)?;
    let (rhk, index) = rest.split_once('-')?;
    Some((rhk.parse().ok()?, index.parse().ok()?))
}

/// Receives one file part into a temporary file, hashing it as it arrives (the
/// store then need not read it again to name it), refusing it past `max_bytes`
/// (the rest of the part is read and dropped, so the form's other fields still
/// arrive and the browser gets its answer).
async fn receive_file(
    state: &AppState,
    field: &mut axum::extract::multipart::Field<'_>,
    file_name: &str,
    max_bytes: u64,
) -> Result<(tempfile::NamedTempFile, String), Receipt> {
    let failed =
        |what: &'static str| move |e: std::io::Error| Receipt::Failed(AppError::internal(what, e));
    let broken = |e: axum::extract::multipart::MultipartError| {
        Receipt::Failed(AppError::invalid("berkas", e.body_text()))
    };
    // Beside the store, so storing it is a copy on the same disk.
    let incoming = state.evidence_store.root().join("incoming");
    tokio::fs::create_dir_all(&incoming)
        .await
        .map_err(failed("evidence temp folder"))?;
    let temp = tempfile::NamedTempFile::new_in(&incoming).map_err(failed("evidence temp file"))?;
    let mut out = tokio::fs::File::from_std(temp.reopen().map_err(failed("evidence temp file"))?);
    let mut hash = Sha256Writer::new();
    while let Some(chunk) = field.chunk().await.map_err(broken)? {
        hash.update(&chunk);
        if hash.bytes() > max_bytes {
            while field.chunk().await.map_err(broken)?.is_some() {}
            return Err(Receipt::TooLarge(
                app::i18n::tr!(evidence_error_too_large, {
                    "name" => file_name,
                    "max" => max_bytes / (1024 * 1024),
                }),
            ));
        }
        out.write_all(&chunk)
            .await
            .map_err(failed("evidence temp write"))?;
    }
    out.flush().await.map_err(failed("evidence temp write"))?;
    Ok((temp, hash.finish()))
}

/// The most text one form may carry, all fields together: a few thousand
/// characters per IKI, for the largest plan.
const MAX_FORM_TEXT: usize = 2 * 1024 * 1024;

/// One text field, refused past what is left of the form's text allowance.
async fn read_text(
    field: &mut axum::extract::multipart::Field<'_>,
    left: &mut usize,
) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| AppError::invalid("form", e.body_text()))?
    {
        if chunk.len() > *left {
            return Err(AppError::invalid(
                "form",
                app::i18n::tr!(realisasi_error_form_too_large),
            ));
        }
        *left -= chunk.len();
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes)
        .map_err(|_| AppError::invalid("form", app::i18n::tr!(realisasi_error_form_too_large)))
}

async fn read_form(
    state: &AppState,
    period_id: i64,
    multipart: &mut Multipart,
) -> Result<FormParts, AppError> {
    let max_bytes = u64::from(state.settings.upload_max_file_mb) * 1024 * 1024;
    let max_files = state.settings.upload_max_files as usize;
    let mut text_left = MAX_FORM_TEXT;
    let mut parts = FormParts::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::invalid("form", e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some((rhk_id, index)) = iki_of(&name, "berkas-") {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            if file_name.is_empty() {
                // A file input left empty still sends an empty part.
                continue;
            }
            let file_name = evidence::clean_file_name(&file_name);
            if parts.files.len() >= max_files {
                while field
                    .chunk()
                    .await
                    .map_err(|e| AppError::invalid("form", e.body_text()))?
                    .is_some()
                {}
                parts
                    .refused
                    .push(app::i18n::tr!(evidence_error_too_many_in_form, {
                        "name" => file_name,
                        "max" => max_files,
                    }));
                continue;
            }
            match receive_file(state, &mut field, &file_name, max_bytes).await {
                Ok((file, sha256)) => parts.files.push(Received {
                    target: Target {
                        period_id,
                        rhk_id,
                        index,
                    },
                    file_name,
                    file,
                    sha256,
                }),
                Err(Receipt::TooLarge(message)) => parts.refused.push(message),
                Err(Receipt::Failed(error)) => return Err(error),
            }
            continue;
        }
        if field.file_name().is_some() {
            // A file under a name the form does not have: not kept, not stored.
            while field
                .chunk()
                .await
                .map_err(|e| AppError::invalid("form", e.body_text()))?
                .is_some()
            {}
            continue;
        }
        let text = read_text(&mut field, &mut text_left).await?;
        if let Some((rhk_id, index)) = iki_of(&name, "tautan-") {
            if !text.trim().is_empty() {
                parts.links.push((
                    Target {
                        period_id,
                        rhk_id,
                        index,
                    },
                    text,
                ));
            }
            continue;
        }
        parts.fields.insert(name, text);
    }
    Ok(parts)
}

/// The values of the form in the shape the service saves.
fn report_save(period_id: i64, fields: &BTreeMap<String, String>) -> ReportSave {
    let mut entries: BTreeMap<(i64, i64), EntrySave> = BTreeMap::new();
    let mut actions = Vec::new();
    for (name, value) in fields {
        if let Some(rhk) = name
            .strip_prefix("aksi-")
            .and_then(|r| r.parse::<i64>().ok())
        {
            actions.push((rhk, value.clone()));
            continue;
        }
        for (prefix, slot) in [
            ("nilai-", 0),
            ("target-", 1),
            ("alasan-", 2),
            ("uraian-", 3),
        ] {
            if let Some((rhk_id, index)) = iki_of(name, prefix) {
                let entry = entries.entry((rhk_id, index)).or_insert_with(|| EntrySave {
                    rhk_id,
                    index,
                    ..Default::default()
                });
                let place = match slot {
                    0 => &mut entry.value,
                    1 => &mut entry.target,
                    2 => &mut entry.target_reason,
                    _ => &mut entry.account,
                };
                place.clone_from(value);
            }
        }
    }
    ReportSave {
        period_id,
        base_version: fields
            .get("versi")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        file: fields.get("intent").is_some_and(|i| i == "lapor"),
        actions,
        entries: entries.into_values().collect(),
    }
}

/// `POST /realisasi/{period}`: saves the values, then attaches the files and
/// links; redirects back to the page with what happened.
pub async fn post_form(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Path(period_id): Path<i64>,
    mut multipart: Multipart,
) -> Response {
    let user = match allowed("post_realisasi_form", &current) {
        Ok(user) => user,
        Err(error) => return refusal(error),
    };
    let result = in_context(&state, parts, async {
        let year = app::realisasi::service::year_of_period(&state, period_id).await?;
        let page = evidence::page_of(year, period_id);
        // A closed period, or no approved plan: refused before any file is received.
        if let Err(error) = app::realisasi::service::check_writable(&state, &user, period_id).await
        {
            return refused_location(&page, error);
        }
        let saved = save_form(&state, &user, period_id, &page, &mut multipart).await;
        saved.or_else(|error| refused_location(&page, error))
    })
    .await;
    match result {
        Ok(location) => Redirect::to(&location).into_response(),
        Err(error) => refusal(error),
    }
}

/// The page again when the form could not be saved for a reason the page
/// explains (saved elsewhere first; the period closed or not open to the owner):
/// the typed text is still in the browser's copy, which the page offers back.
fn refused_location(page: &str, error: AppError) -> Result<String, AppError> {
    match &error {
        AppError::Conflict { .. } => Ok(format!("{page}?ditolak=konflik")),
        AppError::Invalid { field, .. } if field == "period" => {
            Ok(format!("{page}?ditolak=periode"))
        }
        _ => Err(error),
    }
}

/// Attaches the form's files and links, then saves its values (and files the
/// report when asked), so a filed report already carries its evidence; answers
/// the page to go back to, saying what happened.
async fn save_form(
    state: &AppState,
    user: &SessionUser,
    period_id: i64,
    page: &str,
    multipart: &mut Multipart,
) -> Result<String, AppError> {
    let parts = read_form(state, period_id, multipart).await?;
    let mut refused = parts.refused;
    for received in &parts.files {
        let attached = evidence::attach_file(
            state,
            user,
            received.target,
            &received.file_name,
            received.file.path(),
            &received.sha256,
        )
        .await;
        if let Err(error) = attached {
            refused.push(error.to_string());
        }
    }
    for (target, url) in &parts.links {
        if let Err(error) = evidence::attach_link(state, user, *target, url).await {
            refused.push(error.to_string());
        }
    }
    let input = report_save(period_id, &parts.fields);
    let outcome: SaveOutcome = app::realisasi::service::save(state, user, input.clone()).await?;
    // Why a file or link was refused is kept with the report for its owner
    // (never in the address, where anyone could write a message of their own).
    app::realisasi::service::note_refusals(state, user, outcome.report_id, &refused).await?;
    Ok(outcome_location(page, &input, &outcome))
}

/// The page again, saying what happened: saved, filed, or what filing still needs.
fn outcome_location(page: &str, input: &ReportSave, outcome: &SaveOutcome) -> String {
    // Asked to report but something is missing (also when it was filed before).
    let said = if input.file && (!outcome.filed || !outcome.problems.is_empty()) {
        "periksa=1"
    } else if input.file {
        "dilaporkan=1"
    } else {
        "tersimpan=1"
    };
    format!("{page}?{said}")
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[derive(Deserialize)]
pub struct UploadQuery {
    rhk: i64,
    iki: i64,
}

/// `POST /realisasi/{period}/bukti?rhk=&iki=`: one file, answered in plain text:
/// the stored file's id, or the refusal's message with its status (the island
/// reads it without a JSON parser in the browser's WASM).
pub async fn post_file(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Path(period_id): Path<i64>,
    Query(at): Query<UploadQuery>,
    mut multipart: Multipart,
) -> Response {
    let user = match allowed("post_evidence_file", &current) {
        Ok(user) => user,
        Err(error) => return plain_refusal(error),
    };
    let target = Target {
        period_id,
        rhk_id: at.rhk,
        index: at.iki,
    };
    let result = in_context(&state, parts, async {
        // Refuse before receiving anything when the period is closed or full.
        evidence::may_attach(&state, &user, target).await?;
        let max_bytes = u64::from(state.settings.upload_max_file_mb) * 1024 * 1024;
        while let Some(mut field) = multipart
            .next_field()
            .await
            .map_err(|e| AppError::invalid("berkas", e.body_text()))?
        {
            let Some(file_name) = field.file_name().map(evidence::clean_file_name) else {
                continue;
            };
            let (file, sha256) = match receive_file(&state, &mut field, &file_name, max_bytes).await
            {
                Ok(received) => received,
                Err(Receipt::TooLarge(message)) => {
                    return Err(AppError::invalid("berkas", message))
                }
                Err(Receipt::Failed(error)) => return Err(error),
            };
            return evidence::attach_file(&state, &user, target, &file_name, file.path(), &sha256)
                .await;
        }
        Err(AppError::invalid(
            "berkas",
            app::i18n::tr!(evidence_error_no_file),
        ))
    })
    .await;
    match result {
        Ok(id) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            id.to_string(),
        )
            .into_response(),
        Err(error) => plain_refusal(error),
    }
}

#[derive(Deserialize)]
pub struct OpenQuery {
    #[serde(default)]
    lihat: Option<String>,
}

/// `GET /bukti/{id}`.
pub async fn get_by_id(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Path(id): Path<i64>,
    Query(open): Query<OpenQuery>,
) -> Response {
    let user = match allowed("get_evidence_file", &current) {
        Ok(user) => user,
        Err(error) => return refusal(error),
    };
    let found = in_context(&state, parts, evidence::openable_by_id(&state, &user, id)).await;
    serve(&state, found, open.lihat.is_some()).await
}

/// `GET /bukti/sha256/{hash}`.
pub async fn get_by_hash(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Path(hash): Path<String>,
    Query(open): Query<OpenQuery>,
) -> Response {
    let user = match allowed("get_evidence_file", &current) {
        Ok(user) => user,
        Err(error) => return refusal(error),
    };
    if !app::realisasi::evidence::store::is_sha256_hex(&hash) {
        return refusal(AppError::NotFound);
    }
    let found = in_context(
        &state,
        parts,
        evidence::openable_by_hash(&state, &user, &hash),
    )
    .await;
    serve(&state, found, open.lihat.is_some()).await
}

/// `GET /admin/realisasi.csv`: everyone who must report in the period and unit
/// (the kabupaten without `unit`), with their status.
pub async fn get_monitor_csv(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Query(at): Query<MonitorQuery>,
) -> Response {
    use app::realisasi::monitor::{csv, service};
    let load = service::monitor(&state.db, at.periode, at.unit, true);
    monitor_csv(
        &state,
        &current,
        parts,
        "get_filing_monitor",
        load,
        csv::file_name,
        csv::to_csv,
    )
    .await
}

/// Nothing in a served file runs or reaches anything: no scripts, no plugins, no
/// requests, no forms; an image may show itself and a PDF its viewer.
const SANDBOX_POLICY: &str =
    "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

async fn serve(
    state: &AppState,
    found: Result<evidence::Openable, AppError>,
    inline: bool,
) -> Response {
    let file = match found {
        Ok(file) => file,
        Err(error) => return refusal(error),
    };
    let (size, stream) = match state.evidence_store.open(&file.sha256).await {
        Ok(opened) => opened,
        Err(error) => {
            tracing::error!(%error, sha256 = %file.sha256, "evidence object missing from the store");
            return refusal(AppError::NotFound);
        }
    };
    let name = evidence::download_name(&file.file_name, file.kind);
    let disposition = if inline && file.kind.previews_inline() {
        "inline"
    } else {
        "attachment"
    };
    let mut response = Response::new(Body::from_stream(stream));
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    };
    set(
        headers,
        header::CONTENT_TYPE,
        file.kind.media_type().to_owned(),
    );
    set(headers, header::CONTENT_LENGTH, size.to_string());
    set(
        headers,
        header::CONTENT_DISPOSITION,
        format!(
            "{disposition}; filename=\"{}\"; filename*=UTF-8''{}",
            ascii_name(&name),
            encode(&name)
        ),
    );
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        SANDBOX_POLICY.to_owned(),
    );
    set(
        headers,
        header::X_CONTENT_TYPE_OPTIONS,
        "nosniff".to_owned(),
    );
    set(
        headers,
        header::CACHE_CONTROL,
        // Never kept by the browser: a removed file or a lost reach must not
        // stay readable from a shared office computer's cache.
        "private, no-store".to_owned(),
    );
    set(headers, header::ETAG, format!("\"{}\"", file.sha256));
    response
}

/// The name with anything outside printable ASCII replaced, for old clients.
fn ascii_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_become_the_report() {
        let mut fields = BTreeMap::new();
        for (k, v) in [
            ("versi", "3"),
            ("intent", "lapor"),
            ("aksi-7", "Menyusun jadwal"),
            ("nilai-7-0", "118"),
            ("target-7-0", "120"),
            ("alasan-7-0", "Target dinaikkan"),
            ("uraian-7-1", "Survei selesai"),
            ("nilai-bogus", "x"),
        ] {
            fields.insert(k.to_owned(), v.to_owned());
        }
        let save = report_save(5, &fields);
        assert_eq!((save.period_id, save.base_version, save.file), (5, 3, true));
        assert_eq!(save.actions, vec![(7, "Menyusun jadwal".to_owned())]);
        assert_eq!(save.entries.len(), 2);
        assert_eq!(save.entries[0].value, "118");
        assert_eq!(save.entries[0].target, "120");
        assert_eq!(save.entries[0].target_reason, "Target dinaikkan");
        assert_eq!(save.entries[1].account, "Survei selesai");
    }

    #[test]
    fn names_reach_headers_safely() {
        assert_eq!(ascii_name("laporan é.pdf"), "laporan _.pdf");
        assert_eq!(encode("a b/é"), "a%20b%2F%C3%A9");
    }
}
