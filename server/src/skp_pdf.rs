//! `GET /skp/{year}/pegawai/{id}/dokumen.pdf`: the SKP document as a PDF, typeset
//! by Typst from the same data as the printable page, for whoever may read the
//! plan (the `get_skp_document` rule of the authorisation table, then reach).

use app::error::AppError;
use app::identity::guard::{check, CurrentUser};
use app::platform::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

const TEMPLATE: &str = include_str!("../../documents/templates/skp.typ");

/// Typesetting is CPU work: at most two at a time, the rest wait their turn.
static RENDERS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));

pub async fn skp_pdf(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((year, employee_id)): Path<(i64, i64)>,
) -> Response {
    let user = current.0;
    if let Err(error) = check("get_skp_document", user.as_deref()) {
        return refusal(error, year, employee_id);
    }
    let Some(user) = user else {
        return refusal(AppError::Unauthenticated, year, employee_id);
    };
    let document =
        match app::skp::document::service::document(&state, &user, employee_id, year).await {
            Ok(document) => document,
            Err(error) => return refusal(error, year, employee_id),
        };
    let file_name = document.file_name();
    let data = match serde_json::to_string(&document) {
        Ok(data) => data,
        Err(error) => return failure(error.to_string()),
    };
    let Ok(_turn) = RENDERS.acquire().await else {
        return failure("render queue closed".into());
    };
    let rendered =
        tokio::task::spawn_blocking(move || sikap_documents::render_pdf(TEMPLATE, &data)).await;
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

fn refusal(error: AppError, year: i64, employee_id: i64) -> Response {
    if error == AppError::Unauthenticated {
        let next = format!("/skp/{year}/pegawai/{employee_id}/dokumen");
        return Redirect::to(&format!("/masuk?next={next}")).into_response();
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = match error {
        AppError::NotFound => "SKP ini belum ada.".to_owned(),
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
    tracing::error!(%detail, "SKP PDF could not be rendered");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Dokumen PDF tidak dapat dibuat. Coba lagi; bila berulang, hubungi admin BKPSDM.",
    )
        .into_response()
}
