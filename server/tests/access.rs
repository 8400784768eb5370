//! Identity and access through `build_router`: the authorisation table walked as
//! every role, the Origin check, throttling, sessions, reach, acting officials,
//! escaping and the page security policy.

mod support;

use app::demo::DEMO_PASSWORD;
use app::identity::access::{Allowed, ROUTES, SERVER_FUNCTIONS};
use app::identity::types::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use support::{
    call, call_json, fingerprint, get, get_as, log_in, send, upload, Demo, TestDb, ORIGIN,
};

/// Everyone the walks try: a visitor, then each demo role (id and NIP).
fn everyone(demo: &Demo) -> [(&'static str, Option<&(i64, String)>); 6] {
    [
        ("anonim", None),
        ("pegawai", Some(&demo.pegawai)),
        ("atasan", Some(&demo.atasan)),
        ("atasan pejabat penilai", Some(&demo.penilai)),
        ("admin", Some(&demo.admin)),
        ("pimpinan", Some(&demo.pimpinan)),
    ]
}

fn personas_count(demo: &Demo) -> usize {
    everyone(demo).len()
}

async fn seeded() -> (TestDb, app::platform::state::AppState, Router, Demo) {
    support::seeded_app(|_| {}).await
}

async fn scalar(state: &app::platform::state::AppState, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(state.db.pool())
        .await
        .unwrap()
}

/// A call's input: form fields, JSON, or a file upload. `SELF` and `REPORT` in
/// them stand for the caller and one of the caller's direct reports.
enum Input {
    Form(String),
    Json(String),
    File(Vec<u8>),
}

/// Allowed calls whose sample input is refused for a business reason (the plan
/// is a draft, or has no RHK yet), which still proves the call passed the gate.
const DOMAIN_REFUSALS: &[&str] = &[
    "submit_skp_plan",
    "withdraw_skp_plan",
    "review_skp_plan",
    "request_skp_revision",
    "decide_skp_revision",
    "save_skp_expectations",
    "get_skp_document",
    // Someone else's notification (or none) is not found.
    "open_notification",
    // No approved plan for the sample year: nothing to report against yet.
    "get_realisasi",
    // No such evidence.
    "remove_evidence",
    // No approved plan for the sample period; no such evaluation.
    "get_evaluation",
    "acknowledge_evaluation",
    "file_keberatan",
    "decide_keberatan",
    "get_evaluation_document",
    // No such message.
    "edit_feedback",
    "hide_feedback",
    // No such RHK or request.
    "request_feedback",
    "get_feedback_request",
    "answer_feedback_request",
    "decline_feedback_request",
];

struct Fixture {
    demo: Demo,
    other_employee: i64,
    other_position: i64,
    pegawai_unit: i64,
    pegawai_unit_code: String,
    atasan_position: i64,
    acting_id: i64,
    job_id: String,
    period_id: i64,
}

fn sample(endpoint: &str, f: &Fixture) -> Input {
    let csv = format!(
        "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan\n\
         199202022019032001,Rina Contoh,P,1992-02-02,PNS,III/a,Analis Uji,Pelaksana,{},{}\n",
        f.pegawai_unit_code, f.demo.atasan.1
    );
    Input::Form(match endpoint {
        "get_instance_info" | "get_organisation_overview" | "get_viewer" | "log_out" | "get_team_plans" | "list_notifications" | "mark_notifications_read"
        | "get_my_team" | "verify_audit" | "get_leadership_overview" | "list_audit" => String::new(),
        "search_units" => "query=dinas".into(),
        "open_notification" => "id=1".into(),
        "log_in" => format!("nip={}&password={DEMO_PASSWORD}", f.demo.pegawai.1),
        "change_password" => format!(
            "current={DEMO_PASSWORD}&new_password=KopiKepahiang2026x&confirm=KopiKepahiang2026x"
        ),
        "get_employee_profile" => "employee_id=SELF".into(),
        "search_employees" => "query=ani".into(),
        "admin_update_employee" => format!(
            "employee_id={}&name=Pegawai+Contoh+Ubah&status=pns&golongan=III%2Fa&position_id={}&active=on",
            f.other_employee, f.other_position
        ),
        "admin_reset_password" => format!("employee_id={}", f.other_employee),
        "admin_create_employee" => format!(
            "nip=199404042020011003&name=Budi+Contoh&status=pppk&golongan=IX&position_id={}",
            f.other_position
        ),
        "admin_set_admin" => format!("employee_id={}&grant=true", f.other_employee),
        "admin_assign_acting" => format!(
            "employee_id={}&position_id={}&kind=plh&starts_on=2030-01-01&ends_on=2030-01-31",
            f.other_employee, f.atasan_position
        ),
        "admin_revoke_acting" => format!("assignment_id={}", f.acting_id),
        "admin_list_units" => "query=dinas".into(),
        "admin_unit_positions" => format!("unit_id={}", f.pegawai_unit),
        "admin_save_unit" => format!(
            "unit_id=&parent_id={}&name=Subbagian+Uji&kind=seksi&active=on",
            f.pegawai_unit
        ),
        "admin_save_position" => format!(
            "position_id=&unit_id={}&parent_id={}&title=Pengolah+Data+Uji&kind=pelaksana&active=on",
            f.pegawai_unit, f.atasan_position
        ),
        "preview_import" | "start_import" => return Input::File(csv.into_bytes()),
        "get_import_job" => format!("id={}", f.job_id),
        "list_performance_years" => String::new(),
        "get_skp_plan" => "year=2030".into(),
        "save_skp_plan" => {
            return Input::Json(
                r#"{"plan":{"year":2030,"base_version":0,"approach":"kuantitatif","rhk":[],"lampiran":{"dukungan_sumber_daya":[],"skema_pertanggungjawaban":[],"konsekuensi":[]}}}"#.into(),
            )
        }
        "submit_skp_plan" => "year=2030&base_version=1".into(),
        "withdraw_skp_plan" => "year=2030".into(),
        "review_skp_plan" => "employee_id=REPORT&year=2030&decision=setujui&confirmed=ya".into(),
        "request_skp_revision" => "year=2030&reason=Target+perlu+disesuaikan".into(),
        "decide_skp_revision" => "employee_id=REPORT&year=2030&decision=tolak".into(),
        "save_skp_expectations" => "employee_id=REPORT&year=2030&akuntabel=Laporan+tepat+waktu".into(),
        "get_skp_matrix" => "year=2030".into(),
        "get_skp_document" => "employee_id=SELF&year=2030".into(),
        "get_skp_cascade" => "year=2030".into(),
        "admin_open_year" => "year=2031".into(),
        "get_realisasi" => format!("period_id={}", f.period_id),
        "get_year_realisasi" => "year=2030".into(),
        "get_team_filings" => String::new(),
        "remove_evidence" => "evidence_id=1".into(),
        "get_filing_monitor" => String::new(),
        "admin_set_period_open" => format!("period_id={}&open=false", f.period_id),
        "get_evaluation" => format!("period_id={}", f.period_id),
        "acknowledge_evaluation" => "evaluation_id=999999".into(),
        "file_keberatan" => "evaluation_id=999999&alasan=Tidak+sepakat".into(),
        "decide_keberatan" => "evaluation_id=999999&hasil=tetap&keputusan=Tetap".into(),
        "set_unit_result" => format!("unit_id={}&year=2030&predikat=baik", f.pegawai_unit),
        "get_team_evaluations" | "get_evaluation_monitor" | "get_distribution_monitor" => {
            String::new()
        }
        "get_year_evaluations" => "year=2030".into(),
        "get_evaluation_document" => format!("employee_id=SELF&period_id={}", f.period_id),
        "get_feedback_thread" => format!("subjek=evaluasi:SELF:{}", f.period_id),
        "post_feedback" => format!("subjek=evaluasi:SELF:{}&pesan=Terima+kasih", f.period_id),
        "edit_feedback" => "pesan_id=999999&pesan=Ubah".into(),
        "hide_feedback" => "pesan_id=999999&alasan=Tidak+pantas".into(),
        "request_feedback" => "subjek=rhk:999999&rekan=Budi&pertanyaan=Bagaimana".into(),
        "get_feedback_request" | "decline_feedback_request" => "id=999999".into(),
        "answer_feedback_request" => "id=999999&jawaban=Baik".into(),
        other => panic!("no sample input for server function {other}: add one to this test"),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_authorisation_table_covers_every_server_function_and_holds_for_every_role() {
    let (_guard, state, router, demo) = seeded().await;

    // Every registered server function is in the table, and the table names no ghosts.
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    for endpoint in &registered {
        assert!(
            SERVER_FUNCTIONS.iter().any(|r| r.endpoint == endpoint),
            "server function {endpoint} is missing from identity::access::SERVER_FUNCTIONS"
        );
    }
    for rule in SERVER_FUNCTIONS {
        assert!(
            registered.iter().any(|e| e == rule.endpoint),
            "{} is not a server function",
            rule.endpoint
        );
    }

    let pegawai_position: i64 = scalar(
        &state,
        &format!(
            "SELECT position_id FROM employees WHERE id = {}",
            demo.pegawai.0
        ),
    )
    .await;
    let pegawai_unit: i64 = scalar(
        &state,
        &format!("SELECT unit_id FROM positions WHERE id = {pegawai_position}"),
    )
    .await;
    let pegawai_unit_code: String =
        sqlx::query_scalar(&format!("SELECT code FROM units WHERE id = {pegawai_unit}"))
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    let atasan_position: i64 = scalar(
        &state,
        &format!(
            "SELECT position_id FROM employees WHERE id = {}",
            demo.atasan.0
        ),
    )
    .await;
    let personas = [
        demo.pegawai.0,
        demo.atasan.0,
        demo.penilai.0,
        demo.admin.0,
        demo.pimpinan.0,
    ]
    .map(|id| id.to_string())
    .join(", ");
    let other_employee: i64 = scalar(
        &state,
        &format!(
            "SELECT MAX(id) FROM employees WHERE position_id IS NOT NULL AND id NOT IN ({personas})"
        ),
    )
    .await;
    let other_position: i64 = scalar(
        &state,
        &format!("SELECT position_id FROM employees WHERE id = {other_employee}"),
    )
    .await;
    sqlx::query(&format!(
        "INSERT INTO acting_assignments (position_id, employee_id, kind, starts_on, ends_on, created_at) \
         VALUES ({atasan_position}, {other_employee}, 'plh', '2031-01-01', '2031-01-02', 0)"
    ))
    .execute(state.db.pool())
    .await
    .unwrap();
    let acting_id = scalar(&state, "SELECT MAX(id) FROM acting_assignments").await;
    sqlx::query(&format!(
        "INSERT INTO import_jobs (id, created_by, status, done, total, result_json, created_at, updated_at) \
         VALUES ('testjob', {}, 'done', 0, 0, '{{\"created\":0,\"updated\":0,\"unchanged\":0,\"new_positions\":0,\"millis\":0,\"issued_passwords\":[]}}', 0, 0)",
        demo.admin.0
    ))
    .execute(state.db.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO performance_years (year, scheme, status, created_at, updated_at) VALUES (2030, 'quarterly', 'open', 0, 0)",
    )
    .execute(state.db.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO periods (year, kind, number, name, starts_on, ends_on, deadline, status, created_at, updated_at) \
         VALUES (2030, 'periodic', 1, 'Triwulan I 2030', '2030-01-01', '2030-03-31', '2030-04-10', 'open', 0, 0)",
    )
    .execute(state.db.pool())
    .await
    .unwrap();
    let period_id = scalar(&state, "SELECT MAX(id) FROM periods").await;
    let fixture = Fixture {
        period_id,
        demo,
        other_employee,
        other_position,
        pegawai_unit,
        pegawai_unit_code,
        atasan_position,
        acting_id,
        job_id: "testjob".into(),
    };
    let demo = &fixture.demo;
    let personas = everyone(demo);
    let mut checked = 0;
    for (persona, who) in personas {
        // The persona's roles, as the server derives them.
        let roles: Vec<Role> = match who {
            None => Vec::new(),
            Some((_, nip)) => {
                let cookie = log_in(&router, nip, DEMO_PASSWORD).await;
                let viewer = call(&router, "get_viewer", "", Some(&cookie)).await.json();
                serde_json::from_value(viewer["roles"].clone()).unwrap()
            }
        };
        for rule in SERVER_FUNCTIONS {
            let allowed = match rule.allowed {
                Allowed::Anyone => true,
                Allowed::SignedIn | Allowed::SignedInEvenBeforePasswordChange => who.is_some(),
                Allowed::Roles(needed) => needed.iter().any(|r| roles.contains(r)),
            };
            let cookie = match who {
                Some((_, nip)) => Some(log_in(&router, nip, DEMO_PASSWORD).await),
                None => None,
            };
            let saved_hash: Option<String> = match who {
                Some((id, _)) => sqlx::query_scalar(&format!(
                    "SELECT password_hash FROM accounts WHERE employee_id = {id}"
                ))
                .fetch_one(state.db.pool())
                .await
                .unwrap(),
                None => None,
            };
            let before = fingerprint(&state).await;
            let me = who.map(|w| w.0).unwrap_or(1);
            let report: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MIN(e.id), 1) FROM employees e JOIN positions p ON p.id = e.position_id \
                 WHERE p.parent_id = (SELECT position_id FROM employees WHERE id = $1)",
            )
            .bind(me)
            .fetch_one(state.db.pool())
            .await
            .unwrap();
            let fill = |text: String| {
                text.replace("SELF", &me.to_string())
                    .replace("REPORT", &report.to_string())
            };
            let reply = match sample(rule.endpoint, &fixture) {
                Input::Form(form) => {
                    call(&router, rule.endpoint, &fill(form), cookie.as_deref()).await
                }
                Input::Json(json) => {
                    call_json(&router, rule.endpoint, &fill(json), cookie.as_deref()).await
                }
                Input::File(file) => upload(&router, rule.endpoint, &file, cookie.as_deref()).await,
            };
            let context = format!(
                "{persona} → {}: {} {}",
                rule.endpoint, reply.status, reply.body
            );
            if allowed && DOMAIN_REFUSALS.contains(&rule.endpoint) {
                assert!(
                    ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&reply.status),
                    "allowed call stopped at the gate: {context}"
                );
            } else if allowed {
                assert_eq!(
                    reply.status,
                    StatusCode::OK,
                    "allowed call failed: {context}"
                );
            } else {
                let expected = if who.is_none() {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(reply.status, expected, "refusal expected: {context}");
                assert_eq!(
                    fingerprint(&state).await,
                    before,
                    "a refused call changed data: {context}"
                );
            }
            // Put the persona's password back after an allowed password change.
            if let (Some((id, _)), Some(hash)) = (who, saved_hash) {
                sqlx::query("UPDATE accounts SET password_hash = $1 WHERE employee_id = $2")
                    .bind(hash)
                    .bind(*id)
                    .execute(state.db.pool())
                    .await
                    .unwrap();
            }
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        SERVER_FUNCTIONS.len() * personas_count(&fixture.demo)
    );
}

/// The routes outside Leptos (files, forms with files, PDFs, CSV) walked like the
/// server functions: each answers past its gate to those its line admits, and
/// refuses everyone else (a visitor is sent to log in) without changing anything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_outside_leptos_holds_its_rule_for_every_role() {
    let (_guard, state, router, demo) = seeded().await;
    let personas = everyone(&demo);
    let period: i64 = scalar(&state, "SELECT COALESCE(MAX(id), 1) FROM periods").await;
    let mut checked = 0;
    for (persona, who) in personas {
        let cookie = match who {
            Some((_, nip)) => Some(log_in(&router, nip, DEMO_PASSWORD).await),
            None => None,
        };
        let roles: Vec<Role> = match &cookie {
            None => Vec::new(),
            Some(cookie) => {
                let viewer = call(&router, "get_viewer", "", Some(cookie)).await.json();
                serde_json::from_value(viewer["roles"].clone()).unwrap()
            }
        };
        let me = who.map_or(1, |w| w.0);
        for rule in ROUTES {
            let allowed = match rule.allowed {
                Allowed::Anyone => true,
                Allowed::SignedIn | Allowed::SignedInEvenBeforePasswordChange => who.is_some(),
                Allowed::Roles(needed) => needed.iter().any(|r| roles.contains(r)),
            };
            // An evaluation's routes name the employee evaluated: the atasan's report.
            let evaluated = rule.path.contains("penilaian/");
            let id = if evaluated { demo.pegawai.0 } else { me };
            let path = rule
                .path
                .replace("{year}", "2030")
                .replace("{id}", &id.to_string())
                .replace("{period}", &period.to_string())
                .replace("{hash}", &"0".repeat(64));
            // The upload names the IKI it is for.
            let path = if path.ends_with("/bukti") {
                format!("{path}?rhk=1&iki=0")
            } else {
                path
            };
            let mut request = Request::builder()
                .method(rule.method)
                .uri(&path)
                .header(header::ORIGIN, ORIGIN);
            if let Some(cookie) = &cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let body = if rule.method == "POST" {
                let form = support::multipart(&[("versi", "0"), ("intent", "simpan")], &[]);
                request = request.header(header::CONTENT_TYPE, form.0);
                Body::from(form.1)
            } else {
                Body::empty()
            };
            let before = fingerprint(&state).await;
            // A live stream never ends: its status and headers are the answer.
            let reply = support::send_or_open(&router, request.body(body).unwrap()).await;
            let context = format!(
                "{persona} → {} {path}: {} {}",
                rule.method, reply.status, reply.body
            );
            let sent_to_log_in = reply.status == StatusCode::SEE_OTHER
                && reply.headers[header::LOCATION]
                    .to_str()
                    .is_ok_and(|l| l.starts_with("/masuk"));
            // A hash no report of the caller's reach holds is refused like one
            // outside reach, so asking teaches nothing: past the gate, still 403.
            // An evaluation is refused past the gate to all but its rater, who
            // must pass.
            let is_rater = who.is_some_and(|w| w.0 == demo.atasan.0);
            let refused_past_the_gate =
                rule.path == "/bukti/sha256/{hash}" || (evaluated && !is_rater);
            if allowed {
                let gate_statuses: &[StatusCode] = if refused_past_the_gate {
                    &[StatusCode::UNAUTHORIZED]
                } else {
                    &[StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN]
                };
                assert!(
                    !gate_statuses.contains(&reply.status) && !sent_to_log_in,
                    "allowed request stopped at the gate: {context}"
                );
            } else {
                if who.is_none() {
                    assert!(
                        sent_to_log_in || reply.status == StatusCode::UNAUTHORIZED,
                        "a visitor is sent to log in: {context}"
                    );
                } else {
                    assert_eq!(
                        reply.status,
                        StatusCode::FORBIDDEN,
                        "refusal expected: {context}"
                    );
                }
                assert_eq!(
                    fingerprint(&state).await,
                    before,
                    "a refused request changed data: {context}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, ROUTES.len() * personas_count(&demo));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_changing_requests_from_other_sites_are_refused() {
    let (_guard, state, router, demo) = seeded().await;
    let body = format!("nip={}&password={DEMO_PASSWORD}", demo.pegawai.1);
    let post = |headers: Vec<(&'static str, &'static str)>| {
        let mut request = Request::post("/api/log_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(name, value);
        }
        request.body(Body::from(body.clone())).unwrap()
    };
    let before = fingerprint(&state).await;
    for (headers, why) in [
        (vec![("origin", "https://evil.example")], "foreign Origin"),
        (
            vec![("sec-fetch-site", "cross-site"), ("origin", ORIGIN)],
            "Sec-Fetch-Site cross-site",
        ),
        (vec![("sec-fetch-site", "same-site")], "sibling subdomain"),
        (vec![], "neither Origin nor Sec-Fetch-Site"),
        (vec![("origin", "null")], "opaque origin"),
    ] {
        let reply = send(&router, post(headers)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{why}: {}", reply.body);
        assert!(reply.body.contains("Permintaan ditolak"), "{why}");
        assert!(reply.session_cookie().is_none(), "{why}");
    }
    assert_eq!(
        fingerprint(&state).await,
        before,
        "refused posts changed nothing"
    );

    let reply = send(&router, post(vec![("sec-fetch-site", "same-origin")])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = send(&router, post(vec![("origin", ORIGIN)])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = send(
        &router,
        post(vec![
            ("origin", "http://sikap.kepahiang.test"),
            ("host", "sikap.kepahiang.test"),
        ]),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "Origin matching Host: {}",
        reply.body
    );
    // Reading needs no Origin.
    assert_eq!(get(&router, "/organisasi").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failed_logins_are_throttled_per_nip_and_per_address() {
    let (_guard, state, router, demo) = support::seeded_app(|settings| {
        settings.login_max_failures_per_nip = 3;
        settings.login_max_failures_per_address = 7;
    })
    .await;
    let attempt = |nip: String, password: &'static str| {
        let router = router.clone();
        async move {
            call(
                &router,
                "log_in",
                &format!("nip={nip}&password={password}"),
                None,
            )
            .await
        }
    };

    // Unknown NIP and wrong password: the same answer.
    let unknown = attempt("199001012015031999".into(), "salah-sekali-1").await;
    let wrong = attempt(demo.pegawai.1.clone(), "salah-sekali-1").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(wrong.error_message(), "NIP atau kata sandi salah.");

    // One more failure, then success resets the NIP's count.
    attempt(demo.pegawai.1.clone(), "salah-sekali-2").await;
    assert_eq!(
        attempt(demo.pegawai.1.clone(), DEMO_PASSWORD).await.status,
        StatusCode::OK
    );
    for _ in 0..2 {
        assert_eq!(
            attempt(demo.pegawai.1.clone(), "salah-lagi-3").await.status,
            StatusCode::BAD_REQUEST
        );
    }
    // The third failure within the window blocks the NIP, even for the right password.
    assert_eq!(
        attempt(demo.pegawai.1.clone(), "salah-lagi-3").await.status,
        StatusCode::BAD_REQUEST
    );
    let blocked = attempt(demo.pegawai.1.clone(), DEMO_PASSWORD).await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        blocked.body
    );
    assert_eq!(
        blocked.error_message(),
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit."
    );
    assert!(blocked.session_cookie().is_none());
    // Other people are not blocked by it.
    assert_eq!(
        attempt(demo.atasan.1.clone(), DEMO_PASSWORD).await.status,
        StatusCode::OK
    );

    // The address has counted 6 failures (2 unknown/wrong + 1 + 3); a 7th on yet
    // another NIP blocks the address: spraying NIPs from one place is refused too.
    assert_eq!(
        attempt(demo.admin.1.clone(), "salah-lagi-4").await.status,
        StatusCode::BAD_REQUEST
    );
    let sprayed = attempt(demo.admin.1.clone(), DEMO_PASSWORD).await;
    assert_eq!(
        sprayed.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        sprayed.body
    );

    // When the lockout has passed, the right password works again.
    sqlx::query("UPDATE login_failures SET blocked_until = 1")
        .execute(state.db.pool())
        .await
        .unwrap();
    assert_eq!(
        attempt(demo.pegawai.1.clone(), DEMO_PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_rotate_expire_and_end_everywhere_on_password_change() {
    let (_guard, state, router, demo) = seeded().await;
    let first = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    assert!(first.len() > 70);
    // A second log-in from the same browser replaces its session id.
    let reply = call(
        &router,
        "log_in",
        &format!("nip={}&password={DEMO_PASSWORD}", demo.pegawai.1),
        Some(&first),
    )
    .await;
    let second = reply.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(
        call(
            &router,
            "get_employee_profile",
            &format!("employee_id={}", demo.pegawai.0),
            Some(&first)
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    let set_cookie = reply
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly")
            && set_cookie.contains("SameSite=Lax")
            && set_cookie.contains("Path=/"),
        "{set_cookie}"
    );
    assert!(
        !set_cookie.contains("Secure"),
        "no Secure over plain http: {set_cookie}"
    );

    // Another device, then a password change on the first: only the changer stays in.
    let other_device = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let changed = call(
        &router,
        "change_password",
        &format!("current={DEMO_PASSWORD}&new_password=TehKabawetan2026&confirm=TehKabawetan2026"),
        Some(&second),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let renewed = changed
        .session_cookie()
        .expect("a fresh session for this browser");
    let profile = format!("employee_id={}", demo.pegawai.0);
    assert_eq!(
        call(
            &router,
            "get_employee_profile",
            &profile,
            Some(&other_device)
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&router, "get_employee_profile", &profile, Some(&second))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&router, "get_employee_profile", &profile, Some(&renewed))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        scalar(
            &state,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account.password_changed'"
        )
        .await,
        1
    );
    let hash: String = sqlx::query_scalar(&format!(
        "SELECT password_hash FROM accounts WHERE employee_id = {}",
        demo.pegawai.0
    ))
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");

    // Idle too long: refused, and the stale cookie is cleared.
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60000")
        .execute(state.db.pool())
        .await
        .unwrap();
    let idle = get_as(&router, "/saya", &renewed).await;
    assert_eq!(idle.status, StatusCode::UNAUTHORIZED);
    assert!(idle.body.contains("data-testid=\"login-required\""));
    assert!(idle
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().unwrap().starts_with("sikap_session=;")));

    // Past the absolute end, even an active session ends.
    let fresh = log_in(&router, &demo.pegawai.1, "TehKabawetan2026").await;
    sqlx::query("UPDATE sessions SET expires_at = 1")
        .execute(state.db.pool())
        .await
        .unwrap();
    assert_eq!(
        call(&router, "get_employee_profile", &profile, Some(&fresh))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // Log-out ends the session on the server, not only in the browser.
    let last = log_in(&router, &demo.pegawai.1, "TehKabawetan2026").await;
    assert_eq!(
        call(&router, "log_out", "", Some(&last)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        call(&router, "get_employee_profile", &profile, Some(&last))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_person_reaches_only_the_records_the_tree_gives_them() {
    let (_guard, _state, router, demo) = seeded().await;
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let pimpinan = log_in(&router, &demo.pimpinan.1, DEMO_PASSWORD).await;
    let profile = |id: i64| format!("employee_id={id}");
    let reach = |reply: support::Reply| {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["reach"].as_str().unwrap().to_owned()
    };
    assert_eq!(
        reach(
            call(
                &router,
                "get_employee_profile",
                &profile(demo.pegawai.0),
                Some(&pegawai)
            )
            .await
        ),
        "Own"
    );
    assert_eq!(
        reach(
            call(
                &router,
                "get_employee_profile",
                &profile(demo.pegawai.0),
                Some(&atasan)
            )
            .await
        ),
        "Direct"
    );
    assert_eq!(
        reach(
            call(
                &router,
                "get_employee_profile",
                &profile(demo.pegawai.0),
                Some(&admin)
            )
            .await
        ),
        "Admin"
    );
    assert_eq!(
        reach(
            call(
                &router,
                "get_employee_profile",
                &profile(demo.pegawai.0),
                Some(&pimpinan)
            )
            .await
        ),
        "Indirect"
    );
    for (viewer, target) in [
        (&pegawai, demo.atasan.0),
        (&pegawai, demo.admin.0),
        (&atasan, demo.admin.0),
        (&atasan, demo.pimpinan.0),
    ] {
        let reply = call(
            &router,
            "get_employee_profile",
            &profile(target),
            Some(viewer),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    }

    // By URL, as a page: a refusal with 403, and none of the other person's data.
    let atasan_name: String = call(
        &router,
        "get_employee_profile",
        &profile(demo.atasan.0),
        Some(&atasan),
    )
    .await
    .json()["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = get_as(&router, &format!("/pegawai/{}", demo.atasan.0), &pegawai).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("data-testid=\"refusal\""));
    assert!(page.body.contains("Akses ditolak"));
    assert!(!page.body.contains(&demo.atasan.1), "the NIP must not leak");
    assert!(!page.body.contains(&atasan_name), "the name must not leak");

    // The team page lists the pegawai under the atasan.
    let team = call(&router, "get_my_team", "", Some(&atasan)).await.json();
    assert!(team["direct"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == demo.pegawai.0));
    assert_eq!(
        call(&router, "get_my_team", "", Some(&pegawai))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acting_official_holds_supervision_only_for_the_date_range() {
    let (_guard, state, router, demo) = seeded().await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let atasan_position: i64 = scalar(
        &state,
        &format!(
            "SELECT position_id FROM employees WHERE id = {}",
            demo.atasan.0
        ),
    )
    .await;
    // Someone from another unit, with no subordinates of their own.
    let stand_in = demo.admin.0;
    let today = app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis());
    let tomorrow = app::calendar::CivilDate::from_days_since_epoch(
        app::platform::db::now_millis() / 86_400_000 + 2,
    );
    let assign = |kind: &str, from: String, until: String| {
        format!("employee_id={stand_in}&position_id={atasan_position}&kind={kind}&starts_on={from}&ends_on={until}")
    };
    // Plt. is only for a vacant position; the kasi is there, so it is Plh.
    let refused = call(
        &router,
        "admin_assign_acting",
        &assign("plt", today.to_iso(), tomorrow.to_iso()),
        Some(&admin),
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused
            .body
            .contains("Plt. hanya untuk jabatan yang kosong"),
        "{}",
        refused.body
    );
    let backwards = call(
        &router,
        "admin_assign_acting",
        &assign("plh", tomorrow.to_iso(), today.to_iso()),
        Some(&admin),
    )
    .await;
    assert!(
        backwards.body.contains("tidak boleh sebelum"),
        "{}",
        backwards.body
    );

    let assigned = call(
        &router,
        "admin_assign_acting",
        &assign("plh", today.to_iso(), tomorrow.to_iso()),
        Some(&admin),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    let assignment_id = assigned.json().as_i64().unwrap();
    let stand_in_cookie = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let viewer = call(&router, "get_viewer", "", Some(&stand_in_cookie))
        .await
        .json();
    assert!(
        viewer["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "Atasan"),
        "{viewer}"
    );
    assert_eq!(viewer["acting"][0]["kind"], "PLH");
    let team = call(&router, "get_my_team", "", Some(&stand_in_cookie))
        .await
        .json();
    assert!(
        team["direct"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == demo.pegawai.0),
        "{team}"
    );
    let overlap = call(
        &router,
        "admin_assign_acting",
        &assign("plh", today.to_iso(), today.to_iso()).replace(
            &format!("employee_id={stand_in}"),
            &format!("employee_id={}", demo.pimpinan.0),
        ),
        Some(&admin),
    )
    .await;
    assert!(
        overlap.body.contains("sudah memiliki Plt./Plh."),
        "{}",
        overlap.body
    );

    // Once it ends (here: revoked), the rights go with it.
    assert_eq!(
        call(
            &router,
            "admin_revoke_acting",
            &format!("assignment_id={assignment_id}"),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let viewer = call(&router, "get_viewer", "", Some(&stand_in_cookie))
        .await
        .json();
    assert!(
        !viewer["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "Atasan"),
        "{viewer}"
    );
    // An assignment that ended yesterday gives nothing either.
    sqlx::query(&format!(
        "INSERT INTO acting_assignments (position_id, employee_id, kind, starts_on, ends_on, created_at) \
         VALUES ({atasan_position}, {stand_in}, 'plh', '2020-01-01', '2020-12-31', 0)"
    ))
    .execute(state.db.pool()).await.unwrap();
    assert_eq!(
        call(&router, "get_my_team", "", Some(&stand_in_cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        scalar(
            &state,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'acting_assignment'"
        )
        .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_text_is_always_rendered_escaped() {
    let (_guard, _state, router, demo) = seeded().await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let payload = r#"<script>alert(1)</script>"><img src=x onerror=alert(2)> javascript:alert(3)"#;
    let encoded: String = payload.bytes().map(|b| format!("%{b:02X}")).collect();
    let position: i64 = {
        let profile = call(
            &router,
            "get_employee_profile",
            &format!("employee_id={}", demo.pegawai.0),
            Some(&admin),
        )
        .await
        .json();
        profile["position_id"].as_i64().unwrap()
    };
    let saved = call(
        &router,
        "admin_update_employee",
        &format!(
            "employee_id={}&name={encoded}&status=pns&golongan=&position_id={position}&active=on",
            demo.pegawai.0
        ),
        Some(&admin),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    for path in [
        format!("/pegawai/{}", demo.pegawai.0),
        "/pegawai?q=script".to_owned(),
        format!("/organisasi?q={encoded}"),
    ] {
        let page = get_as(&router, &path, &admin).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            !page.body.contains("<script>alert(1)"),
            "{path}: raw script tag"
        );
        assert!(!page.body.contains("<img src=x"), "{path}: raw img tag");
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: escaped text expected"
        );
    }
    // A `next` that leaves the site is ignored after log-in.
    let reply = call(
        &router,
        "log_in",
        &format!(
            "nip={}&password={DEMO_PASSWORD}&next=javascript%3Aalert(1)",
            demo.atasan.1
        ),
        None,
    )
    .await;
    assert_eq!(reply.json()["target"], "/saya");
    let reply = call(
        &router,
        "log_in",
        &format!(
            "nip={}&password={DEMO_PASSWORD}&next=%2F%2Fevil.example",
            demo.atasan.1
        ),
        None,
    )
    .await;
    assert_eq!(reply.json()["target"], "/saya");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_content_security_policy_with_the_scripts_nonce() {
    let (_guard, _state, router, demo) = seeded().await;
    // A page with an island (the password form) carries the WASM loader's scripts.
    let cookie = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let page = get_as(&router, "/ganti-sandi", &cookie).await;
    let policy = page
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap()
        .to_owned();
    assert!(nonce.len() >= 16, "{policy}");
    assert!(
        policy.contains("frame-ancestors 'none'") && policy.contains("'wasm-unsafe-eval'"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // Inline scripts need the nonce; files from this origin ('self') do not.
    let scripts = page
        .body
        .split("<script")
        .skip(1)
        .filter(|tag| !tag.split('>').next().unwrap_or("").contains(" src="))
        .count();
    assert!(scripts >= 1);
    assert!(
        page.body.matches(&format!("nonce=\"{nonce}\"")).count() >= scripts,
        "every inline script carries the nonce"
    );
    assert_eq!(
        page.headers.get("x-content-type-options").unwrap(),
        "nosniff"
    );
    assert!(page.headers.get("referrer-policy").is_some());
    // A fresh nonce per response.
    let again = get_as(&router, "/ganti-sandi", &cookie).await;
    assert_ne!(
        again
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap(),
        policy
    );
    // A page without an island has no script at all, and a policy under which none runs.
    for _ in 0..2 {
        let login = get(&router, "/masuk").await;
        assert!(!login.body.contains("<script"), "{}", login.body);
        let policy = login.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(!policy.contains("unsafe-inline"), "{policy}");
    }
    // Non-page responses run nothing.
    let json = get(&router, "/healthz").await;
    assert!(json
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_account_must_choose_a_sound_password_before_anything_else() {
    let (_guard, state, router, demo) = seeded().await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let old_session = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let issued = call(
        &router,
        "admin_reset_password",
        &format!("employee_id={}", demo.pegawai.0),
        Some(&admin),
    )
    .await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.body);
    let one_time = issued.json()["password"].as_str().unwrap().to_owned();
    assert_eq!(one_time.len(), 12);
    let profile = format!("employee_id={}", demo.pegawai.0);
    assert_eq!(
        call(
            &router,
            "get_employee_profile",
            &profile,
            Some(&old_session)
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED,
        "reset ends sessions"
    );
    assert_eq!(
        call(
            &router,
            "log_in",
            &format!("nip={}&password={DEMO_PASSWORD}", demo.pegawai.1),
            None
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    let reply = call(
        &router,
        "log_in",
        &format!("nip={}&password={one_time}", demo.pegawai.1),
        None,
    )
    .await;
    assert_eq!(reply.json()["target"], "/ganti-sandi");
    let cookie = reply.session_cookie().unwrap();
    let gated = call(&router, "get_employee_profile", &profile, Some(&cookie)).await;
    assert_eq!(gated.status, StatusCode::FORBIDDEN);
    assert_eq!(
        gated.error_message(),
        "Ganti kata sandi Anda terlebih dahulu."
    );

    let birth: String = sqlx::query_scalar(&format!(
        "SELECT birth_date FROM employees WHERE id = {}",
        demo.pegawai.0
    ))
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    let birth_digits = birth.replace('-', "");
    for (new_password, message) in [
        ("pendek1", "terlalu pendek"),
        ("hanyahurufsaja", "huruf dan angka"),
        (&*format!("kopi{}", demo.pegawai.1), "NIP"),
        (&*format!("lahir{birth_digits}"), "tanggal lahir"),
    ] {
        let reply = call(
            &router,
            "change_password",
            &format!("current={one_time}&new_password={new_password}&confirm={new_password}"),
            Some(&cookie),
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{new_password}");
        assert!(
            reply.body.contains(message),
            "{new_password}: {}",
            reply.body
        );
    }
    let reply = call(
        &router,
        "change_password",
        &format!("current={one_time}&new_password=KebunKopi2026&confirm=KebunKopi2026"),
        Some(&cookie),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let renewed = reply.session_cookie().unwrap();
    assert_eq!(
        call(&router, "get_employee_profile", &profile, Some(&renewed))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_adds_an_employee_whose_sex_and_birth_date_come_from_the_nip() {
    let (_guard, state, router, demo) = seeded().await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let position: i64 = scalar(
        &state,
        &format!(
            "SELECT position_id FROM employees WHERE id = {}",
            demo.pegawai.0
        ),
    )
    .await;
    let form = |nip: &str| {
        format!("nip={nip}&name=Wulan+Sari&status=pppk&golongan=IX&position_id={position}")
    };
    let created = call(
        &router,
        "admin_create_employee",
        &form("199412122022032004"),
        Some(&admin),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let issued = created.json();
    let (sex, birth, must_change): (String, String, i64) = {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT e.sex, e.birth_date, a.must_change_password FROM employees e \
             JOIN accounts a ON a.employee_id = e.id WHERE e.nip = '199412122022032004'",
        )
        .fetch_one(state.db.pool())
        .await
        .unwrap();
        (row.get(0), row.get(1), row.get(2))
    };
    assert_eq!(
        (sex.as_str(), birth.as_str(), must_change),
        ("P", "1994-12-12", 1)
    );
    let login = call(
        &router,
        "log_in",
        &format!(
            "nip=199412122022032004&password={}",
            issued["password"].as_str().unwrap()
        ),
        None,
    )
    .await;
    assert_eq!(login.json()["target"], "/ganti-sandi");

    let again = call(
        &router,
        "admin_create_employee",
        &form("199412122022032004"),
        Some(&admin),
    )
    .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(
        again.error_message().contains("sudah terdaftar"),
        "{}",
        again.body
    );
    let bad = call(
        &router,
        "admin_create_employee",
        &form("199413122022032004"),
        Some(&admin),
    )
    .await;
    assert!(
        bad.error_message().contains("tanggal lahir"),
        "{}",
        bad.body
    );
    assert_eq!(
        scalar(
            &state,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'employee.created'"
        )
        .await,
        1
    );
}
