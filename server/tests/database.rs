//! Database tests: migrations, the demo load and the organisation queries, on the
//! backend the harness picked (SQLite, or PostgreSQL with TEST_DATABASE_URL).

mod support;

use app::demo::{self as seed, DemoRole, SeedError, SeedOptions};
use app::organisation::repository;
use app::platform::db::Backend;
use sqlx::Row;
use support::{seeded_state, TestDb};

async fn scalar(db: &app::platform::db::Db, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(db.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

#[tokio::test]
async fn migrations_apply_on_a_fresh_database_and_again_without_change() {
    let test_db = TestDb::new().await;
    let db = test_db.db().await;
    assert_eq!(db.backend() == Backend::Postgres, test_db.is_postgres());
    db.migrate()
        .await
        .expect("second run applies nothing and succeeds");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM employees").await, 0);
    assert!(scalar(&db, "SELECT COUNT(*) FROM _sqlx_migrations").await >= 1);
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
    let test_db = TestDb::new().await;
    if test_db.is_postgres() {
        return; // SQLite pragmas only; PostgreSQL enforces foreign keys by itself.
    }
    let db = test_db.db().await;
    let mode: String = sqlx::query("PRAGMA journal_mode")
        .fetch_one(db.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(scalar(&db, "PRAGMA foreign_keys").await, 1);
    assert_eq!(scalar(&db, "PRAGMA busy_timeout").await, 5000);
}

#[tokio::test]
async fn foreign_keys_and_named_checks_are_enforced() {
    let test_db = TestDb::new().await;
    let db = test_db.db().await;
    let orphan = sqlx::query(
        "INSERT INTO positions (id, unit_id, title, kind, created_at, updated_at) VALUES (1, 999, 'X', 'pelaksana', 0, 0)",
    )
    .execute(db.pool())
    .await
    .unwrap_err();
    assert!(
        orphan.to_string().to_lowercase().contains("foreign"),
        "{orphan}"
    );
    let bad_kind = sqlx::query(
        "INSERT INTO units (id, code, name, kind, created_at, updated_at) VALUES (1, '1', 'X', 'dinas', 0, 0)",
    )
    .execute(db.pool())
    .await
    .unwrap_err();
    assert!(
        bad_kind.to_string().contains("units_kind_check"),
        "{bad_kind}"
    );
}

#[tokio::test]
async fn demo_load_writes_the_planned_dataset() {
    let (_guard, state) = seeded_state().await;
    let db = &state.db;
    let plan = seed::dataset::plan(seed::DEFAULT_SEED, seed::DEFAULT_EMPLOYEES).unwrap();
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM units").await,
        plan.units.len() as i64
    );
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM positions").await,
        plan.positions.len() as i64
    );
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM employees WHERE status <> 'non_asn'"
        )
        .await,
        3000
    );
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM seed_runs").await, 1);
    // Every chain of positions ends at the Bupati, checked by the database itself.
    let unreachable = scalar(
        db,
        "WITH RECURSIVE chain (id, top) AS ( \
             SELECT id, id FROM positions WHERE parent_id IS NULL \
             UNION ALL SELECT p.id, c.top FROM positions p JOIN chain c ON p.parent_id = c.id) \
         SELECT COUNT(*) FROM positions WHERE id NOT IN (SELECT id FROM chain)",
    )
    .await;
    assert_eq!(unreachable, 0);
    assert_eq!(
        scalar(db, "SELECT COUNT(*) FROM positions WHERE parent_id IS NULL").await,
        1
    );
}

