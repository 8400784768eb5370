//! Test harness: a fresh database per test, on SQLite (default) or on PostgreSQL
//! when `TEST_DATABASE_URL` names a server (`./sikap test` runs the suite on both).

#![allow(dead_code)]

use app::platform::config::Settings;
use app::platform::db::Db;
use app::platform::state::AppState;
use sqlx::{AnyConnection, Connection, Executor};
use std::collections::BTreeMap;
use std::path::Path;

pub struct TestDb {
    pub url: String,
    /// Keeps the SQLite file's folder alive for the test's duration.
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new() -> Self {
        sqlx::any::install_default_drivers();
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin) if admin.starts_with("postgres") => {
                let name = format!("sikap_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = AnyConnection::connect(&admin)
                    .await
                    .expect("TEST_DATABASE_URL must reach a PostgreSQL server");
                conn.execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                TestDb {
                    url: format!("{base}/{name}"),
                    _dir: None,
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/sikap.db", dir.path().display());
                TestDb {
                    url,
                    _dir: Some(dir),
                }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }

    pub fn settings(&self) -> Settings {
        let mut env = BTreeMap::new();
        env.insert("SIKAP_DATABASE_URL".to_owned(), self.url.clone());
        env.insert("SIKAP_DATABASE_MAX_CONNECTIONS".to_owned(), "5".to_owned());
        Settings::from_sources(Path::new("test"), None, &env).expect("test settings")
    }

    /// A migrated database in application state, as the server builds it.
    pub async fn state(&self) -> AppState {
        server::startup::prepare(self.settings())
            .await
            .expect("database opens and migrates")
    }

    pub async fn db(&self) -> Db {
        self.state().await.db
    }
}

/// A migrated database loaded with the default demo dataset.
pub async fn seeded_state() -> (TestDb, AppState) {
    let test_db = TestDb::new().await;
    let state = test_db.state().await;
    app::organisation::seed::seed(&state.db, Default::default(), |_| {})
        .await
        .expect("demo data loads");
    (test_db, state)
}
