//! The plan tables (skp_plans, skp_rhk, skp_iki, skp_plan_versions,
//! skp_expectations): every query of the plan sub-domain, each on the connection
//! its caller holds, so a write's deciding reads run inside its transaction.

use super::types::{ExpectationText, PlanSave, PlanVersionView, RhkOption, RhkView};
use crate::organisation::types::JabatanKind;
use crate::platform::db::Conn;
use crate::skp::berakhlak::CoreValue;
use crate::skp::rules::parse_target;
use crate::skp::types::{Accumulation, IkiDraft, Lampiran, PlanStatus};

/// The plan's owner: who they are and where they sit.
#[derive(sqlx::FromRow)]
pub struct Owner {
    pub name: String,
    pub position_title: Option<String>,
    pub position_kind: Option<JabatanKind>,
    pub parent_position: Option<i64>,
    pub unit_id: Option<i64>,
}

impl Owner {
    /// JPT (and the Bupati) plan by perspektif, not by a supervisor's RHK.
    pub fn is_jpt(&self) -> bool {
        matches!(
            self.position_kind,
            Some(JabatanKind::Jpt | JabatanKind::KepalaDaerah)
        )
    }
}

pub async fn owner(conn: &mut Conn, employee_id: i64) -> Result<Option<Owner>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.name, p.title AS position_title, p.kind AS position_kind, p.parent_id AS parent_position, \
         p.unit_id FROM employees e LEFT JOIN positions p ON p.id = e.position_id WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(conn)
    .await
}

/// The stored plan row of an employee and year.
#[derive(sqlx::FromRow)]
pub struct StoredPlan {
    pub id: i64,
    pub status: PlanStatus,
    pub version: i64,
    pub approach: String,
    lampiran_json: String,
    pub return_reason: Option<String>,
    pub revision_reason: Option<String>,
}

impl StoredPlan {
    pub fn lampiran(&self) -> Lampiran {
        serde_json::from_str(&self.lampiran_json).unwrap_or_default()
    }
}

pub async fn stored_plan(
    conn: &mut Conn,
    employee_id: i64,
    year: i64,
) -> Result<Option<StoredPlan>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, status, version, approach, lampiran_json, return_reason, revision_reason \
         FROM skp_plans WHERE employee_id = $1 AND year = $2",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_optional(conn)
    .await
}

