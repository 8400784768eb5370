//! The evaluation tables (evaluations, evaluation_rhk, evaluation_values,
//! evaluation_appeals, unit_results): every query of penilaian, each on the
//! connection its caller holds.

use super::rules::{Distribution, Predikat, Rating, UnitPredikat};
use super::types::{AppealOutcome, EvaluationStatus};
use crate::platform::db::Conn;

/// The unit kerja whose curve an employee counts in: the nearest perangkat
/// daerah or kecamatan above (or at) their position, else their own unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurveUnit {
    pub unit_id: i64,
    pub name: String,
    /// The employee leads that unit (their position is its top one).
    pub leads: bool,
}

/// A unit on the way up from a seat, nearest first.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UpRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
}

#[derive(sqlx::FromRow)]
struct SeatRow {
    unit_id: i64,
    parent_unit: Option<i64>,
}

/// The rule of [`curve_unit`] on rows already read: the first perangkat daerah
/// or kecamatan on the way up from the seat's unit (`up`, nearest first), else
/// the seat's own unit; the person leads it when their seat is its top one (the
/// seat above is in another unit).
pub fn choose_curve_unit(
    seat_unit: i64,
    parent_unit: Option<i64>,
    up: &[UpRow],
) -> Option<CurveUnit> {
    let chosen = up
        .iter()
        .find(|u| matches!(u.kind.as_str(), "perangkat_daerah" | "kecamatan"))
        .or(up.first());
    chosen.map(|u| CurveUnit {
        unit_id: u.id,
        name: u.name.clone(),
        leads: u.id == seat_unit && parent_unit != Some(seat_unit),
    })
}

pub async fn curve_unit(
    conn: &mut Conn,
    employee_id: i64,
) -> Result<Option<CurveUnit>, sqlx::Error> {
    let seat: Option<SeatRow> = sqlx::query_as(
        "SELECT p.unit_id, pp.unit_id AS parent_unit FROM employees e \
         JOIN positions p ON p.id = e.position_id LEFT JOIN positions pp ON pp.id = p.parent_id \
         WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(seat) = seat else { return Ok(None) };
    // The depth limit stops a (refused, but never trusted) cycle from looping.
    let up: Vec<UpRow> = sqlx::query_as(
        "WITH RECURSIVE up (id, parent_id, kind, name, depth) AS ( \
             SELECT id, parent_id, kind, name, 0 FROM units WHERE id = $1 \
             UNION ALL \
             SELECT u.id, u.parent_id, u.kind, u.name, up.depth + 1 FROM up JOIN units u ON u.id = up.parent_id \
             WHERE up.kind NOT IN ('perangkat_daerah', 'kecamatan') AND up.depth < 30 \
         ) SELECT id, name, kind FROM up ORDER BY depth",
    )
    .bind(seat.unit_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(choose_curve_unit(seat.unit_id, seat.parent_unit, &up))
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvaluationRow {
    pub id: i64,
    pub employee_id: i64,
    pub period_id: i64,
    pub unit_id: i64,
    pub status: EvaluationStatus,
    pub version: i64,
    pub hasil_kerja: Option<Rating>,
    pub hasil_kerja_reason: Option<String>,
    pub perilaku: Option<Rating>,
    pub predikat: Option<Predikat>,
    pub rated_by: Option<i64>,
    pub rater_name: Option<String>,
    pub finalised_at: Option<i64>,
    pub acknowledged_at: Option<i64>,
}

const EVALUATION_COLUMNS: &str = "v.id, v.employee_id, v.period_id, v.unit_id, v.status, v.version, \
     v.hasil_kerja, v.hasil_kerja_reason, v.perilaku, v.predikat, v.rated_by, r.name AS rater_name, \
     v.finalised_at, v.acknowledged_at FROM evaluations v LEFT JOIN employees r ON r.id = v.rated_by";

pub async fn evaluation(
    conn: &mut Conn,
    employee_id: i64,
    period_id: i64,
) -> Result<Option<EvaluationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {EVALUATION_COLUMNS} WHERE v.employee_id = $1 AND v.period_id = $2"
    ))
    .bind(employee_id)
    .bind(period_id)
    .fetch_optional(conn)
    .await
}

pub async fn evaluation_by_id(
    conn: &mut Conn,
    id: i64,
) -> Result<Option<EvaluationRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {EVALUATION_COLUMNS} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The evaluation's id, creating its draft first when there is none (two
/// first saves at once find the same row).
pub async fn insert_or_find(
    conn: &mut Conn,
    employee_id: i64,
    period_id: i64,
    unit_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO evaluations (employee_id, period_id, unit_id, status, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 0, $5, $5) ON CONFLICT (employee_id, period_id) DO NOTHING",
    )
    .bind(employee_id)
    .bind(period_id)
    .bind(unit_id)
    .bind(EvaluationStatus::Draft)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("SELECT id FROM evaluations WHERE employee_id = $1 AND period_id = $2")
        .bind(employee_id)
        .bind(period_id)
        .fetch_one(conn)
        .await
}

