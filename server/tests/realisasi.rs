//! Realisasi through `build_router`: filing a period with capaian, late marking,
//! closed periods, evidence checked by content, downloads within reach, shared
//! files flagged, and the evidence store's verification.

mod support;

use app::demo::DEMO_PASSWORD;
use app::platform::state::AppState;
use axum::http::{header, StatusCode};
use axum::Router;
use support::{call, get_as, log_in, multipart, post_multipart};

const YEAR: i64 = 2031;

/// A year of its own, and an approved plan for `nip`: 450 dokumen a year (adds
/// up: 112,5 a quarter) and ≤ 3 hari kerja (holds per quarter). Answers the RHK ids.
async fn plan_for(state: &AppState, router: &Router, nip: &str) -> Vec<i64> {
    let cookie = log_in(router, nip, DEMO_PASSWORD).await;
    let plan = format!(
        r#"{{"plan":{{"year":{YEAR},"base_version":0,"approach":"kuantitatif","lampiran":{{"dukungan_sumber_daya":[],"skema_pertanggungjawaban":[],"konsekuensi":[]}},
        "rhk":[{{"id":null,"kind":"utama","text":"Terbitnya izin usaha","parent_rhk_id":null,"perspektif":null,
                 "iki":[{{"aspek":"kuantitas","indicator":"Jumlah izin usaha terbit","target":"450","satuan":"dokumen"}},
                        {{"aspek":"waktu","indicator":"Rata-rata waktu terbit izin","target":"3","satuan":"hari kerja"}}]}}]}}}}"#
    );
    support::plans::approved(state, router, &cookie, nip, &plan).await
}

/// The report view (`get_realisasi`) that `cookie` is shown for `query`.
async fn realisasi_view(router: &Router, query: &str, cookie: &str) -> serde_json::Value {
    call(router, "get_realisasi", query, Some(cookie))
        .await
        .json()
}

/// Opens the test's year as the admin and answers its periods' ids. The year is
/// ahead of today, so its periods are moved to have begun (a period that has not
/// begun can be saved but not reported: `a_period_not_yet_begun_is_saved_not_reported`).
async fn open_year(state: &AppState, router: &Router, admin: &str) -> Vec<i64> {
    let periods = open_year_as_planned(router, admin).await;
    sqlx::query("UPDATE periods SET starts_on = '2020-01-01' WHERE year = $1")
        .bind(YEAR)
        .execute(state.db.pool())
        .await
        .unwrap();
    periods
}

async fn open_year_as_planned(router: &Router, admin: &str) -> Vec<i64> {
    let opened = call(
        router,
        "admin_open_year",
        &format!("year={YEAR}"),
        Some(admin),
    )
    .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let years = call(router, "list_performance_years", "", Some(admin))
        .await
        .json();
    let year = years
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == YEAR)
        .unwrap()
        .clone();
    year["periods"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "periodic")
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

fn pdf(tag: &str) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% {tag}\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes()
}

/// Gives `employee_id` an account with the demo password (only demo people have one).
async fn account_for(state: &AppState, employee_id: i64) {
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
}

