//! The database: one pool in application state, SQLite (embedded default) or
//! PostgreSQL behind `sqlx::Any`, so one set of `$1`-style queries serves both.
//! Through Any, flags are stored as integers and instants as UTC milliseconds.
//!
//! A request uses one connection at a time: reads take one with [`Db::read`],
//! writes open one transaction with [`Db::write`], and repository functions take
//! the connection they run on (`&mut Conn`), so the reads that decide a write run
//! inside that write's transaction.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, ConnectOptions, Executor, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The connection a repository function runs on: a transaction's (`&mut tx`) or
/// one acquired for a request's reads (`&mut db.read().await?`).
pub type Conn = sqlx::AnyConnection;

/// A write transaction; see [`Db::write`]. It derefs to its connection, so
/// repository functions take `&mut tx` like any other connection; `commit` ends
/// it, dropping it rolls it back.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    /// This instance's turn to write (SQLite), released after commit or rollback.
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// How long a request waits for a pooled connection or for its turn to write
/// before it fails (a 500 with a request id, never a hang).
const WAIT_AT_MOST: Duration = Duration::from_secs(10);

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite takes one writer at a time: writers of this instance wait here, in
    /// order, instead of polling SQLite's lock (busy_timeout backs off up to 100 ms
    /// between tries, which wastes most of the time under many writers).
    write_turn: Arc<Mutex<()>>,
}

/// A number that may be missing, bound as text and read by the SQL as
/// `CAST($n AS DOUBLE PRECISION)`. sqlx's Any driver sends a missing `f64` as a
/// `float4` NULL (sqlx-core 0.8.6, `any/arguments.rs`), so PostgreSQL prepares the
/// cached statement for `float4` and the next real `f64` fails to bind ("incorrect
/// binary data format"). Rust writes an `f64` as the shortest text that reads back
/// to the same number.
pub fn optional_number(value: Option<f64>) -> Option<String> {
    value.filter(|v| v.is_finite()).map(|v| v.to_string())
}

/// Milliseconds since the Unix epoch (UTC), the way instants are stored.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Db {
    /// Opens a pool on `url`; a SQLite file and its folder are created when missing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(WAIT_AT_MOST)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while one writer commits; the busy timeout
                        // makes concurrent writers wait instead of failing at once.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self {
            pool,
            backend,
            write_turn: Arc::new(Mutex::new(())),
        })
    }

    /// One connection for a request's reads; returned to the pool when dropped.
    pub async fn read(&self) -> Result<PoolConnection<Any>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// A write transaction that takes the write lock at its start. On SQLite a
    /// deferred transaction that reads and then writes fails at once with "database
    /// is locked" when another writer went first (busy_timeout cannot help, its
    /// snapshot is stale); `BEGIN IMMEDIATE` makes it wait its turn instead, and
    /// this instance's writers queue for their turn before they begin (another
    /// process, such as the command line, still waits on busy_timeout). On
    /// PostgreSQL rows lock as they are written and constraints answer races.
    pub async fn write(&self) -> Result<WriteTx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let turn = tokio::time::timeout(WAIT_AT_MOST, self.write_turn.clone().lock_owned())
                    .await
                    .map_err(|_| sqlx::Error::PoolTimedOut)?;
                Ok(WriteTx {
                    tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                    _turn: Some(turn),
                })
            }
            Backend::Postgres => Ok(WriteTx {
                tx: self.pool.begin().await?,
                _turn: None,
            }),
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the pending migrations of this backend's schema history.
    pub async fn migrate(&self) -> Result<(), MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// A round trip to the database, for health checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    /// Connections open and idle, for the metrics page.
    pub fn pool_usage(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or_default();
    if file != ":memory:" && !file.is_empty() {
        if let Some(parent) = std::path::Path::new(file).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
            }
        }
    }
    Ok(if url.contains('?') {
        url.to_owned()
    } else {
        format!("{url}?mode=rwc")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode_and_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/nested/sikap.db", dir.path().display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.path().join("nested").is_dir());
        assert_eq!(
            prepare_sqlite_url("sqlite://x.db?mode=ro").unwrap(),
            "sqlite://x.db?mode=ro"
        );
    }
}
