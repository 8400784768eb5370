//! Organisation queries (server only). One set of `$n` queries for both backends.

use super::types::{CountByCode, OrganisationOverview, UnitSummary};
use crate::platform::db::Db;
use sqlx::Row;

use super::api::SEARCH_LIMIT;

async fn count(db: &Db, sql: &str) -> Result<i64, sqlx::Error> {
    sqlx::query(sql).fetch_one(db.pool()).await?.try_get(0)
}

async fn counts_by_code(db: &Db, sql: &str) -> Result<Vec<CountByCode>, sqlx::Error> {
    sqlx::query(sql)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(CountByCode {
                code: row.try_get(0)?,
                count: row.try_get(1)?,
            })
        })
        .collect()
}

pub async fn overview(db: &Db, instansi: &str) -> Result<OrganisationOverview, sqlx::Error> {
    Ok(OrganisationOverview {
        instansi: instansi.to_owned(),
        units: count(db, "SELECT COUNT(*) FROM units WHERE active = 1").await?,
        positions: count(db, "SELECT COUNT(*) FROM positions WHERE active = 1").await?,
        employees: count(
            db,
            "SELECT COUNT(*) FROM employees WHERE active = 1 AND status <> 'non_asn'",
        )
        .await?,
        by_jabatan_kind: counts_by_code(
            db,
            "SELECT p.kind, COUNT(*) FROM employees e JOIN positions p ON p.id = e.position_id \
             WHERE e.active = 1 AND e.status <> 'non_asn' GROUP BY p.kind ORDER BY COUNT(*) DESC, p.kind",
        )
        .await?,
        by_status: counts_by_code(
            db,
            "SELECT status, COUNT(*) FROM employees WHERE active = 1 AND status <> 'non_asn' \
             GROUP BY status ORDER BY status",
        )
        .await?,
    })
}

/// Escapes LIKE wildcards so a user's `%` or `_` matches itself.
pub(crate) fn like_pattern(query: &str) -> String {
    let escaped = query
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Units whose name contains `query` (case-insensitive), each with the active
/// employees of its whole subtree; an empty query lists the top-level units.
pub async fn search_units(db: &Db, query: &str) -> Result<Vec<UnitSummary>, sqlx::Error> {
    let query = query.trim();
    let (filter, pattern) = if query.is_empty() {
        (
            "u.parent_id = (SELECT id FROM units WHERE parent_id IS NULL)",
            None,
        )
    } else {
        (
            "LOWER(u.name) LIKE $2 ESCAPE '\\'",
            Some(like_pattern(query)),
        )
    };
    let sql = format!(
        "WITH RECURSIVE matched AS ( \
             SELECT u.id FROM units u WHERE u.active = 1 AND {filter} ORDER BY u.code LIMIT $1 \
         ), subtree (root, id) AS ( \
             SELECT id, id FROM matched \
             UNION ALL \
             SELECT s.root, c.id FROM units c JOIN subtree s ON c.parent_id = s.id WHERE c.active = 1 \
         ) \
         SELECT u.id, u.code, u.name, u.kind, parent.name, u.illustrative, \
                (SELECT COUNT(*) FROM subtree s JOIN positions p ON p.unit_id = s.id \
                   JOIN employees e ON e.position_id = p.id \
                  WHERE s.root = u.id AND e.active = 1 AND e.status <> 'non_asn') AS employees \
         FROM matched m JOIN units u ON u.id = m.id LEFT JOIN units parent ON parent.id = u.parent_id \
         ORDER BY u.code"
    );
    let mut statement = sqlx::query(&sql).bind(SEARCH_LIMIT as i64);
    if let Some(pattern) = pattern {
        statement = statement.bind(pattern);
    }
    statement
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(UnitSummary {
                id: row.try_get(0)?,
                code: row.try_get(1)?,
                name: row.try_get(2)?,
                kind: row.try_get(3)?,
                parent_name: row.try_get(4)?,
                illustrative: row.try_get::<i64, _>(5)? == 1,
                employees: row.try_get(6)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn wildcards_in_user_input_are_escaped() {
        assert_eq!(like_pattern("Dinas"), "%dinas%");
        assert_eq!(like_pattern("50%_x"), "%50\\%\\_x%");
    }
}
