//! The audit trail's hash chain: intact after real changes, and a record altered
//! or removed directly in the database is caught at the right place.

mod support;

use app::audit::chain::verify;
use app::demo::DEMO_PASSWORD;
use axum::http::StatusCode;
use support::{call, demo, log_in, seeded_state};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampering_with_the_audit_trail_is_detected_at_the_first_broken_record() {
    let (_guard, state) = seeded_state().await;
    let router = server::build_router(state.clone());
    let demo = demo(&state).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    for (endpoint, form) in [
        (
            "admin_set_admin",
            format!("employee_id={}&grant=true", demo.atasan.0),
        ),
        (
            "admin_reset_password",
            format!("employee_id={}", demo.pegawai.0),
        ),
        (
            "admin_set_admin",
            format!("employee_id={}&grant=false", demo.atasan.0),
        ),
        (
            "admin_set_admin",
            format!("employee_id={}&grant=true", demo.pimpinan.0),
        ),
    ] {
        let reply = call(&router, endpoint, &form, Some(&admin)).await;
        assert_eq!(reply.status, StatusCode::OK, "{endpoint}: {}", reply.body);
    }
    let report = verify(&mut state.db.read().await.unwrap()).await.unwrap();
    assert_eq!((report.checked, report.first_broken.clone()), (4, None));
    let entries = call(&router, "list_audit", "", Some(&admin)).await.json();
    assert_eq!(entries[0]["action"], "role.admin_granted");
    assert_eq!(entries[3]["after"], "{\"admin\":true}");
    assert!(
        !entries.to_string().contains("argon2"),
        "no password hash in the trail"
    );

    // Someone edits record 2 in the database: the verifier points at it.
    sqlx::query(
        "UPDATE audit_log SET after_json = '{\"must_change_password\":false}' WHERE id = 2",
    )
    .execute(state.db.pool())
    .await
    .unwrap();
    let report = call(&router, "verify_audit", "", Some(&admin)).await.json();
    assert_eq!(report["first_broken"]["id"], 2, "{report}");
    assert!(report["first_broken"]["reason"]
        .as_str()
        .unwrap()
        .contains("diubah"));
    assert_eq!(report["checked"], 1);

    // Someone deletes it instead: the gap is found at record 3.
    sqlx::query("DELETE FROM audit_log WHERE id = 2")
        .execute(state.db.pool())
        .await
        .unwrap();
    let report = verify(&mut state.db.read().await.unwrap()).await.unwrap();
    let broken = report.first_broken.unwrap();
    assert_eq!(broken.id, 3);
    assert!(broken.reason.contains("dihapus"), "{}", broken.reason);

    // Rewriting a record and its own hash does not help: the next link breaks.
    let (at, actor, action, entity, entity_id, prev): (
        i64,
        Option<i64>,
        String,
        String,
        String,
        String,
    ) = {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT at, actor_id, action, entity, entity_id, prev_hash FROM audit_log WHERE id = 3",
        )
        .fetch_one(state.db.pool())
        .await
        .unwrap();
        (
            row.get(0),
            row.get(1),
            row.get(2),
            row.get(3),
            row.get(4),
            row.get(5),
        )
    };
    sqlx::query("UPDATE audit_log SET id = 2 WHERE id = 3")
        .execute(state.db.pool())
        .await
        .unwrap();
    let forged = app::audit::chain::record_hash(
        &prev,
        2,
        at,
        actor,
        &action,
        &entity,
        &entity_id,
        Some("{\"admin\":true}"),
        Some("{\"admin\":false}"),
    );
    sqlx::query("UPDATE audit_log SET hash = $1 WHERE id = 2")
        .bind(forged)
        .execute(state.db.pool())
        .await
        .unwrap();
    let report = verify(&mut state.db.read().await.unwrap()).await.unwrap();
    assert!(
        report.first_broken.is_some(),
        "a forged record is still caught"
    );

    // Only admins may read or verify the trail.
    let pegawai = log_in(&router, &demo.atasan.1, DEMO_PASSWORD).await;
    assert_eq!(
        call(&router, "verify_audit", "", Some(&pegawai))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}
