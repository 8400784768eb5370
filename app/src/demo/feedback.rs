//! Demo feedback threads: the demo atasan's direct reports with an approved plan
//! each have a short exchange on their first RHK, so the threads, their links
//! and the header's count have something to show.

use crate::feedback::repository as repo;
use crate::feedback::rules::Subject;
use crate::platform::db::{now_millis, Db};
use crate::skp::types::PlanStatus;

const EXCHANGE: [(bool, &str); 3] = [
    (
        true,
        "Pak/Bu, apakah target triwulan ini sudah sesuai dengan arahan kepala dinas?",
    ),
    (
        false,
        "Sudah sesuai. Lampirkan rekap bulanan sebagai bukti dukung, contohnya seperti https://kepahiangkab.go.id.",
    ),
    (true, "Baik, terima kasih. Rekap bulan ini saya unggah hari Jumat."),
];

/// Seeds the threads; returns how many messages were written.
pub async fn seed_demo_feedback(db: &Db, year: i64) -> Result<usize, sqlx::Error> {
    let mut tx = db.write().await?;
    let atasan: Option<i64> =
        sqlx::query_scalar("SELECT employee_id FROM demo_accounts WHERE role = 'atasan'")
            .fetch_optional(&mut *tx)
            .await?;
    let Some(atasan) = atasan else {
        return Ok(0);
    };
    // Each report's first RHK of an approved plan, the supervisor being the atasan.
    let firsts: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT s.employee_id, MIN(r.id) FROM skp_plans s JOIN skp_rhk r ON r.plan_id = s.id \
         JOIN employees e ON e.id = s.employee_id JOIN positions p ON p.id = e.position_id \
         JOIN employees boss ON boss.position_id = p.parent_id \
         WHERE s.year = $1 AND s.status = $2 AND boss.id = $3 AND e.active = 1 \
         GROUP BY s.employee_id ORDER BY s.employee_id",
    )
    .bind(year)
    .bind(PlanStatus::Approved)
    .bind(atasan)
    .fetch_all(&mut *tx)
    .await?;
    let mut written = 0;
    // An hour ago, a few minutes apart: past the edit window, as a real exchange.
    let start = now_millis() - 60 * 60 * 1000;
    for (employee, rhk) in firsts {
        let key = Subject::Rhk(rhk).key();
        if repo::thread(&mut tx, &key).await?.is_some() {
            continue;
        }
        let thread = repo::thread_for_writing(&mut tx, &key, employee, start).await?;
        for (i, (from_employee, text)) in EXCHANGE.iter().enumerate() {
            let author = if *from_employee { employee } else { atasan };
            let seq = repo::next_seq(&mut tx, thread).await?;
            let at = start + i as i64 * 7 * 60 * 1000;
            repo::insert_message(&mut tx, thread, seq, author, text, at).await?;
            written += 1;
        }
    }
    tx.commit().await?;
    Ok(written)
}