/// Raises the version from `base`; false when someone saved since.
pub async fn bump_version(
    conn: &mut Conn,
    id: i64,
    base: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE evaluations SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(base)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The overall ratings and the predikat the server computed from them.
pub struct Overall {
    pub hasil_kerja: Option<Rating>,
    pub hasil_kerja_reason: Option<String>,
    pub perilaku: Option<Rating>,
    pub predikat: Option<Predikat>,
}

pub async fn set_overall(
    conn: &mut Conn,
    id: i64,
    overall: &Overall,
    rated_by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE evaluations SET hasil_kerja = $2, hasil_kerja_reason = $3, perilaku = $4, predikat = $5, \
         rated_by = $6, rated_at = $7, updated_at = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(overall.hasil_kerja)
    .bind(overall.hasil_kerja_reason.as_deref())
    .bind(overall.perilaku)
    .bind(overall.predikat)
    .bind(rated_by)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    status: EvaluationStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (finalised, acknowledged) = match status {
        EvaluationStatus::Final => (Some(now), None),
        EvaluationStatus::Acknowledged => (None, Some(now)),
        _ => (None, None),
    };
    sqlx::query(
        "UPDATE evaluations SET status = $2, finalised_at = COALESCE($3, finalised_at), \
         acknowledged_at = COALESCE($4, acknowledged_at), updated_at = $5, version = version + 1 WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(finalised)
    .bind(acknowledged)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn set_finalised_by(conn: &mut Conn, id: i64, by: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE evaluations SET finalised_by = $2 WHERE id = $1")
        .bind(id)
        .bind(by)
        .execute(conn)
        .await
        .map(|_| ())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RhkRow {
    pub rhk_id: i64,
    pub rating: Option<Rating>,
    pub feedback: String,
    pub self_rating: Option<Rating>,
    pub self_note: String,
}

pub async fn rhk_rows(conn: &mut Conn, evaluation_id: i64) -> Result<Vec<RhkRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rhk_id, rating, feedback, self_rating, self_note FROM evaluation_rhk WHERE evaluation_id = $1",
    )
    .bind(evaluation_id)
    .fetch_all(conn)
    .await
}

pub async fn upsert_rhk_rating(
    conn: &mut Conn,
    evaluation_id: i64,
    rhk_id: i64,
    rating: Option<Rating>,
    feedback: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO evaluation_rhk (evaluation_id, rhk_id, rating, feedback) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (evaluation_id, rhk_id) DO UPDATE SET rating = excluded.rating, feedback = excluded.feedback",
    )
    .bind(evaluation_id)
    .bind(rhk_id)
    .bind(rating)
    .bind(feedback)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn upsert_self_assessment(
    conn: &mut Conn,
    evaluation_id: i64,
    rhk_id: i64,
    rating: Option<Rating>,
    note: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO evaluation_rhk (evaluation_id, rhk_id, self_rating, self_note) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (evaluation_id, rhk_id) DO UPDATE SET self_rating = excluded.self_rating, self_note = excluded.self_note",
    )
    .bind(evaluation_id)
    .bind(rhk_id)
    .bind(rating)
    .bind(note)
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ValueRow {
    pub value_code: String,
    pub rating: Option<Rating>,
    pub feedback: String,
}

pub async fn value_rows(conn: &mut Conn, evaluation_id: i64) -> Result<Vec<ValueRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT value_code, rating, feedback FROM evaluation_values WHERE evaluation_id = $1",
    )
    .bind(evaluation_id)
    .fetch_all(conn)
    .await
}

pub async fn upsert_value(
    conn: &mut Conn,
    evaluation_id: i64,
    code: &str,
    rating: Option<Rating>,
    feedback: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO evaluation_values (evaluation_id, value_code, rating, feedback) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (evaluation_id, value_code) DO UPDATE SET rating = excluded.rating, feedback = excluded.feedback",
    )
    .bind(evaluation_id)
    .bind(code)
    .bind(rating)
    .bind(feedback)
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(sqlx::FromRow)]
struct CountRow {
    predikat: Predikat,
    people: i64,
}

/// The finalised evaluations of a unit kerja for a period, by predikat, leaving
/// out `except` (the one being rated).
pub async fn distribution(
    conn: &mut Conn,
    unit_id: i64,
    period_id: i64,
    except: Option<i64>,
) -> Result<Distribution, sqlx::Error> {
    let rows: Vec<CountRow> = sqlx::query_as(
        "SELECT predikat, COUNT(*) AS people FROM evaluations \
         WHERE unit_id = $1 AND period_id = $2 AND status <> $3 AND predikat IS NOT NULL AND id <> $4 \
         GROUP BY predikat",
    )
    .bind(unit_id)
    .bind(period_id)
    .bind(EvaluationStatus::Draft)
    .bind(except.unwrap_or(0))
    .fetch_all(conn)
    .await?;
    let mut d = Distribution::default();
    for row in rows {
        d.0[row.predikat as usize] = u32::try_from(row.people).unwrap_or(u32::MAX);
    }
    Ok(d)
}

