//! Background import jobs: progress in memory on the instance that runs the job,
//! the outcome in `import_jobs` for every instance. The one-time passwords of new
//! accounts are handed to the admin who started the import once, then erased.

use super::repository as repo;
use super::service::{apply, ImportPlan};
use super::types::{ImportJob, ImportResult, JobStatus};
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::platform::db::now_millis;
use crate::platform::secrets::random_token;
use crate::platform::state::AppState;
use std::sync::Arc;

pub async fn start(
    state: &AppState,
    user: Arc<SessionUser>,
    plan: ImportPlan,
) -> Result<ImportJob, AppError> {
    let id = random_token()[..32].to_owned();
    let total = plan.rows.len() + plan.new_positions.len();
    let now = now_millis();
    let mut tx = state.db.write().await?;
    repo::insert_job(&mut tx, &id, user.employee_id(), total as i64, now).await?;
    tx.commit().await?;
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
            Ok(result) => (
                JobStatus::Done,
                serde_json::to_string(result).unwrap_or_default(),
            ),
            Err(error) => {
                tracing::error!(job = %job_id, %error, "import failed");
                (JobStatus::Failed, String::new())
            }
        };
        let saved = async {
            let mut tx = job_state.db.write().await?;
            repo::finish_job(&mut tx, &job_id, status, &result_json, now_millis()).await?;
            tx.commit().await
        }
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
    let job = repo::find_job(&mut *state.db.read().await?, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let total = job.total as usize;
    let status = job.status();
    if status == Some(JobStatus::Running) {
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
    if status == Some(JobStatus::Failed) {
        return Ok(ImportJob {
            id: id.to_owned(),
            status: JobStatus::Failed,
            done: 0,
            total,
            result: None,
            failure: Some(tr!(import_failed)),
        });
    }
    let mut result: ImportResult = job
        .result_json
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .ok_or_else(|| AppError::internal("import job", "result missing"))?;
    if job.created_by == user.employee_id() {
        if !result.issued_passwords.is_empty() {
            let mut erased = result.clone();
            erased.issued_passwords.clear();
            let erased = serde_json::to_string(&erased).unwrap_or_default();
            let mut tx = state.db.write().await?;
            repo::replace_result(&mut tx, id, &erased).await?;
            tx.commit().await?;
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
