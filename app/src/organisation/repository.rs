//! Organisation queries (server only). One set of `$n` queries for both backends.

use super::types::{
    CountByCode, EmployeeStatus, OrganisationOverview, UnitKind, UnitSummary, SEARCH_LIMIT,
};
use crate::platform::db::Conn;

/// Kabupaten-wide counts; the Bupati (not an ASN) is not counted as an employee.
pub async fn overview(
    conn: &mut Conn,
    instansi: &str,
) -> Result<OrganisationOverview, sqlx::Error> {
    let non_asn = EmployeeStatus::NonAsn;
    Ok(OrganisationOverview {
        instansi: instansi.to_owned(),
        units: sqlx::query_scalar("SELECT COUNT(*) FROM units WHERE active = 1")
            .fetch_one(&mut *conn)
            .await?,
        positions: sqlx::query_scalar("SELECT COUNT(*) FROM positions WHERE active = 1")
            .fetch_one(&mut *conn)
            .await?,
        employees: sqlx::query_scalar(
            "SELECT COUNT(*) FROM employees WHERE active = 1 AND status <> $1",
        )
        .bind(non_asn)
        .fetch_one(&mut *conn)
        .await?,
        by_jabatan_kind: sqlx::query_as(
            "SELECT p.kind AS code, COUNT(*) AS count FROM employees e \
             JOIN positions p ON p.id = e.position_id \
             WHERE e.active = 1 AND e.status <> $1 GROUP BY p.kind ORDER BY COUNT(*) DESC, p.kind",
        )
        .bind(non_asn)
        .fetch_all(&mut *conn)
        .await?,
        by_status: sqlx::query_as::<_, CountByCode>(
            "SELECT status AS code, COUNT(*) AS count FROM employees \
             WHERE active = 1 AND status <> $1 GROUP BY status ORDER BY status",
        )
        .bind(non_asn)
        .fetch_all(&mut *conn)
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

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    code: String,
    name: String,
    kind: UnitKind,
    parent_name: Option<String>,
    illustrative: i64,
    employees: i64,
}

/// Units whose name contains `query` (case-insensitive), each with the active
/// employees of its whole subtree; an empty query lists the top-level units.
pub async fn search_units(conn: &mut Conn, query: &str) -> Result<Vec<UnitSummary>, sqlx::Error> {
    let query = query.trim();
    let (filter, pattern) = if query.is_empty() {
        (
            "u.parent_id = (SELECT id FROM units WHERE parent_id IS NULL)",
            None,
        )
    } else {
        (
            "LOWER(u.name) LIKE $3 ESCAPE '\\'",
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
         SELECT u.id, u.code, u.name, u.kind, parent.name AS parent_name, u.illustrative, \
                (SELECT COUNT(*) FROM subtree s JOIN positions p ON p.unit_id = s.id \
                   JOIN employees e ON e.position_id = p.id \
                  WHERE s.root = u.id AND e.active = 1 AND e.status <> $2) AS employees \
         FROM matched m JOIN units u ON u.id = m.id LEFT JOIN units parent ON parent.id = u.parent_id \
         ORDER BY u.code"
    );
    let mut statement = sqlx::query_as::<_, UnitRow>(&sql)
        .bind(SEARCH_LIMIT as i64)
        .bind(EmployeeStatus::NonAsn);
    if let Some(pattern) = pattern {
        statement = statement.bind(pattern);
    }
    Ok(statement
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|row| UnitSummary {
            id: row.id,
            code: row.code,
            name: row.name,
            kind: row.kind,
            parent_name: row.parent_name,
            illustrative: row.illustrative != 0,
            employees: row.employees,
        })
        .collect())
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
