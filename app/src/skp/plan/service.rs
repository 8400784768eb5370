//! The plan's life on the server: reading within reach, saving drafts without
//! silent overwrites, submitting, returning and approving. Every step runs in one
//! transaction with its audit record; transitions notify the other party.

use super::types::{PlanSave, PlanView, RhkOption, RhkView, TeamPlans};
use crate::audit::chain::{self, Change};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::identity::roles::{reach, SessionUser};
use crate::identity::types::Reach;
use crate::platform::db::{now_millis, Db};
use crate::platform::state::AppState;
use crate::skp::rules::{check_draft, next_status, parse_target, Step};
use crate::skp::types::{IkiDraft, Lampiran, PlanStatus};
use serde_json::json;
use sqlx::{Any, Row, Transaction};

pub(super) struct Owner {
    pub name: String,
    pub position_title: Option<String>,
    pub is_jpt: bool,
    pub parent_position: Option<i64>,
    pub unit_id: Option<i64>,
}

pub(super) async fn owner(db: &Db, employee_id: i64) -> Result<Owner, AppError> {
    let row = sqlx::query(
        "SELECT e.name, p.title, p.kind, p.parent_id, p.unit_id FROM employees e \
         LEFT JOIN positions p ON p.id = e.position_id WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    let kind: Option<String> = row.try_get(2)?;
    Ok(Owner {
        name: row.try_get(0)?,
        position_title: row.try_get(1)?,
        is_jpt: matches!(kind.as_deref(), Some("jpt" | "kepala_daerah")),
        parent_position: row.try_get(3)?,
        unit_id: row.try_get(4)?,
    })
}

/// Who supervises a position today: its holder, else an acting official.
pub(super) async fn supervisor(
    db: &Db,
    position: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let today = CivilDate::wib_from_millis(now_millis()).to_iso();
    let row = sqlx::query(
        "SELECT id, name, 0 FROM employees WHERE position_id = $1 AND active = 1 \
         UNION ALL \
         SELECT e.id, e.name, 1 FROM acting_assignments a JOIN employees e ON e.id = a.employee_id \
         WHERE a.position_id = $1 AND a.revoked_at IS NULL AND a.starts_on <= $2 AND a.ends_on >= $2 \
         ORDER BY 3, 1 LIMIT 1",
    )
    .bind(position)
    .bind(today)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// The RHK of `employee_id`'s approved plan for `year`.
async fn approved_rhk(db: &Db, employee_id: i64, year: i64) -> Result<Vec<RhkOption>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.id, r.text FROM skp_rhk r JOIN skp_plans p ON p.id = r.plan_id \
         WHERE p.employee_id = $1 AND p.year = $2 AND p.status = 'disetujui' ORDER BY r.sort_order",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RhkOption {
                id: r.try_get(0)?,
                text: r.try_get(1)?,
            })
        })
        .collect()
}

pub(super) async fn year_is_open(db: &Db, year: i64) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query("SELECT status FROM performance_years WHERE year = $1")
        .bind(year)
        .fetch_optional(db.pool())
        .await?
        .map(|r| r.try_get::<String, _>(0).map(|s| s == "open"))
        .transpose()
}

