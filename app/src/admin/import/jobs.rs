//! Background import jobs: progress in memory on the instance that runs the job,
//! the outcome in `import_jobs` for every instance. The one-time passwords of new
//! accounts are handed to the admin who started the import once, then erased.

use super::service::{apply, ImportPlan};
use super::types::{ImportJob, ImportResult, JobStatus};
use crate::error::AppError;
use crate::identity::roles::SessionUser;
use crate::platform::db::now_millis;
use crate::platform::secrets::random_token;
use crate::platform::state::AppState;
use sqlx::Row;
use std::sync::Arc;

pub async fn start(
    state: &AppState,
    user: Arc<SessionUser>,
    plan: ImportPlan,
) -> Result<ImportJob, AppError> {
    let id = random_token()[..32].to_owned();
    let total = plan.rows.len() + plan.new_positions.len();
    let now = now_millis();
    sqlx::query(
        "INSERT INTO import_jobs (id, created_by, status, done, total, created_at, updated_at) \
         VALUES ($1, $2, 'running', 0, $3, $4, $4)",
    )
    .bind(&id)
    .bind(user.employee_id())
    .bind(total as i64)
    .bind(now)
    .execute(state.db.pool())
    .await?;
    state.import_progress.set(&id, 0, total);
    let job_state = state.clone();
    let job_id = id.clone();
    tokio::spawn(async move {
        let progress = job_state.import_progress.clone();
        let progress_id = job_id.clone();
        let outcome = apply(&job_state.db, &user, plan, move |done, total| {
            progress.set(&progress_id, done, total)
        })
        .await;
        let (status, result_json) = match &outcome {
            Ok(result) => ("done", serde_json::to_string(result).unwrap_or_default()),
            Err(error) => {
                tracing::error!(job = %job_id, %error, "import failed");
                ("failed", String::new())
            }
        };
        let saved = sqlx::query(
            "UPDATE import_jobs SET status = $1, done = total, result_json = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(status)
        .bind(result_json)
        .bind(now_millis())
        .bind(&job_id)
        .execute(job_state.db.pool())
        .await;
        if let Err(error) = saved {
            tracing::error!(job = %job_id, %error, "import outcome not saved");
        }
        job_state.import_progress.remove(&job_id);
        if outcome.is_ok() {
            job_state.public_data_changed();
        }
    });
    Ok(ImportJob {
        id,
        status: JobStatus::Running,
        done: 0,
        total,
        result: None,
        failure: None,
    })
}

pub async fn read(state: &AppState, user: &SessionUser, id: &str) -> Result<ImportJob, AppError> {
    let row = sqlx::query(
        "SELECT created_by, status, done, total, result_json FROM import_jobs WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(state.db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    let created_by: i64 = row.try_get(0)?;
    let status: String = row.try_get(1)?;
    let total = row.try_get::<i64, _>(3)? as usize;
    if status == "running" {
        // Live progress when this instance runs the job; otherwise only "running".
        let (done, total) = state.import_progress.get(id).unwrap_or((0, total));
        return Ok(ImportJob {
            id: id.to_owned(),
            status: JobStatus::Running,
            done,
            total,
            result: None,
            failure: None,
        });
    }
    if status == "failed" {
        return Ok(ImportJob {
            id: id.to_owned(),
            status: JobStatus::Failed,
            done: 0,
            total,
            result: None,
            failure: Some(
                "Impor gagal dan tidak ada data yang berubah. Lihat log server untuk penyebabnya."
                    .into(),
            ),
        });
    }
    let text: Option<String> = row.try_get(4)?;
    let mut result: ImportResult = text
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .ok_or_else(|| AppError::internal("import job", "result missing"))?;
    if created_by == user.employee_id() {
        if !result.issued_passwords.is_empty() {
            let mut erased = result.clone();
            erased.issued_passwords.clear();
            sqlx::query("UPDATE import_jobs SET result_json = $1 WHERE id = $2")
                .bind(serde_json::to_string(&erased).unwrap_or_default())
                .bind(id)
                .execute(state.db.pool())
                .await?;
        }
    } else {
        result.issued_passwords.clear();
    }
    Ok(ImportJob {
        id: id.to_owned(),
        status: JobStatus::Done,
        done: total,
        total,
        result: Some(result),
        failure: None,
    })
}
