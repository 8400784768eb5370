//! SKP planning through `build_router`: performance years and periods.

mod support;

use app::demo::DEMO_PASSWORD;
use axum::http::StatusCode;
use support::{call, log_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_opens_a_year_with_its_periods_and_closes_and_reopens_one() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;

    let opened = call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let again = call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    assert_eq!(again.error_message(), "Tahun kinerja 2027 sudah dibuka.");
    let silly = call(&router, "admin_open_year", "year=1890", Some(&admin)).await;
    assert_eq!(silly.status, StatusCode::BAD_REQUEST);

    // Everyone signed in reads the periods: four quarters, then the annual evaluation.
    let years = call(&router, "list_performance_years", "", Some(&pegawai))
        .await
        .json();
    let periods = years[0]["periods"].as_array().unwrap();
    let names: Vec<&str> = periods
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Triwulan I 2027",
            "Triwulan II 2027",
            "Triwulan III 2027",
            "Triwulan IV 2027",
            "Penilaian Tahunan 2027"
        ]
    );
    let q1 = periods
        .iter()
        .find(|p| p["name"] == "Triwulan I 2027")
        .unwrap();
    assert_eq!(
        (q1["ends_on"].as_str(), q1["deadline"].as_str()),
        (Some("2027-03-31"), Some("2027-04-10"))
    );
    let id = q1["id"].as_i64().unwrap();

    // Close, then reopen: both audited; a pegawai may do neither.
    assert_eq!(
        call(
            &router,
            "admin_set_period_open",
            &format!("period_id={id}&open=false"),
            Some(&pegawai)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(
            &router,
            "admin_set_period_open",
            &format!("period_id={id}&open=false"),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        call(
            &router,
            "admin_set_period_open",
            &format!("period_id={id}&open=true"),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(state.db.pool())
        .await
        .unwrap();
    assert_eq!(actions, ["year.opened", "period.closed", "period.reopened"]);
    // The trail names the period as it was called then, and the year opened.
    let entries = call(&router, "list_audit", "", Some(&admin)).await.json();
    assert_eq!(entries[0]["subject"], "Triwulan I 2027");
    assert_eq!(entries[1]["subject"], "Triwulan I 2027");
    assert_eq!(entries[2]["year"], 2027);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_monthly_scheme_from_the_settings_gives_twelve_months() {
    let (_guard, _state, router, demo) = support::seeded_app(|settings| {
        settings.period_scheme = app::platform::config::PeriodScheme::Monthly;
    })
    .await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    assert_eq!(
        call(&router, "admin_open_year", "year=2028", Some(&admin))
            .await
            .status,
        StatusCode::OK
    );
    let years = call(&router, "list_performance_years", "", Some(&admin))
        .await
        .json();
    assert_eq!(years[0]["scheme"], "monthly");
    assert_eq!(years[0]["periods"].as_array().unwrap().len(), 13);
    assert!(years[0]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Februari 2028" && p["ends_on"] == "2028-02-29"));
}

/// An approved plan for `employee` with two RHK, written the way the approval
/// chain above them would leave it (their own supervisors are not under test).
async fn approved_plan_for(
    state: &app::platform::state::AppState,
    router: &axum::Router,
    nip: &str,
    year: i64,
) -> Vec<i64> {
    let cookie = log_in(router, nip, DEMO_PASSWORD).await;
    let plan = format!(
        r#"{{"plan":{{"year":{year},"base_version":0,"approach":"kuantitatif","lampiran":{{"dukungan_sumber_daya":["Aplikasi OSS"],"skema_pertanggungjawaban":[],"konsekuensi":[]}},
        "rhk":[{{"id":null,"kind":"utama","text":"Meningkatnya kecepatan layanan perizinan usaha","parent_rhk_id":null,"perspektif":null,
                 "iki":[{{"aspek":"waktu","indicator":"Rata-rata waktu terbit izin","target":"3","satuan":"hari kerja"}}]}},
                {{"id":null,"kind":"utama","text":"Tersusunnya laporan kinerja seksi","parent_rhk_id":null,"perspektif":null,
                 "iki":[{{"aspek":"kuantitas","indicator":"Jumlah laporan","target":"4","satuan":"dokumen"}}]}}]}}}}"#
    );
    support::plans::approved(state, router, &cookie, nip, &plan).await
}

fn pegawai_plan(version: i64, parents: &[i64], first_text: &str) -> String {
    format!(
        r#"{{"plan":{{"year":2027,"base_version":{version},"approach":"kuantitatif","lampiran":{{"dukungan_sumber_daya":[],"skema_pertanggungjawaban":["Laporan bulanan kepada Kepala Seksi"],"konsekuensi":[]}},
        "rhk":[{{"id":null,"kind":"utama","text":"{first_text}","parent_rhk_id":{},"perspektif":null,
                 "iki":[{{"aspek":"kuantitas","indicator":"Jumlah izin usaha terbit ≤ 3 hari kerja","target":"450","satuan":"dokumen"}}]}},
                {{"id":null,"kind":"tambahan","text":"Terdokumentasinya arsip perizinan","parent_rhk_id":{},"perspektif":null,
                 "iki":[{{"aspek":"kualitas","indicator":"Persentase arsip lengkap","target":"95","satuan":"persen"}}]}}]}}}}"#,
        parents[0], parents[1]
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_is_drafted_submitted_returned_revised_and_approved() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let pimpinan = log_in(&router, &demo.pimpinan.1, DEMO_PASSWORD).await;
    let json = support::call_json;

    // No year yet: nothing can be saved.
    let early = json(
        &router,
        "save_skp_plan",
        &pegawai_plan(0, &[1, 1], "Terlayaninya izin usaha"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(
        early.error_message(),
        "Tahun kinerja 2027 belum dibuka oleh admin BKPSDM."
    );
    assert_eq!(
        call(&router, "admin_open_year", "year=2027", Some(&admin))
            .await
            .status,
        StatusCode::OK
    );

    // The supervisor has no approved plan: the pegawai may draft, sees why it cannot be submitted.
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert!(
        view["blocked_reason"]
            .as_str()
            .unwrap()
            .contains("belum disetujui"),
        "{view}"
    );
    let parents = approved_plan_for(&state, &router, &demo.atasan.1, 2027).await;
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert!(view["blocked_reason"].is_null(), "{view}");
    assert_eq!(view["supervisor_rhk"].as_array().unwrap().len(), 2);

    // Linking to an RHK outside the supervisor's approved plan is refused.
    let own_bogus = json(
        &router,
        "save_skp_plan",
        &pegawai_plan(0, &[999_999, parents[1]], "Terlayaninya izin usaha"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(own_bogus.status, StatusCode::BAD_REQUEST);
    assert!(
        own_bogus.body.contains("rhk.0.parent_rhk_id"),
        "{}",
        own_bogus.body
    );
    // Bad values are named per field.
    let bad_target =
        pegawai_plan(0, &parents, "Terlayaninya izin usaha").replace("\"450\"", "\"nol\"");
    let reply = json(&router, "save_skp_plan", &bad_target, Some(&pegawai)).await;
    assert!(
        reply.body.contains("rhk.0.iki.0.target") && reply.error_message().contains("lebih dari 0"),
        "{}",
        reply.body
    );

    let saved = json(
        &router,
        "save_skp_plan",
        &pegawai_plan(0, &parents, "Terlayaninya izin usaha"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(saved.json(), 1);
    // A second "new" plan for the same year, and a stale save, are both refused.
    assert!(json(
        &router,
        "save_skp_plan",
        &pegawai_plan(0, &parents, "x"),
        Some(&pegawai)
    )
    .await
    .error_message()
    .contains("sudah memiliki SKP"));
    let stale = json(
        &router,
        "save_skp_plan",
        &pegawai_plan(7, &parents, "x"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale
        .error_message()
        .contains("sudah diubah di tempat lain"));

    // Submit (with the right version), then the supervisor returns it with a reason.
    assert_eq!(
        call(
            &router,
            "submit_skp_plan",
            "year=2027&base_version=0",
            Some(&pegawai)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let submitted = call(
        &router,
        "submit_skp_plan",
        "year=2027&base_version=1",
        Some(&pegawai),
    )
    .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let locked = json(
        &router,
        "save_skp_plan",
        &pegawai_plan(2, &parents, "x"),
        Some(&pegawai),
    )
    .await;
    // The supervisor's team page shows it waiting.
    let team = call(&router, "get_team_plans", "", Some(&atasan))
        .await
        .json();
    assert_eq!(team["year"], 2027);
    let row = team["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["employee_id"] == demo.pegawai.0)
        .cloned()
        .unwrap();
    assert_eq!(row["status"], "diajukan");
    assert!(
        team["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["status"].is_null()),
        "colleagues without a plan are listed too"
    );
    // The supervisor is told in the app, and only they read it.
    let viewer = call(&router, "get_viewer", "", Some(&atasan)).await.json();
    assert_eq!(viewer["unread_notifications"], 1);
    let notes = call(&router, "list_notifications", "", Some(&atasan))
        .await
        .json();
    assert!(
        notes[0]["text"]
            .as_str()
            .unwrap()
            .contains("mengajukan SKP tahun 2027"),
        "{notes}"
    );
    // Opening it marks it read and leads to the plan; nobody else can open it.
    let note_id = notes[0]["id"].as_i64().unwrap();
    let stranger = call(
        &router,
        "open_notification",
        &format!("id={note_id}"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    let opened = call(
        &router,
        "open_notification",
        &format!("id={note_id}"),
        Some(&atasan),
    )
    .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert!(
        opened
            .json()
            .as_str()
            .unwrap()
            .starts_with("/skp/2027/pegawai/"),
        "{}",
        opened.body
    );
    let viewer = call(&router, "get_viewer", "", Some(&atasan)).await.json();
    assert_eq!(viewer["unread_notifications"], 0);
    assert_eq!(
        call(&router, "list_notifications", "", Some(&pegawai))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        call(&router, "mark_notifications_read", "", Some(&atasan))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        call(&router, "get_viewer", "", Some(&atasan)).await.json()["unread_notifications"],
        0
    );
    assert!(
        locked.error_message().contains("sedang diperiksa atasan"),
        "{}",
        locked.body
    );
    let review = |decision: &str, reason: &str| {
        format!(
            "employee_id={}&year=2027&decision={decision}&reason={reason}&confirmed=ya",
            demo.pegawai.0
        )
    };
    assert_eq!(
        call(
            &router,
            "review_skp_plan",
            &review("kembalikan", "x"),
            Some(&pimpinan)
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "indirect supervisors do not decide"
    );
    assert!(call(
        &router,
        "review_skp_plan",
        &review("kembalikan", "kurang"),
        Some(&atasan)
    )
    .await
    .error_message()
    .contains("alasan"));
    let returned = call(
        &router,
        "review_skp_plan",
        &review(
            "kembalikan",
            "Target+izin+terlalu+rendah+dibanding+tahun+lalu",
        ),
        Some(&atasan),
    )
    .await;
    assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert_eq!(
        (view["status"].as_str(), view["return_reason"].as_str()),
        (
            Some("dikembalikan"),
            Some("Target izin terlalu rendah dibanding tahun lalu")
        )
    );
    assert_eq!(view["can_edit"], true);
    // The pegawai's notice carries the reason, so it can be acted on from there.
    let notes = call(&router, "list_notifications", "", Some(&pegawai))
        .await
        .json();
    let returned_notice = notes[0]["text"].as_str().unwrap();
    assert!(
        returned_notice.contains("Target izin terlalu rendah dibanding tahun lalu")
            && !returned_notice.contains(".."),
        "{returned_notice}"
    );

    // Revised and submitted again; approved; then locked.
    let version = view["version"].as_i64().unwrap();
    let mut revised = pegawai_plan(version, &parents, "Terlayaninya 500 izin usaha tepat waktu");
    // Keep RHK ids stable: send them back.
    let ids: Vec<i64> = view["rhk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    revised = revised
        .replacen("\"id\":null", &format!("\"id\":{}", ids[0]), 1)
        .replacen("\"id\":null", &format!("\"id\":{}", ids[1]), 1);
    let saved = json(&router, "save_skp_plan", &revised, Some(&pegawai)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let after = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert_eq!(
        after["rhk"][0]["id"].as_i64(),
        Some(ids[0]),
        "RHK keep their ids across saves"
    );
    assert_eq!(
        after["rhk"][0]["parent_text"],
        "Meningkatnya kecepatan layanan perizinan usaha"
    );
    let v = saved.json().as_i64().unwrap();
    assert_eq!(
        call(
            &router,
            "submit_skp_plan",
            &format!("year=2027&base_version={v}"),
            Some(&pegawai)
        )
        .await
        .status,
        StatusCode::OK
    );
    // The resubmission is told apart from the first submission.
    let atasan_notes = call(&router, "list_notifications", "", Some(&atasan))
        .await
        .json();
    assert!(
        atasan_notes[0]["text"]
            .as_str()
            .unwrap()
            .contains("mengajukan ulang SKP tahun 2027 setelah diperbaiki"),
        "{atasan_notes}"
    );
    assert_eq!(
        call(
            &router,
            "review_skp_plan",
            &review("setujui", ""),
            Some(&atasan)
        )
        .await
        .status,
        StatusCode::OK
    );
    let view = call(
        &router,
        "get_skp_plan",
        &format!("employee_id={}&year=2027", demo.pegawai.0),
        Some(&atasan),
    )
    .await
    .json();
    assert_eq!(
        (view["status"].as_str(), view["can_edit"].as_bool()),
        (Some("disetujui"), Some(false))
    );
    let v = view["version"].as_i64().unwrap();
    let locked = json(
        &router,
        "save_skp_plan",
        &pegawai_plan(v, &parents, "x").replacen("\"id\":null", &format!("\"id\":{}", ids[0]), 1),
        Some(&pegawai),
    )
    .await;
    assert!(
        locked.error_message().contains("terkunci"),
        "{}",
        locked.body
    );

    // Nobody outside the line reads it; history and audit are complete.
    assert_eq!(
        call(
            &router,
            "get_skp_plan",
            &format!("employee_id={}&year=2027", demo.pegawai.0),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK,
        "admins read all"
    );
    let stranger = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let _ = stranger;
    let versions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skp_plan_versions v JOIN skp_plans p ON p.id = v.plan_id WHERE p.employee_id = $1")
        .bind(demo.pegawai.0).fetch_one(state.db.pool()).await.unwrap();
    assert_eq!(versions, 4, "submitted, returned, submitted, approved");
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE entity = 'skp_plan' AND actor_id IN ($1, $2) ORDER BY id")
        .bind(demo.pegawai.0).bind(demo.atasan.0).fetch_all(state.db.pool()).await.unwrap();
    assert_eq!(
        actions,
        [
            "skp.created",
            "skp.created",
            "skp.submitted",
            "skp.returned",
            "skp.saved",
            "skp.submitted",
            "skp.approved"
        ]
    );
    // The supervisor's approval names the plan's owner and its year.
    let entries = call(&router, "list_audit", "", Some(&admin)).await.json();
    let approved = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "skp.approved")
        .unwrap();
    let owner: String = sqlx::query_scalar("SELECT name FROM employees WHERE id = $1")
        .bind(demo.pegawai.0)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(approved["subject"], owner.as_str());
    assert_eq!(approved["year"], 2027);
    let notes: Vec<String> = sqlx::query_scalar("SELECT kind FROM notifications ORDER BY id")
        .fetch_all(state.db.pool())
        .await
        .unwrap();
    assert_eq!(
        notes,
        [
            "skp.waiting_for_supervisor",
            "skp.submitted",
            "skp.returned",
            "skp.submitted",
            "skp.approved"
        ],
        "the atasan's first draft had no approved RHK above it: their supervisor was told"
    );
    let told: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications n JOIN employees e ON e.id = n.employee_id \
         JOIN positions p ON p.id = (SELECT position_id FROM employees WHERE id = $1) \
         WHERE e.position_id = p.parent_id AND n.kind = 'skp.waiting_for_supervisor'",
    )
    .bind(demo.atasan.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(told, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plans_outside_ones_reach_are_refused() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    assert_eq!(
        call(&router, "admin_open_year", "year=2027", Some(&admin))
            .await
            .status,
        StatusCode::OK
    );
    approved_plan_for(&state, &router, &demo.atasan.1, 2027).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    // A pegawai reading the atasan's plan (not theirs, not below them): refused.
    let reply = call(
        &router,
        "get_skp_plan",
        &format!("employee_id={}&year=2027", demo.atasan.0),
        Some(&pegawai),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // Nor may they approve anything, even their own.
    let reply = call(
        &router,
        "review_skp_plan",
        &format!(
            "employee_id={}&year=2027&decision=setujui&confirmed=ya",
            demo.pegawai.0
        ),
        Some(&pegawai),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

/// The pegawai's plan for 2027 supporting only the supervisor's first RHK, submitted.
async fn submitted_plan(router: &axum::Router, pegawai: &str, parents: &[i64]) {
    let saved = support::call_json(
        router,
        "save_skp_plan",
        &pegawai_plan(0, &[parents[0], parents[0]], "Terlayaninya izin usaha"),
        Some(pegawai),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let submitted = call(
        router,
        "submit_skp_plan",
        "year=2027&base_version=1",
        Some(pegawai),
    )
    .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_can_be_withdrawn_until_decided_and_approval_needs_a_confirmation() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    let parents = approved_plan_for(&state, &router, &demo.atasan.1, 2027).await;
    submitted_plan(&router, &pegawai, &parents).await;
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert_eq!(view["can_withdraw"], true);

    // Only the owner takes it back: the supervisor calling it withdraws their own (none).
    let by_boss = call(&router, "withdraw_skp_plan", "year=2027", Some(&atasan)).await;
    assert_ne!(by_boss.status, StatusCode::OK);
    let withdrawn = call(&router, "withdraw_skp_plan", "year=2027", Some(&pegawai)).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert_eq!(
        (
            view["status"].as_str(),
            view["can_edit"].as_bool(),
            view["can_withdraw"].as_bool()
        ),
        (Some("draf"), Some(true), Some(false))
    );
    // The supervisor is told, and has nothing left to decide.
    let notes = call(&router, "list_notifications", "", Some(&atasan))
        .await
        .json();
    assert!(
        notes[0]["text"]
            .as_str()
            .unwrap()
            .contains("menarik kembali"),
        "{notes}"
    );
    let approve = format!(
        "employee_id={}&year=2027&decision=setujui&confirmed=ya",
        demo.pegawai.0
    );
    let too_late = call(&router, "review_skp_plan", &approve, Some(&atasan)).await;
    assert_eq!(
        too_late.status,
        StatusCode::BAD_REQUEST,
        "{}",
        too_late.body
    );
    // A draft cannot be withdrawn again.
    let again = call(&router, "withdraw_skp_plan", "year=2027", Some(&pegawai)).await;
    assert!(
        again.error_message().contains("ditarik kembali"),
        "{}",
        again.body
    );

    // Submitted again: approving without ticking the confirmation is refused.
    let version = view["version"].as_i64().unwrap();
    let resubmitted = call(
        &router,
        "submit_skp_plan",
        &format!("year=2027&base_version={version}"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(resubmitted.status, StatusCode::OK, "{}", resubmitted.body);
    let unconfirmed = call(
        &router,
        "review_skp_plan",
        &format!("employee_id={}&year=2027&decision=setujui", demo.pegawai.0),
        Some(&atasan),
    )
    .await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    assert!(
        unconfirmed.error_message().contains("Centang"),
        "{}",
        unconfirmed.body
    );
    let approved = call(&router, "review_skp_plan", &approve, Some(&atasan)).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    // Decided: no longer the owner's to take back.
    let decided = call(&router, "withdraw_skp_plan", "year=2027", Some(&pegawai)).await;
    assert_eq!(decided.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expectations_matrix_cascade_and_a_revision_after_approval() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    let parents = approved_plan_for(&state, &router, &demo.atasan.1, 2027).await;
    submitted_plan(&router, &pegawai, &parents).await;
    let me = demo.pegawai.0;

    // The supervisor writes expectations; too long is refused per value.
    let long = "a".repeat(1001);
    let reply = call(
        &router,
        "save_skp_expectations",
        &format!("employee_id={me}&year=2027&akuntabel={long}"),
        Some(&atasan),
    )
    .await;
    assert!(
        reply.body.contains("expectation.akuntabel") && reply.error_message().contains("Akuntabel"),
        "{}",
        reply.body
    );
    let expectations = format!(
        "employee_id={me}&year=2027&akuntabel=Laporan+izin+tepat+waktu+setiap+bulan&kolaboratif=&loyal=Menjaga+kerahasiaan+data+pemohon"
    );
    let reply = call(
        &router,
        "save_skp_expectations",
        &expectations,
        Some(&atasan),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        call(
            &router,
            "save_skp_expectations",
            &expectations,
            Some(&pegawai)
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "a pegawai writes no expectations"
    );
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    let values: Vec<&str> = view["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        ["akuntabel", "loyal"],
        "BerAKHLAK order, empty ones dropped"
    );

    // Matriks Peran Hasil: the second RHK is supported by no one.
    let matrix = call(&router, "get_skp_matrix", "year=2027", Some(&atasan))
        .await
        .json();
    let column = matrix["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["employee_id"] == me)
        .unwrap();
    assert_eq!(
        matrix["rows"][0]["cells"][column].as_array().unwrap().len(),
        2
    );
    assert!(matrix["rows"][1]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c.as_array().unwrap().is_empty()));
    assert!(
        matrix["columns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["status"].is_null()),
        "subordinates without a plan are columns too"
    );
    assert_eq!(
        call(
            &router,
            "get_skp_matrix",
            &format!("employee_id={}&year=2027", demo.atasan.0),
            Some(&pegawai)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // The cascade: counts for the kabupaten, the tree inside the pegawai's unit.
    let whole = call(&router, "get_skp_cascade", "year=2027", Some(&admin))
        .await
        .json();
    assert_eq!(whole["total"]["disetujui"], 1);
    assert_eq!(whole["total"]["diajukan"], 1);
    let unit: i64 = sqlx::query_scalar(
        "SELECT p.unit_id FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.id = $1",
    )
    .bind(demo.atasan.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    let inside = call(
        &router,
        "get_skp_cascade",
        &format!("year=2027&unit_id={unit}"),
        Some(&admin),
    )
    .await
    .json();
    let root = inside["roots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["rhk_id"] == parents[0])
        .cloned()
        .unwrap_or_else(|| panic!("{inside}"));
    assert_eq!(root["children"].as_array().unwrap().len(), 2);
    assert!(inside["pending"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["employee_id"] == me));
    assert_eq!(
        call(&router, "get_skp_cascade", "year=2027", Some(&pegawai))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Approved: locked, expectations too; a revision is asked, refused, asked, granted.
    let review = format!("employee_id={me}&year=2027&decision=setujui&confirmed=ya");
    assert_eq!(
        call(&router, "review_skp_plan", &review, Some(&atasan))
            .await
            .status,
        StatusCode::OK
    );
    assert!(call(
        &router,
        "save_skp_expectations",
        &expectations,
        Some(&atasan)
    )
    .await
    .error_message()
    .contains("terkunci"));
    let ask = |reason: &str| format!("year=2027&reason={reason}");
    assert!(call(
        &router,
        "request_skp_revision",
        &ask("ubah"),
        Some(&pegawai)
    )
    .await
    .error_message()
    .contains("10 karakter"));
    let why = "Target+izin+naik+karena+loket+baru+dibuka";
    assert_eq!(
        call(&router, "request_skp_revision", &ask(why), Some(&pegawai))
            .await
            .status,
        StatusCode::OK
    );
    assert!(
        call(&router, "request_skp_revision", &ask(why), Some(&pegawai))
            .await
            .error_message()
            .contains("sudah diajukan")
    );
    let decide = |d: &str| format!("employee_id={me}&year=2027&decision={d}");
    assert_eq!(
        call(
            &router,
            "decide_skp_revision",
            &decide("setujui"),
            Some(&pegawai)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(
            &router,
            "decide_skp_revision",
            &decide("tolak"),
            Some(&atasan)
        )
        .await
        .status,
        StatusCode::OK
    );
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert_eq!(
        (
            view["status"].as_str(),
            view["can_request_revision"].as_bool()
        ),
        (Some("disetujui"), Some(true))
    );
    call(&router, "request_skp_revision", &ask(why), Some(&pegawai)).await;
    let shown = call(
        &router,
        "get_skp_plan",
        &format!("employee_id={me}&year=2027"),
        Some(&atasan),
    )
    .await
    .json();
    assert_eq!(
        (
            shown["can_decide_revision"].as_bool(),
            shown["revision_reason"].as_str()
        ),
        (
            Some(true),
            Some("Target izin naik karena loket baru dibuka")
        )
    );
    assert_eq!(
        call(
            &router,
            "decide_skp_revision",
            &decide("setujui"),
            Some(&atasan)
        )
        .await
        .status,
        StatusCode::OK
    );
    let view = call(&router, "get_skp_plan", "year=2027", Some(&pegawai))
        .await
        .json();
    assert_eq!(
        (view["status"].as_str(), view["can_edit"].as_bool()),
        (Some("draf"), Some(true))
    );
    let history: Vec<&str> = view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        history,
        ["draf", "disetujui", "diajukan"],
        "newest first, the approved one kept"
    );
    assert_eq!(view["history"][1]["rhk"].as_array().unwrap().len(), 2);
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'skp.revision%' OR action = 'skp.expectations_saved' ORDER BY id",
    )
    .fetch_all(state.db.pool())
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "skp.expectations_saved",
            "skp.revision_requested",
            "skp.revision_refused",
            "skp.revision_requested",
            "skp.revision_granted"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_plans_cover_every_state_and_never_outrun_the_supervisor() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let counts = app::demo::skp_plans::seed_demo_plans(
        &state.db,
        2029,
        app::platform::config::PeriodScheme::Quarterly,
        10,
        7,
        |_| {},
    )
    .await
    .unwrap();
    assert!(
        counts.disetujui > 0 && counts.diajukan > 0 && counts.dikembalikan > 0 && counts.draf > 0,
        "{counts:?}"
    );
    let status_of = |id: i64| {
        let pool = state.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT status FROM skp_plans WHERE employee_id = $1 AND year = 2029",
            )
            .bind(id)
            .fetch_optional(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        status_of(demo.pegawai.0).await,
        None,
        "the demo pegawai drafts their own"
    );
    assert_eq!(status_of(demo.atasan.0).await.as_deref(), Some("disetujui"));
    // No RHK supports one from a plan that is not approved, and nothing beyond a
    // draft sits under a supervisor without an approved plan.
    let bad_links: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skp_rhk r JOIN skp_rhk p ON p.id = r.parent_rhk_id \
         JOIN skp_plans pp ON pp.id = p.plan_id WHERE pp.status <> 'disetujui'",
    )
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(bad_links, 0);
    let unsupported_submissions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skp_plans s JOIN skp_rhk r ON r.plan_id = s.id JOIN employees e ON e.id = s.employee_id \
         JOIN positions p ON p.id = e.position_id \
         WHERE s.status <> 'draf' AND p.kind NOT IN ('jpt', 'kepala_daerah') AND r.parent_rhk_id IS NULL",
    )
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(
        unsupported_submissions, 0,
        "every submitted non-JPT RHK names the RHK it supports"
    );
    // The views read them: the kabupaten cascade counts every active employee.
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let cascade = call(&router, "get_skp_cascade", "year=2029", Some(&admin))
        .await
        .json();
    let total = &cascade["total"];
    let active: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM employees e WHERE e.active = 1 AND e.position_id IS NOT NULL",
    )
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    let sum: i64 = ["belum", "draf", "diajukan", "dikembalikan", "disetujui"]
        .iter()
        .map(|k| total[k].as_i64().unwrap())
        .sum();
    assert_eq!(sum, active);
    assert_eq!(
        total["disetujui"].as_i64().unwrap() as usize,
        counts.disetujui
    );
    assert!(!cascade["roots"].as_array().unwrap().is_empty());
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let matrix = call(&router, "get_skp_matrix", "year=2029", Some(&atasan))
        .await
        .json();
    assert!(
        !matrix["rows"].as_array().unwrap().is_empty()
            && !matrix["columns"].as_array().unwrap().is_empty(),
        "{matrix}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_skp_document_prints_and_downloads_as_a_pdf_within_reach() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    let parents = approved_plan_for(&state, &router, &demo.atasan.1, 2027).await;
    submitted_plan(&router, &pegawai, &parents).await;
    let me = demo.pegawai.0;
    call(
        &router,
        "save_skp_expectations",
        &format!("employee_id={me}&year=2027&akuntabel=Laporan+izin+tepat+waktu"),
        Some(&atasan),
    )
    .await;

    let page = support::get_as(
        &router,
        &format!("/skp/2027/pegawai/{me}/dokumen"),
        &pegawai,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let (pegawai_name, atasan_name): (String, String) = (
        sqlx::query_scalar("SELECT name FROM employees WHERE id = $1")
            .bind(me)
            .fetch_one(state.db.pool())
            .await
            .unwrap(),
        sqlx::query_scalar("SELECT name FROM employees WHERE id = $1")
            .bind(demo.atasan.0)
            .fetch_one(state.db.pool())
            .await
            .unwrap(),
    );
    for expected in [
        "SASARAN KINERJA PEGAWAI",
        "PEJABAT PENILAI KINERJA",
        "Terlayaninya izin usaha",
        "Meningkatnya kecepatan layanan perizinan usaha",
        "Laporan izin tepat waktu",
        "Berorientasi Pelayanan",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "belum disetujui",
        pegawai_name.as_str(),
        atasan_name.as_str(),
    ] {
        assert!(
            page.body.contains(expected),
            "document page lacks {expected:?}"
        );
    }

    let pdf_path = format!("/skp/2027/pegawai/{me}/dokumen.pdf");
    let pdf = support::get_as(&router, &pdf_path, &pegawai).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains(&format!("SKP-2027-{}.pdf", demo.pegawai.1)));
    assert!(
        pdf.body.starts_with("%PDF-") && pdf.body.len() > 5_000,
        "{} bytes",
        pdf.body.len()
    );
    // The supervisor may download it too; a visitor is sent to log in; others are refused.
    assert_eq!(
        support::get_as(&router, &pdf_path, &atasan).await.status,
        StatusCode::OK
    );
    let visitor = support::get(&router, &pdf_path).await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
    assert!(visitor.headers["location"]
        .to_str()
        .unwrap()
        .starts_with("/masuk?next="));
    let theirs = format!("/skp/2027/pegawai/{}/dokumen.pdf", demo.atasan.0);
    let refused = support::get_as(&router, &theirs, &pegawai).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains("%PDF"));
    let missing = support::get_as(&router, "/skp/2031/pegawai/1/dokumen.pdf", &admin).await;
    assert_eq!(
        (missing.status, missing.body.as_str()),
        (StatusCode::NOT_FOUND, "SKP ini belum ada.")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acting_official_approves_for_the_position_they_hold() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    let parents = approved_plan_for(&state, &router, &demo.atasan.1, 2027).await;
    submitted_plan(&router, &pegawai, &parents).await;
    let approve = format!(
        "employee_id={}&year=2027&decision=setujui&confirmed=ya",
        demo.pegawai.0
    );
    // The admin is outside the line: reading is allowed (admin), deciding is not.
    assert_eq!(
        call(&router, "review_skp_plan", &approve, Some(&admin))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // As Plh. of the atasan's position (the holder is away) the admin decides.
    let position: i64 = sqlx::query_scalar("SELECT position_id FROM employees WHERE id = $1")
        .bind(demo.atasan.0)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let today = app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis());
    let assigned = call(
        &router,
        "admin_assign_acting",
        &format!(
            "employee_id={}&position_id={position}&kind=plh&starts_on={}&ends_on={}",
            demo.admin.0,
            today.to_iso(),
            today.add_days(7).to_iso()
        ),
        Some(&admin),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    let acting = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let reply = call(&router, "review_skp_plan", &approve, Some(&acting)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let approved_by: i64 = sqlx::query_scalar(
        "SELECT approved_by FROM skp_plans WHERE employee_id = $1 AND year = 2027",
    )
    .bind(demo.pegawai.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(approved_by, demo.admin.0);
}