/// Every unit kerja's finalised distribution for a period (the admin's monitor).
pub async fn distributions(
    conn: &mut Conn,
    period_id: i64,
) -> Result<Vec<(i64, Distribution)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        unit_id: i64,
        predikat: Predikat,
        people: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT unit_id, predikat, COUNT(*) AS people FROM evaluations \
         WHERE period_id = $1 AND status <> $2 AND predikat IS NOT NULL GROUP BY unit_id, predikat ORDER BY unit_id",
    )
    .bind(period_id)
    .bind(EvaluationStatus::Draft)
    .fetch_all(conn)
    .await?;
    let mut out: Vec<(i64, Distribution)> = Vec::new();
    for row in rows {
        if out.last().is_none_or(|(id, _)| *id != row.unit_id) {
            out.push((row.unit_id, Distribution::default()));
        }
        if let Some((_, d)) = out.last_mut() {
            d.0[row.predikat as usize] = u32::try_from(row.people).unwrap_or(u32::MAX);
        }
    }
    Ok(out)
}

pub async fn unit_result(
    conn: &mut Conn,
    unit_id: i64,
    year: i64,
) -> Result<Option<UnitPredikat>, sqlx::Error> {
    sqlx::query_scalar("SELECT predikat FROM unit_results WHERE unit_id = $1 AND year = $2")
        .bind(unit_id)
        .bind(year)
        .fetch_optional(conn)
        .await
}

pub async fn unit_results(
    conn: &mut Conn,
    year: i64,
) -> Result<Vec<(i64, UnitPredikat)>, sqlx::Error> {
    sqlx::query_as("SELECT unit_id, predikat FROM unit_results WHERE year = $1")
        .bind(year)
        .fetch_all(conn)
        .await
}

pub async fn set_unit_result(
    conn: &mut Conn,
    unit_id: i64,
    year: i64,
    predikat: UnitPredikat,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO unit_results (unit_id, year, predikat, set_by, set_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (unit_id, year) DO UPDATE SET predikat = excluded.predikat, set_by = excluded.set_by, set_at = excluded.set_at",
    )
    .bind(unit_id)
    .bind(year)
    .bind(predikat)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AppealRow {
    pub reasons: String,
    pub filed_at: i64,
    pub original_json: String,
    pub outcome: Option<AppealOutcome>,
    pub decision: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
}

pub async fn appeal(conn: &mut Conn, evaluation_id: i64) -> Result<Option<AppealRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.reasons, a.filed_at, a.original_json, a.outcome, a.decision, e.name AS decided_by_name, a.decided_at \
         FROM evaluation_appeals a LEFT JOIN employees e ON e.id = a.decided_by WHERE a.evaluation_id = $1",
    )
    .bind(evaluation_id)
    .fetch_optional(conn)
    .await
}

pub async fn insert_appeal(
    conn: &mut Conn,
    evaluation_id: i64,
    reasons: &str,
    original_json: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO evaluation_appeals (evaluation_id, reasons, filed_at, original_json) VALUES ($1, $2, $3, $4)",
    )
    .bind(evaluation_id)
    .bind(reasons)
    .bind(now)
    .bind(original_json)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn decide_appeal(
    conn: &mut Conn,
    evaluation_id: i64,
    outcome: AppealOutcome,
    decision: &str,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE evaluation_appeals SET outcome = $2, decision = $3, decided_by = $4, decided_at = $5 WHERE evaluation_id = $1",
    )
    .bind(evaluation_id)
    .bind(outcome)
    .bind(decision)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PeriodEvaluation {
    pub employee_id: i64,
    pub period_id: i64,
    pub status: EvaluationStatus,
    pub predikat: Option<Predikat>,
}

/// The evaluations of `employees` in the periods of `year`.
pub async fn of_year(
    conn: &mut Conn,
    employees: &[i64],
    year: i64,
) -> Result<Vec<PeriodEvaluation>, sqlx::Error> {
    if employees.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT v.employee_id, v.period_id, v.status, v.predikat FROM evaluations v \
         JOIN periods p ON p.id = v.period_id WHERE p.year = $1 AND v.employee_id IN ({})",
        crate::identity::roles::placeholders(2, employees.len())
    );
    let mut query = sqlx::query_as(&sql).bind(year);
    for id in employees {
        query = query.bind(*id);
    }
    query.fetch_all(conn).await
}
