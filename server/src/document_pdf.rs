//! The official documents as PDF, typeset by Typst from the same data as their
//! printable pages, for whoever may read them (each route's rule in the
//! authorisation table, then reach):
//! - `GET /skp/{year}/pegawai/{id}/dokumen.pdf`: the SKP;
//! - `GET /skp/{year}/pegawai/{id}/penilaian/{period}/dokumen.pdf`: the
//!   Dokumen Evaluasi Kinerja Pegawai.

use crate::route_support::allowed;
use app::error::AppError;
use app::identity::guard::CurrentUser;
use app::platform::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

const SKP_TEMPLATE: &str = include_str!("../../documents/templates/skp.typ");
const EVALUATION_TEMPLATE: &str = include_str!("../../documents/templates/evaluasi.typ");

/// Typesetting is CPU work: at most two at a time, the rest wait their turn.
static RENDERS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));

pub async fn skp_pdf(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((year, employee_id)): Path<(i64, i64)>,
) -> Response {
    let page = format!("/skp/{year}/pegawai/{employee_id}/dokumen");
    let user = match allowed("get_skp_document", &current) {
        Ok(user) => user,
        Err(error) => return refusal(error, &page, ""),
    };
    match app::skp::document::service::document(&state, &user, employee_id, year).await {
        Ok(document) => render(SKP_TEMPLATE, &document, &document.file_name()).await,
        Err(error) => refusal(error, &page, "SKP ini belum ada."),
    }
}

pub async fn evaluation_pdf(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((year, employee_id, period_id)): Path<(i64, i64, i64)>,
) -> Response {
    let page = format!("/skp/{year}/pegawai/{employee_id}/penilaian/{period_id}/dokumen");
    let user = match allowed("get_evaluation_document", &current) {
        Ok(user) => user,
        Err(error) => return refusal(error, &page, ""),
    };
    let found =
        app::penilaian::document::service::document(&state, &user, employee_id, period_id).await;
    match found {
        Ok(document) if document.year == year => {
            render(EVALUATION_TEMPLATE, &document, &document.file_name()).await
        }
        Ok(_) => refusal(AppError::NotFound, &page, "Penilaian ini belum ada."),
        Err(error) => refusal(error, &page, "Penilaian ini belum ada."),
    }
}

/// The document's data through its template, as a PDF download.
async fn render(
    template: &'static str,
    document: &impl serde::Serialize,
    file_name: &str,
) -> Response {
    let data = match serde_json::to_string(document) {
        Ok(data) => data,
        Err(error) => return failure(error.to_string()),
    };
    let Ok(_turn) = RENDERS.acquire().await else {
        return failure("render queue closed".into());
    };
    let rendered =
        tokio::task::spawn_blocking(move || sikap_documents::render_pdf(template, &data)).await;
    match rendered {
        Ok(Ok(pdf)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file_name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            pdf,
        )
            .into_response(),
        Ok(Err(error)) => failure(error.to_string()),
        Err(error) => failure(error.to_string()),
    }
}

/// Signed out: to the log-in page, back to the document's page after it. Else
/// the reason in words (`missing` for a document that does not exist).
fn refusal(error: AppError, page: &str, missing: &str) -> Response {
    if error == AppError::Unauthenticated {
        return Redirect::to(&format!("/masuk?next={page}")).into_response();
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = match error {
        AppError::NotFound if !missing.is_empty() => missing.to_owned(),
        other => other.to_string(),
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

fn failure(detail: String) -> Response {
    tracing::error!(%detail, "a PDF document could not be rendered");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Dokumen PDF tidak dapat dibuat. Coba lagi; bila berulang, hubungi admin BKPSDM.",
    )
        .into_response()
}
