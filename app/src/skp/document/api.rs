//! The SKP document as data (the printable page renders it; the PDF route in
//! the server crate gives the same data to the Typst template).

use super::types::SkpDocument;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_skp_document")]
pub async fn get_skp_document(employee_id: i64, year: i64) -> Result<SkpDocument, AppError> {
    let user = crate::identity::guard::require("get_skp_document")?;
    let state = crate::platform::state::app_state()?;
    super::service::document(&state, &user, employee_id, year).await
}