async fn scalar(state: &AppState, sql: &str, id: i64) -> Option<f64> {
    sqlx::query_scalar::<_, Option<f64>>(sql)
        .bind(id)
        .fetch_one(state.db.pool())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_period_not_yet_begun_is_saved_not_reported() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year_as_planned(&router, &admin).await[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await[0];
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let form = |version: &str, intent: &str| {
        multipart(
            &[
                ("versi", version),
                ("intent", intent),
                (
                    &format!("aksi-{rhk}"),
                    "Menyiapkan loket izin sebelum triwulan dimulai",
                ),
                (&format!("nilai-{rhk}-0"), "100"),
                (&format!("uraian-{rhk}-0"), "Belum berjalan"),
                (&format!("nilai-{rhk}-1"), "3"),
            ],
            &[],
        )
    };
    let path = format!("/realisasi/{q1}");
    let page = get_as(&router, &format!("/skp/{YEAR}/realisasi/{q1}"), &pegawai).await;
    assert!(
        page.body.contains("realisasi-not-started") && page.body.contains("1 Januari 2031"),
        "the form says when the period starts"
    );
    // Reporting waits for the period; what was typed is saved.
    let early = post_multipart(&router, &path, form("0", "lapor"), Some(&pegawai)).await;
    assert_eq!(early.status, StatusCode::SEE_OTHER, "{}", early.body);
    assert!(early.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .ends_with("?periksa=1"));
    let view = realisasi_view(&router, &format!("period_id={q1}&periksa=true"), &pegawai).await;
    assert_eq!(view["status"], "belum");
    assert_eq!(
        view["rhk"][0]["action"],
        "Menyiapkan loket izin sebelum triwulan dimulai"
    );
    let problems = view["problems"].to_string();
    assert!(
        problems.contains("baru dimulai 1 Januari 2031"),
        "{problems}"
    );
    let saved = post_multipart(&router, &path, form("1", "simpan"), Some(&pegawai)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(!saved.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .contains("ditolak"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_period_is_filed_with_capaian_late_when_past_due_and_refused_when_closed() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await[0];
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let (q1, q2, q3) = (periods[0], periods[1], periods[2]);

    // The period's targets default to the right share of the year.
    let view = realisasi_view(&router, &format!("period_id={q1}"), &pegawai).await;
    let iki = &view["rhk"][0]["iki"];
    assert_eq!(
        iki[0]["default_target"], "112,5",
        "450 a year adds up over four quarters"
    );
    assert_eq!(iki[1]["default_target"], "3", "a time holds per quarter");
    assert_eq!(view["status"], "belum");

    // Filing with a number that is not one: everything is kept, nothing is filed.
    let form = |version: &str, intent: &str, first: &str, second: &str| {
        multipart(
            &[
                ("versi", version),
                ("intent", intent),
                (&format!("aksi-{rhk}"), "Memproses izin setiap hari kerja"),
                (&format!("nilai-{rhk}-0"), first),
                (&format!("uraian-{rhk}-0"), "Izin diproses melalui OSS"),
                (&format!("nilai-{rhk}-1"), second),
            ],
            &[],
        )
    };
    let path = format!("/realisasi/{q1}");
    let refused = post_multipart(
        &router,
        &path,
        form("0", "lapor", "seratus", "2,5"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER, "{}", refused.body);
    assert!(refused.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .ends_with("?periksa=1"));
    let view = realisasi_view(&router, &format!("period_id={q1}"), &pegawai).await;
    assert_eq!(
        view["rhk"][0]["iki"][0]["value"], "seratus",
        "what was typed is kept"
    );
    assert_eq!(view["status"], "belum");
    assert!(
        view["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("harus angka"),
        "{view}"
    );

    // Filed right: capaian by aspek, more is better for kuantitas, less for waktu.
    let filed = post_multipart(
        &router,
        &path,
        form("1", "lapor", "120", "2,5"),
        Some(&pegawai),
    )
    .await;
    assert!(filed.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .ends_with("?dilaporkan=1"));
    let report: i64 = sqlx::query_scalar("SELECT id FROM realisasi_reports WHERE period_id = $1")
        .bind(q1)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let capaian = |index: i64| {
        let state = state.clone();
        async move {
            sqlx::query_scalar::<_, Option<f64>>(
                "SELECT capaian FROM realisasi_entries WHERE report_id = $1 AND iki_index = $2",
            )
            .bind(report)
            .bind(index)
            .fetch_one(state.db.pool())
            .await
            .unwrap()
        }
    };
    assert_eq!(capaian(0).await, Some(10_667.0), "120 of 112,5 dokumen");
    assert_eq!(capaian(1).await, Some(11_667.0), "2,5 of ≤ 3 hari");
    let view = realisasi_view(&router, &format!("period_id={q1}"), &pegawai).await;
    assert_eq!(view["status"], "dilaporkan");

    // The supervisor is told, with a link to the report.
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let notices = call(&router, "list_notifications", "", Some(&atasan))
        .await
        .json();
    let link = format!("/skp/{YEAR}/pegawai/{}/realisasi/{q1}", demo.pegawai.0);
    assert!(notices.to_string().contains(&link), "{notices}");
    let page = get_as(&router, &link, &atasan).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("106,67%") && page.body.contains("116,67%"),
        "the atasan reads capaian"
    );

    // A second save from a stale page is a conflict, not a silent overwrite.
    let stale = post_multipart(
        &router,
        &path,
        form("1", "simpan", "121", "2,5"),
        Some(&pegawai),
    )
    .await;
    // The page again, saying nothing was saved (the browser keeps the typed text).
    assert_eq!(stale.status, StatusCode::SEE_OTHER, "{}", stale.body);
    let back = stale.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(back.ends_with("?ditolak=konflik"), "{back}");
    let page = get_as(&router, &back, &pegawai).await;
    assert!(
        page.body.contains("realisasi-not-saved"),
        "the page says so"
    );
    assert_eq!(
        scalar(
            &state,
            "SELECT value FROM realisasi_entries WHERE report_id = $1 AND iki_index = 0",
            report
        )
        .await
        .map(|v| v != 121.0),
        Some(true),
        "the stale save changed nothing"
    );

    // Past the deadline, still open: accepted and marked late.
    sqlx::query("UPDATE periods SET starts_on = '2020-04-01', ends_on = '2020-06-30', deadline = '2020-07-10' WHERE id = $1")
        .bind(q2)
        .execute(state.db.pool())
        .await
        .unwrap();
    let late = post_multipart(
        &router,
        &format!("/realisasi/{q2}"),
        form("0", "lapor", "100", "3"),
        Some(&pegawai),
    )
    .await;
    assert!(late.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .ends_with("?dilaporkan=1"));
    let view = realisasi_view(&router, &format!("period_id={q2}"), &pegawai).await;
    assert_eq!(view["status"], "terlambat");
    assert!(view["filed_at"].as_i64().is_some());

    // A closed period refuses every change, saying so; reopening allows it again.
    let close = call(
        &router,
        "admin_set_period_open",
        &format!("period_id={q3}&open=false"),
        Some(&admin),
    )
    .await;
    assert_eq!(close.status, StatusCode::OK);
    let closed = post_multipart(
        &router,
        &format!("/realisasi/{q3}"),
        form("0", "simpan", "100", "3"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    let back = closed.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(back.ends_with("?ditolak=periode"), "{back}");
    let page = get_as(&router, &back, &pegawai).await;
    assert!(page.body.contains("realisasi-not-saved"), "{}", page.body);
    assert!(page.body.contains("sudah ditutup"), "{}", page.body);
    assert!(
        !page.body.contains("realisasi-form"),
        "no form on a closed period"
    );
    let upload = post_multipart(
        &router,
        &format!("/realisasi/{q3}/bukti?rhk={rhk}&iki=0"),
        multipart(&[], &[("berkas", "laporan.pdf", &pdf("q3"))]),
        Some(&pegawai),
    )
    .await;
    assert_eq!(upload.status, StatusCode::BAD_REQUEST);
    call(
        &router,
        "admin_set_period_open",
        &format!("period_id={q3}&open=true"),
        Some(&admin),
    )
    .await;
    let reopened = post_multipart(
        &router,
        &format!("/realisasi/{q3}"),
        form("0", "simpan", "100", "3"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(reopened.status, StatusCode::SEE_OTHER);

    // Only the owner writes: the atasan's post is refused.
    let foreign = post_multipart(
        &router,
        &format!("/realisasi/{q1}"),
        form("2", "simpan", "1", "1"),
        Some(&atasan),
    )
    .await;
    assert_eq!(
        foreign.status,
        StatusCode::SEE_OTHER,
        "the atasan has no plan of their own in {YEAR}: {}",
        foreign.body
    );
    assert!(foreign.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .ends_with("?ditolak=periode"));
    assert_eq!(
        scalar(
            &state,
            "SELECT value FROM realisasi_entries WHERE report_id = $1 AND iki_index = 0",
            report
        )
        .await,
        Some(120.0)
    );

    // The team page shows who filed.
    let team = get_as(&router, "/tim", &atasan).await;
    assert!(
        team.body.contains("team-filings") || team.body.contains("realisasi"),
        "team page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_is_judged_by_content_served_within_reach_and_shared_files_are_flagged() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let q1 = periods[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await[0];
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;

    // A colleague under the same atasan, with a plan too.
    let colleague: (i64, String) = sqlx::query_as(
        "SELECT e.id, e.nip FROM employees e JOIN positions p ON p.id = e.position_id \
         WHERE p.parent_id = (SELECT p2.parent_id FROM employees e2 JOIN positions p2 ON p2.id = e2.position_id WHERE e2.id = $1) \
           AND e.id <> $1 AND e.active = 1 ORDER BY e.id LIMIT 1",
    )
    .bind(demo.pegawai.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    account_for(&state, colleague.0).await;
    let colleague_rhk = plan_for(&state, &router, &colleague.1).await[0];
    let colleague_cookie = log_in(&router, &colleague.1, DEMO_PASSWORD).await;

    let upload = |cookie: String, rhk: i64, name: &'static str, bytes: Vec<u8>| {
        let router = router.clone();
        async move {
            post_multipart(
                &router,
                &format!("/realisasi/{q1}/bukti?rhk={rhk}&iki=0"),
                multipart(&[], &[("berkas", name, &bytes)]),
                Some(&cookie),
            )
            .await
        }
    };

    // An HTML page called .pdf, and an executable: refused, naming the file.
    let html = upload(
        pegawai.clone(),
        rhk,
        "laporan.pdf",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec(),
    )
    .await;
    assert_eq!(html.status, StatusCode::BAD_REQUEST);
    assert!(html.body.contains("laporan.pdf"), "{}", html.body);
    let exe = upload(
        pegawai.clone(),
        rhk,
        "foto.jpg",
        b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
    )
    .await;
    assert_eq!(exe.status, StatusCode::BAD_REQUEST);
    assert!(exe.body.contains("foto.jpg"));

    // A real PDF is stored once per content, under its SHA-256.
    let shared = pdf("shared");
    let first = upload(pegawai.clone(), rhk, "laporan-triwulan.pdf", shared.clone()).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let id = first.body.parse::<i64>().unwrap();
    let again = upload(
        colleague_cookie.clone(),
        colleague_rhk,
        "salinan.pdf",
        shared.clone(),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let objects: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence_objects")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(objects, 1, "the same content is stored once");
    let hash: String = sqlx::query_scalar("SELECT sha256 FROM evidence WHERE id = $1")
        .bind(id)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(hash.len(), 64);

    // Downloads: the owner and the atasan; as an attachment under a sandbox.
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    for cookie in [&pegawai, &atasan, &admin] {
        let file = get_as(&router, &format!("/bukti/{id}"), cookie).await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.body.as_bytes(), &shared[..]);
        assert_eq!(file.headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(file.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(file.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment;"));
        assert!(file.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .starts_with("sandbox"));
    }
    let preview = get_as(&router, &format!("/bukti/{id}?lihat=1"), &pegawai).await;
    assert!(preview.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("inline;"));
    let by_hash = get_as(&router, &format!("/bukti/sha256/{hash}"), &atasan).await;
    assert_eq!(by_hash.status, StatusCode::OK);

    // Anyone outside reach: 403 by id and by hash.
    let stranger: (i64, String) = sqlx::query_as(
        "SELECT e.id, e.nip FROM employees e \
         WHERE e.id NOT IN ($1, $2, $3, $4) AND e.position_id IS NOT NULL AND e.active = 1 \
           AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.parent_id = e.position_id) \
         ORDER BY e.id DESC LIMIT 1",
    )
    .bind(demo.pegawai.0)
    .bind(demo.atasan.0)
    .bind(demo.admin.0)
    .bind(colleague.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    account_for(&state, stranger.0).await;
    let stranger = log_in(&router, &stranger.1, DEMO_PASSWORD).await;
    // A hash nobody stored answers the same: nothing is learnt from asking.
    let unknown_hash = "ab".repeat(32);
    let refused = [
        (&stranger, format!("/bukti/{id}")),
        (&stranger, format!("/bukti/sha256/{hash}")),
        (&stranger, format!("/bukti/sha256/{unknown_hash}")),
        (&colleague_cookie, format!("/bukti/{id}")),
    ];
    for (cookie, path) in refused {
        let status = get_as(&router, &path, cookie).await.status;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        support::get(&router, &format!("/bukti/{id}")).await.status,
        StatusCode::SEE_OTHER
    );

    // The shared file is flagged for the atasan (who sees both) on both reports,
    // and never for the owners.
    for (who, employee) in [(&atasan, demo.pegawai.0), (&admin, colleague.0)] {
        let view = realisasi_view(
            &router,
            &format!("employee_id={employee}&period_id={q1}"),
            who,
        )
        .await;
        let item = &view["rhk"][0]["iki"][0]["evidence"][0];
        assert_eq!(item["shared"], true, "{view}");
        assert_eq!(item["also_used_by"].as_array().unwrap().len(), 1, "{item}");
    }
    let own = realisasi_view(&router, &format!("period_id={q1}"), &pegawai).await;
    assert_eq!(own["rhk"][0]["iki"][0]["evidence"][0]["shared"], false);
    // The uploads created the report; the form posts the version it was opened on.
    let version = own["version"].as_i64().expect("report version").to_string();

    // A link: http(s) only; rendered with noopener noreferrer.
    let links = post_multipart(
        &router,
        &format!("/realisasi/{q1}"),
        multipart(
            &[
                ("versi", version.as_str()),
                ("intent", "simpan"),
                (
                    &format!("tautan-{rhk}-0"),
                    "https://kepahiangkab.go.id/berita/izin",
                ),
                (&format!("tautan-{rhk}-1"), "javascript:alert(1)"),
            ],
            &[],
        ),
        Some(&pegawai),
    )
    .await;
    assert_eq!(links.status, StatusCode::SEE_OTHER, "{}", links.body);
    let page = get_as(&router, &format!("/skp/{YEAR}/realisasi/{q1}"), &pegawai).await;
    assert!(
        page.body
            .contains(r#"href="https://kepahiangkab.go.id/berita/izin" rel="noopener noreferrer""#),
        "link rendered safely"
    );
    assert!(
        page.body.contains("javascript:alert(1)") && page.body.contains("realisasi-refused"),
        "the refused link is named"
    );
    assert!(page.body.contains(&hash), "each file shows its SHA-256");

    // Removing is audited; a closed period keeps its evidence.
    let removed = call(
        &router,
        "remove_evidence",
        &format!("evidence_id={id}"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'evidence.removed'")
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);
    let colleague_evidence: i64 = sqlx::query_scalar(
        "SELECT v.id FROM evidence v JOIN realisasi_reports r ON r.id = v.report_id WHERE r.employee_id = $1",
    )
    .bind(colleague.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    call(
        &router,
        "admin_set_period_open",
        &format!("period_id={q1}&open=false"),
        Some(&admin),
    )
    .await;
    let kept = call(
        &router,
        "remove_evidence",
        &format!("evidence_id={colleague_evidence}"),
        Some(&colleague_cookie),
    )
    .await;
    assert_eq!(kept.status, StatusCode::BAD_REQUEST);
    assert!(kept.error_message().contains("sudah ditutup"));
    let not_theirs = call(
        &router,
        "remove_evidence",
        &format!("evidence_id={colleague_evidence}"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(not_theirs.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_names_a_corrupted_object() {
    let dir = tempfile::tempdir().unwrap();
    let store = app::realisasi::evidence::store::EvidenceStore::local(dir.path()).unwrap();
    let good = dir.path().join("a.pdf");
    std::fs::write(&good, pdf("a")).unwrap();
    let bad = dir.path().join("b.pdf");
    std::fs::write(&bad, pdf("b")).unwrap();
    let a = store.put_file(&good).await.unwrap();
    let b = store.put_file(&bad).await.unwrap();
    let clean = store.verify_all(|_, _| {}).await.unwrap();
    assert_eq!((clean.checked, clean.mismatched.len()), (2, 0));
    // Flip the stored bytes of one object.
    let stored = walk(dir.path())
        .into_iter()
        .find(|p| p.ends_with(&b.sha256))
        .unwrap();
    std::fs::write(&stored, b"%PDF-1.4 changed").unwrap();
    let report = store.verify_all(|_, _| {}).await.unwrap();
    assert_eq!(report.mismatched, vec![b.sha256.clone()]);
    assert!(!report.mismatched.contains(&a.sha256));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Two SIKAP instances on one database and one shared store folder: a file sent
/// through one is served by the other, and the same content sent through both is
/// stored once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_evidence_store() {
    let (guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let second = guard.state().await;
    let other = server::build_router(second.clone());
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await[0];
    // A session made on one instance is known to the other (sessions live in the database).
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let send = |router: Router, index: i64, bytes: Vec<u8>| {
        let cookie = pegawai.clone();
        async move {
            post_multipart(
                &router,
                &format!("/realisasi/{q1}/bukti?rhk={rhk}&iki={index}"),
                multipart(&[], &[("berkas", "notulen.pdf", &bytes)]),
                Some(&cookie),
            )
            .await
        }
    };
    let content = pdf("notulen rapat");
    let sent = send(router.clone(), 0, content.clone()).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let id = sent.body.parse::<i64>().unwrap();
    let served = get_as(&other, &format!("/bukti/{id}"), &pegawai).await;
    assert_eq!(served.status, StatusCode::OK, "{}", served.body);
    assert_eq!(served.body.as_bytes(), &content[..]);

    let again = send(other.clone(), 1, content.clone()).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let objects: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence_objects")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(objects, 1);
    let files = walk(&guard.store.path().join("objects"));
    assert_eq!(files.len(), 1, "one object on disk: {files:?}");
    let report = second.evidence_store.verify_all(|_, _| {}).await.unwrap();
    assert_eq!((report.checked, report.mismatched.len()), (1, 0));
}

/// Two first saves of one period at once (two tabs): one is kept, the other is
/// told it was saved elsewhere (409), never a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_first_saves_at_once_keep_one_and_answer_the_other_with_a_conflict() {
    use app::realisasi::types::ReportSave;
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    plan_for(&state, &router, &demo.pegawai.1).await;
    let user = {
        let mut conn = state.db.read().await.unwrap();
        app::identity::roles::load_user(&mut conn, demo.pegawai.0, String::new(), 0)
            .await
            .unwrap()
            .unwrap()
    };
    let save = |state: AppState, user: app::identity::roles::SessionUser| async move {
        app::realisasi::service::save(
            &state,
            &user,
            ReportSave {
                period_id: q1,
                base_version: 0,
                ..Default::default()
            },
        )
        .await
    };
    let (a, b) = tokio::join!(
        save(state.clone(), user.clone()),
        save(state.clone(), user.clone())
    );
    let outcomes = [a, b];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    let refused = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
    assert_eq!(refused.status(), 409, "{refused:?}");
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM realisasi_reports")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(reports, 1);
}

/// The demo realisasi follow the approved plans: only approved plans report, the
/// late ones were filed after their deadline, the pelapor has reported nothing,
/// every object verifies, and one file is used by two people and flagged for
/// their atasan. The admin's monitor counts them per unit, and its CSV lists them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_realisasi_follow_the_plans_and_the_monitor_counts_them() {
    use app::calendar::CivilDate;
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    app::demo::skp_plans::seed_demo_plans(
        &state.db,
        YEAR,
        app::platform::config::PeriodScheme::Quarterly,
        10,
        7,
        |_| {},
    )
    .await
    .unwrap();
    let today = CivilDate::new(YEAR as i32, 8, 15).unwrap();
    let counts = app::demo::realisasi::seed_demo_realisasi(
        &state.db,
        &state.evidence_store,
        YEAR,
        today,
        7,
        |_| {},
    )
    .await
    .unwrap();
    assert!(
        counts.on_time > counts.late && counts.late > 0 && counts.missing > 0,
        "{counts:?}"
    );
    assert!(counts.files > 0 && counts.links > 0, "{counts:?}");
    let db = state.db.pool();
    let approved: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skp_plans WHERE year = $1 AND status = 'disetujui'",
    )
    .bind(YEAR)
    .fetch_one(db)
    .await
    .unwrap();
    // Two quarters (to the end of June) are over by mid-August.
    assert_eq!(
        (counts.on_time + counts.late + counts.missing) as i64,
        approved * 2
    );
    let outside_plans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM realisasi_reports r JOIN skp_plans s ON s.id = r.plan_id \
         WHERE s.status <> 'disetujui' OR s.employee_id <> r.employee_id",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(outside_plans, 0);
    let reports: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT r.filed_at, r.late, p.deadline FROM realisasi_reports r JOIN periods p ON p.id = r.period_id",
    )
    .fetch_all(db)
    .await
    .unwrap();
    for (filed_at, late, deadline) in &reports {
        let filed_on = CivilDate::wib_from_millis(*filed_at);
        let deadline = CivilDate::parse_iso(deadline).unwrap();
        assert_eq!(
            *late == 1,
            filed_on > deadline,
            "{filed_on:?} against {deadline:?}"
        );
        assert!(filed_on < today, "filed before the seeding day");
    }
    let pelapor_reports: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM realisasi_reports WHERE employee_id = $1")
            .bind(demo.pelapor.0)
            .fetch_one(db)
            .await
            .unwrap();
    assert_eq!(pelapor_reports, 0);
    let verified = state.evidence_store.verify_all(|_, _| {}).await.unwrap();
    assert!(verified.checked > 0 && verified.mismatched.is_empty());

    // The shared file: two holders under the demo atasan, each flagged with the other's name.
    let holders: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT r.employee_id, r.period_id FROM evidence v JOIN realisasi_reports r ON r.id = v.report_id \
         WHERE v.sha256 IN (SELECT sha256 FROM evidence GROUP BY sha256 HAVING COUNT(DISTINCT report_id) > 1)",
    )
    .fetch_all(db)
    .await
    .unwrap();
    assert_eq!(holders.len(), 2, "{holders:?}");
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    for (employee, period) in &holders {
        let view = realisasi_view(
            &router,
            &format!("employee_id={employee}&period_id={period}"),
            &admin,
        )
        .await;
        let flagged: Vec<&serde_json::Value> = view["rhk"][0]["iki"][0]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["shared"] == true)
            .collect();
        assert_eq!(flagged.len(), 1, "{view}");
        assert_eq!(flagged[0]["also_used_by"].as_array().unwrap().len(), 1);
    }

    // The monitor: the kabupaten's total, split over its units without loss.
    let q1: i64 = sqlx::query_scalar(
        "SELECT id FROM periods WHERE year = $1 AND kind = 'periodic' AND number = 1",
    )
    .bind(YEAR)
    .fetch_one(db)
    .await
    .unwrap();
    let monitor = call(
        &router,
        "get_filing_monitor",
        &format!("period_id={q1}"),
        Some(&admin),
    )
    .await
    .json();
    let total = &monitor["total"];
    let sum = |v: &serde_json::Value| {
        v["filed"].as_i64().unwrap() + v["late"].as_i64().unwrap() + v["missing"].as_i64().unwrap()
    };
    assert_eq!(sum(total), approved);
    let groups = monitor["groups"].as_array().unwrap();
    assert_eq!(
        groups.iter().map(|g| sum(&g["counts"])).sum::<i64>(),
        approved
    );
    let filed_q1: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM realisasi_reports WHERE period_id = $1 AND filed_at IS NOT NULL",
    )
    .bind(q1)
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(
        total["filed"].as_i64().unwrap() + total["late"].as_i64().unwrap(),
        filed_q1
    );
    // One unit: its people, the missing first; the CSV has the same rows.
    let unit = groups
        .iter()
        .find(|g| g["name"].as_str().unwrap().contains("Penanaman Modal"))
        .unwrap();
    let unit_id = unit["unit_id"].as_i64().unwrap();
    let view = call(
        &router,
        "get_filing_monitor",
        &format!("period_id={q1}&unit_id={unit_id}"),
        Some(&admin),
    )
    .await
    .json();
    let people = view["people"].as_array().unwrap();
    assert_eq!(people.len() as i64, sum(&unit["counts"]));
    assert!(people
        .iter()
        .any(|p| p["employee_id"] == demo.pelapor.0 && p["status"] == "belum"));
    assert_eq!(people[0]["status"], "belum");
    let csv = get_as(
        &router,
        &format!("/admin/realisasi.csv?periode={q1}&unit={unit_id}"),
        &admin,
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "nip,nama,unit_kerja,status,dilaporkan_pada");
    assert_eq!(lines.len() - 1, people.len());
    let page = get_as(
        &router,
        &format!("/admin/realisasi?periode={q1}&unit={unit_id}"),
        &admin,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches(r#"data-testid="monitor-person""#).count(),
        people.len()
    );
    // Only the admin.
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let refused = get_as(&router, "/admin/realisasi.csv", &pegawai).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// Capaian for each aspek and both kinds of IKI, the period targets they start
/// from, and an IKI whose plan says it holds per period although its aspek would
/// add it up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capaian_follows_each_aspek_and_each_kind_of_iki() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    let cookie = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let iki = |aspek: &str, indicator: &str, target: &str, satuan: &str, kind: &str| {
        format!(
            r#"{{"aspek":"{aspek}","indicator":"{indicator}","target":"{target}","satuan":"{satuan}","accumulation":{kind}}}"#
        )
    };
    let plan = format!(
        r#"{{"plan":{{"year":{YEAR},"base_version":0,"approach":"kuantitatif","lampiran":{{"dukungan_sumber_daya":[],"skema_pertanggungjawaban":[],"konsekuensi":[]}},
        "rhk":[{{"id":null,"kind":"utama","text":"Terlayaninya perizinan","parent_rhk_id":null,"perspektif":null,"iki":[{},{},{},{},{}]}}]}}}}"#,
        iki("kuantitas", "Jumlah izin terbit", "400", "dokumen", "null"),
        iki(
            "kualitas",
            "Izin terbit tanpa revisi",
            "90",
            "persen",
            "null"
        ),
        iki("waktu", "Rata-rata waktu terbit", "4", "hari kerja", "null"),
        iki(
            "biaya",
            "Biaya cetak sertifikat",
            "2.000.000",
            "rupiah",
            "null"
        ),
        iki(
            "kuantitas",
            "Posyandu aktif",
            "12",
            "unit",
            r#""per_periode""#
        ),
    );
    let rhk = support::plans::approved(&state, &router, &cookie, &demo.pegawai.1, &plan).await[0];
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let view = realisasi_view(&router, &format!("period_id={q1}"), &pegawai).await;
    let defaults: Vec<&str> = view["rhk"][0]["iki"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["default_target"].as_str().unwrap())
        .collect();
    assert_eq!(defaults, ["100", "90", "4", "500.000", "12"]);
    let values = ["110", "81", "3", "600.000", "12"];
    let mut fields: Vec<(String, String)> = vec![
        ("versi".into(), "0".into()),
        ("intent".into(), "lapor".into()),
        (format!("aksi-{rhk}"), "Melayani permohonan".into()),
    ];
    for (index, value) in values.iter().enumerate() {
        fields.push((format!("nilai-{rhk}-{index}"), (*value).to_owned()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let filed = post_multipart(
        &router,
        &format!("/realisasi/{q1}"),
        multipart(&fields, &[]),
        Some(&pegawai),
    )
    .await;
    assert!(
        filed.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .ends_with("?dilaporkan=1"),
        "{:?}",
        filed.headers
    );
    let stored: Vec<(i64, Option<f64>)> =
        sqlx::query_as("SELECT iki_index, capaian FROM realisasi_entries ORDER BY iki_index")
            .fetch_all(state.db.pool())
            .await
            .unwrap();
    let capaian: Vec<Option<f64>> = stored.into_iter().map(|(_, c)| c).collect();
    assert_eq!(
        capaian,
        [
            Some(11_000.0), // 110 of 100 dokumen: more is better
            Some(9_000.0),  // 81 of 90 persen
            Some(12_500.0), // 3 of ≤ 4 hari: less is better
            Some(8_000.0),  // Rp 600.000 of 500.000: over budget
            Some(10_000.0), // 12 of 12, the whole target each period
        ]
    );
}
