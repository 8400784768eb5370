//! The realisasi tables (realisasi_reports, realisasi_actions, realisasi_entries,
//! evidence, evidence_objects): every query of the domain, each on the connection
//! its caller holds, so a write's deciding reads run inside its transaction.

use crate::platform::db::{optional_number, Backend, Conn};
use crate::skp::period::types::PeriodStatus;
use crate::skp::periods::{PeriodKind, Scheme};
use crate::skp::types::PlanStatus;

/// A period with its year's scheme.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PeriodRow {
    pub id: i64,
    pub year: i64,
    pub kind: PeriodKind,
    pub number: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub deadline: String,
    pub status: PeriodStatus,
    pub scheme: Scheme,
}

const PERIOD_COLUMNS: &str = "p.id, p.year, p.kind, p.number, p.starts_on, p.ends_on, p.deadline, \
     p.status, y.scheme FROM periods p JOIN performance_years y ON y.year = p.year";

pub async fn period(conn: &mut Conn, period_id: i64) -> Result<Option<PeriodRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {PERIOD_COLUMNS} WHERE p.id = $1"))
        .bind(period_id)
        .fetch_optional(conn)
        .await
}

/// The year's periods in which realisasi are reported (not the annual evaluation).
pub async fn periodic_periods(conn: &mut Conn, year: i64) -> Result<Vec<PeriodRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PERIOD_COLUMNS} WHERE p.year = $1 AND p.kind = $2 ORDER BY p.number"
    ))
    .bind(year)
    .bind(PeriodKind::Periodic)
    .fetch_all(conn)
    .await
}

/// Every period of the year: the periodic ones in order, then the annual one.
pub async fn year_periods(conn: &mut Conn, year: i64) -> Result<Vec<PeriodRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {PERIOD_COLUMNS} WHERE p.year = $1 \
         ORDER BY CASE WHEN p.kind = $2 THEN 1 ELSE 0 END, p.number"
    ))
    .bind(year)
    .bind(PeriodKind::Annual)
    .fetch_all(conn)
    .await
}

/// The plan a report follows: the owner's plan of the period's year.
#[derive(sqlx::FromRow)]
pub struct PlanRow {
    pub id: i64,
    pub status: PlanStatus,
    pub approach: String,
}

pub async fn plan(
    conn: &mut Conn,
    employee_id: i64,
    year: i64,
) -> Result<Option<PlanRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, status, approach FROM skp_plans WHERE employee_id = $1 AND year = $2",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_optional(conn)
    .await
}

/// One IKI of the plan with its RHK, in the plan's order.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PlanItem {
    pub rhk_id: i64,
    pub rhk_kind: String,
    pub rhk_text: String,
    pub iki_index: i64,
    pub aspek: String,
    pub indicator: String,
    pub target: String,
    pub target_value: f64,
    pub satuan: String,
    pub accumulation: Option<String>,
}

pub async fn plan_items(conn: &mut Conn, plan_id: i64) -> Result<Vec<PlanItem>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id AS rhk_id, r.kind AS rhk_kind, r.text AS rhk_text, i.sort_order AS iki_index, \
                i.aspek, i.indicator, i.target, i.target_value, i.satuan, i.accumulation \
         FROM skp_rhk r JOIN skp_iki i ON i.rhk_id = r.id WHERE r.plan_id = $1 \
         ORDER BY r.sort_order, i.sort_order",
    )
    .bind(plan_id)
    .fetch_all(conn)
    .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub employee_id: i64,
    pub period_id: i64,
    pub version: i64,
    pub filed_at: Option<i64>,
    pub late: i64,
    pub updated_at: i64,
}

pub async fn report(
    conn: &mut Conn,
    employee_id: i64,
    period_id: i64,
) -> Result<Option<ReportRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, employee_id, period_id, version, filed_at, late, updated_at FROM realisasi_reports \
         WHERE employee_id = $1 AND period_id = $2",
    )
    .bind(employee_id)
    .bind(period_id)
    .fetch_optional(conn)
    .await
}

