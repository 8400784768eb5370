//! Ekspektasi khusus pimpinan: the supervisor's free-text expectation per
//! BerAKHLAK value, written on the subordinate's plan until it is approved.

use super::service::view;
use super::types::ExpectationText;
use super::workflow::{announce, Announcement};
use crate::error::AppError;
use crate::identity::roles::SessionUser;
use crate::identity::types::Reach;
use crate::platform::db::{now_millis, Db};
use crate::platform::state::AppState;
use crate::skp::berakhlak::CoreValue;
use serde_json::json;
use sqlx::Row;

/// Longest expectation text, in characters.
pub const MAX_EXPECTATION_CHARS: usize = 1000;

/// The expectations written on a plan, in BerAKHLAK order.
pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<ExpectationText>, sqlx::Error> {
    let rows = sqlx::query("SELECT core_value, text FROM skp_expectations WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_all(db.pool())
        .await?;
    let mut found: Vec<(CoreValue, String)> = rows
        .iter()
        .filter_map(|r| {
            let code: String = r.try_get(0).ok()?;
            Some((CoreValue::from_code(&code)?, r.try_get(1).ok()?))
        })
        .collect();
    found.sort_by_key(|(value, _)| *value);
    Ok(found
        .into_iter()
        .map(|(value, text)| ExpectationText {
            value: value.code().to_owned(),
            text,
        })
        .collect())
}

/// Replaces the expectations on `employee_id`'s plan: an empty text removes one.
pub async fn save(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
    texts: Vec<(CoreValue, String)>,
) -> Result<(), AppError> {
    let db = &state.db;
    let plan = view(state, user, employee_id, year).await?;
    if plan.reach != Reach::Direct {
        return Err(AppError::Forbidden);
    }
    let Some(plan_id) = plan.plan_id else {
        return Err(AppError::invalid(
            "year",
            format!("{} belum menyusun SKP tahun {year}.", plan.employee_name),
        ));
    };
    if !plan.can_write_expectations {
        return Err(AppError::invalid(
            "status",
            "SKP sudah disetujui dan terkunci; ekspektasi dapat diubah melalui revisi SKP.",
        ));
    }
    for (value, text) in &texts {
        if text.trim().chars().count() > MAX_EXPECTATION_CHARS {
            return Err(AppError::invalid(
                format!("expectation.{}", value.code()),
                format!(
                    "Ekspektasi untuk {} terlalu panjang (paling banyak {MAX_EXPECTATION_CHARS} karakter).",
                    value.name()
                ),
            ));
        }
    }
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM skp_expectations WHERE plan_id = $1")
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
    let mut written = Vec::new();
    for (value, text) in texts.iter().filter(|(_, t)| !t.trim().is_empty()) {
        sqlx::query(
            "INSERT INTO skp_expectations (plan_id, core_value, text, written_by, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(plan_id)
        .bind(value.code())
        .bind(text.trim())
        .bind(user.employee_id())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        written.push(value.code());
    }
    announce(
        &mut tx,
        db,
        Announcement {
            actor: user.employee_id(),
            action: "skp.expectations_saved",
            plan_id,
            before: None,
            after: Some(json!({ "values": written })),
            tell: Some((
                employee_id,
                format!(
                    "{} menuliskan ekspektasi perilaku kerja pada SKP tahun {year} Anda.",
                    user.viewer.name
                ),
                format!("/skp/{year}"),
            )),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
