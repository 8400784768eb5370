//! The plan's workflow: submit, return or approve, and changes after approval
//! through a revision request the supervisor decides. Each step runs in one
//! transaction with a snapshot, an audit record and a notification.

use super::service::{conflict, first_problem, foreign_link, owner, rhk_of, supervisor, view};
use super::types::PlanVersionView;
use crate::audit::chain::{self, Change};
use crate::error::AppError;
use crate::identity::roles::SessionUser;
use crate::identity::types::Reach;
use crate::platform::db::{now_millis, Db};
use crate::platform::state::AppState;
use crate::skp::rules::{check_submission, next_status, Step};
use crate::skp::types::PlanStatus;
use serde_json::json;
use sqlx::{Any, Row, Transaction};

pub(super) async fn notify(
    tx: &mut Transaction<'_, Any>,
    employee_id: i64,
    kind: &str,
    text: String,
    link: String,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notifications (employee_id, kind, text, link, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(employee_id)
        .bind(kind)
        .bind(text)
        .bind(link)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// One step on a plan: its audit record and, when someone is to be told, the
/// notification (its kind is the action).
pub(super) struct Announcement {
    pub actor: i64,
    pub action: &'static str,
    pub plan_id: i64,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// Who is told, what, and where the link leads.
    pub tell: Option<(i64, String, String)>,
}

pub(super) async fn announce(
    tx: &mut Transaction<'_, Any>,
    db: &Db,
    step: Announcement,
    now: i64,
) -> Result<(), sqlx::Error> {
    if let Some((to, text, link)) = step.tell {
        notify(tx, to, step.action, text, link, now).await?;
    }
    chain::append(
        tx,
        db.backend(),
        Change::by(
            step.actor,
            step.action,
            "skp_plan",
            step.plan_id,
            step.before,
            step.after,
        ),
        now,
    )
    .await
}

/// The owner's supervisor today, told `text` with a link to the owner's plan.
async fn tell_supervisor(
    db: &Db,
    owner: &SessionUser,
    year: i64,
    text: String,
) -> Result<Option<(i64, String, String)>, AppError> {
    let link = format!("/skp/{year}/pegawai/{}", owner.employee_id());
    Ok(boss_id(db, owner.employee_id())
        .await?
        .map(|boss| (boss, text, link)))
}

/// One line of a plan's history.
pub(super) struct VersionEntry<'a> {
    pub version: i64,
    pub status: &'a str,
    pub note: Option<&'a str>,
    pub by: i64,
}

pub(super) async fn snapshot(
    tx: &mut Transaction<'_, Any>,
    db: &Db,
    plan_id: i64,
    entry: VersionEntry<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let content = json!({ "rhk": rhk_of(db, plan_id).await? });
    sqlx::query(
        "INSERT INTO skp_plan_versions (plan_id, version, status, content_json, note, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(plan_id)
    .bind(entry.version)
    .bind(entry.status)
    .bind(content.to_string())
    .bind(entry.note)
    .bind(entry.by)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Submits the owner's plan for approval.
pub async fn submit(
    state: &AppState,
    user: &SessionUser,
    year: i64,
    base_version: i64,
) -> Result<(), AppError> {
    let db = &state.db;
    let view = view(state, user, user.employee_id(), year).await?;
    let Some(plan_id) = view.plan_id else {
        return Err(AppError::invalid(
            "year",
            "Simpan SKP Anda dulu sebelum mengajukannya.",
        ));
    };
    if view.version != base_version {
        return Err(conflict(view.version));
    }
    if !view.can_edit {
        let status = view.status;
        next_status(status, Step::Submit).map_err(|m| AppError::invalid("status", m))?;
        return Err(AppError::invalid(
            "year",
            format!("Tahun kinerja {year} tidak terbuka."),
        ));
    }
    if let Some(reason) = &view.blocked_reason {
        return Err(AppError::invalid("rhk", reason.clone()));
    }
    first_problem(check_submission(&view.as_draft(), view.is_jpt))?;
    let supported: Vec<i64> = view.supervisor_rhk.iter().map(|r| r.id).collect();
    if let Some(i) = foreign_link(view.rhk.iter().map(|r| r.parent_rhk_id), &supported) {
        return Err(AppError::invalid(
            format!("rhk.{i}.parent_rhk_id"),
            "RHK atasan yang dipilih tidak lagi ada di SKP atasan yang disetujui; pilih ulang.",
        ));
    }
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    let updated = sqlx::query(
        "UPDATE skp_plans SET status = 'diajukan', submitted_at = $1, return_reason = NULL, version = version + 1, updated_at = $1 \
         WHERE id = $2 AND version = $3 AND status IN ('draf', 'dikembalikan')",
    )
    .bind(now)
    .bind(plan_id)
    .bind(base_version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(conflict(base_version + 1));
    }
    snapshot(
        &mut tx,
        db,
        plan_id,
        VersionEntry {
            version: base_version + 1,
            status: "diajukan",
            note: None,
            by: user.employee_id(),
        },
        now,
    )
    .await?;
    let tell = tell_supervisor(
        db,
        user,
        year,
        format!("{} mengajukan SKP tahun {year}.", view.employee_name),
    )
    .await?;
    announce(
        &mut tx,
        db,
        Announcement {
            actor: user.employee_id(),
            action: "skp.submitted",
            plan_id,
            before: Some(json!({ "status": view.status })),
            after: Some(json!({ "status": "diajukan" })),
            tell,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.plans_changed();
    Ok(())
}

pub async fn boss_id(db: &Db, employee_id: i64) -> Result<Option<i64>, AppError> {
    let owner = owner(db, employee_id).await?;
    Ok(match owner.parent_position {
        Some(position) => supervisor(db, position).await?.map(|(id, _)| id),
        None => None,
    })
}

/// The supervisor's decision on a submitted plan.
pub enum Decision {
    Approve,
    Return(String),
}

pub async fn review(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
    decision: Decision,
) -> Result<(), AppError> {
    let db = &state.db;
    let view = view(state, user, employee_id, year).await?;
    let Some(plan_id) = view.plan_id else {
        return Err(AppError::NotFound);
    };
    // Only the direct supervisor (or a PLT/PLH of that position) decides.
    if view.reach != Reach::Direct {
        return Err(AppError::Forbidden);
    }
    let current = view.status;
    let (step, new_status, note) = match &decision {
        Decision::Approve => (Step::Approve, "disetujui", None),
        Decision::Return(reason) => {
            let reason = written_reason(reason, "Tuliskan alasan pengembalian (sekurang-kurangnya 10 karakter) agar pegawai tahu apa yang harus diperbaiki.")?;
            (Step::Return, "dikembalikan", Some(reason))
        }
    };
    next_status(current, step).map_err(|m| AppError::invalid("status", m))?;
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    let updated = sqlx::query(
        "UPDATE skp_plans SET status = $1, return_reason = $2, approved_at = CASE WHEN $1 = 'disetujui' THEN $3 ELSE approved_at END, \
         approved_by = CASE WHEN $1 = 'disetujui' THEN $4 ELSE approved_by END, version = version + 1, updated_at = $3 \
         WHERE id = $5 AND status = 'diajukan'",
    )
    .bind(new_status)
    .bind(&note)
    .bind(now)
    .bind(user.employee_id())
    .bind(plan_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(conflict(view.version + 1));
    }
    snapshot(
        &mut tx,
        db,
        plan_id,
        VersionEntry {
            version: view.version + 1,
            status: new_status,
            note: note.as_deref(),
            by: user.employee_id(),
        },
        now,
    )
    .await?;
    let text = match &decision {
        Decision::Approve => format!("SKP tahun {year} Anda disetujui oleh {}.", user.viewer.name),
        Decision::Return(_) => format!(
            "SKP tahun {year} Anda dikembalikan oleh {} untuk diperbaiki.",
            user.viewer.name
        ),
    };
    announce(
        &mut tx,
        db,
        Announcement {
            actor: user.employee_id(),
            action: if new_status == "disetujui" {
                "skp.approved"
            } else {
                "skp.returned"
            },
            plan_id,
            before: Some(json!({ "status": view.status })),
            after: Some(json!({ "status": new_status, "reason": note })),
            tell: Some((employee_id, text, format!("/skp/{year}"))),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.plans_changed();
    Ok(())
}

/// The owner asks to change an approved plan; the supervisor decides.
pub async fn request_revision(
    state: &AppState,
    user: &SessionUser,
    year: i64,
    reason: &str,
) -> Result<(), AppError> {
    let db = &state.db;
    let view = view(state, user, user.employee_id(), year).await?;
    let Some(plan_id) = view.plan_id else {
        return Err(AppError::NotFound);
    };
    if view.revision_requested {
        return Err(AppError::invalid(
            "reason",
            "Permintaan revisi sudah diajukan; tunggu keputusan atasan.",
        ));
    }
    let current = view.status;
    next_status(current, Step::ReopenForRevision).map_err(|m| AppError::invalid("status", m))?;
    if !view.can_request_revision {
        return Err(AppError::invalid(
            "year",
            format!("Tahun kinerja {year} tidak terbuka."),
        ));
    }
    let reason = written_reason(
        reason,
        "Tuliskan apa yang ingin diubah dan mengapa (sekurang-kurangnya 10 karakter).",
    )?;
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    let updated = sqlx::query(
        "UPDATE skp_plans SET revision_requested_at = $1, revision_reason = $2, updated_at = $1 \
         WHERE id = $3 AND status = 'disetujui' AND revision_requested_at IS NULL",
    )
    .bind(now)
    .bind(&reason)
    .bind(plan_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(conflict(view.version));
    }
    let tell = tell_supervisor(
        db,
        user,
        year,
        format!("{} meminta revisi SKP tahun {year}.", view.employee_name),
    )
    .await?;
    announce(
        &mut tx,
        db,
        Announcement {
            actor: user.employee_id(),
            action: "skp.revision_requested",
            plan_id,
            before: None,
            after: Some(json!({ "reason": reason })),
            tell,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.plans_changed();
    Ok(())
}

fn written_reason(reason: &str, message: &str) -> Result<String, AppError> {
    let reason = reason.trim();
    if reason.chars().count() < 10 {
        return Err(AppError::invalid("reason", message));
    }
    if reason.chars().count() > 2000 {
        return Err(AppError::invalid(
            "reason",
            "Alasan terlalu panjang (paling banyak 2.000 karakter).",
        ));
    }
    Ok(reason.to_owned())
}

/// The supervisor grants (the plan becomes a draft again, its approved version
/// stays in the history) or refuses a revision request.
pub async fn decide_revision(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
    grant: bool,
) -> Result<(), AppError> {
    let db = &state.db;
    let view = view(state, user, employee_id, year).await?;
    let Some(plan_id) = view.plan_id else {
        return Err(AppError::NotFound);
    };
    if view.reach != Reach::Direct {
        return Err(AppError::Forbidden);
    }
    if !view.revision_requested {
        return Err(AppError::invalid(
            "decision",
            "Tidak ada permintaan revisi yang menunggu keputusan.",
        ));
    }
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    let sql = if grant {
        "UPDATE skp_plans SET status = 'draf', approved_at = NULL, approved_by = NULL, revision_requested_at = NULL, \
         revision_reason = NULL, version = version + 1, updated_at = $1 WHERE id = $2 AND status = 'disetujui' AND revision_requested_at IS NOT NULL"
    } else {
        "UPDATE skp_plans SET revision_requested_at = NULL, revision_reason = NULL, updated_at = $1 \
         WHERE id = $2 AND revision_requested_at IS NOT NULL"
    };
    let updated = sqlx::query(sql)
        .bind(now)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if updated == 0 {
        return Err(conflict(view.version));
    }
    let reason = view.revision_reason.clone().unwrap_or_default();
    if grant {
        snapshot(
            &mut tx,
            db,
            plan_id,
            VersionEntry {
                version: view.version + 1,
                status: PlanStatus::Draft.code(),
                note: Some(&format!("Revisi disetujui: {reason}")),
                by: user.employee_id(),
            },
            now,
        )
        .await?;
    }
    let (action, text) = if grant {
        (
            "skp.revision_granted",
            format!(
                "Permintaan revisi SKP tahun {year} disetujui oleh {}; SKP kembali menjadi draf.",
                user.viewer.name
            ),
        )
    } else {
        (
            "skp.revision_refused",
            format!("Permintaan revisi SKP tahun {year} tidak disetujui oleh {}; SKP yang disetujui tetap berlaku.", user.viewer.name),
        )
    };
    announce(
        &mut tx,
        db,
        Announcement {
            actor: user.employee_id(),
            action,
            plan_id,
            before: Some(json!({ "status": view.status, "revision_reason": reason })),
            after: Some(json!({ "status": if grant { "draf" } else { "disetujui" } })),
            tell: Some((employee_id, text, format!("/skp/{year}"))),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.plans_changed();
    Ok(())
}

/// The plan's snapshots, newest first.
pub async fn history(db: &Db, plan_id: i64) -> Result<Vec<PlanVersionView>, AppError> {
    let rows = sqlx::query(
        "SELECT v.version, v.status, v.note, e.name, v.created_at, v.content_json FROM skp_plan_versions v \
         LEFT JOIN employees e ON e.id = v.created_by WHERE v.plan_id = $1 ORDER BY v.id DESC",
    )
    .bind(plan_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let content: serde_json::Value =
                serde_json::from_str(&r.try_get::<String, _>(5)?).unwrap_or_default();
            Ok(PlanVersionView {
                version: r.try_get(0)?,
                status: r.try_get(1)?,
                note: r.try_get(2)?,
                by_name: r.try_get(3)?,
                at_millis: r.try_get(4)?,
                rhk: serde_json::from_value(content["rhk"].clone()).unwrap_or_default(),
            })
        })
        .collect()
}
