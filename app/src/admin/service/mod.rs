//! Administrative changes, one file a subject. Each change runs in one write
//! transaction (`db.write()`) that makes its checks, its writes and its audit
//! record together, so a change and its record are saved together or not at all.

pub mod accounts;
pub mod acting;
pub mod employees;
pub mod leadership;
pub mod structure;

use crate::audit::chain::{self, Change};
use crate::platform::db::{Db, WriteTx};

/// The last step of every change: append its audit record (none when nothing
/// changed) in the change's transaction, and commit both.
async fn commit_audited(
    db: &Db,
    mut tx: WriteTx,
    changes: impl IntoIterator<Item = Change>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let changes: Vec<Change> = changes.into_iter().collect();
    chain::append_many(&mut tx, db.backend(), changes, now).await?;
    tx.commit().await
}
