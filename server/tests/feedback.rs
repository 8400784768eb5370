//! Feedback threads through `build_router`, on the database the run selects:
//! reach (reading, posting, following, also a forged subject), the messages'
//! checks and rate limit, the edit window with the earlier text in the audit
//! trail, hiding by an admin, and the live stream with its catch-up.

mod support;

use app::demo::DEMO_PASSWORD;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use futures::StreamExt;
use support::evaluations::{account_for, encode, open_year, supervisor_of};
use support::{call, get_as, log_in};

fn post_form(subject: &str, text: &str) -> String {
    format!("subjek={}&pesan={}", encode(subject), encode(text))
}

async fn thread(router: &axum::Router, subject: &str, cookie: &str) -> support::Reply {
    call(
        router,
        "get_feedback_thread",
        &format!("subjek={}", encode(subject)),
        Some(cookie),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_supervision_line_reads_and_posts_and_the_admin_only_reads() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let subject = format!("evaluasi:{}:{}", demo.pegawai.0, periods[0]);
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let reviewer_id = supervisor_of(&state, demo.atasan.0).await;
    let reviewer = log_in(
        &router,
        &account_for(&state, reviewer_id).await,
        DEMO_PASSWORD,
    )
    .await;
    let pimpinan = log_in(&router, &demo.pimpinan.1, DEMO_PASSWORD).await;
    let colleague = log_in(&router, &demo.pelapor.1, DEMO_PASSWORD).await;

    for (who, cookie) in [
        ("pegawai", &pegawai),
        ("atasan", &atasan),
        ("penilai", &reviewer),
    ] {
        let posted = call(
            &router,
            "post_feedback",
            &post_form(&subject, &format!("Dari {who}")),
            Some(cookie),
        )
        .await;
        assert_eq!(posted.status, StatusCode::OK, "{who}: {}", posted.body);
    }
    let read = thread(&router, &subject, &pegawai).await.json();
    let messages = read["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(read["role"], "Employee");
    assert_eq!(messages[1]["author_role"], "Atasan langsung");
    assert_eq!(messages[2]["author_role"], "Atasan pejabat penilai");
    assert_eq!(read["last_seq"], 3);

    // The admin reads (to moderate) but does not write.
    let moderated = thread(&router, &subject, &admin).await.json();
    assert_eq!(moderated["role"], "Moderator");
    let refused = call(
        &router,
        "post_feedback",
        &post_form(&subject, "Halo"),
        Some(&admin),
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);

    // Outside the line: nothing read, nothing posted, nothing followed.
    for (who, cookie) in [("pimpinan", &pimpinan), ("rekan", &colleague)] {
        assert_eq!(
            thread(&router, &subject, cookie).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        let posted = call(
            &router,
            "post_feedback",
            &post_form(&subject, "Intip"),
            Some(cookie),
        )
        .await;
        assert_eq!(posted.status, StatusCode::FORBIDDEN, "{who}");
        let stream = get_as(
            &router,
            &format!("/langsung/umpan-balik?subjek={}&sejak=0", encode(&subject)),
            cookie,
        )
        .await;
        assert_eq!(stream.status, StatusCode::FORBIDDEN, "{who}");
        let page = get_as(
            &router,
            &format!("/umpan-balik?subjek={}", encode(&subject)),
            cookie,
        )
        .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{who}");
    }
    // A forged subject: another spelling of someone else's evaluation, an
    // unknown one, or no subject at all.
    let forged = format!("evaluasi:0{}:{}", demo.pegawai.0, periods[0]);
    assert_eq!(
        thread(&router, &forged, &colleague).await.status,
        StatusCode::FORBIDDEN
    );
    for bad in ["evaluasi:999999:1", "rhk:999999", "rhk:x", "lain:1", ""] {
        assert_eq!(
            thread(&router, bad, &pegawai).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
    let anonymous = call(
        &router,
        "get_feedback_thread",
        &format!("subjek={}", encode(&subject)),
        None,
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    // The others are told once per thread until they look.
    let notices: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE employee_id = $1 AND kind = 'feedback.message'",
    )
    .bind(demo.pegawai.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(
        notices, 1,
        "two messages for the pegawai, one unread notice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_are_checked_rate_limited_edited_in_time_and_hidden_by_the_admin() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let subject = format!("evaluasi:{}:{}", demo.pegawai.0, periods[0]);
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;

    let empty = call(
        &router,
        "post_feedback",
        &post_form(&subject, "  \r\n "),
        Some(&pegawai),
    )
    .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(
        empty.error_message().contains("Tulis pesannya"),
        "{}",
        empty.body
    );
    let long = call(
        &router,
        "post_feedback",
        &post_form(&subject, &"a".repeat(2001)),
        Some(&pegawai),
    )
    .await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert!(long.error_message().contains("2000"), "{}", long.body);

    // Line ends as the browser sends them are kept as lines; control characters go.
    let first = call(
        &router,
        "post_feedback",
        &post_form(&subject, "Baris satu\r\nbaris\u{1f} dua"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let read = thread(&router, &subject, &pegawai).await.json();
    let message = &read["messages"][0];
    assert_eq!(message["body"], "Baris satu\nbaris dua");
    assert_eq!(message["editable"], true);
    let id = message["id"].as_i64().unwrap();

    // Someone else may not edit it; its author may, and the earlier text is audited.
    let foreign = call(
        &router,
        "edit_feedback",
        &format!("pesan_id={id}&pesan=Ubah"),
        Some(&atasan),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST, "{}", foreign.body);
    let edited = call(
        &router,
        "edit_feedback",
        &format!("pesan_id={id}&pesan=Baris+satu+saja"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    let read = thread(&router, &subject, &atasan).await.json();
    assert_eq!(read["messages"][0]["body"], "Baris satu saja");
    assert_eq!(read["messages"][0]["edited"], true);
    assert_eq!(
        read["messages"][0]["editable"], false,
        "not the atasan's to edit"
    );
    let before: String = sqlx::query_scalar(
        "SELECT before_json FROM audit_log WHERE action = 'feedback.edited' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert!(before.contains("Baris satu\\nbaris dua"), "{before}");

    // Ten minutes on, the window has closed.
    sqlx::query("UPDATE feedback_messages SET created_at = created_at - 601000 WHERE id = $1")
        .bind(id)
        .execute(state.db.pool())
        .await
        .unwrap();
    let late = call(
        &router,
        "edit_feedback",
        &format!("pesan_id={id}&pesan=Terlambat"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST);
    assert!(late.error_message().contains("10 menit"), "{}", late.body);

    // Hiding: the admin's, with a reason; the text leaves every reader's view.
    let by_author = call(
        &router,
        "hide_feedback",
        &format!("pesan_id={id}&alasan=Salah"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(by_author.status, StatusCode::FORBIDDEN);
    let no_reason = call(
        &router,
        "hide_feedback",
        &format!("pesan_id={id}&alasan=+"),
        Some(&admin),
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    let hidden = call(
        &router,
        "hide_feedback",
        &format!("pesan_id={id}&alasan=Data+pribadi"),
        Some(&admin),
    )
    .await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);
    let read = thread(&router, &subject, &atasan).await.json();
    assert_eq!(read["messages"][0]["body"], "");
    assert_eq!(read["messages"][0]["hidden_reason"], "Data pribadi");
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'feedback.hidden'")
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);

    // Ten messages a minute, then a wait.
    for n in 1..10 {
        let sent = call(
            &router,
            "post_feedback",
            &post_form(&subject, &format!("Pesan {n}")),
            Some(&atasan),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{n}: {}", sent.body);
    }
    let tenth = call(
        &router,
        "post_feedback",
        &post_form(&subject, "Pesan 10"),
        Some(&atasan),
    )
    .await;
    assert_eq!(tenth.status, StatusCode::OK, "{}", tenth.body);
    let eleventh = call(
        &router,
        "post_feedback",
        &post_form(&subject, "Pesan 11"),
        Some(&atasan),
    )
    .await;
    assert_eq!(eleventh.status, StatusCode::BAD_REQUEST);
    assert!(
        eleventh.error_message().contains("tunggu"),
        "{}",
        eleventh.body
    );
}

/// The next event of a stream, as text (within ten seconds).
async fn next_event(
    body: &mut (impl futures::Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin),
) -> String {
    loop {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), body.next())
            .await
            .expect("an event within ten seconds")
            .unwrap()
            .unwrap();
        let text = String::from_utf8_lossy(&chunk).into_owned();
        // Keep-alive comments are not events.
        if !text.starts_with(':') {
            return text;
        }
    }
}

async fn open_stream(
    router: &axum::Router,
    subject: &str,
    cookie: &str,
    last_event: Option<i64>,
) -> axum::response::Response {
    let mut request = Request::get(format!(
        "/langsung/umpan-balik?subjek={}&sejak=0",
        encode(subject)
    ))
    .header(header::COOKIE, cookie);
    if let Some(id) = last_event {
        request = request.header("last-event-id", id.to_string());
    }
    tower::ServiceExt::oneshot(router.clone(), request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stream_delivers_each_change_once_in_order_and_catches_up_after_a_reconnect() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let subject = format!("evaluasi:{}:{}", demo.pegawai.0, periods[0]);
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;

    // Followed before the thread exists: its first message arrives.
    let response = open_stream(&router, &subject, &atasan, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut live = response.into_body().into_data_stream();
    for n in 1..=3 {
        let sent = call(
            &router,
            "post_feedback",
            &post_form(&subject, &format!("Pesan {n}")),
            Some(&pegawai),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    for n in 1..=3 {
        let event = next_event(&mut live).await;
        assert!(event.starts_with(&format!("id: {n}\n")), "{event}");
        assert!(event.contains(&format!("Pesan {n}")), "{event}");
    }
    // An edit is a change of its own, with the message's id.
    let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM feedback_messages")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let edited = call(
        &router,
        "edit_feedback",
        &format!("pesan_id={id}&pesan=Pesan+1+diperbaiki"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    let event = next_event(&mut live).await;
    assert!(
        event.starts_with("id: 4\n") && event.contains("Pesan 1 diperbaiki"),
        "{event}"
    );

    // A browser that reconnects with the last id it saw gets only what it missed.
    let again = open_stream(&router, &subject, &atasan, Some(2)).await;
    let mut caught_up = again.into_body().into_data_stream();
    let third = next_event(&mut caught_up).await;
    assert!(
        third.starts_with("id: 3\n") && third.contains("Pesan 3"),
        "{third}"
    );
    let fourth = next_event(&mut caught_up).await;
    assert!(
        fourth.starts_with("id: 4\n") && fourth.contains("Pesan 1 diperbaiki"),
        "{fourth}"
    );
    let sent = call(
        &router,
        "post_feedback",
        &post_form(&subject, "Pesan 5"),
        Some(&atasan),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let fifth = next_event(&mut caught_up).await;
    assert!(
        fifth.starts_with("id: 5\n") && fifth.contains("Pesan 5"),
        "{fifth}"
    );
    assert!(fifth.contains("Atasan langsung"), "{fifth}");
}

/// Two SIKAP instances on one PostgreSQL database: a message posted through one
/// reaches a follower of the other (LISTEN/NOTIFY). On SQLite there is one
/// instance by design (delivery in-process, tested above), so this runs on
/// PostgreSQL only (`./sikap test` runs this file on both).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_a_message_posted_through_one_instance_reaches_a_page_of_another() {
    let (guard, state, router, demo) = support::seeded_app(|_| {}).await;
    if !guard.is_postgres() {
        return;
    }
    let other = server::build_router(guard.state().await);
    // Both instances listen before anything is posted.
    for _ in 0..100 {
        let listening: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
        )
        .fetch_one(state.db.pool())
        .await
        .unwrap();
        if listening >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let subject = format!("evaluasi:{}:{}", demo.pegawai.0, periods[0]);
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    // The session lives in the database: the same cookie works on both.
    let atasan = log_in(&other, &demo.atasan.1, DEMO_PASSWORD).await;
    let response = open_stream(&other, &subject, &atasan, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut live = response.into_body().into_data_stream();
    let sent = call(
        &router,
        "post_feedback",
        &post_form(&subject, "Lewat instans A"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let event = next_event(&mut live).await;
    assert!(
        event.starts_with("id: 1\n") && event.contains("Lewat instans A"),
        "{event}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleague_asked_for_feedback_answers_once_into_the_rhk_thread_declines_or_lets_it_expire(
) {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    open_year(&state, &router, &admin).await;
    let rhk = support::evaluations::plan_for(&state, &router, &demo.pegawai.1).await;
    let subject = format!("rhk:{}", rhk[0]);
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let pelapor = log_in(&router, &demo.pelapor.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let pimpinan = log_in(&router, &demo.pimpinan.1, DEMO_PASSWORD).await;
    let ask = |rekan: &str, question: &str| {
        format!(
            "subjek={}&rekan={}&pertanyaan={}",
            encode(&subject),
            encode(rekan),
            encode(question)
        )
    };

    let nobody = call(
        &router,
        "request_feedback",
        &ask("Tidak Ada Orang Bernama Ini", "Bagaimana?"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(nobody.status, StatusCode::BAD_REQUEST);
    assert!(
        nobody.error_message().contains("Tidak ada pegawai"),
        "{}",
        nobody.body
    );
    let outsider = call(
        &router,
        "request_feedback",
        &ask(&demo.pelapor.1, "Bagaimana?"),
        Some(&pimpinan),
    )
    .await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);
    let asked = call(
        &router,
        "request_feedback",
        &ask(&demo.pelapor.1, "Apakah laporan saya membantu tim Anda?"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let again = call(
        &router,
        "request_feedback",
        &ask(&demo.pelapor.1, "Lagi"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::BAD_REQUEST,
        "one open request per colleague and RHK"
    );
    let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM feedback_requests")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let told: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE employee_id = $1 AND kind = 'feedback.request'",
    )
    .bind(demo.pelapor.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(told, 1);

    // Only the colleague asked reads and answers it.
    let read = call(
        &router,
        "get_feedback_request",
        &format!("id={id}"),
        Some(&pelapor),
    )
    .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.json()["status"], "Open");
    let peek = call(
        &router,
        "get_feedback_request",
        &format!("id={id}"),
        Some(&atasan),
    )
    .await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN);
    let foreign = call(
        &router,
        "answer_feedback_request",
        &format!("id={id}&jawaban=Saya+jawab"),
        Some(&atasan),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let answered = call(
        &router,
        "answer_feedback_request",
        &format!("id={id}&jawaban=Sangat+membantu%2C+datanya+lengkap."),
        Some(&pelapor),
    )
    .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    let twice = call(
        &router,
        "answer_feedback_request",
        &format!("id={id}&jawaban=Lagi"),
        Some(&pelapor),
    )
    .await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST);

    // The answer is in the RHK's thread, marked as a stakeholder's; the colleague
    // still cannot read the thread.
    let thread_view = thread(&router, &subject, &atasan).await.json();
    let last = thread_view["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["body"], "Sangat membantu, datanya lengkap.");
    assert_eq!(last["author_role"], "Pemangku kepentingan");
    assert_eq!(thread_view["requests"][0]["status"], "Answered");
    assert_eq!(
        thread(&router, &subject, &pelapor).await.status,
        StatusCode::FORBIDDEN
    );

    // Declined, and expired.
    let other = call(
        &router,
        "request_feedback",
        &ask(&demo.admin.1, "Pendapat Anda?"),
        Some(&atasan),
    )
    .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.body);
    let declined_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM feedback_requests")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let declined = call(
        &router,
        "decline_feedback_request",
        &format!("id={declined_id}"),
        Some(&admin),
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    let late = call(
        &router,
        "request_feedback",
        &ask(&demo.pelapor.1, "Satu lagi?"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(late.status, StatusCode::OK, "{}", late.body);
    sqlx::query("UPDATE feedback_requests SET expires_at = 0 WHERE status = 'open'")
        .execute(state.db.pool())
        .await
        .unwrap();
    let late_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM feedback_requests")
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let expired = call(
        &router,
        "answer_feedback_request",
        &format!("id={late_id}&jawaban=Terlambat"),
        Some(&pelapor),
    )
    .await;
    assert_eq!(expired.status, StatusCode::BAD_REQUEST);
    assert!(
        expired.error_message().contains("kedaluwarsa"),
        "{}",
        expired.body
    );
    let statuses: Vec<String> = thread(&router, &subject, &pegawai).await.json()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(statuses, ["Answered", "Declined", "Expired"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_count_follows_a_new_notice() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let periods = open_year(&state, &router, &admin).await;
    let subject = format!("evaluasi:{}:{}", demo.pegawai.0, periods[0]);
    let pegawai = log_in(&router, &demo.pegawai.1, DEMO_PASSWORD).await;
    let atasan = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    let request = Request::get("/langsung/pemberitahuan")
        .header(header::COOKIE, &pegawai)
        .body(Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut live = response.into_body().into_data_stream();
    let first = next_event(&mut live).await;
    let count: i64 = first.trim().trim_start_matches("data: ").parse().unwrap();
    let sent = call(
        &router,
        "post_feedback",
        &post_form(&subject, "Ada catatan"),
        Some(&atasan),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let next = next_event(&mut live).await;
    assert_eq!(next.trim(), format!("data: {}", count + 1));
    // Signed out: refused.
    let anonymous = support::get(&router, "/langsung/pemberitahuan").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
