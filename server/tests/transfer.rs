//! What travels to the browser: public pages as plain HTML without WASM, islands
//! only where something is live, every text response compressed, pages with
//! validators, the site's files precompressed and cached as immutable.

mod support;

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use std::io::Read;
use support::{demo, get, get_as, log_in, seeded_state, ORIGIN};
use tower::ServiceExt;

struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

async fn raw(router: &Router, request: Request<Body>) -> Raw {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 20 * 1024 * 1024)
        .await
        .unwrap()
        .to_vec();
    Raw {
        status,
        headers,
        body,
    }
}

fn request(path: &str, headers: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut builder = Request::get(path);
    for (name, value) in headers {
        builder = builder.header(name, *value);
    }
    builder.body(Body::empty()).unwrap()
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("valid brotli");
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

fn year() -> i32 {
    app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis()).year()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_carry_no_script_and_the_editor_brings_its_island() {
    let (_guard, state) = seeded_state().await;
    let people = demo(&state).await;
    let router = server::build_router(state);
    for path in ["/", "/organisasi", "/tentang", "/masuk"] {
        let page = get(&router, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script"), "{path} has a script");
        assert!(!page.body.contains(".wasm"), "{path} links WASM");
        assert!(!page.body.contains("leptos-island"), "{path} has an island");
    }
    // A year of its own: the pegawai's plan there is an empty draft, in the editor.
    let admin = log_in(&router, &people.admin.1, app::demo::DEMO_PASSWORD).await;
    let opened = support::call(
        &router,
        "admin_open_year",
        &format!("year={}", year() + 1),
        Some(&admin),
    )
    .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let cookie = log_in(&router, &people.pegawai.1, app::demo::DEMO_PASSWORD).await;
    let editor = get_as(&router, &format!("/skp/{}", year() + 1), &cookie).await;
    assert_eq!(editor.status, StatusCode::OK);
    assert_eq!(
        editor.body.matches("<leptos-island").count(),
        1,
        "one island: the editor"
    );
    assert_eq!(
        editor.body.matches("rel=\"modulepreload\"").count(),
        1,
        "one loader"
    );
    assert!(
        editor.body.contains("/pkg/sikap.js"),
        "the loader names the JS"
    );
    // The signed-in person's pages are never taken from the anonymous page cache.
    let home = get_as(&router, "/", &cookie).await;
    assert!(
        home.body.contains("data-testid=\"logout\""),
        "signed-in header"
    );
    let anonymous = get(&router, "/").await;
    assert!(!anonymous.body.contains("data-testid=\"logout\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_and_answer_304_when_unchanged() {
    let (_guard, state) = seeded_state().await;
    let router = server::build_router(state);
    for path in ["/", "/organisasi?q=dinas"] {
        let plain = raw(&router, request(path, &[(header::COOKIE, "sikap_lang=id")])).await;
        assert_eq!(plain.status, StatusCode::OK);
        assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
        let etag = plain.headers[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with("W/\""), "{etag}");
        assert_eq!(plain.headers[header::CACHE_CONTROL], "private, no-cache");

        let br = raw(
            &router,
            request(
                path,
                &[
                    (header::COOKIE, "sikap_lang=id"),
                    (header::ACCEPT_ENCODING, "gzip, deflate, br, zstd"),
                ],
            ),
        )
        .await;
        assert_eq!(br.headers[header::CONTENT_ENCODING], "br", "{path}");
        assert!(br.body.len() * 3 < plain.body.len(), "{path}: brotli saves");
        assert_eq!(unbrotli(&br.body), plain.body, "{path}: same page");
        let gz = raw(
            &router,
            request(
                path,
                &[
                    (header::COOKIE, "sikap_lang=id"),
                    (header::ACCEPT_ENCODING, "gzip"),
                ],
            ),
        )
        .await;
        assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
        assert_eq!(gunzip(&gz.body), plain.body);

        let again = raw(
            &router,
            request(
                path,
                &[
                    (header::COOKIE, "sikap_lang=id"),
                    (header::IF_NONE_MATCH, &etag),
                ],
            ),
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.headers[header::ETAG], etag.as_str());
    }
    // JSON from server functions is compressed too.
    let json = raw(
        &router,
        Request::post("/api/get_instance_info")
            .header(header::ORIGIN, ORIGIN)
            .header(header::ACCEPT, "application/json")
            .header(header::ACCEPT_ENCODING, "br")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(serde_json::from_slice::<serde_json::Value>(&unbrotli(&json.body)).is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn site_files_go_out_precompressed_under_hashed_names_cached_for_a_year() {
    let (_guard, state) = seeded_state().await;
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let wasm: Vec<u8> = (0..200_000_u32).map(|i| (i % 7) as u8).collect();
    std::fs::write(pkg.join("sikap.Ab9_x.wasm"), &wasm).unwrap();
    std::fs::write(
        pkg.join("__wasm_split.Cd3_y.js"),
        "export {};\n".repeat(100),
    )
    .unwrap();
    server::static_files::precompress(&pkg).unwrap();
    let mut options = state.leptos_options.clone();
    options.site_root = site.path().to_string_lossy().into_owned().into();
    options.hash_files = true;
    let router = server::build_router(state.with_leptos_options(options));

    let path = "/pkg/sikap.Ab9_x.wasm";
    let br = raw(
        &router,
        request(path, &[(header::ACCEPT_ENCODING, "gzip, br")]),
    )
    .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(
        br.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(br.headers[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(
        br.body,
        std::fs::read(pkg.join("sikap.Ab9_x.wasm.br")).unwrap(),
        "the stored copy"
    );
    assert_eq!(unbrotli(&br.body), wasm);
    let gz = raw(&router, request(path, &[(header::ACCEPT_ENCODING, "gzip")])).await;
    assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(gunzip(&gz.body), wasm);
    let plain = raw(&router, request(path, &[])).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.body, wasm);
    let missing = raw(&router, request("/pkg/tidak-ada.js", &[])).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.headers.get(header::CACHE_CONTROL).is_none());
    // The split loader's name is not a hash of its content (cargo-leptos#658).
    let loader = raw(
        &router,
        request(
            "/pkg/__wasm_split.Cd3_y.js",
            &[(header::ACCEPT_ENCODING, "br")],
        ),
    )
    .await;
    assert_eq!(loader.status, StatusCode::OK);
    assert_eq!(loader.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(loader.headers[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_form_remembers_the_choice_and_returns_to_the_page() {
    let (_guard, state) = seeded_state().await;
    let router = server::build_router(state);
    let post = |form: &'static str| {
        Request::post("/bahasa")
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap()
    };
    let switched = raw(&router, post("lang=en&next=%2Ftentang%3Fx%3D1")).await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.headers[header::LOCATION], "/tentang?x=1");
    let cookie = switched.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("sikap_lang=en;"), "{cookie}");

    let elsewhere = raw(&router, post("lang=id&next=%2F%2Fcontoh.com")).await;
    assert_eq!(elsewhere.headers[header::LOCATION], "/", "never off-site");
    let unknown = raw(&router, post("lang=fr")).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let foreign = raw(
        &router,
        Request::post("/bahasa")
            .header(header::ORIGIN, "http://contoh.com")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("lang=en"))
            .unwrap(),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN, "Origin checked");
}
