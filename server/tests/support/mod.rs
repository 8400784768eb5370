//! Test harness: a fresh database per test, on SQLite (default) or on PostgreSQL
//! when `TEST_DATABASE_URL` names a server (`./sikap test` runs the suite on both).

#![allow(dead_code)]

pub mod evaluations;
pub mod plans;
pub mod policy;

use app::platform::config::Settings;
use app::platform::db::Db;
use app::platform::state::AppState;
use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use sqlx::{AnyConnection, Connection, Executor};
use std::collections::BTreeMap;
use std::path::Path;
use tower::ServiceExt;

pub struct TestDb {
    pub url: String,
    /// Keeps the SQLite file's folder alive for the test's duration.
    _dir: Option<tempfile::TempDir>,
    /// The test's own evidence store.
    pub store: tempfile::TempDir,
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
                    store: tempfile::tempdir().expect("temp dir"),
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/sikap.db", dir.path().display());
                TestDb {
                    url,
                    _dir: Some(dir),
                    store: tempfile::tempdir().expect("temp dir"),
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
        env.insert(
            "SIKAP_UPLOADS_STORE_PATH".to_owned(),
            self.store.path().display().to_string(),
        );
        Settings::from_sources(Path::new("test"), None, &env).expect("test settings")
    }

    /// A migrated database in application state, as the server builds it.
    pub async fn state(&self) -> AppState {
        server::startup::prepare(self.settings())
            .await
            .expect("database opens and migrates")
    }

    pub async fn db(&self) -> Db {
        self.state().await.db.clone()
    }
}

/// A migrated database loaded with the default demo dataset.
pub async fn seeded_state() -> (TestDb, AppState) {
    seeded_state_with(|_| {}).await
}

/// The same with adjusted settings (lower throttle limits, another period scheme).
pub async fn seeded_state_with(adjust: impl FnOnce(&mut Settings)) -> (TestDb, AppState) {
    let test_db = TestDb::new().await;
    let mut settings = test_db.settings();
    adjust(&mut settings);
    let state = server::startup::prepare(settings)
        .await
        .expect("database opens and migrates");
    app::demo::seed(&state.db, Default::default(), |_| {})
        .await
        .expect("demo data loads");
    (test_db, state)
}

/// A seeded instance with its router and the demo people.
pub async fn seeded_app(adjust: impl FnOnce(&mut Settings)) -> (TestDb, AppState, Router, Demo) {
    let (guard, state) = seeded_state_with(adjust).await;
    let router = server::build_router(state.clone());
    let demo = demo(&state).await;
    (guard, state, router, demo)
}

/// The Origin a browser on the default `public_url` sends.
pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// The message a person would read for this server function error.
    pub fn error_message(&self) -> String {
        serde_json::from_str::<app::error::AppError>(&self.body)
            .map(|e| e.to_string())
            .unwrap_or_else(|_| self.body.clone())
    }

    /// The session token this reply sets, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("sikap_session=") && !v.contains("Max-Age=0"))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), 10 * 1024 * 1024)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Like [`send`], but a live stream (`text/event-stream`, which never ends) is
/// answered with its status and headers only.
pub async fn send_or_open(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let streaming = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"));
    let body = if streaming {
        String::new()
    } else {
        let bytes = to_bytes(response.into_body(), 10 * 1024 * 1024)
            .await
            .unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Reply {
        status,
        headers,
        body,
    }
}

pub async fn get(router: &Router, path: &str) -> Reply {
    send(router, Request::get(path).body(Body::empty()).unwrap()).await
}

/// A page request with a session cookie.
pub async fn get_as(router: &Router, path: &str, cookie: &str) -> Reply {
    let request = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    send(router, request).await
}

/// A server function call as the browser's WASM makes it (same-origin, JSON reply).
pub async fn call(router: &Router, endpoint: &str, form: &str, cookie: Option<&str>) -> Reply {
    let mut request = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(form.to_owned())).unwrap()).await
}

/// A server function that takes JSON (nested input such as a whole plan).
pub async fn call_json(router: &Router, endpoint: &str, json: &str, cookie: Option<&str>) -> Reply {
    let mut request = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(json.to_owned())).unwrap()).await
}

