//! The audit trail's hash chain: intact after real changes, and a record altered
//! or removed directly in the database is caught at the right place.

mod support;

use app::audit::chain::{record_hash, verify, Content, GENESIS_HASH};
use app::demo::DEMO_PASSWORD;
use axum::http::StatusCode;
use support::{call, demo, get_as, log_in, seeded_state};

/// A stored record's fields, to forge its hash with.
struct Stored {
    at: i64,
    actor: Option<i64>,
    action: String,
    entity: String,
    entity_id: String,
    actor_name: Option<String>,
    subject_name: Option<String>,
    prev_hash: String,
}

impl Stored {
    fn content(&self, id: i64) -> Content<'_> {
        Content {
            id,
            at: self.at,
            actor: self.actor,
            action: &self.action,
            entity: &self.entity,
            entity_id: &self.entity_id,
            before: None,
            after: None,
            actor_name: self.actor_name.as_deref(),
            subject_name: self.subject_name.as_deref(),
        }
    }
}

/// The audit page's list of records, as its HTML.
async fn audit_list(router: &axum::Router, cookie: &str) -> String {
    let page = get_as(router, "/admin/audit", cookie).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let start = page
        .body
        .find("data-testid=\"audit-entries\"")
        .expect("the list of records");
    let end = page.body[start..].find("</ol>").expect("the list's end");
    page.body[start..start + end].to_owned()
}

async fn rename(state: &app::platform::state::AppState, employee_id: i64, name: &str) {
    sqlx::query("UPDATE employees SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(employee_id)
        .execute(state.db.pool())
        .await
        .unwrap();
}

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
    assert_eq!(entries[3]["after"], "{\n  \"admin\": true\n}");
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
    let stored = {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT at, actor_id, action, entity, entity_id, actor_name, subject_name, prev_hash \
             FROM audit_log WHERE id = 3",
        )
        .fetch_one(state.db.pool())
        .await
        .unwrap();
        Stored {
            at: row.get(0),
            actor: row.get(1),
            action: row.get(2),
            entity: row.get(3),
            entity_id: row.get(4),
            actor_name: row.get(5),
            subject_name: row.get(6),
            prev_hash: row.get(7),
        }
    };
    sqlx::query("UPDATE audit_log SET id = 2 WHERE id = 3")
        .execute(state.db.pool())
        .await
        .unwrap();
    let forged = record_hash(
        &stored.prev_hash,
        &Content {
            before: Some("{\"admin\":true}"),
            after: Some("{\"admin\":false}"),
            ..stored.content(2)
        },
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trail_keeps_the_names_people_had_when_they_acted() {
    let (_guard, state) = seeded_state().await;
    let router = server::build_router(state.clone());
    let demo = demo(&state).await;
    rename(&state, demo.admin.0, "Lukman Fauzi").await;
    rename(&state, demo.pegawai.0, "Siti Rahma").await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let reply = call(
        &router,
        "admin_reset_password",
        &format!("employee_id={}", demo.pegawai.0),
        Some(&admin),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let said = "Lukman Fauzi mengatur ulang kata sandi Siti Rahma.";
    assert!(audit_list(&router, &admin).await.contains(said));

    // Both change their names afterwards: the record still tells it as it was.
    rename(&state, demo.admin.0, "Lukman Hakim").await;
    rename(&state, demo.pegawai.0, "Siti Aminah").await;
    let list = audit_list(&router, &admin).await;
    assert!(list.contains(said), "{list}");
    assert!(
        !list.contains("Hakim") && !list.contains("Aminah"),
        "{list}"
    );
    assert!(list.contains("<summary"), "the details are one click away");
    let report = verify(&mut state.db.read().await.unwrap()).await.unwrap();
    assert_eq!((report.checked, report.first_broken), (1, None));

    // The names are part of what the hash covers: rewriting one is caught.
    sqlx::query("UPDATE audit_log SET actor_name = 'Lukman Hakim' WHERE id = 1")
        .execute(state.db.pool())
        .await
        .unwrap();
    let report = verify(&mut state.db.read().await.unwrap()).await.unwrap();
    assert_eq!(report.first_broken.map(|b| b.id), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_written_before_names_were_kept_still_verifies_and_reads_with_todays_names() {
    let (_guard, state) = seeded_state().await;
    let router = server::build_router(state.clone());
    let demo = demo(&state).await;
    rename(&state, demo.admin.0, "Lukman Fauzi").await;
    rename(&state, demo.atasan.0, "Rahmat Hidayat").await;
    // As `chain::append` wrote it before migration 0004: no names.
    let entity_id = demo.atasan.0.to_string();
    let after = "{\"admin\":true}";
    let old = Content {
        id: 1,
        at: 1_700_000_000_000,
        actor: Some(demo.admin.0),
        action: "role.admin_granted",
        entity: "employee",
        entity_id: &entity_id,
        before: None,
        after: Some(after),
        actor_name: None,
        subject_name: None,
    };
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, after_json, prev_hash, hash) \
         VALUES (1, $1, $2, 'role.admin_granted', 'employee', $3, $4, $5, $6)",
    )
    .bind(old.at)
    .bind(demo.admin.0)
    .bind(&entity_id)
    .bind(after)
    .bind(GENESIS_HASH)
    .bind(record_hash(GENESIS_HASH, &old))
    .execute(state.db.pool())
    .await
    .unwrap();
    let report = verify(&mut state.db.read().await.unwrap()).await.unwrap();
    assert_eq!((report.checked, report.first_broken), (1, None));
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let list = audit_list(&router, &admin).await;
    assert!(
        list.contains("Lukman Fauzi memberikan hak admin BKPSDM kepada Rahmat Hidayat."),
        "{list}"
    );
}
