//! Evaluations as the tests need them: a year opened with its periods begun, an
//! approved plan, and the rater's form posted as a browser (or the panel's
//! autosave) posts it.

use super::{call, log_in, send, Reply, ORIGIN};
use app::demo::DEMO_PASSWORD;
use app::platform::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;

pub const YEAR: i64 = 2031;
pub const VALUES: [&str; 7] = [
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
];

/// Opens the test's year (its periods moved to have begun); answers the periodic ids.
pub async fn open_year(state: &AppState, router: &Router, admin: &str) -> Vec<i64> {
    let opened = call(
        router,
        "admin_open_year",
        &format!("year={YEAR}"),
        Some(admin),
    )
    .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    sqlx::query("UPDATE periods SET starts_on = '2020-01-01' WHERE year = $1")
        .bind(YEAR)
        .execute(state.db.pool())
        .await
        .unwrap();
    sqlx::query_scalar(
        "SELECT id FROM periods WHERE year = $1 AND kind = 'periodic' ORDER BY starts_on",
    )
    .bind(YEAR)
    .fetch_all(state.db.pool())
    .await
    .unwrap()
}

/// An approved plan with one utama and one tambahan RHK; answers their ids.
pub async fn plan_for(state: &AppState, router: &Router, nip: &str) -> Vec<i64> {
    let cookie = log_in(router, nip, DEMO_PASSWORD).await;
    let plan = format!(
        r#"{{"plan":{{"year":{YEAR},"base_version":0,"approach":"kuantitatif","lampiran":{{"dukungan_sumber_daya":[],"skema_pertanggungjawaban":[],"konsekuensi":[]}},
        "rhk":[{{"id":null,"kind":"utama","text":"Terbitnya izin usaha","parent_rhk_id":null,"perspektif":null,
                 "iki":[{{"aspek":"kuantitas","indicator":"Jumlah izin usaha terbit","target":"450","satuan":"dokumen"}}]}},
               {{"id":null,"kind":"tambahan","text":"Tersusunnya SOP loket","parent_rhk_id":null,"perspektif":null,
                 "iki":[{{"aspek":"kuantitas","indicator":"SOP tersusun","target":"1","satuan":"dokumen"}}]}}]}}}}"#
    );
    super::plans::approved(state, router, &cookie, nip, &plan).await
}

pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn form(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Posts a form as the browser does; `text`: as the panel's autosave does.
pub async fn post(router: &Router, path: &str, body: String, cookie: &str, text: bool) -> Reply {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie);
    if text {
        request = request.header(header::ACCEPT, "text/plain");
    }
    send(router, request.body(Body::from(body)).unwrap()).await
}

/// Every rating of the form: each RHK `rhk`, each value `value`, the overall two.
pub fn ratings(
    version: i64,
    action: &str,
    rhk: &[(i64, &str, &str)],
    value: &str,
    hasil: &str,
    perilaku: &str,
) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("versi".to_owned(), version.to_string()),
        ("aksi".to_owned(), action.to_owned()),
        ("hasil_kerja".to_owned(), hasil.to_owned()),
        ("alasan_hasil_kerja".to_owned(), String::new()),
        ("perilaku".to_owned(), perilaku.to_owned()),
    ];
    for (id, rating, feedback) in rhk {
        pairs.push((format!("rating-{id}"), (*rating).to_owned()));
        pairs.push((format!("umpan-{id}"), (*feedback).to_owned()));
    }
    for code in VALUES {
        pairs.push((format!("nilai-{code}"), value.to_owned()));
        pairs.push((format!("catatan-{code}"), String::new()));
    }
    pairs
}

pub async fn evaluation(router: &Router, query: &str, cookie: &str) -> serde_json::Value {
    let reply = call(router, "get_evaluation", query, Some(cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// The employee id one level above `employee_id` in the position tree.
pub async fn supervisor_of(state: &AppState, employee_id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT s.id FROM employees e JOIN positions p ON p.id = e.position_id \
         JOIN employees s ON s.position_id = p.parent_id WHERE e.id = $1 AND s.active = 1 ORDER BY s.id LIMIT 1",
    )
    .bind(employee_id)
    .fetch_one(state.db.pool())
    .await
    .unwrap()
}

/// Gives `employee_id` an account with the demo password; answers their NIP.
pub async fn account_for(state: &AppState, employee_id: i64) -> String {
    sqlx::query(
        "INSERT INTO accounts (employee_id, password_hash, must_change_password, created_at, updated_at) \
         SELECT $1, password_hash, 0, created_at, updated_at FROM accounts \
         WHERE employee_id = (SELECT MIN(employee_id) FROM accounts) \
         AND NOT EXISTS (SELECT 1 FROM accounts WHERE employee_id = $1)",
    )
    .bind(employee_id)
    .execute(state.db.pool())
    .await
    .unwrap();
    sqlx::query_scalar("SELECT nip FROM employees WHERE id = $1")
        .bind(employee_id)
        .fetch_one(state.db.pool())
        .await
        .unwrap()
}

pub fn location(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    reply.headers[header::LOCATION].to_str().unwrap().to_owned()
}
