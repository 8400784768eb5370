//! Appending to and verifying the hash chain. Each record's hash covers its own
//! fields and the previous record's hash; ids run 1, 2, 3 … without gaps, so a
//! changed, removed or reordered record breaks the chain at that point.

use super::types::{BrokenLink, ChainReport};
use crate::platform::db::{Backend, Conn};
use crate::platform::secrets::hex;
use blake2::{Blake2s256, Digest};
use futures::TryStreamExt;

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change, as the service that made it describes it.
pub struct Change {
    pub actor: Option<i64>,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl Change {
    pub fn by(
        actor: i64,
        action: &'static str,
        entity: &'static str,
        entity_id: i64,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> Self {
        Self {
            actor: Some(actor),
            action,
            entity,
            entity_id: entity_id.to_string(),
            before,
            after,
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub fn record_hash(
    prev_hash: &str,
    id: i64,
    at: i64,
    actor: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut hasher = Blake2s256::new();
    let actor = actor.map(|a| a.to_string());
    let fields: [Option<&str>; 9] = [
        Some(prev_hash),
        Some(&id.to_string()),
        Some(&at.to_string()),
        actor.as_deref(),
        Some(action),
        Some(entity),
        Some(entity_id),
        before,
        after,
    ];
    // Length-prefixed, with absent fields marked, so no two records hash alike by
    // moving text between fields.
    for field in fields {
        match field {
            Some(text) => hasher.update(format!("{}:", text.len()).as_bytes()),
            None => hasher.update(b"-:"),
        }
        hasher.update(field.unwrap_or_default().as_bytes());
        hasher.update(b"|");
    }
    hex(&hasher.finalize())
}

/// Appends `change` inside the caller's transaction. Call it after the change's own
/// writes: on SQLite the transaction then already holds the write lock, and on
/// PostgreSQL an advisory lock orders concurrent appends, so the chain never forks.
pub async fn append(
    tx: &mut crate::platform::db::WriteTx,
    backend: Backend,
    change: Change,
    now: i64,
) -> Result<(), sqlx::Error> {
    append_many(tx, backend, vec![change], now).await
}

/// Appends many changes with one lock and one read of the chain's end (imports).
pub async fn append_many(
    tx: &mut crate::platform::db::WriteTx,
    backend: Backend,
    changes: Vec<Change>,
    now: i64,
) -> Result<(), sqlx::Error> {
    if changes.is_empty() {
        return Ok(());
    }
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(170801)")
            .execute(&mut **tx)
            .await?;
    }
    let last: Option<ChainEnd> =
        sqlx::query_as("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
    let (mut id, mut prev_hash) = match last {
        Some(end) => (end.id, end.hash),
        None => (0, GENESIS_HASH.to_owned()),
    };
    for change in changes {
        id += 1;
        let before = change.before.map(|v| v.to_string());
        let after = change.after.map(|v| v.to_string());
        let hash = record_hash(
            &prev_hash,
            id,
            now,
            change.actor,
            change.action,
            change.entity,
            &change.entity_id,
            before.as_deref(),
            after.as_deref(),
        );
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, before_json, after_json, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(now)
        .bind(change.actor)
        .bind(change.action)
        .bind(change.entity)
        .bind(change.entity_id)
        .bind(before)
        .bind(after)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
        prev_hash = hash;
    }
    Ok(())
}

/// The newest record's id and hash, where the next one links on.
#[derive(sqlx::FromRow)]
struct ChainEnd {
    id: i64,
    hash: String,
}

/// One stored record with everything its hash covers.
#[derive(sqlx::FromRow)]
struct StoredRecord {
    id: i64,
    at: i64,
    actor_id: Option<i64>,
    action: String,
    entity: String,
    entity_id: String,
    before_json: Option<String>,
    after_json: Option<String>,
    prev_hash: String,
    hash: String,
}

/// Walks the whole chain in order and reports the first record that does not fit.
pub async fn verify(conn: &mut Conn) -> Result<ChainReport, sqlx::Error> {
    let mut rows = sqlx::query_as::<_, StoredRecord>(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json, prev_hash, hash \
         FROM audit_log ORDER BY id",
    )
    .fetch(conn);
    let mut expected_id = 1_i64;
    let mut prev = GENESIS_HASH.to_owned();
    let mut checked = 0_i64;
    while let Some(record) = rows.try_next().await? {
        let id = record.id;
        let broken = |reason: String| ChainReport {
            checked,
            first_broken: Some(BrokenLink { id, reason }),
        };
        if id != expected_id {
            return Ok(broken(format!(
                "nomor urut melompat dari {} ke {id}: ada catatan yang dihapus",
                expected_id - 1
            )));
        }
        if record.prev_hash != prev {
            return Ok(broken(
                "hash catatan sebelumnya tidak cocok: catatan sebelumnya diubah atau dihapus"
                    .into(),
            ));
        }
        let computed = record_hash(
            &record.prev_hash,
            id,
            record.at,
            record.actor_id,
            &record.action,
            &record.entity,
            &record.entity_id,
            record.before_json.as_deref(),
            record.after_json.as_deref(),
        );
        if computed != record.hash {
            return Ok(broken(
                "isi catatan tidak cocok dengan hash-nya: catatan ini diubah".into(),
            ));
        }
        prev = record.hash;
        expected_id += 1;
        checked += 1;
    }
    Ok(ChainReport {
        checked,
        first_broken: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let a = record_hash(
            GENESIS_HASH,
            1,
            5,
            Some(2),
            "ab",
            "c",
            "1",
            None,
            Some("{}"),
        );
        let b = record_hash(
            GENESIS_HASH,
            1,
            5,
            Some(2),
            "a",
            "bc",
            "1",
            None,
            Some("{}"),
        );
        let c = record_hash(
            GENESIS_HASH,
            1,
            5,
            Some(2),
            "ab",
            "c",
            "1",
            Some("{}"),
            None,
        );
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 64);
    }
}
