//! Many plan writers at once, for the write benchmark (`write_bench`) and the
//! concurrency tests: employees who may plan in a year, each with a supervisor
//! whose approved RHK they support, saving their drafts over and over.

use app::error::AppError;
use app::identity::roles::{load_user, SessionUser};
use app::organisation::types::JabatanKind;
use app::platform::db::now_millis;
use app::platform::state::AppState;
use app::skp::plan::types::{PlanSave, RhkSave};
use app::skp::types::{IkiDraft, Lampiran, PlanStatus};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// An employee who may plan in the year, with their supervisor and the
/// supervisor's approved RHK to support.
pub struct Planner {
    pub user: SessionUser,
    pub boss: SessionUser,
    pub boss_rhk: i64,
}

/// Opens `year` (as `admin`) and prepares `count` employees who supervise nobody
/// (so none of them is also a supervisor given a plan here) and whose
/// supervisors, by the one supervision rule, have an approved plan. Each gets an
/// account without a password (usable by these callers only, never to log in).
pub async fn planners(
    state: &AppState,
    admin_id: i64,
    year: i64,
    count: usize,
) -> Result<Vec<Planner>, Box<dyn std::error::Error>> {
    let admin = session(state, admin_id).await?;
    app::skp::period::service::open_year(state, &admin, year).await?;
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT e.id FROM employees e JOIN positions p ON p.id = e.position_id \
         WHERE e.active = 1 AND p.kind NOT IN ($1, $2) AND p.parent_id IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM positions c WHERE c.parent_id = p.id) ORDER BY e.id",
    )
    .bind(JabatanKind::Jpt)
    .bind(JabatanKind::KepalaDaerah)
    .fetch_all(state.db.pool())
    .await?;
    let mut found = Vec::new();
    let mut boss_rhk: HashMap<i64, i64> = HashMap::new();
    for id in candidates {
        if found.len() == count {
            break;
        }
        let mut conn = state.db.read().await?;
        let boss = app::organisation::supervision::supervisor_of_employee(&mut conn, id).await?;
        drop(conn);
        let Some(boss) = boss else { continue };
        let rhk = match boss_rhk.get(&boss.employee_id) {
            Some(rhk) => *rhk,
            None => {
                let rhk = approved_plan(state, boss.employee_id, year).await?;
                boss_rhk.insert(boss.employee_id, rhk);
                rhk
            }
        };
        found.push(Planner {
            user: session(state, id).await?,
            boss: session(state, boss.employee_id).await?,
            boss_rhk: rhk,
        });
    }
    if found.len() < count {
        return Err(format!("only {} planners in the data, {count} asked", found.len()).into());
    }
    Ok(found)
}

/// The signed-in person behind `employee_id` (an account is created if missing).
pub async fn session(
    state: &AppState,
    employee_id: i64,
) -> Result<SessionUser, Box<dyn std::error::Error>> {
    sqlx::query(
        "INSERT INTO accounts (employee_id, password_hash, must_change_password, created_at, updated_at) \
         VALUES ($1, NULL, 0, 0, 0) ON CONFLICT (employee_id) DO NOTHING",
    )
    .bind(employee_id)
    .execute(state.db.pool())
    .await?;
    load_user(
        &mut *state.db.read().await?,
        employee_id,
        String::new(),
        now_millis(),
    )
    .await?
    .ok_or_else(|| format!("employee {employee_id} is not active").into())
}

/// An approved plan with one RHK for `employee_id`, set up directly (the
/// supervisor's own approval is not what is measured). Returns the RHK.
async fn approved_plan(state: &AppState, employee_id: i64, year: i64) -> Result<i64, sqlx::Error> {
    let plan: i64 = sqlx::query_scalar(
        "INSERT INTO skp_plans (employee_id, year, approach, status, version, lampiran_json, created_at, updated_at) \
         VALUES ($1, $2, 'kuantitatif', $3, 1, '{}', 0, 0) RETURNING id",
    )
    .bind(employee_id)
    .bind(year)
    .bind(PlanStatus::Approved)
    .fetch_one(state.db.pool())
    .await?;
    sqlx::query_scalar(
        "INSERT INTO skp_rhk (plan_id, sort_order, kind, text, created_at, updated_at) \
         VALUES ($1, 0, 'utama', 'Meningkatnya kualitas layanan publik', 0, 0) RETURNING id",
    )
    .bind(plan)
    .fetch_one(state.db.pool())
    .await
}

/// A one-RHK draft supporting `parent`, based on `base_version` (0: a first save).
pub fn plan(year: i64, base_version: i64, parent: i64, round: usize) -> PlanSave {
    PlanSave {
        year,
        base_version,
        approach: "kuantitatif".into(),
        rhk: vec![RhkSave {
            id: None,
            kind: "utama".into(),
            text: format!("Terlayaninya permohonan izin tepat waktu (putaran {round})"),
            parent_rhk_id: Some(parent),
            perspektif: None,
            iki: vec![IkiDraft {
                aspek: "kuantitas".into(),
                indicator: "Jumlah izin terbit ≤ 3 hari kerja".into(),
                target: "450".into(),
                satuan: "dokumen".into(),
                accumulation: None,
            }],
        }],
        lampiran: Lampiran::default(),
    }
}

/// Every planner saves `saves_each` times at once with the others (first save,
/// then on top of their own last version). Returns each writer's result and the
/// time until the last one finished.
pub async fn save_all_at_once(
    state: &AppState,
    planners: &[Planner],
    year: i64,
    saves_each: usize,
) -> (Vec<Result<i64, AppError>>, Duration) {
    let started = Instant::now();
    let writers = planners.iter().map(|p| async move {
        let mut version = 0;
        for round in 0..saves_each {
            version = app::skp::plan::service::save(
                state,
                &p.user,
                plan(year, version, p.boss_rhk, round),
            )
            .await?;
        }
        Ok(version)
    });
    let results = futures::future::join_all(writers).await;
    (results, started.elapsed())
}
