//! Every page as every role: who may open it gets it, a visitor is asked to log
//! in (401), anyone else is refused (403), and a refused page renders none of its
//! controls. The expectations here are the policy, written independently of
//! `identity::access::PAGES`, which must agree with them.

mod support;

use app::demo::DEMO_PASSWORD;
use axum::http::StatusCode;
use support::policy::{Who, POLICY};
use support::{get, get_as, log_in};

/// The page's own content: what `<main>` holds (the header's language and
/// log-out forms are not the page's).
fn main_of(body: &str) -> &str {
    let start = body.find("<main").expect("a <main> element");
    let end = body[start..]
        .find("</main>")
        .map_or(body.len(), |e| start + e);
    &body[start..end]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_as_every_role_opens_or_is_refused_without_its_controls() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let year = app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis()).year();
    let visitors = support::policy::visitors(&state, &router, &demo).await;
    // The year is open, so the realisasi pages have a period to show.
    let admin = visitors.iter().find(|v| v.0 == "admin").unwrap().1.clone();
    let opened = support::call(
        &router,
        "admin_open_year",
        &format!("year={year}"),
        admin.as_deref(),
    )
    .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let period: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM periods WHERE year = $1 AND kind = 'periodic'")
            .bind(i64::from(year))
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    let mut checked = 0;
    for (route, who) in POLICY {
        let url = support::policy::url_of(route, year, demo.pegawai.0, period);
        for (name, cookie, roles) in &visitors {
            let page = match cookie {
                Some(cookie) => get_as(&router, &url, cookie).await,
                None => get(&router, &url).await,
            };
            let admitted = match who {
                Who::Anyone => true,
                Who::SignedIn => cookie.is_some(),
                Who::Roles(allowed) => allowed.iter().any(|r| roles.contains(r)),
            };
            // The demo pegawai has no plan yet: its document says so.
            let found = if *route == "/umpan-balik" && *name == "pimpinan" {
                // A thread is for the employee's supervision line (and the admin).
                StatusCode::FORBIDDEN
            } else if route.starts_with("/umpan-balik/permintaan/") {
                // No request has the pegawai's id: not found.
                StatusCode::NOT_FOUND
            } else if route.contains("/penilaian/") {
                // …nor an evaluation: the page says a plan must be approved first.
                StatusCode::BAD_REQUEST
            } else if route.ends_with("/dokumen") {
                StatusCode::NOT_FOUND
            } else if route.contains("/realisasi/") {
                // …and so no realisasi: the page says a plan must be approved first.
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            let expected = match (admitted, cookie) {
                (true, _) => found,
                (false, None) => StatusCode::UNAUTHORIZED,
                (false, Some(_)) => StatusCode::FORBIDDEN,
            };
            assert_eq!(page.status, expected, "{url} as {name}");
            if !admitted {
                let main = main_of(&page.body);
                let marker = if cookie.is_some() {
                    "refusal"
                } else {
                    "login-required"
                };
                assert!(main.contains(marker), "{url} as {name}: {main}");
                assert!(
                    !main.contains("<form") && !main.contains("<button"),
                    "{url} as {name} renders controls: {main}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, POLICY.len() * 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_that_is_no_year_is_not_found_and_an_unopened_year_says_so() {
    let (_guard, _state, router, demo) = support::seeded_app(|_| {}).await;
    let cookie = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    for url in [
        "/skp/abc",
        "/skp/0",
        "/skp/abc/matriks",
        "/skp/abc/pegawai/1",
    ] {
        let page = get_as(&router, url, &cookie).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{url}");
    }
    let unopened = get_as(&router, "/skp/2099", &cookie).await;
    assert_eq!(unopened.status, StatusCode::OK);
    let main = main_of(&unopened.body);
    assert!(
        main.contains("skp-year-state") && main.contains("belum dibuka"),
        "{main}"
    );
    assert!(
        !main.contains("skp-status") && !main.contains("<form"),
        "{main}"
    );
}
