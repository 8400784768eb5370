//! Penilaian through `build_router`: the rater's form (draft, autosave answer,
//! finalising), the predikat computed by the server alone, who may write and
//! read, the keberatan and its deadline, the unit's result and the live stream.

mod support;

use app::demo::DEMO_PASSWORD;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::evaluations::{
    account_for, evaluation, form, location, open_year, plan_for, post, ratings, supervisor_of,
    YEAR,
};
use support::{call, log_in, send, ORIGIN};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rater_drafts_and_finalises_and_the_server_alone_sets_the_predikat() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await;
    let (utama, tambahan) = (rhk[0], rhk[1]);
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let path = format!("/penilaian/{q1}/pegawai/{}", demo.pegawai.0);

    // The employee's self-assessment comes first, and the rater sees it.
    let own = post(
        &router,
        &format!("/penilaian/{q1}/diri"),
        form(&[
            (format!("diri-{utama}"), "di_atas".into()),
            (format!("catatan-diri-{utama}"), "Target terlampaui".into()),
        ]),
        &pegawai,
        false,
    )
    .await;
    assert!(location(&own).ends_with("?diri=1"));
    let seen = evaluation(
        &router,
        &format!("employee_id={}&period_id={q1}", demo.pegawai.0),
        &atasan,
    )
    .await;
    assert_eq!(seen["role"], "Rater");
    assert_eq!(seen["rhk"][0]["self_rating"], "di_atas");
    assert_eq!(seen["rhk"][0]["self_note"], "Target terlampaui");

    // An autosave with a forged predikat: the answer and the store carry the
    // server's own lookup of the two ratings.
    let mut draft = ratings(
        0,
        "simpan",
        &[(utama, "di_atas", ""), (tambahan, "sesuai", "")],
        "sesuai",
        "di_atas",
        "di_atas",
    );
    draft.push(("predikat".into(), "sangat_kurang".into()));
    let saved = post(&router, &path, form(&draft), &atasan, true).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body, "1 sangat_baik");
    let stored: String =
        sqlx::query_scalar("SELECT predikat FROM evaluations WHERE employee_id = $1")
            .bind(demo.pegawai.0)
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    assert_eq!(stored, "sangat_baik");

    // The employee reads nothing of a draft, and the self-assessment is closed.
    let hidden = evaluation(&router, &format!("period_id={q1}"), &pegawai).await;
    assert_eq!(hidden["status"], "draft");
    assert!(hidden["predikat"].is_null() && hidden["hasil_kerja"].is_null());
    assert!(hidden["rhk"][0]["rating"].is_null());
    assert_eq!(hidden["can_self_assess"], false);

    // A stale version is refused, whoever the second rater is.
    let stale = post(
        &router,
        &path,
        form(&ratings(0, "simpan", &[], "sesuai", "sesuai", "sesuai")),
        &atasan,
        true,
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let stale_page = post(
        &router,
        &path,
        form(&ratings(0, "simpan", &[], "sesuai", "sesuai", "sesuai")),
        &atasan,
        false,
    )
    .await;
    assert!(location(&stale_page).ends_with("?ditolak=konflik"));

    // Finalising needs umpan balik for a Di Bawah rating, and a reason when the
    // hasil kerja rating departs from the guidance.
    let incomplete = ratings(
        1,
        "final",
        &[(utama, "di_bawah", ""), (tambahan, "sesuai", "")],
        "sesuai",
        "di_atas",
        "sesuai",
    );
    let asked = post(&router, &path, form(&incomplete), &atasan, false).await;
    assert!(
        location(&asked).ends_with("?periksa=1"),
        "{}",
        location(&asked)
    );
    let check = evaluation(
        &router,
        &format!("employee_id={}&period_id={q1}&periksa=true", demo.pegawai.0),
        &atasan,
    )
    .await;
    let problems = check["problems"].to_string();
    assert!(problems.contains("tuliskan umpan baliknya"), "{problems}");
    assert!(problems.contains("tuliskan alasannya"), "{problems}");
    assert_eq!(check["status"], "draft");
    assert_eq!(
        check["suggested_hasil_kerja"], "di_bawah",
        "a utama RHK below expectations pulls the suggestion down"
    );

    let complete = ratings(
        2,
        "final",
        &[
            (utama, "di_bawah", "Izin terlambat"),
            (tambahan, "sesuai", ""),
        ],
        "sesuai",
        "di_bawah",
        "sesuai",
    );
    let finalised = post(&router, &path, form(&complete), &atasan, false).await;
    assert!(
        location(&finalised).ends_with("?final=1"),
        "{}",
        location(&finalised)
    );

    // Locked: the rater can no longer write.
    let locked = post(
        &router,
        &path,
        form(&ratings(4, "simpan", &[], "sesuai", "sesuai", "sesuai")),
        &atasan,
        true,
    )
    .await;
    assert_eq!(locked.status, StatusCode::BAD_REQUEST, "{}", locked.body);

    // The employee now reads it, and was told.
    let read = evaluation(&router, &format!("period_id={q1}"), &pegawai).await;
    assert_eq!(read["status"], "final");
    assert_eq!(read["predikat"], "butuh_perbaikan");
    assert_eq!(read["rhk"][0]["feedback"], "Izin terlambat");
    assert_eq!(read["can_acknowledge"], true);
    let notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE employee_id = $1 AND kind = 'evaluation.finalised'")
        .bind(demo.pegawai.0)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(notices, 1);
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'evaluation.finalised'")
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);

    // The page, as the employee's browser receives it without WASM.
    let page = support::get_as(&router, &format!("/skp/{YEAR}/penilaian/{q1}"), &pegawai).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Butuh Perbaikan") && page.body.contains("penilaian-acknowledge"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_rater_writes_and_outsiders_read_nothing() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let pelapor = log_in(&router, &demo.pelapor.1, DEMO_PASSWORD).await;
    let pimpinan = log_in(&router, &demo.pimpinan.1, DEMO_PASSWORD).await;
    let path = format!("/penilaian/{q1}/pegawai/{}", demo.pegawai.0);
    let body = form(&ratings(
        0,
        "simpan",
        &[(rhk[0], "sesuai", "")],
        "sesuai",
        "sesuai",
        "sesuai",
    ));

    // The employee rating themself, a colleague, the pimpinan, the admin: refused.
    for cookie in [&pegawai, &pelapor, &pimpinan, &admin] {
        let refused = post(&router, &path, body.clone(), cookie, true).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evaluations")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    assert_eq!(rows, 0, "nothing was written by anyone refused");

    // Signed out: the form goes to the log-in page, the autosave gets 401.
    let anonymous = send(
        &router,
        Request::post(&path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN)
            .header(header::ACCEPT, "text/plain")
            .body(Body::from(body.clone()))
            .unwrap(),
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    // A colleague outside the line reads nothing of the evaluation.
    let peek = call(
        &router,
        "get_evaluation",
        &format!("employee_id={}&period_id={q1}", demo.pegawai.0),
        Some(&pelapor),
    )
    .await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN, "{}", peek.body);
    // Nor follows its distribution.
    let stream = support::get_as(
        &router,
        &format!("/langsung/penilaian/{q1}/pegawai/{}", demo.pegawai.0),
        &pelapor,
    )
    .await;
    assert_eq!(stream.status, StatusCode::FORBIDDEN);

    // The rater (or a Plt. of the position) does write.
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let written = post(&router, &path, body.clone(), &atasan, true).await;
    assert_eq!(written.status, StatusCode::OK, "{}", written.body);
    assert_eq!(written.body, "1 baik");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keberatan_is_filed_in_time_and_decided_by_the_reviewer_with_both_versions_kept() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let (q1, q2) = (periods[0], periods[1]);
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let reviewer_id = supervisor_of(&state, demo.atasan.0).await;
    let reviewer_nip = account_for(&state, reviewer_id).await;
    let reviewer = log_in(&router, &reviewer_nip, DEMO_PASSWORD).await;
    let all = [(rhk[0], "sesuai", ""), (rhk[1], "sesuai", "")];
    for period in [q1, q2] {
        let path = format!("/penilaian/{period}/pegawai/{}", demo.pegawai.0);
        let done = post(
            &router,
            &path,
            form(&ratings(0, "final", &all, "sesuai", "sesuai", "sesuai")),
            &atasan,
            false,
        )
        .await;
        assert!(location(&done).ends_with("?final=1"), "{}", location(&done));
    }
    let id_of = |period: i64| {
        let pool = state.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM evaluations WHERE period_id = $1")
                .bind(period)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (e1, e2) = (id_of(q1).await, id_of(q2).await);

    // Read and acknowledged, with the time.
    let ack = call(
        &router,
        "acknowledge_evaluation",
        &format!("evaluation_id={e1}"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(ack.status, StatusCode::OK, "{}", ack.body);
    let read = evaluation(&router, &format!("period_id={q1}"), &pegawai).await;
    assert_eq!(read["status"], "acknowledged");
    assert!(read["acknowledged_at"].is_i64());

    // Only the employee files, with reasons.
    let not_theirs = call(
        &router,
        "file_keberatan",
        &format!("evaluation_id={e1}&alasan=x"),
        Some(&atasan),
    )
    .await;
    assert_eq!(
        not_theirs.status,
        StatusCode::NOT_FOUND,
        "someone else's is not even found: {}",
        not_theirs.body
    );
    let empty = call(
        &router,
        "file_keberatan",
        &format!("evaluation_id={e1}&alasan=%20"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.body);
    let filed = call(
        &router,
        "file_keberatan",
        &format!("evaluation_id={e1}&alasan=Realisasi%20Q1%20terlampaui"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.body);
    let twice = call(
        &router,
        "file_keberatan",
        &format!("evaluation_id={e1}&alasan=lagi"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST, "{}", twice.body);

    // Past `evaluation.appeal_days`, refused.
    sqlx::query("UPDATE evaluations SET finalised_at = finalised_at - $2 WHERE id = $1")
        .bind(e2)
        .bind(15_i64 * 24 * 3600 * 1000)
        .execute(state.db.pool())
        .await
        .unwrap();
    let late = call(
        &router,
        "file_keberatan",
        &format!("evaluation_id={e2}&alasan=Terlambat"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST, "{}", late.body);
    assert!(
        late.error_message().contains("14 hari"),
        "{}",
        late.error_message()
    );

    // The rater cannot decide; the atasan pejabat penilai changes the ratings.
    let by_rater = call(
        &router,
        "decide_keberatan",
        &format!("evaluation_id={e1}&hasil=tetap&keputusan=x"),
        Some(&atasan),
    )
    .await;
    assert_eq!(by_rater.status, StatusCode::FORBIDDEN, "{}", by_rater.body);
    let no_text = call(
        &router,
        "decide_keberatan",
        &format!("evaluation_id={e1}&hasil=tetap&keputusan="),
        Some(&reviewer),
    )
    .await;
    assert_eq!(no_text.status, StatusCode::BAD_REQUEST, "{}", no_text.body);
    let decided = call(
        &router,
        "decide_keberatan",
        &format!("evaluation_id={e1}&hasil=ubah&hasil_kerja=di_atas&perilaku=di_atas&keputusan=Bukti%20dukung%20menunjukkan%20target%20terlampaui"),
        Some(&reviewer),
    )
    .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
    let after = evaluation(&router, &format!("period_id={q1}"), &pegawai).await;
    assert_eq!(after["status"], "decided");
    assert_eq!(after["predikat"], "sangat_baik", "di atas × di atas");
    assert_eq!(after["appeal"]["original"]["predikat"], "baik");
    assert_eq!(after["appeal"]["original"]["hasil_kerja"], "sesuai");
    assert_eq!(after["appeal"]["outcome"], "changed");
    let steps: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'evaluation.%' ORDER BY id",
    )
    .fetch_all(state.db.pool())
    .await
    .unwrap();
    assert_eq!(
        steps,
        [
            "evaluation.finalised",
            "evaluation.finalised",
            "evaluation.acknowledged",
            "evaluation.appealed",
            "evaluation.decided"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_unit_result_sets_the_curve_and_the_stream_sends_the_counts() {
    use futures::StreamExt;
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let q1 = open_year(&state, &router, &admin).await[0];
    let rhk = plan_for(&state, &router, &demo.pegawai.1).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let query = format!("employee_id={}&period_id={q1}", demo.pegawai.0);
    let unit_id = evaluation(&router, &query, &atasan).await["panel"]["unit_id"]
        .as_i64()
        .unwrap();

    // Only pimpinan and admin set it; a code it does not know is refused.
    let by_atasan = call(
        &router,
        "set_unit_result",
        &format!("unit_id={unit_id}&year={YEAR}&predikat=baik"),
        Some(&atasan),
    )
    .await;
    assert_eq!(
        by_atasan.status,
        StatusCode::FORBIDDEN,
        "{}",
        by_atasan.body
    );
    let unknown = call(
        &router,
        "set_unit_result",
        &format!("unit_id={unit_id}&year={YEAR}&predikat=hebat"),
        Some(&admin),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST, "{}", unknown.body);
    let set = call(
        &router,
        "set_unit_result",
        &format!("unit_id={unit_id}&year={YEAR}&predikat=kurang"),
        Some(&admin),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let panel = evaluation(&router, &query, &atasan).await["panel"].clone();
    assert_eq!(panel["unit_predikat"], "kurang");
    assert!(
        !panel["bounds"].as_array().unwrap().is_empty(),
        "a Kurang unit has a curve"
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'unit_result.set'")
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);

    // The stream opens with the finalised counts (none yet), then follows a
    // finalisation in the unit.
    let request = Request::get(format!(
        "/langsung/penilaian/{q1}/pegawai/{}",
        demo.pegawai.0
    ))
    .header(header::COOKIE, &atasan)
    .body(Body::empty())
    .unwrap();
    let response = tower::ServiceExt::oneshot(router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut body = response.into_body().into_data_stream();
    let first = body.next().await.unwrap().unwrap();
    assert_eq!(String::from_utf8_lossy(&first), "data: 0 0 0 0 0\n\n");
    // A colleague of the same unit, finalised by the same rater.
    let colleague_rhk = plan_for(&state, &router, &demo.pelapor.1).await;
    let path = format!("/penilaian/{q1}/pegawai/{}", demo.pelapor.0);
    let all = [
        (colleague_rhk[0], "di_atas", ""),
        (colleague_rhk[1], "di_atas", ""),
    ];
    let done = post(
        &router,
        &path,
        form(&ratings(0, "final", &all, "di_atas", "di_atas", "di_atas")),
        &atasan,
        false,
    )
    .await;
    assert!(location(&done).ends_with("?final=1"), "{}", location(&done));
    let next = tokio::time::timeout(std::time::Duration::from_secs(10), body.next())
        .await
        .expect("the stream follows the finalisation")
        .unwrap()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&next), "data: 1 0 0 0 0\n\n");
    let _ = rhk;
}