pub async fn report_by_id(conn: &mut Conn, id: i64) -> Result<Option<ReportRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, employee_id, period_id, version, filed_at, late, updated_at FROM realisasi_reports \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A new report at version 1 (its first save); returns its id. A second first
/// save racing it fails on `realisasi_reports_key`, answered as a conflict.
pub async fn insert_report(
    conn: &mut Conn,
    employee_id: i64,
    period_id: i64,
    plan_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO realisasi_reports (employee_id, period_id, plan_id, version, late, created_at, updated_at) \
         VALUES ($1, $2, $3, 1, 0, $4, $4) RETURNING id",
    )
    .bind(employee_id)
    .bind(period_id)
    .bind(plan_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// The employee's report for the period, created at version 0 unless another
/// request created it first (evidence sent in parallel): both get the same report.
pub async fn insert_or_find_report(
    conn: &mut Conn,
    employee_id: i64,
    period_id: i64,
    plan_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO realisasi_reports (employee_id, period_id, plan_id, version, late, created_at, updated_at) \
         VALUES ($1, $2, $3, 0, 0, $4, $4) ON CONFLICT (employee_id, period_id) DO NOTHING",
    )
    .bind(employee_id)
    .bind(period_id)
    .bind(plan_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("SELECT id FROM realisasi_reports WHERE employee_id = $1 AND period_id = $2")
        .bind(employee_id)
        .bind(period_id)
        .fetch_one(conn)
        .await
}

/// On PostgreSQL, holds the period's row against a change (the admin closing it)
/// until this transaction ends, so a write checked against an open period cannot
/// land after the close. SQLite writers already run one at a time.
pub async fn hold_period(
    conn: &mut Conn,
    backend: Backend,
    period_id: i64,
) -> Result<(), sqlx::Error> {
    lock_row(
        conn,
        backend,
        "SELECT id FROM periods WHERE id = $1 FOR SHARE",
        period_id,
    )
    .await
}

/// On PostgreSQL, takes the report's row for this transaction, so two uploads
/// counting its evidence cannot both pass the limit.
pub async fn hold_report(
    conn: &mut Conn,
    backend: Backend,
    report_id: i64,
) -> Result<(), sqlx::Error> {
    let sql = "SELECT id FROM realisasi_reports WHERE id = $1 FOR UPDATE";
    lock_row(conn, backend, sql, report_id).await
}

/// Runs a row-locking `SELECT … FOR SHARE/UPDATE` on PostgreSQL (SQLite has no row
/// locks; its writers run one at a time).
async fn lock_row(
    conn: &mut Conn,
    backend: Backend,
    sql: &str,
    id: i64,
) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        sqlx::query(sql).bind(id).execute(conn).await?;
    }
    Ok(())
}

/// Moves the report from `base_version` to the next; `false` when someone saved since.
pub async fn bump_version(
    conn: &mut Conn,
    report_id: i64,
    base_version: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE realisasi_reports SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(report_id)
    .bind(base_version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_filed(
    conn: &mut Conn,
    report_id: i64,
    late: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE realisasi_reports SET filed_at = $1, late = $2 WHERE id = $3 AND filed_at IS NULL",
    )
    .bind(now)
    .bind(i64::from(late))
    .bind(report_id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Keeps why files or links sent with the last form were refused (`None`: clears).
pub async fn set_refusals(
    conn: &mut Conn,
    report_id: i64,
    json: Option<String>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE realisasi_reports SET refused_json = $1 WHERE id = $2")
        .bind(json)
        .bind(report_id)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn refusals(conn: &mut Conn, report_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let json: Option<Option<String>> =
        sqlx::query_scalar("SELECT refused_json FROM realisasi_reports WHERE id = $1")
            .bind(report_id)
            .fetch_optional(conn)
            .await?;
    Ok(json
        .flatten()
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

pub async fn actions(conn: &mut Conn, report_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT rhk_id, text FROM realisasi_actions WHERE report_id = $1")
        .bind(report_id)
        .fetch_all(conn)
        .await
}

/// A stored realisasi of one IKI.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub rhk_id: i64,
    pub iki_index: i64,
    pub aspek: String,
    pub indicator: String,
    pub satuan: String,
    pub accumulation: String,
    pub annual_target: f64,
    pub target: f64,
    pub target_text: String,
    pub target_reason: Option<String>,
    pub value_text: String,
    pub value: Option<f64>,
    pub account: String,
    pub capaian: Option<f64>,
}

pub async fn entries(conn: &mut Conn, report_id: i64) -> Result<Vec<EntryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rhk_id, iki_index, aspek, indicator, satuan, accumulation, annual_target, target, \
                target_text, target_reason, value_text, value, account, capaian \
         FROM realisasi_entries WHERE report_id = $1",
    )
    .bind(report_id)
    .fetch_all(conn)
    .await
}

/// Replaces the report's rencana aksi and realisasi with `actions` and `entries`.
pub async fn replace_content(
    conn: &mut Conn,
    report_id: i64,
    actions: &[(i64, String)],
    entries: &[EntryRow],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM realisasi_actions WHERE report_id = $1")
        .bind(report_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM realisasi_entries WHERE report_id = $1")
        .bind(report_id)
        .execute(&mut *conn)
        .await?;
    for (rhk_id, text) in actions.iter().filter(|(_, t)| !t.trim().is_empty()) {
        sqlx::query("INSERT INTO realisasi_actions (report_id, rhk_id, text) VALUES ($1, $2, $3)")
            .bind(report_id)
            .bind(rhk_id)
            .bind(text.trim())
            .execute(&mut *conn)
            .await?;
    }
    for e in entries {
        sqlx::query(
            "INSERT INTO realisasi_entries (report_id, rhk_id, iki_index, aspek, indicator, satuan, \
                 accumulation, annual_target, target, target_text, target_reason, value_text, value, \
                 account, capaian) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
                     CAST($13 AS DOUBLE PRECISION), $14, CAST($15 AS DOUBLE PRECISION))",
        )
        .bind(report_id)
        .bind(e.rhk_id)
        .bind(e.iki_index)
        .bind(&e.aspek)
        .bind(&e.indicator)
        .bind(&e.satuan)
        .bind(&e.accumulation)
        .bind(e.annual_target)
        .bind(e.target)
        .bind(&e.target_text)
        .bind(&e.target_reason)
        .bind(&e.value_text)
        .bind(optional_number(e.value))
        .bind(&e.account)
        .bind(optional_number(e.capaian))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A file or link attached to a report.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvidenceRow {
    pub id: i64,
    pub report_id: i64,
    pub rhk_id: i64,
    pub iki_index: i64,
    pub sha256: Option<String>,
    pub file_name: Option<String>,
    pub url: Option<String>,
    pub size: Option<i64>,
    pub kind: Option<String>,
}

const EVIDENCE_COLUMNS: &str =
    "v.id, v.report_id, v.rhk_id, v.iki_index, v.sha256, v.file_name, v.url, \
     o.size, o.kind FROM evidence v LEFT JOIN evidence_objects o ON o.sha256 = v.sha256";

pub async fn evidence_of_report(
    conn: &mut Conn,
    report_id: i64,
) -> Result<Vec<EvidenceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {EVIDENCE_COLUMNS} WHERE v.report_id = $1 ORDER BY v.id"
    ))
    .bind(report_id)
    .fetch_all(conn)
    .await
}

pub async fn evidence_by_id(conn: &mut Conn, id: i64) -> Result<Option<EvidenceRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {EVIDENCE_COLUMNS} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Whose realisasi carry the file `sha256`: (evidence id, owner's employee id).
pub async fn holders_of_object(
    conn: &mut Conn,
    sha256: &str,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.id, r.employee_id FROM evidence v JOIN realisasi_reports r ON r.id = v.report_id \
         WHERE v.sha256 = $1 ORDER BY v.id",
    )
    .bind(sha256)
    .fetch_all(conn)
    .await
}

/// Other employees whose realisasi carry one of the report's files:
/// (sha256, employee id, name).
pub async fn shared_files(
    conn: &mut Conn,
    report_id: i64,
    owner_id: i64,
) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT v.sha256, r.employee_id, e.name FROM evidence mine \
         JOIN evidence v ON v.sha256 = mine.sha256 \
         JOIN realisasi_reports r ON r.id = v.report_id JOIN employees e ON e.id = r.employee_id \
         WHERE mine.report_id = $1 AND r.employee_id <> $2 ORDER BY e.name",
    )
    .bind(report_id)
    .bind(owner_id)
    .fetch_all(conn)
    .await
}