/// The plan of `employee_id` for `year` as `user` may see it.
pub async fn view(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
) -> Result<PlanView, AppError> {
    let db = &state.db;
    let Some(reach) = reach(&mut *db.read().await?, user, employee_id).await? else {
        return Err(AppError::Forbidden);
    };
    let owner = owner(db, employee_id).await?;
    let boss = match owner.parent_position {
        Some(position) => supervisor(db, position).await?,
        None => None,
    };
    let supervisor_rhk = match &boss {
        Some((id, _)) if !owner.is_jpt => approved_rhk(db, *id, year).await?,
        _ => Vec::new(),
    };
    let blocked_reason = match (&boss, owner.is_jpt) {
        (_, true) => None,
        (None, false) => Some("Jabatan atasan Anda sedang kosong tanpa Plt./Plh.; hubungi admin BKPSDM.".to_owned()),
        (Some((_, name)), false) if supervisor_rhk.is_empty() => Some(format!(
            "SKP atasan ({name}) tahun {year} belum disetujui, sehingga belum ada RHK atasan untuk didukung. SKP dapat disusun sebagai draf dan diajukan setelah SKP atasan disetujui."
        )),
        _ => None,
    };
    let stored = stored_plan(db, employee_id, year).await?;
    let plan_id = stored.as_ref().map(|p| p.id);
    let status = stored.as_ref().map_or(PlanStatus::Draft, |p| p.status);
    let (rhk, expectations, history) = match plan_id {
        Some(id) => (
            rhk_of(db, id).await?,
            super::expectations::of_plan(db, id).await?,
            super::workflow::history(db, id).await?,
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let open = year_is_open(db, year).await?.unwrap_or(false);
    let current = Some(status);
    let revision_requested = stored.as_ref().is_some_and(|p| p.revision_reason.is_some());
    let direct = reach == Reach::Direct;
    Ok(PlanView {
        plan_id,
        employee_id,
        employee_name: owner.name,
        position_title: owner.position_title,
        unit_id: owner.unit_id,
        year,
        status,
        version: stored.as_ref().map_or(0, |p| p.version),
        approach: stored
            .as_ref()
            .map_or_else(|| "kuantitatif".to_owned(), |p| p.approach.clone()),
        is_jpt: owner.is_jpt,
        rhk,
        lampiran: stored
            .as_ref()
            .map(|p| p.lampiran.clone())
            .unwrap_or_default(),
        return_reason: stored.as_ref().and_then(|p| p.return_reason.clone()),
        revision_reason: stored.as_ref().and_then(|p| p.revision_reason.clone()),
        revision_requested,
        expectations,
        history,
        supervisor_rhk,
        supervisor_name: boss.map(|(_, name)| name),
        blocked_reason,
        reach,
        can_edit: reach == Reach::Own
            && open
            && matches!(current, Some(PlanStatus::Draft | PlanStatus::Returned)),
        can_review: direct && current == Some(PlanStatus::Submitted),
        can_decide_revision: direct && revision_requested,
        can_write_expectations: direct
            && open
            && plan_id.is_some()
            && current != Some(PlanStatus::Approved),
        can_request_revision: reach == Reach::Own
            && open
            && current == Some(PlanStatus::Approved)
            && !revision_requested,
    })
}

/// The stored plan row of an employee and year.
struct StoredPlan {
    id: i64,
    status: PlanStatus,
    version: i64,
    approach: String,
    lampiran: Lampiran,
    return_reason: Option<String>,
    revision_reason: Option<String>,
}

async fn stored_plan(db: &Db, employee_id: i64, year: i64) -> Result<Option<StoredPlan>, AppError> {
    let row = sqlx::query(
        "SELECT id, status, version, approach, lampiran_json, return_reason, revision_reason \
         FROM skp_plans WHERE employee_id = $1 AND year = $2",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_optional(db.pool())
    .await?;
    let Some(p) = row else { return Ok(None) };
    Ok(Some(StoredPlan {
        id: p.try_get(0)?,
        status: p.try_get(1)?,
        version: p.try_get(2)?,
        approach: p.try_get(3)?,
        lampiran: serde_json::from_str(&p.try_get::<String, _>(4)?).unwrap_or_default(),
        return_reason: p.try_get(5)?,
        revision_reason: p.try_get(6)?,
    }))
}

pub(super) async fn rhk_of(db: &Db, plan_id: i64) -> Result<Vec<RhkView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.id, r.kind, r.text, r.parent_rhk_id, pr.text, r.perspektif FROM skp_rhk r \
         LEFT JOIN skp_rhk pr ON pr.id = r.parent_rhk_id WHERE r.plan_id = $1 ORDER BY r.sort_order",
    )
    .bind(plan_id)
    .fetch_all(db.pool())
    .await?;
    let iki = sqlx::query(
        "SELECT i.rhk_id, i.aspek, i.indicator, i.target, i.satuan FROM skp_iki i \
         JOIN skp_rhk r ON r.id = i.rhk_id WHERE r.plan_id = $1 ORDER BY i.rhk_id, i.sort_order",
    )
    .bind(plan_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            Ok(RhkView {
                id,
                kind: r.try_get(1)?,
                text: r.try_get(2)?,
                parent_rhk_id: r.try_get(3)?,
                parent_text: r.try_get(4)?,
                perspektif: r.try_get(5)?,
                iki: iki
                    .iter()
                    .filter(|i| i.try_get::<i64, _>(0).ok() == Some(id))
                    .map(|i| {
                        Ok(IkiDraft {
                            aspek: i.try_get(1)?,
                            indicator: i.try_get(2)?,
                            target: i.try_get(3)?,
                            satuan: i.try_get(4)?,
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()?,
            })
        })
        .collect()
}

/// The first RHK that supports an RHK outside `allowed` (the supervisor's approved plan).
pub(super) fn foreign_link(
    parents: impl Iterator<Item = Option<i64>>,
    allowed: &[i64],
) -> Option<usize> {
    parents
        .enumerate()
        .find(|(_, parent)| parent.is_some_and(|p| !allowed.contains(&p)))
        .map(|(i, _)| i)
}

pub(super) fn first_problem(problems: Vec<crate::skp::types::Problem>) -> Result<(), AppError> {
    match problems.into_iter().next() {
        Some(p) => Err(AppError::invalid(p.field, p.message)),
        None => Ok(()),
    }
}

pub(super) fn conflict(version: i64) -> AppError {
    AppError::Conflict {
        message: "SKP ini sudah diubah di tempat lain sejak Anda membukanya. Muat ulang untuk melihat versi terbaru; perubahan Anda belum disimpan.".into(),
        version,
    }
}

/// Saves the owner's draft; returns the new version.
pub async fn save(state: &AppState, user: &SessionUser, input: PlanSave) -> Result<i64, AppError> {
    let db = &state.db;
    let employee_id = user.employee_id();
    let owner = owner(db, employee_id).await?;
    match year_is_open(db, input.year).await? {
        None => {
            return Err(AppError::invalid(
                "year",
                format!(
                    "Tahun kinerja {} belum dibuka oleh admin BKPSDM.",
                    input.year
                ),
            ))
        }
        Some(false) => {
            return Err(AppError::invalid(
                "year",
                format!("Tahun kinerja {} sudah ditutup.", input.year),
            ))
        }
        Some(true) => {}
    }
    first_problem(check_draft(&input.as_draft(), owner.is_jpt))?;
    // A supported RHK must come from the supervisor's approved plan of this year.
    let boss = match owner.parent_position {
        Some(position) if !owner.is_jpt => supervisor(db, position).await?,
        _ => None,
    };
    let allowed: Vec<i64> = match &boss {
        Some((boss, _)) => approved_rhk(db, *boss, input.year)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect(),
        None => Vec::new(),
    };
    for (i, rhk) in input.rhk.iter().enumerate() {
        if owner.is_jpt && rhk.parent_rhk_id.is_some() {
            return Err(AppError::invalid(
                format!("rhk.{i}.parent_rhk_id"),
                "SKP JPT memakai perspektif, bukan RHK atasan.",
            ));
        }
    }
    if let Some(i) = foreign_link(input.rhk.iter().map(|r| r.parent_rhk_id), &allowed) {
        return Err(AppError::invalid(
            format!("rhk.{i}.parent_rhk_id"),
            "RHK atasan yang dipilih bukan dari SKP atasan tahun ini yang sudah disetujui.",
        ));
    }
    let now = now_millis();
    let mut tx = db.pool().begin().await?;
    let current = sqlx::query(
        "SELECT id, status, version FROM skp_plans WHERE employee_id = $1 AND year = $2",
    )
    .bind(employee_id)
    .bind(input.year)
    .fetch_optional(&mut *tx)
    .await?;
    let lampiran = serde_json::to_string(&input.lampiran).unwrap_or_else(|_| "{}".into());
    let (plan_id, version, action) = match current {
        None if input.base_version == 0 => {
            let id: i64 = sqlx::query(
                "INSERT INTO skp_plans (employee_id, year, position_id, approach, status, version, lampiran_json, created_at, updated_at) \
                 SELECT id, $1, position_id, $2, 'draf', 1, $3, $4, $4 FROM employees WHERE id = $5 RETURNING id",
            )
            .bind(input.year)
            .bind(&input.approach)
            .bind(&lampiran)
            .bind(now)
            .bind(employee_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            (id, 1, "skp.created")
        }
        None => return Err(conflict(0)),
        Some(row) => {
            let (id, status, version): (i64, String, i64) =
                (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            if input.base_version == 0 {
                return Err(AppError::invalid(
                    "year",
                    format!(
                        "Anda sudah memiliki SKP tahun {}; buka SKP itu untuk mengubahnya.",
                        input.year
                    ),
                ));
            }
            if version != input.base_version {
                return Err(conflict(version));
            }
            let status = PlanStatus::from_code(&status).unwrap_or(PlanStatus::Draft);
            next_status(status, Step::Edit).map_err(|m| AppError::invalid("status", m))?;
            let updated = sqlx::query(
                "UPDATE skp_plans SET approach = $1, lampiran_json = $2, version = version + 1, updated_at = $3 \
                 WHERE id = $4 AND version = $5",
            )
            .bind(&input.approach)
            .bind(&lampiran)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                return Err(conflict(version + 1));
            }
            (id, version + 1, "skp.saved")
        }
    };
    write_rhk(&mut tx, plan_id, &input, now).await?;
    // A first draft waiting for the supervisor's approved RHK tells the supervisor.
    if let (Some((boss, _)), true, "skp.created") = (&boss, allowed.is_empty(), action) {
        super::workflow::notify(
            &mut tx,
            *boss,
            "skp.waiting_for_supervisor",
            format!(
                "{} menyusun SKP tahun {} dan menunggu SKP Anda disetujui untuk memilih RHK yang didukung.",
                owner.name, input.year
            ),
            format!("/skp/{}", input.year),
            now,
        )
        .await?;
    }
    chain::append(
        &mut tx,
        db.backend(),
        Change::by(employee_id, action, "skp_plan", plan_id, None, Some(json!({
            "version": version, "rhk": input.rhk.len(), "iki": input.rhk.iter().map(|r| r.iki.len()).sum::<usize>(),
        }))),
        now,
    )
    .await?;
    tx.commit().await?;
    state.plans_changed();
    Ok(version)
}

/// Updates RHK in place (their ids are what subordinates point at), inserts new
/// ones, removes dropped ones unless another plan's RHK supports them.
async fn write_rhk(
    tx: &mut Transaction<'_, Any>,
    plan_id: i64,
    input: &PlanSave,
    now: i64,
) -> Result<(), AppError> {
    let existing: Vec<i64> = sqlx::query("SELECT id FROM skp_rhk WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let kept: Vec<i64> = input.rhk.iter().filter_map(|r| r.id).collect();
    for (i, id) in kept.iter().enumerate() {
        if !existing.contains(id) {
            return Err(AppError::invalid(
                format!("rhk.{i}"),
                "RHK ini bukan bagian dari SKP Anda; muat ulang halaman.",
            ));
        }
    }
    sqlx::query("DELETE FROM skp_iki WHERE rhk_id IN (SELECT id FROM skp_rhk WHERE plan_id = $1)")
        .bind(plan_id)
        .execute(&mut **tx)
        .await?;
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        let supported: i64 = sqlx::query("SELECT COUNT(*) FROM skp_rhk WHERE parent_rhk_id = $1")
            .bind(*id)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
        if supported > 0 {
            return Err(AppError::invalid(
                "rhk",
                "RHK yang sudah didukung RHK bawahan tidak dapat dihapus; ubah rumusannya saja.",
            ));
        }
        sqlx::query("DELETE FROM skp_rhk WHERE id = $1")
            .bind(*id)
            .execute(&mut **tx)
            .await?;
    }
    for (order, rhk) in input.rhk.iter().enumerate() {
        let id = match rhk.id {
            Some(id) => {
                sqlx::query(
                    "UPDATE skp_rhk SET sort_order = $1, kind = $2, text = $3, parent_rhk_id = $4, perspektif = $5, updated_at = $6 WHERE id = $7",
                )
                .bind(order as i64)
                .bind(&rhk.kind)
                .bind(rhk.text.trim())
                .bind(rhk.parent_rhk_id)
                .bind(&rhk.perspektif)
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
                id
            }
            None => sqlx::query(
                "INSERT INTO skp_rhk (plan_id, sort_order, kind, text, parent_rhk_id, perspektif, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            )
            .bind(plan_id)
            .bind(order as i64)
            .bind(&rhk.kind)
            .bind(rhk.text.trim())
            .bind(rhk.parent_rhk_id)
            .bind(&rhk.perspektif)
            .bind(now)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?,
        };
        for (j, iki) in rhk.iki.iter().enumerate() {
            sqlx::query(
                "INSERT INTO skp_iki (rhk_id, sort_order, aspek, indicator, target, target_value, satuan) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(j as i64)
            .bind(&iki.aspek)
            .bind(iki.indicator.trim())
            .bind(iki.target.trim())
            .bind(parse_target(&iki.target).unwrap_or(0.0))
            .bind(iki.satuan.trim())
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The plan status of each direct report in the newest open year.
pub async fn team_plans(db: &Db, user: &SessionUser) -> Result<TeamPlans, AppError> {
    let year: Option<i64> =
        sqlx::query("SELECT MAX(year) FROM performance_years WHERE status = 'open'")
            .fetch_one(db.pool())
            .await?
            .try_get(0)?;
    let Some(year) = year else {
        return Ok(TeamPlans {
            year: None,
            rows: Vec::new(),
        });
    };
    let mut rows = super::holders::direct_reports(
        &mut *db.read().await?,
        &user.supervising_positions,
        user.employee_id(),
        year,
    )
    .await?;
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(TeamPlans {
        year: Some(year),
        rows,
    })
}
