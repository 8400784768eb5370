//! HTTP tests through `build_router`, the router production runs.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use support::{get, seeded_state, send, TestDb, ORIGIN};

async fn seeded_router() -> (TestDb, Router) {
    let (guard, state) = seeded_state().await;
    (guard, server::build_router(state))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_is_rendered_in_indonesian_with_the_counts() {
    let (_guard, router) = seeded_router().await;
    let reply = get(&router, "/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains("<html lang=\"id\""),
        "{}",
        &reply.body[..300.min(reply.body.len())]
    );
    assert!(reply.body.contains("Sistem Informasi Kinerja Aparatur"));
    assert!(reply.body.contains("Pemerintah Kabupaten Kepahiang"));
    assert!(
        reply.body.contains("3.000"),
        "employee count shown with Indonesian separators"
    );
    assert!(
        !reply.body.contains("/pkg/sikap.js"),
        "plain HTML: the home page has no island"
    );
    let cookie = reply
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("sikap_lang=id"), "{cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_cookie_switches_the_page_to_english() {
    let (_guard, router) = seeded_router().await;
    let request = Request::get("/")
        .header(header::COOKIE, "sikap_lang=en")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, request).await;
    let html_tag = &reply.body[reply.body.find("<html").unwrap()..];
    let html_tag = &html_tag[..html_tag.find('>').unwrap()];
    assert_eq!(html_tag, "<html lang=\"en\"", "one lang attribute");
    assert!(reply
        .body
        .contains("Civil Servant Performance Information System"));
    assert!(
        reply.headers.get(header::SET_COOKIE).is_none(),
        "an existing choice is kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_get_an_indonesian_404_with_the_request_id() {
    let (_guard, router) = seeded_router().await;
    let reply = get(&router, "/tidak-ada").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Halaman tidak ditemukan"));
    let id = reply.headers.get("x-request-id").unwrap().to_str().unwrap();
    assert!(reply.body.contains(id), "the page shows request id {id}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_a_request_id_and_security_headers() {
    let (_guard, router) = seeded_router().await;
    let reply = get(&router, "/tentang").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers.get("x-request-id").unwrap().len(), 36);
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers["x-frame-options"], "DENY");
    assert!(reply.body.contains("sekurang-kurangnya 5 orang"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisation_search_works_without_javascript() {
    let (_guard, router) = seeded_router().await;
    let reply = get(&router, "/organisasi?q=puskesmas").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("UPTD Puskesmas Kabawetan"));
    assert!(
        !reply.body.contains("Dinas Pertanian</span>"),
        "only matching units are listed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_function_round_trip_returns_units_as_json() {
    let (_guard, router) = seeded_router().await;
    let request = Request::post("/api/search_units")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from("query=kecamatan"))
        .unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let units: Vec<serde_json::Value> = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(units.len(), 8);
    assert!(units
        .iter()
        .all(|u| u["kind"] == "kecamatan" && u["employees"].as_i64().unwrap() > 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_function_refuses_bad_input_with_an_indonesian_message() {
    let (_guard, router) = seeded_router().await;
    let long = "a".repeat(101);
    let request = Request::post("/api/search_units")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from(format!("query={long}")))
        .unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains("Kata kunci terlalu panjang"),
        "{}",
        reply.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_reports_the_database_and_fails_when_it_is_gone() {
    let test_db = TestDb::new().await;
    let state = test_db.state().await;
    let db = state.db.clone();
    let router = server::build_router(state);
    let reply = get(&router, "/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("\"status\":\"ok\""));
    db.close().await;
    let reply = get(&router, "/healthz").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply.body.contains("unavailable"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_by_route_and_show_the_pool() {
    let (_guard, router) = seeded_router().await;
    get(&router, "/").await;
    get(&router, "/").await;
    get(&router, "/tidak-ada").await;
    let reply = get(&router, "/metrics").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert!(
        reply
            .body
            .contains("sikap_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains(
            "sikap_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"
        ),
        "{}",
        reply.body
    );
    assert!(reply
        .body
        .contains("sikap_http_request_duration_seconds_count{method=\"GET\",route=\"/\"} 2"));
    assert!(reply.body.contains("sikap_db_pool_max_connections 5"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_renders_reliably_under_repeated_requests() {
    // Page titles are evaluated after rendering; a translation that needs context
    // there fails only sometimes, so each page is asked for many times.
    let (_guard, router) = seeded_router().await;
    for _ in 0..15 {
        for path in [
            "/",
            "/organisasi",
            "/organisasi?q=dinas",
            "/tentang",
            "/tidak-ada",
        ] {
            let reply = get(&router, path).await;
            assert!(
                reply.status == StatusCode::OK || path == "/tidak-ada",
                "{path}: {}",
                reply.status
            );
            assert!(reply.body.contains("<title>"), "{path} has a title");
            assert!(!reply.body.contains("Kesalahan server"), "{path} panicked");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_failure_shows_a_message_with_the_request_id_not_the_cause() {
    let (_guard, state) = seeded_state().await;
    let db = state.db.clone();
    let router = server::build_router(state);
    db.close().await;
    let reply = get(&router, "/").await;
    let id = reply.headers.get("x-request-id").unwrap().to_str().unwrap();
    assert!(
        reply.body.contains(&format!(
            "Terjadi kesalahan pada server. Kode permintaan: {id}."
        )),
        "{}",
        reply.body
    );
    assert!(
        !reply.body.to_lowercase().contains("pool"),
        "internal causes are not shown"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_page_requests_all_succeed() {
    // Many requests at once on one runtime, as in production: each page's head (title,
    // lang) must still render after its reactive owner is gone.
    let (_guard, router) = seeded_router().await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..48 {
        let router = router.clone();
        let path = ["/", "/organisasi?q=dinas", "/tentang"][i % 3];
        tasks.spawn(async move { (path, get(&router, path).await) });
    }
    while let Some(done) = tasks.join_next().await {
        let (path, reply) = done.unwrap();
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            reply.body.contains("· SIKAP</title>"),
            "{path} has its title"
        );
        assert!(
            reply.body.contains("<html lang=\"id\""),
            "{path} has its language"
        );
    }
}