pub async fn count_evidence(
    conn: &mut Conn,
    report_id: i64,
    rhk_id: i64,
    iki_index: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM evidence WHERE report_id = $1 AND rhk_id = $2 AND iki_index = $3",
    )
    .bind(report_id)
    .bind(rhk_id)
    .bind(iki_index)
    .fetch_one(conn)
    .await
}

/// Records a stored object (once per content).
pub async fn insert_object(
    conn: &mut Conn,
    sha256: &str,
    size: i64,
    kind: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO evidence_objects (sha256, size, kind, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(sha256)
    .bind(size)
    .bind(kind)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Every stored object the database records, by hash.
pub async fn object_hashes(conn: &mut Conn) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT sha256 FROM evidence_objects ORDER BY sha256")
        .fetch_all(conn)
        .await
}

/// What a new piece of evidence is: a stored file or a link.
pub enum NewEvidence<'a> {
    File { sha256: &'a str, file_name: &'a str },
    Link { url: &'a str },
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_evidence(
    conn: &mut Conn,
    report_id: i64,
    rhk_id: i64,
    iki_index: i64,
    evidence: NewEvidence<'_>,
    added_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (sha256, file_name, url) = match evidence {
        NewEvidence::File { sha256, file_name } => (Some(sha256), Some(file_name), None),
        NewEvidence::Link { url } => (None, None, Some(url)),
    };
    sqlx::query_scalar(
        "INSERT INTO evidence (report_id, rhk_id, iki_index, sha256, file_name, url, added_by, added_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(report_id)
    .bind(rhk_id)
    .bind(iki_index)
    .bind(sha256)
    .bind(file_name)
    .bind(url)
    .bind(added_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn delete_evidence(conn: &mut Conn, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM evidence WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Where one employee's report for one period stands.
#[derive(sqlx::FromRow)]
pub struct FilingRow {
    pub employee_id: i64,
    pub period_id: i64,
    pub filed_at: Option<i64>,
    pub late: i64,
}

/// The reports of `employee_ids` in `year`'s periods.
pub async fn filings(
    conn: &mut Conn,
    employee_ids: &[i64],
    year: i64,
) -> Result<Vec<FilingRow>, sqlx::Error> {
    if employee_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::identity::roles::placeholders(2, employee_ids.len());
    let sql = format!(
        "SELECT r.employee_id, r.period_id, r.filed_at, r.late FROM realisasi_reports r \
         JOIN periods p ON p.id = r.period_id WHERE p.year = $1 AND r.employee_id IN ({list})"
    );
    let mut query = sqlx::query_as(&sql).bind(year);
    for id in employee_ids {
        query = query.bind(id);
    }
    query.fetch_all(conn).await
}