/// A multipart upload of `file` to a server function.
pub async fn upload(router: &Router, endpoint: &str, file: &[u8], cookie: Option<&str>) -> Reply {
    let boundary = "sikapTestBoundary7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pegawai.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = Request::post(format!("/api/{endpoint}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(body)).unwrap()).await
}

/// Logs in and returns the `Cookie` value of the new session.
pub async fn log_in(router: &Router, nip: &str, password: &str) -> String {
    let reply = call(
        router,
        "log_in",
        &format!("nip={nip}&password={password}"),
        None,
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "log-in of {nip}: {}",
        reply.body
    );
    reply
        .session_cookie()
        .expect("log-in sets the session cookie")
}

/// The demo people by role, with their employee ids.
pub struct Demo {
    pub pegawai: (i64, String),
    /// Approved SKP, nothing reported yet.
    pub pelapor: (i64, String),
    pub atasan: (i64, String),
    /// The atasan's own supervisor: the atasan pejabat penilai of their team.
    pub penilai: (i64, String),
    pub admin: (i64, String),
    pub pimpinan: (i64, String),
}

pub async fn demo(state: &AppState) -> Demo {
    use app::demo::DemoRole;
    let logins = app::demo::demo_logins(&state.db).await.unwrap();
    let mut found = std::collections::HashMap::new();
    for login in logins {
        let id: i64 = sqlx::query_scalar("SELECT id FROM employees WHERE nip = $1")
            .bind(&login.nip)
            .fetch_one(state.db.pool())
            .await
            .unwrap();
        found.insert(login.role, (id, login.nip));
    }
    Demo {
        pegawai: found[&DemoRole::Pegawai].clone(),
        pelapor: found[&DemoRole::Pelapor].clone(),
        atasan: found[&DemoRole::Atasan].clone(),
        penilai: found[&DemoRole::Penilai].clone(),
        admin: found[&DemoRole::AdminBkpsdm].clone(),
        pimpinan: found[&DemoRole::Pimpinan].clone(),
    }
}

/// Row counts and change stamps of everything a server function could write:
/// equal before and after means the call changed nothing.
pub async fn fingerprint(state: &AppState) -> Vec<i64> {
    let queries = [
        "SELECT COUNT(*) FROM audit_log",
        "SELECT COUNT(*) FROM sessions",
        "SELECT COUNT(*) FROM admin_grants",
        "SELECT COUNT(*) FROM acting_assignments WHERE revoked_at IS NULL",
        "SELECT COUNT(*) FROM import_jobs",
        "SELECT COUNT(*) FROM units",
        "SELECT COUNT(*) FROM performance_years",
        "SELECT COUNT(*) FROM skp_plans",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM skp_plans",
        "SELECT COUNT(*) FROM periods WHERE status = 'open'",
        "SELECT COUNT(*) FROM positions",
        "SELECT COUNT(*) FROM employees",
        "SELECT CAST(COALESCE(SUM(updated_at % 1000003), 0) AS BIGINT) FROM employees",
        "SELECT CAST(COALESCE(SUM(updated_at % 1000003), 0) AS BIGINT) FROM accounts",
        "SELECT CAST(COALESCE(SUM(updated_at % 1000003), 0) AS BIGINT) FROM units",
        "SELECT CAST(COALESCE(SUM(updated_at % 1000003), 0) AS BIGINT) FROM positions",
        "SELECT COUNT(*) FROM realisasi_reports",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM realisasi_reports",
        "SELECT COUNT(*) FROM evidence",
        "SELECT COUNT(*) FROM evidence_objects",
        "SELECT COUNT(*) FROM evaluations",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM evaluations",
        "SELECT COUNT(*) FROM evaluation_appeals",
        "SELECT COUNT(*) FROM unit_results",
    ];
    let mut out = Vec::new();
    for sql in queries {
        let value: i64 = sqlx::query_scalar(sql)
            .fetch_one(state.db.pool())
            .await
            .unwrap();
        out.push(value);
    }
    out
}

/// A multipart form as a browser posts it: text fields, then files
/// (field name, file name, bytes).
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "sikapFormBoundaryQ2xV8tL0";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (name, file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts a multipart form to `path` as a same-origin browser would.
pub async fn post_multipart(
    router: &Router,
    path: &str,
    form: (String, Vec<u8>),
    cookie: Option<&str>,
) -> Reply {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, form.0)
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(form.1)).unwrap()).await
}
