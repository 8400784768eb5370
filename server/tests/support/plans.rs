//! Plans as the tests need them, written through the real save and then marked
//! approved the way the approval chain above their owner would leave them.

use super::call_json;
use app::platform::state::AppState;
use axum::http::StatusCode;
use axum::Router;

/// Saves `plan` (the JSON body of `save_skp_plan`) as the person signed in with
/// `cookie`, whose NIP is `nip`; marks it approved; answers its RHK ids in order.
pub async fn approved(
    state: &AppState,
    router: &Router,
    cookie: &str,
    nip: &str,
    plan: &str,
) -> Vec<i64> {
    let saved = call_json(router, "save_skp_plan", plan, Some(cookie)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    sqlx::query(
        "UPDATE skp_plans SET status = 'disetujui' \
         WHERE employee_id = (SELECT id FROM employees WHERE nip = $1)",
    )
    .bind(nip)
    .execute(state.db.pool())
    .await
    .unwrap();
    sqlx::query_scalar(
        "SELECT r.id FROM skp_rhk r JOIN skp_plans p ON p.id = r.plan_id \
         JOIN employees e ON e.id = p.employee_id WHERE e.nip = $1 ORDER BY r.sort_order",
    )
    .bind(nip)
    .fetch_all(state.db.pool())
    .await
    .unwrap()
}
