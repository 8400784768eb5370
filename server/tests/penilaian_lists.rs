//! Penilaian beyond the form, through `build_router`: the team's and the year's
//! lists, the stage monitor and its CSV, the curve page's figures, the
//! evaluation document (data, page and PDF), and a Plh. rating in place of the
//! supervisor without either overwriting the other.

mod support;

use app::demo::DEMO_PASSWORD;
use axum::http::{header, StatusCode};
use support::evaluations::{
    account_for, evaluation, form, location, open_year, plan_for, post, ratings, YEAR,
};
use support::{call, get_as, log_in};

/// The first cell of `employee_id`'s row in the team list.
fn team_cell(team: &serde_json::Value, employee_id: i64, period_id: i64) -> serde_json::Value {
    let row = team["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["employee_id"] == employee_id)
        .unwrap_or_else(|| panic!("no row for {employee_id} in {team}"));
    row["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["period_id"] == period_id)
        .cloned()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lists_and_the_monitor_follow_each_evaluation_and_show_the_predikat_only_to_whom_it_may(
) {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let (q1, q2) = (periods[0], periods[1]);
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let path = format!("/penilaian/{q1}/pegawai/{}", demo.pegawai.0);
    let all = [(rhk[0], "sesuai", ""), (rhk[1], "sesuai", "")];
    let draft = post(
        &router,
        &path,
        form(&ratings(0, "simpan", &all, "di_atas", "sesuai", "di_atas")),
        &atasan,
        true,
    )
    .await;
    assert_eq!(draft.body, "1 baik");

    // The rater's team list shows the draft with its predikat, on the year's
    // periods and the annual evaluation.
    let team = call(&router, "get_team_evaluations", "", Some(&atasan)).await;
    assert_eq!(team.status, StatusCode::OK, "{}", team.body);
    let team = team.json();
    assert_eq!(team["year"], YEAR);
    assert_eq!(
        team["periods"].as_array().unwrap().len(),
        5,
        "four quarters and the year"
    );
    let cell = team_cell(&team, demo.pegawai.0, q1);
    assert_eq!(
        (cell["status"].as_str(), cell["predikat"].as_str()),
        (Some("draft"), Some("baik"))
    );
    assert!(team_cell(&team, demo.pegawai.0, q2)["status"].is_null());
    // The pegawai sees that it is being rated, not how.
    let mine = call(
        &router,
        "get_year_evaluations",
        &format!("year={YEAR}"),
        Some(&pegawai),
    )
    .await;
    let mine = mine.json();
    assert_eq!(mine["cells"][0]["status"], "draft");
    assert!(mine["cells"][0]["predikat"].is_null(), "{mine}");
    // A colleague outside the line gets nothing.
    let pelapor = log_in(&router, &demo.pelapor.1, DEMO_PASSWORD).await;
    let peek = call(
        &router,
        "get_year_evaluations",
        &format!("employee_id={}&year={YEAR}", demo.pegawai.0),
        Some(&pelapor),
    )
    .await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN, "{}", peek.body);

    // The monitor names the stage of each person; the unit is the pegawai's.
    let unit: i64 = sqlx::query_scalar(
        "SELECT p.unit_id FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.id = $1",
    )
    .bind(demo.pegawai.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    let stage = |m: &serde_json::Value| {
        m["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["employee_id"] == demo.pegawai.0)
            .map(|p| {
                (
                    p["stage"].as_str().unwrap().to_owned(),
                    p["late"].as_bool().unwrap(),
                )
            })
            .unwrap()
    };
    let monitor = call(
        &router,
        "get_evaluation_monitor",
        &format!("period_id={q1}&unit_id={unit}"),
        Some(&admin),
    )
    .await
    .json();
    assert_eq!(stage(&monitor), ("dinilai".to_owned(), false));
    let rating: i64 = monitor["total"][2].as_i64().unwrap();
    assert!(rating >= 1, "{monitor}");

    // Finalised: the employee reads the predikat everywhere; the monitor moves on.
    let done = post(
        &router,
        &path,
        form(&ratings(1, "final", &all, "di_atas", "sesuai", "di_atas")),
        &atasan,
        false,
    )
    .await;
    assert!(location(&done).ends_with("?final=1"));
    let mine = call(
        &router,
        "get_year_evaluations",
        &format!("year={YEAR}"),
        Some(&pegawai),
    )
    .await
    .json();
    assert_eq!(mine["cells"][0]["predikat"], "baik");
    let monitor = call(
        &router,
        "get_evaluation_monitor",
        &format!("period_id={q1}&unit_id={unit}"),
        Some(&admin),
    )
    .await
    .json();
    assert_eq!(stage(&monitor).0, "ditetapkan");

    // A period whose deadline is long past names the one not rated as late.
    sqlx::query("UPDATE periods SET ends_on = '2020-03-31', deadline = '2020-04-10' WHERE id = $1")
        .bind(q2)
        .execute(state.db.pool())
        .await
        .unwrap();
    let monitor = call(
        &router,
        "get_evaluation_monitor",
        &format!("period_id={q2}&unit_id={unit}"),
        Some(&admin),
    )
    .await
    .json();
    assert_eq!(stage(&monitor), ("belum_lapor".to_owned(), true));
    assert_eq!(
        monitor["due"], "2020-04-25",
        "the deadline plus evaluation.rating_days"
    );
    assert!(monitor["late"].as_i64().unwrap() >= 1);

    // The same rows as CSV, for the leaders only.
    let csv = get_as(
        &router,
        &format!("/admin/penilaian.csv?periode={q1}&unit={unit}"),
        &admin,
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "nip,nama,unit_kerja,atasan,tahap,terlambat");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&demo.pegawai.1) && l.ends_with(",ditetapkan,tidak")),
        "{lines:?}"
    );
    let refused = get_as(&router, "/admin/penilaian.csv", &atasan).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The curve page: the unit's result sets its bounds; a lone Baik under a
    // Baik result is 100% Baik (over 70%) with no Butuh Perbaikan or Kurang:
    // both bounds broken.
    let curve_unit = evaluation(
        &router,
        &format!("employee_id={}&period_id={q1}", demo.pegawai.0),
        &atasan,
    )
    .await["panel"]["unit_id"]
        .as_i64()
        .unwrap();
    let set = call(
        &router,
        "set_unit_result",
        &format!("unit_id={curve_unit}&year={YEAR}&predikat=baik"),
        Some(&admin),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let curves = call(
        &router,
        "get_distribution_monitor",
        &format!("period_id={q1}"),
        Some(&admin),
    )
    .await
    .json();
    let mine = curves["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit_id"] == curve_unit)
        .cloned()
        .unwrap();
    assert_eq!(mine["unit_predikat"], "baik");
    assert_eq!(mine["distribution"], serde_json::json!([0, 1, 0, 0, 0]));
    assert_eq!(mine["breaches"], serde_json::json!([0, 1]), "{mine}");
    let page = get_as(&router, &format!("/admin/kurva?periode={q1}"), &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("curve-breach-unit"),
        "the breach is listed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_evaluation_document_reads_as_the_evaluation_and_reaches_only_its_readers() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let path = format!("/penilaian/{q1}/pegawai/{}", demo.pegawai.0);
    let query = format!("employee_id={}&period_id={q1}", demo.pegawai.0);
    let rated = [
        (rhk[0], "di_bawah", "Izin terlambat"),
        (rhk[1], "sesuai", ""),
    ];
    post(
        &router,
        &path,
        form(&ratings(
            0, "simpan", &rated, "sesuai", "di_bawah", "sesuai",
        )),
        &atasan,
        true,
    )
    .await;

    // A draft: its rater reads the ratings; the employee reads a preview without them.
    let for_rater = call(&router, "get_evaluation_document", &query, Some(&atasan))
        .await
        .json();
    assert_eq!(for_rater["finalised"], false);
    assert_eq!(for_rater["rhk"][0]["rating"], "Di Bawah Ekspektasi");
    assert_eq!(for_rater["rhk"][0]["feedback"], "Izin terlambat");
    let for_pegawai = call(&router, "get_evaluation_document", &query, Some(&pegawai))
        .await
        .json();
    assert_eq!(for_pegawai["rhk"][0]["rating"], "");
    assert_eq!(for_pegawai["predikat"], "");

    let done = post(
        &router,
        &path,
        form(&ratings(1, "final", &rated, "sesuai", "di_bawah", "sesuai")),
        &atasan,
        false,
    )
    .await;
    assert!(location(&done).ends_with("?final=1"));
    let doc = call(&router, "get_evaluation_document", &query, Some(&pegawai))
        .await
        .json();
    assert_eq!(doc["finalised"], true);
    assert_eq!(doc["predikat"], "Butuh Perbaikan");
    assert_eq!(doc["hasil_kerja"], "Di Bawah Ekspektasi");
    assert_eq!(doc["rhk"][0]["kind"], "Utama");
    assert_eq!(doc["rhk"][0]["iki"][0]["target"], "450 dokumen");
    assert_eq!(
        doc["rhk"][0]["iki"][0]["realisasi"], "—",
        "nothing reported"
    );
    assert_eq!(doc["perilaku"].as_array().unwrap().len(), 7);
    let atasan_name: String = sqlx::query_scalar("SELECT name FROM employees WHERE id = $1")
        .bind(demo.atasan.0)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(doc["penilai"]["name"], atasan_name);

    // The printable page and the PDF, for the employee; nothing for an outsider.
    let page_path = format!(
        "/skp/{YEAR}/pegawai/{}/penilaian/{q1}/dokumen",
        demo.pegawai.0
    );
    let page = get_as(&router, &page_path, &pegawai).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("EVALUASI KINERJA PEGAWAI") && page.body.contains("BUTUH PERBAIKAN")
    );
    let pdf = get_as(&router, &format!("{page_path}.pdf"), &pegawai).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    assert_eq!(pdf.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(pdf.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains(&format!(
            "Evaluasi-triwulan-i-{YEAR}-{}.pdf",
            demo.pegawai.1
        )));
    assert!(pdf.body.starts_with("%PDF-"));
    let pelapor = log_in(&router, &demo.pelapor.1, DEMO_PASSWORD).await;
    let outsider = get_as(&router, &format!("{page_path}.pdf"), &pelapor).await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);
    let wrong_year = get_as(
        &router,
        &format!(
            "/skp/{}/pegawai/{}/penilaian/{q1}/dokumen.pdf",
            YEAR - 1,
            demo.pegawai.0
        ),
        &pegawai,
    )
    .await;
    assert_eq!(wrong_year.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plh_rates_in_place_of_the_supervisor_and_neither_overwrites_the_other() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    // The atasan is away: a colleague of another unit acts as Plh. from today.
    let (acting, position): (i64, i64) = sqlx::query_as(
        "SELECT e.id, (SELECT position_id FROM employees WHERE id = $1) FROM employees e \
         JOIN positions p ON p.id = e.position_id WHERE p.kind = 'pelaksana' AND e.active = 1 \
         AND p.unit_id <> (SELECT p2.unit_id FROM employees e2 JOIN positions p2 ON p2.id = e2.position_id WHERE e2.id = $1) \
         ORDER BY e.id LIMIT 1",
    )
    .bind(demo.atasan.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    let today = app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis());
    let assigned = call(
        &router,
        "admin_assign_acting",
        &format!(
            "employee_id={acting}&position_id={position}&kind=plh&starts_on={}&ends_on={}",
            today.to_iso(),
            today.add_days(30).to_iso()
        ),
        Some(&admin),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    let plh_nip = account_for(&state, acting).await;
    let plh = log_in(&router, &plh_nip, DEMO_PASSWORD).await;
    let path = format!("/penilaian/{q1}/pegawai/{}", demo.pegawai.0);
    let all = [(rhk[0], "sesuai", ""), (rhk[1], "sesuai", "")];

    // The Plh. is the rater too.
    let seen = evaluation(
        &router,
        &format!("employee_id={}&period_id={q1}", demo.pegawai.0),
        &plh,
    )
    .await;
    assert_eq!(seen["role"], "Rater");
    assert_eq!(seen["can_rate"], true);
    let by_plh = post(
        &router,
        &path,
        form(&ratings(0, "simpan", &all, "sesuai", "sesuai", "sesuai")),
        &plh,
        true,
    )
    .await;
    assert_eq!(by_plh.body, "1 baik");

    // The supervisor's form was opened on version 0: refused, not overwritten.
    let stale = post(
        &router,
        &path,
        form(&ratings(0, "simpan", &all, "di_atas", "di_atas", "di_atas")),
        &atasan,
        true,
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(stale.body.contains("penilai lain"), "{}", stale.body);
    // On the new version the supervisor saves; now the Plh.'s copy is the stale one.
    let fresh = post(
        &router,
        &path,
        form(&ratings(1, "simpan", &all, "di_atas", "di_atas", "di_atas")),
        &atasan,
        true,
    )
    .await;
    assert_eq!(fresh.body, "2 sangat_baik");
    let late = post(
        &router,
        &path,
        form(&ratings(1, "simpan", &all, "sesuai", "sesuai", "sesuai")),
        &plh,
        true,
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let stored: String =
        sqlx::query_scalar("SELECT predikat FROM evaluations WHERE employee_id = $1")
            .bind(demo.pegawai.0)
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    assert_eq!(stored, "sangat_baik", "the last accepted save stands");
}