#[tokio::test]
async fn demo_load_is_refused_the_second_time_and_forced_reload_replaces_it() {
    let (_guard, state) = seeded_state().await;
    let again = seed::seed(&state.db, SeedOptions::default(), |_| {}).await;
    assert!(
        matches!(again, Err(SeedError::AlreadySeeded(3001))),
        "{again:?}"
    );
    assert!(again.unwrap_err().to_string().contains("--force"));

    let forced = SeedOptions {
        seed: 99,
        employees: 2500,
        force: true,
    };
    seed::seed(&state.db, forced, |_| {})
        .await
        .expect("forced reload");
    assert_eq!(
        scalar(
            &state.db,
            "SELECT COUNT(*) FROM employees WHERE status <> 'non_asn'"
        )
        .await,
        2500
    );
    assert_eq!(scalar(&state.db, "SELECT COUNT(*) FROM seed_runs").await, 1);
    // New rows after an explicit-id load get fresh ids (sequences moved on PostgreSQL).
    sqlx::query("INSERT INTO units (code, name, kind, created_at, updated_at) VALUES ('x', 'Unit Baru', 'upt', 0, 0)")
        .execute(state.db.pool())
        .await
        .expect("identity continues after the seeded ids");
}

#[tokio::test]
async fn progress_is_reported_up_to_every_total() {
    let test_db = TestDb::new().await;
    let db = test_db.db().await;
    let mut last = std::collections::BTreeMap::new();
    seed::seed(&db, SeedOptions::default(), |p| {
        assert!(p.done <= p.total);
        last.insert(p.stage, (p.done, p.total));
    })
    .await
    .unwrap();
    assert_eq!(last["employees"], (3001, 3001));
    assert!(last.values().all(|(done, total)| done == total));
}

#[tokio::test]
async fn demo_logins_name_the_six_roles_with_valid_nips() {
    let (_guard, state) = seeded_state().await;
    let logins = seed::demo_logins(&state.db).await.unwrap();
    let roles: Vec<DemoRole> = logins.iter().map(|l| l.role).collect();
    assert_eq!(roles, DemoRole::ALL.to_vec());
    for login in &logins {
        app::organisation::nip::Nip::parse(&login.nip).expect("demo NIP is valid");
    }
    assert_eq!(logins[5].position, "Sekretaris Daerah");
    // The atasan pejabat penilai heads the demo atasan's bidang.
    assert!(
        logins[3].position.starts_with("Kepala Bidang"),
        "{}",
        logins[3].position
    );
    let hashes = scalar(
        &state.db,
        "SELECT COUNT(*) FROM accounts WHERE password_hash LIKE '$argon2id$%'",
    )
    .await;
    assert_eq!(hashes, 6);
}

#[tokio::test]
async fn overview_counts_match_the_rows() {
    let (_guard, state) = seeded_state().await;
    let overview = repository::overview(&mut state.db.read().await.unwrap(), "Pemkab")
        .await
        .unwrap();
    assert_eq!(overview.employees, 3000);
    assert_eq!(
        overview
            .by_jabatan_kind
            .iter()
            .map(|c| c.count)
            .sum::<i64>(),
        3000
    );
    assert_eq!(
        overview.by_status.iter().map(|c| c.count).sum::<i64>(),
        3000
    );
    assert!(overview
        .by_status
        .iter()
        .any(|c| c.code == "pppk" && c.count > 0));
    assert_eq!(
        overview.units,
        scalar(&state.db, "SELECT COUNT(*) FROM units").await
    );
}

#[tokio::test]
async fn unit_search_counts_whole_subtrees_and_treats_wildcards_literally() {
    let (_guard, state) = seeded_state().await;
    let top = repository::search_units(&mut state.db.read().await.unwrap(), "")
        .await
        .unwrap();
    assert!(top.iter().any(|u| u.name == "Dinas Kesehatan"));
    let top_total: i64 = top.iter().map(|u| u.employees).sum();
    assert_eq!(
        top_total, 3000,
        "top-level subtrees cover every ASN exactly once"
    );

    let puskesmas = repository::search_units(&mut state.db.read().await.unwrap(), "puskesmas")
        .await
        .unwrap();
    assert!(puskesmas.len() >= 8);
    assert!(puskesmas
        .iter()
        .all(|u| u.name.contains("Puskesmas") && u.illustrative && u.employees > 0));
    assert_eq!(puskesmas[0].parent_name.as_deref(), Some("Dinas Kesehatan"));

    assert!(
        repository::search_units(&mut state.db.read().await.unwrap(), "%")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        repository::search_units(&mut state.db.read().await.unwrap(), "_")
            .await
            .unwrap()
            .is_empty()
    );
}