/// The RHK of `employee_id`'s approved plan for `year`.
pub async fn approved_rhk(
    conn: &mut Conn,
    employee_id: i64,
    year: i64,
) -> Result<Vec<RhkOption>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, r.text, (SELECT i.indicator FROM skp_iki i WHERE i.rhk_id = r.id \
         ORDER BY i.sort_order LIMIT 1) AS indicator FROM skp_rhk r JOIN skp_plans p ON p.id = r.plan_id \
         WHERE p.employee_id = $1 AND p.year = $2 AND p.status = $3 ORDER BY r.sort_order",
    )
    .bind(employee_id)
    .bind(year)
    .bind(PlanStatus::Approved)
    .fetch_all(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct RhkRow {
    id: i64,
    kind: String,
    text: String,
    parent_rhk_id: Option<i64>,
    parent_text: Option<String>,
    perspektif: Option<String>,
}

#[derive(sqlx::FromRow)]
struct IkiRow {
    rhk_id: i64,
    aspek: String,
    indicator: String,
    target: String,
    satuan: String,
    accumulation: Option<Accumulation>,
}

/// The plan's RHK in order, each with its IKI.
pub async fn rhk_of(conn: &mut Conn, plan_id: i64) -> Result<Vec<RhkView>, sqlx::Error> {
    let rows: Vec<RhkRow> = sqlx::query_as(
        "SELECT r.id, r.kind, r.text, r.parent_rhk_id, pr.text AS parent_text, r.perspektif FROM skp_rhk r \
         LEFT JOIN skp_rhk pr ON pr.id = r.parent_rhk_id WHERE r.plan_id = $1 ORDER BY r.sort_order",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let iki: Vec<IkiRow> = sqlx::query_as(
        "SELECT i.rhk_id, i.aspek, i.indicator, i.target, i.satuan, i.accumulation FROM skp_iki i \
         JOIN skp_rhk r ON r.id = i.rhk_id WHERE r.plan_id = $1 ORDER BY i.rhk_id, i.sort_order",
    )
    .bind(plan_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RhkView {
            iki: iki
                .iter()
                .filter(|i| i.rhk_id == r.id)
                .map(|i| IkiDraft {
                    aspek: i.aspek.clone(),
                    indicator: i.indicator.clone(),
                    target: i.target.clone(),
                    satuan: i.satuan.clone(),
                    accumulation: i.accumulation,
                })
                .collect(),
            id: r.id,
            kind: r.kind,
            text: r.text,
            parent_rhk_id: r.parent_rhk_id,
            parent_text: r.parent_text,
            perspektif: r.perspektif,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    version: i64,
    status: PlanStatus,
    note: Option<String>,
    by_name: Option<String>,
    created_at: i64,
    content_json: String,
}

/// The plan's snapshots, newest first.
pub async fn history(conn: &mut Conn, plan_id: i64) -> Result<Vec<PlanVersionView>, sqlx::Error> {
    let rows: Vec<VersionRow> = sqlx::query_as(
        "SELECT v.version, v.status, v.note, e.name AS by_name, v.created_at, v.content_json \
         FROM skp_plan_versions v LEFT JOIN employees e ON e.id = v.created_by \
         WHERE v.plan_id = $1 ORDER BY v.id DESC",
    )
    .bind(plan_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let content: serde_json::Value =
                serde_json::from_str(&r.content_json).unwrap_or_default();
            PlanVersionView {
                version: r.version,
                status: r.status,
                note: r.note,
                by_name: r.by_name,
                at_millis: r.created_at,
                rhk: serde_json::from_value(content["rhk"].clone()).unwrap_or_default(),
            }
        })
        .collect())
}

/// One line of a plan's history.
pub struct VersionEntry<'a> {
    pub version: i64,
    pub status: PlanStatus,
    pub note: Option<&'a str>,
    pub by: i64,
}

/// Snapshots the plan's content as it stands now as `entry` in its history.
pub async fn insert_version(
    conn: &mut Conn,
    plan_id: i64,
    entry: VersionEntry<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let content = serde_json::json!({ "rhk": rhk_of(&mut *conn, plan_id).await? });
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
    .execute(conn)
    .await
    .map(|_| ())
}

/// A first draft; the position is the owner's at the time. Returns its id.
pub async fn insert_plan(
    conn: &mut Conn,
    employee_id: i64,
    input: &PlanSave,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO skp_plans (employee_id, year, position_id, approach, status, version, lampiran_json, created_at, updated_at) \
         SELECT id, $1, position_id, $2, $3, 1, $4, $5, $5 FROM employees WHERE id = $6 RETURNING id",
    )
    .bind(input.year)
    .bind(&input.approach)
    .bind(PlanStatus::Draft)
    .bind(lampiran_json(&input.lampiran))
    .bind(now)
    .bind(employee_id)
    .fetch_one(conn)
    .await
}

fn lampiran_json(lampiran: &Lampiran) -> String {
    serde_json::to_string(lampiran).unwrap_or_else(|_| "{}".into())
}

