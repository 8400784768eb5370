//! Import server functions: the dry run, the background apply, and its progress.

use super::types::{ImportJob, ImportPreview, ImportStart};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
mod upload {
    use crate::admin::import::types::ImportError;
    use crate::i18n::tr;
    use leptos::server_fn::codec::MultipartData;

    /// Reads the `file` field, refusing it as soon as it passes `max_bytes`.
    pub async fn read_file(data: MultipartData, max_bytes: usize) -> Result<Vec<u8>, ImportError> {
        let Some(mut data) = data.into_inner() else {
            return Err(ImportError::new(0, "berkas", tr!(import_error_unreadable)));
        };
        let unreadable = |e: &dyn std::fmt::Display| {
            ImportError::new(
                0,
                "berkas",
                tr!(import_error_unreadable_because, { "cause" => e }),
            )
        };
        let mut bytes = Vec::new();
        let mut found = false;
        while let Some(mut field) = data.next_field().await.map_err(|e| unreadable(&e))? {
            if field.name() != Some("file") {
                continue;
            }
            found = true;
            while let Some(chunk) = field.chunk().await.map_err(|e| unreadable(&e))? {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > max_bytes {
                    return Err(ImportError::new(
                        0,
                        "berkas",
                        tr!(import_error_too_big, { "mb" => max_bytes / (1024 * 1024) }),
                    ));
                }
            }
        }
        if !found || bytes.is_empty() {
            return Err(ImportError::new(0, "berkas", tr!(import_error_no_file)));
        }
        Ok(bytes)
    }
}

#[cfg(feature = "ssr")]
async fn plan_upload(
    state: &crate::platform::state::AppState,
    data: MultipartData,
) -> Result<super::service::ImportPlan, AppError> {
    let max = state.settings.upload_max_file_mb as usize * 1024 * 1024;
    match upload::read_file(data, max).await {
        Ok(bytes) => Ok(super::service::plan(&state.db, &bytes).await?),
        Err(error) => Ok(super::service::ImportPlan {
            preview: ImportPreview {
                rows: 0,
                new: 0,
                updated: 0,
                unchanged: 0,
                new_positions: 0,
                errors: vec![error],
                error_count: 1,
                changes: Vec::new(),
            },
            rows: Vec::new(),
            new_positions: Vec::new(),
        }),
    }
}

/// The dry run: what the file would change, or every error in it. Writes nothing.
#[server(input = MultipartFormData, prefix = "/api", endpoint = "preview_import")]
pub async fn preview_import(data: MultipartData) -> Result<ImportPreview, AppError> {
    crate::identity::guard::require("preview_import")?;
    let state = crate::platform::state::app_state()?;
    Ok(plan_upload(&state, data).await?.preview)
}

/// Checks the file again (never trusting an earlier preview) and, when it has no
/// errors, applies it in the background in one transaction.
#[server(input = MultipartFormData, prefix = "/api", endpoint = "start_import")]
pub async fn start_import(data: MultipartData) -> Result<ImportStart, AppError> {
    let user = crate::identity::guard::require("start_import")?;
    let state = crate::platform::state::app_state()?;
    let plan = plan_upload(&state, data).await?;
    if plan.preview.error_count > 0 {
        return Ok(ImportStart::Refused(plan.preview));
    }
    let job = super::jobs::start(&state, user, plan).await?;
    Ok(ImportStart::Started(job))
}

#[server(prefix = "/api", endpoint = "get_import_job")]
pub async fn get_import_job(id: String) -> Result<ImportJob, AppError> {
    let user = crate::identity::guard::require("get_import_job")?;
    let state = crate::platform::state::app_state()?;
    super::jobs::read(&state, &user, &id).await
}
