//! The evaluation document as data (the printable page renders it; the PDF
//! route in the server crate gives the same data to the Typst template).

use super::types::EvaluationDocument;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "get_evaluation_document")]
pub async fn get_evaluation_document(
    employee_id: i64,
    period_id: i64,
) -> Result<EvaluationDocument, AppError> {
    let user = crate::identity::guard::require("get_evaluation_document")?;
    let state = crate::platform::state::app_state()?;
    super::service::document(&state, &user, employee_id, period_id).await
}