/// The draft's approach and lampiran, if it is still at `version`. False: someone
/// saved in between.
pub async fn update_draft(
    conn: &mut Conn,
    plan_id: i64,
    version: i64,
    input: &PlanSave,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE skp_plans SET approach = $1, lampiran_json = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(&input.approach)
    .bind(lampiran_json(&input.lampiran))
    .bind(now)
    .bind(plan_id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Ids of the plan's RHK.
pub async fn rhk_ids(conn: &mut Conn, plan_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM skp_rhk WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_all(conn)
        .await
}

/// How many RHK of other plans support `rhk_id`.
pub async fn supporters(conn: &mut Conn, rhk_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM skp_rhk WHERE parent_rhk_id = $1")
        .bind(rhk_id)
        .fetch_one(conn)
        .await
}

pub async fn delete_iki_of_plan(conn: &mut Conn, plan_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM skp_iki WHERE rhk_id IN (SELECT id FROM skp_rhk WHERE plan_id = $1)")
        .bind(plan_id)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn delete_rhk(conn: &mut Conn, rhk_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM skp_rhk WHERE id = $1")
        .bind(rhk_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Writes one RHK at `order`: updated in place when it has an id (subordinates
/// point at it), inserted otherwise. Returns its id.
pub async fn upsert_rhk(
    conn: &mut Conn,
    plan_id: i64,
    order: usize,
    rhk: &super::types::RhkSave,
    now: i64,
) -> Result<i64, sqlx::Error> {
    match rhk.id {
        Some(id) => sqlx::query(
            "UPDATE skp_rhk SET sort_order = $1, kind = $2, text = $3, parent_rhk_id = $4, perspektif = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(order as i64)
        .bind(&rhk.kind)
        .bind(rhk.text.trim())
        .bind(rhk.parent_rhk_id)
        .bind(&rhk.perspektif)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| id),
        None => sqlx::query_scalar(
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
        .fetch_one(conn)
        .await,
    }
}

pub async fn insert_iki(
    conn: &mut Conn,
    rhk_id: i64,
    order: usize,
    iki: &IkiDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO skp_iki (rhk_id, sort_order, aspek, indicator, target, target_value, satuan, accumulation) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(rhk_id)
    .bind(order as i64)
    .bind(&iki.aspek)
    .bind(iki.indicator.trim())
    .bind(iki.target.trim())
    .bind(parse_target(&iki.target).unwrap_or(0.0))
    .bind(iki.satuan.trim())
    .bind(iki.accumulation)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A workflow step on the plan's status: applied only while the plan is still
/// in one of `from` (and at `version`, when given). False: it moved meanwhile.
pub struct StatusChange<'a> {
    pub plan_id: i64,
    pub from: &'a [PlanStatus],
    pub version: Option<i64>,
    pub to: PlanStatus,
    pub by: i64,
    pub reason: Option<&'a str>,
    /// Only while a revision request is pending (granting one).
    pub revision_pending: bool,
}

pub async fn change_status(
    conn: &mut Conn,
    change: StatusChange<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // Submitting stamps submitted_at, approving approved_at/by; every step clears
    // or sets the return reason and bumps the version.
    let sql = format!(
        "UPDATE skp_plans SET status = $1, return_reason = $2, version = version + 1, updated_at = $3, \
         submitted_at = CASE WHEN $1 = $4 THEN $3 ELSE submitted_at END, \
         approved_at = CASE WHEN $1 = $5 THEN $3 WHEN $1 = $7 THEN NULL ELSE approved_at END, \
         approved_by = CASE WHEN $1 = $5 THEN $6 WHEN $1 = $7 THEN NULL ELSE approved_by END, \
         revision_requested_at = CASE WHEN $1 = $7 THEN NULL ELSE revision_requested_at END, \
         revision_reason = CASE WHEN $1 = $7 THEN NULL ELSE revision_reason END \
         WHERE id = $8 AND ($9 < 0 OR version = $9) AND ($10 = 0 OR revision_requested_at IS NOT NULL) \
         AND status IN ({})",
        crate::identity::roles::placeholders(11, change.from.len())
    );
    let mut query = sqlx::query(&sql)
        .bind(change.to)
        .bind(change.reason)
        .bind(now)
        .bind(PlanStatus::Submitted)
        .bind(PlanStatus::Approved)
        .bind(change.by)
        .bind(PlanStatus::Draft)
        .bind(change.plan_id)
        .bind(change.version.unwrap_or(-1))
        .bind(i64::from(change.revision_pending));
    for status in change.from {
        query = query.bind(*status);
    }
    Ok(query.execute(conn).await?.rows_affected() == 1)
}

/// Records the owner's revision request on an approved plan.
pub async fn request_revision(
    conn: &mut Conn,
    plan_id: i64,
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE skp_plans SET revision_requested_at = $1, revision_reason = $2, updated_at = $1 \
         WHERE id = $3 AND status = $4 AND revision_requested_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(plan_id)
    .bind(PlanStatus::Approved)
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Clears a pending revision request (refused; the approved plan stays).
pub async fn clear_revision_request(
    conn: &mut Conn,
    plan_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE skp_plans SET revision_requested_at = NULL, revision_reason = NULL, updated_at = $1 \
         WHERE id = $2 AND revision_requested_at IS NOT NULL",
    )
    .bind(now)
    .bind(plan_id)
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct ExpectationRow {
    core_value: String,
    text: String,
}

/// The expectations written on a plan, in BerAKHLAK order.
pub async fn expectations(
    conn: &mut Conn,
    plan_id: i64,
) -> Result<Vec<ExpectationText>, sqlx::Error> {
    let rows: Vec<ExpectationRow> =
        sqlx::query_as("SELECT core_value, text FROM skp_expectations WHERE plan_id = $1")
            .bind(plan_id)
            .fetch_all(conn)
            .await?;
    let mut found: Vec<(CoreValue, String)> = rows
        .into_iter()
        .filter_map(|r| Some((CoreValue::from_code(&r.core_value)?, r.text)))
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

/// Replaces the plan's expectations with the non-empty `texts`.
pub async fn replace_expectations(
    conn: &mut Conn,
    plan_id: i64,
    texts: &[(CoreValue, String)],
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM skp_expectations WHERE plan_id = $1")
        .bind(plan_id)
        .execute(&mut *conn)
        .await?;
    for (value, text) in texts {
        sqlx::query(
            "INSERT INTO skp_expectations (plan_id, core_value, text, written_by, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(plan_id)
        .bind(value.code())
        .bind(text)
        .bind(by)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
