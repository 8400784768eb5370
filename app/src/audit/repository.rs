//! Reading the audit trail (server only); appending and verifying are in `chain`.

use super::action::AuditAction;
use super::types::AuditEntry;
use crate::admin::types::ActingKind;
use crate::platform::db::Conn;
use serde_json::Value;

/// A record with the names it was written with, or, for records older than the
/// recorded names (migration 0004), the names the people have now.
#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor: Option<String>,
    action: String,
    entity: String,
    entity_id: String,
    subject: Option<String>,
    plan_year: Option<i64>,
    before_json: Option<String>,
    after_json: Option<String>,
}

/// The newest `limit` records with an id below `before_id`, newest first.
pub async fn page(
    conn: &mut Conn,
    before_id: i64,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    // The CASEs keep the casts to the rows whose entity id is an employee's or a
    // plan's, and let each join use the primary key.
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT a.id, a.at, COALESCE(a.actor_name, e_actor.name) AS actor, a.action, a.entity, a.entity_id, \
                COALESCE(a.subject_name, e_subject.name, e_owner.name) AS subject, p.year AS plan_year, \
                a.before_json, a.after_json \
         FROM audit_log a \
         LEFT JOIN employees e_actor ON a.actor_name IS NULL AND e_actor.id = a.actor_id \
         LEFT JOIN employees e_subject ON a.subject_name IS NULL AND e_subject.id = \
              CASE WHEN a.entity IN ('employee', 'account') THEN CAST(a.entity_id AS BIGINT) END \
         LEFT JOIN skp_plans p ON p.id = \
              CASE WHEN a.entity = 'skp_plan' THEN CAST(a.entity_id AS BIGINT) END \
         LEFT JOIN employees e_owner ON a.subject_name IS NULL AND e_owner.id = p.employee_id \
         WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2",
    )
    .bind(before_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(entry).collect())
}

fn entry(row: AuditRow) -> AuditEntry {
    let before = row.before_json.as_deref().map(parse);
    let after = row.after_json.as_deref().map(parse);
    // What the JSON says, the newer state first.
    let fact = |key: &str| {
        [&after, &before]
            .into_iter()
            .flatten()
            .find_map(|json| json.get(key).and_then(Value::as_str).map(str::to_owned))
    };
    let action = AuditAction::from_code(&row.action);
    let subject = row.subject.or_else(|| match row.entity.as_str() {
        "unit" => fact("name"),
        "position" => fact("title"),
        _ => None,
    });
    let year = match action {
        Some(AuditAction::YearOpened) => row.entity_id.parse().ok(),
        _ => row.plan_year,
    };
    let role = match action {
        Some(AuditAction::RoleActingAssigned) => fact("position").map(|position| {
            match fact("kind").as_deref().and_then(ActingKind::from_code) {
                Some(ActingKind::Plt) => format!("Plt. {position}"),
                Some(ActingKind::Plh) => format!("Plh. {position}"),
                None => position,
            }
        }),
        _ => None,
    };
    AuditEntry {
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        subject,
        year,
        role,
        before: row.before_json.map(|raw| pretty(&raw)),
        after: row.after_json.map(|raw| pretty(&raw)),
    }
}

fn parse(raw: &str) -> Value {
    serde_json::from_str(raw).unwrap_or(Value::Null)
}

/// Indented JSON for the details; text that is not JSON shows as it is.
fn pretty(raw: &str) -> String {
    serde_json::from_str::<Value>(raw)
        .ok()
        .and_then(|value| serde_json::to_string_pretty(&value).ok())
        .unwrap_or_else(|| raw.to_owned())
}
