//! Many people at once, as at a filing deadline: workflow steps beyond the pool's
//! size, fifty writers saving plans, and two requests racing past one check. On
//! SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.

mod support;

use app::demo::DEMO_PASSWORD;
use app::platform::state::AppState;
use app::skp::plan::workflow::{self, Decision};
use axum::http::StatusCode;
use server::write_load::{self, plan, Planner};
use std::time::{Duration, Instant};
use support::{call, call_json, log_in};

const YEAR: i64 = 2027;

async fn planners(state: &AppState, count: usize) -> Vec<Planner> {
    let admin = support::demo(state).await.admin.0;
    write_load::planners(state, admin, YEAR, count)
        .await
        .expect("the demo data has enough planners")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn workflow_steps_four_times_the_pool_size_all_finish() {
    const POOL: u32 = 2;
    let (_guard, state) = support::seeded_state_with(|s| s.database_max_connections = POOL).await;
    let people = planners(&state, 4 * POOL as usize).await;
    for p in &people {
        app::skp::plan::service::save(&state, &p.user, plan(YEAR, 0, p.boss_rhk, 0))
            .await
            .expect("first save");
    }

    let started = Instant::now();
    let submits = people
        .iter()
        .map(|p| workflow::submit(&state, &p.user, YEAR, 1));
    let submitted = futures::future::join_all(submits).await;
    for (i, result) in submitted.iter().enumerate() {
        assert!(result.is_ok(), "submit {i}: {result:?}");
    }
    let reviews = people.iter().enumerate().map(|(i, p)| {
        let decision = if i % 2 == 0 {
            Decision::Approve
        } else {
            Decision::Return("Target belum sesuai dengan RHK atasan.".into())
        };
        workflow::review(&state, &p.boss, p.user.employee_id(), YEAR, decision)
    });
    let reviewed = futures::future::join_all(reviews).await;
    for (i, result) in reviewed.iter().enumerate() {
        assert!(result.is_ok(), "review {i}: {result:?}");
    }
    // An acquire timeout (10 s) would have failed a step above; none came near it.
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    let (size, _) = state.db.pool_usage();
    assert!(size <= POOL, "pool grew to {size}");

    let approved: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skp_plans WHERE year = $1 AND status = 'disetujui' AND employee_id IN \
         (SELECT employee_id FROM skp_plan_versions v JOIN skp_plans p ON p.id = v.plan_id WHERE v.status = 'diajukan')",
    )
    .bind(YEAR)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(approved, 2 * POOL as i64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_writers_saving_their_plans_at_once_all_succeed() {
    const WRITERS: usize = 50;
    const SAVES_EACH: usize = 4;
    let (guard, state) = support::seeded_state().await;
    let people = planners(&state, WRITERS).await;

    let (results, elapsed) = write_load::save_all_at_once(&state, &people, YEAR, SAVES_EACH).await;
    let errors: Vec<_> = results.iter().filter(|r| r.is_err()).collect();
    assert!(
        errors.is_empty(),
        "{} failed: {:?}",
        errors.len(),
        errors.first()
    );
    assert!(results
        .iter()
        .all(|r| r.as_ref().ok() == Some(&(SAVES_EACH as i64))));
    let saved: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('skp.created', 'skp.saved')",
    )
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    assert_eq!(saved, (WRITERS * SAVES_EACH) as i64);
    println!(
        "{} writes by {WRITERS} writers on {}: {:.0} ms",
        WRITERS * SAVES_EACH,
        if guard.is_postgres() {
            "postgres"
        } else {
            "sqlite"
        },
        elapsed.as_secs_f64() * 1000.0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_first_saves_of_one_plan_and_two_additions_of_one_nip_race_cleanly() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let people = planners(&state, 1).await;
    let pegawai = &people[0];
    // The pegawai signs in like anyone else: give the prepared account a password.
    let hash = app::platform::secrets::hash_password(
        DEMO_PASSWORD,
        app::platform::secrets::HashStrength::Chosen,
    )
    .await
    .unwrap();
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE employee_id = $2")
        .bind(hash)
        .bind(pegawai.user.employee_id())
        .execute(state.db.pool())
        .await
        .unwrap();
    let cookie = log_in(&router, &pegawai.user.viewer.nip, DEMO_PASSWORD).await;
    let body = serde_json::json!({ "plan": plan(YEAR, 0, pegawai.boss_rhk, 0) }).to_string();
    let (a, b) = tokio::join!(
        call_json(&router, "save_skp_plan", &body, Some(&cookie)),
        call_json(&router, "save_skp_plan", &body, Some(&cookie)),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses[0], StatusCode::OK, "{} / {}", a.body, b.body);
    // SQLite queues the second write, which then finds the plan (400); PostgreSQL
    // lets both past the check and the unique constraint answers (409).
    assert!(
        [StatusCode::BAD_REQUEST, StatusCode::CONFLICT].contains(&statuses[1]),
        "{} {} / {} {}",
        a.status,
        a.body,
        b.status,
        b.body
    );
    let loser = if a.status == StatusCode::OK { &b } else { &a };
    let message = loser.error_message();
    assert!(
        message.contains("sudah memiliki SKP") || message.contains("di tempat lain"),
        "{message}"
    );
    let plans: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM skp_plans WHERE employee_id = $1 AND year = $2")
            .bind(pegawai.user.employee_id())
            .bind(YEAR)
            .fetch_one(state.db.pool())
            .await
            .unwrap();
    assert_eq!(plans, 1);

    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let position: i64 = sqlx::query_scalar("SELECT position_id FROM employees WHERE id = $1")
        .bind(demo.pegawai.0)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    for (round, nip) in [
        "199501012022032001",
        "199602022022031002",
        "199703032022032003",
    ]
    .iter()
    .enumerate()
    {
        let form =
            format!("nip={nip}&name=Rina+Putri&status=pppk&golongan=IX&position_id={position}");
        let (a, b) = tokio::join!(
            call(&router, "admin_create_employee", &form, Some(&admin)),
            call(&router, "admin_create_employee", &form, Some(&admin)),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::BAD_REQUEST],
            "round {round}: {} / {}",
            a.body,
            b.body
        );
        let loser = if a.status == StatusCode::OK { &b } else { &a };
        assert!(
            loser.error_message().contains("sudah terdaftar"),
            "{}",
            loser.body
        );
        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE nip = $1")
            .bind(nip)
            .fetch_one(state.db.pool())
            .await
            .unwrap();
        assert_eq!(held, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_named_constraint_answers_as_its_check_would_on_this_database() {
    use app::error::AppError;
    let (_guard, state) = support::seeded_state().await;
    let people = planners(&state, 1).await;
    let owner = &people[0].user;
    app::skp::plan::service::save(&state, owner, plan(YEAR, 0, people[0].boss_rhk, 0))
        .await
        .unwrap();
    // What the race's loser would write, straight past the service's check.
    let second_plan = sqlx::query(
        "INSERT INTO skp_plans (employee_id, year, approach, status, version, lampiran_json, created_at, updated_at) \
         VALUES ($1, $2, 'kuantitatif', 'draf', 1, '{}', 0, 0)",
    )
    .bind(owner.employee_id())
    .bind(YEAR)
    .execute(state.db.pool())
    .await
    .unwrap_err();
    let answer = AppError::from(second_plan);
    assert!(matches!(answer, AppError::Conflict { .. }), "{answer:?}");
    assert_eq!(answer.status(), 409);

    let second_nip = sqlx::query(
        "INSERT INTO employees (nip, name, sex, birth_date, status, active, created_at, updated_at) \
         VALUES ($1, 'Nama Lain', 'L', '1990-01-01', 'pns', 1, 0, 0)",
    )
    .bind(&owner.viewer.nip)
    .execute(state.db.pool())
    .await
    .unwrap_err();
    let answer = AppError::from(second_nip);
    assert!(answer.field_message("nip").is_some(), "{answer:?}");
    assert_eq!(answer.status(), 400);
}
