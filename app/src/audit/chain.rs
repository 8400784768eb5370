//! Appending to and verifying the hash chain. Each record's hash covers its own
//! fields and the previous record's hash; ids run 1, 2, 3 … without gaps, so a
//! changed, removed or reordered record breaks the chain at that point.

use super::action::AuditAction;
use super::types::{BrokenLink, ChainReport};
use crate::identity::roles::SessionUser;
use crate::platform::db::{Backend, Conn};
use crate::platform::secrets::hex;
use blake2::{Blake2s256, Digest};
use futures::TryStreamExt;

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change, as the service that made it describes it.
pub struct Change {
    pub actor: Option<i64>,
    /// The actor's name now, kept with the record so it reads the same after a rename.
    pub actor_name: Option<String>,
    pub action: AuditAction,
    pub entity: &'static str,
    pub entity_id: String,
    /// The name of whom or what the change is about, as it is now (the employee,
    /// the plan's owner, the unit, the position, the period).
    pub subject: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl Change {
    pub fn by(
        actor: &SessionUser,
        action: AuditAction,
        entity: &'static str,
        entity_id: i64,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> Self {
        Self {
            actor: Some(actor.employee_id()),
            actor_name: Some(actor.viewer.name.clone()),
            action,
            entity,
            entity_id: entity_id.to_string(),
            subject: None,
            before,
            after,
        }
    }

    /// Names whom or what the change is about.
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }
}

/// Everything a record's hash covers besides the previous record's hash.
pub struct Content<'a> {
    pub id: i64,
    pub at: i64,
    pub actor: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub actor_name: Option<&'a str>,
    pub subject_name: Option<&'a str>,
}

pub fn record_hash(prev_hash: &str, record: &Content) -> String {
    let mut hasher = Blake2s256::new();
    let id = record.id.to_string();
    let at = record.at.to_string();
    let actor = record.actor.map(|a| a.to_string());
    let mut fields: Vec<Option<&str>> = vec![
        Some(prev_hash),
        Some(&id),
        Some(&at),
        actor.as_deref(),
        Some(record.action),
        Some(record.entity),
        Some(record.entity_id),
        record.before,
        record.after,
    ];
    // The names came later (migration 0004): a record without them hashes as it
    // always did, so records written before still verify; one with them covers
    // both, so removing or adding a name breaks the record.
    if record.actor_name.is_some() || record.subject_name.is_some() {
        fields.extend([record.actor_name, record.subject_name]);
    }
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
            &Content {
                id,
                at: now,
                actor: change.actor,
                action: change.action.code(),
                entity: change.entity,
                entity_id: &change.entity_id,
                before: before.as_deref(),
                after: after.as_deref(),
                actor_name: change.actor_name.as_deref(),
                subject_name: change.subject.as_deref(),
            },
        );
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, before_json, after_json, \
             actor_name, subject_name, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(now)
        .bind(change.actor)
        .bind(change.action.code())
        .bind(change.entity)
        .bind(change.entity_id)
        .bind(before)
        .bind(after)
        .bind(change.actor_name)
        .bind(change.subject)
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
    actor_name: Option<String>,
    subject_name: Option<String>,
    prev_hash: String,
    hash: String,
}

/// Walks the whole chain in order and reports the first record that does not fit.
pub async fn verify(conn: &mut Conn) -> Result<ChainReport, sqlx::Error> {
    let mut rows = sqlx::query_as::<_, StoredRecord>(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json, \
         actor_name, subject_name, prev_hash, hash FROM audit_log ORDER BY id",
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
            &Content {
                id,
                at: record.at,
                actor: record.actor_id,
                action: &record.action,
                entity: &record.entity,
                entity_id: &record.entity_id,
                before: record.before_json.as_deref(),
                after: record.after_json.as_deref(),
                actor_name: record.actor_name.as_deref(),
                subject_name: record.subject_name.as_deref(),
            },
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

    fn content<'a>(action: &'a str, entity: &'a str, after: Option<&'a str>) -> Content<'a> {
        Content {
            id: 1,
            at: 5,
            actor: Some(2),
            action,
            entity,
            entity_id: "1",
            before: None,
            after,
            actor_name: None,
            subject_name: None,
        }
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let a = record_hash(GENESIS_HASH, &content("ab", "c", Some("{}")));
        let b = record_hash(GENESIS_HASH, &content("a", "bc", Some("{}")));
        let c = record_hash(
            GENESIS_HASH,
            &Content {
                before: Some("{}"),
                ..content("ab", "c", None)
            },
        );
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn a_record_without_names_hashes_as_before_the_names_were_added() {
        // BLAKE2s of `64:000…|1:1|1:5|1:2|2:ab|1:c|1:1|-:|2:{}|`, the nine fields as
        // records were hashed before migration 0004 (computed outside this code).
        assert_eq!(
            record_hash(GENESIS_HASH, &content("ab", "c", Some("{}"))),
            "28af7bbab34dc06bcffc200df44d8ab763b39f95bc0546cf3f7f7950ad1ef03f"
        );
    }

    #[test]
    fn the_names_are_covered_by_the_hash() {
        let without = record_hash(GENESIS_HASH, &content("ab", "c", None));
        let actor = Content {
            actor_name: Some("Lukman Fauzi"),
            ..content("ab", "c", None)
        };
        let renamed = Content {
            actor_name: Some("Lukman F."),
            ..content("ab", "c", None)
        };
        let as_subject = Content {
            subject_name: Some("Lukman Fauzi"),
            ..content("ab", "c", None)
        };
        let hashes = [
            without,
            record_hash(GENESIS_HASH, &actor),
            record_hash(GENESIS_HASH, &renamed),
            record_hash(GENESIS_HASH, &as_subject),
        ];
        for (i, a) in hashes.iter().enumerate() {
            for b in &hashes[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
