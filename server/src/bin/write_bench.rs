//! Benchmark of concurrent writes: plan saves by many employees at once, as at a
//! filing deadline, on the 3,000-employee demo kabupaten. Prints writes per
//! second and the slowest writer, per load. Every write is a whole draft save
//! (one write transaction: the deciding reads, the plan, its RHK and IKI, the
//! audit record).
//!
//! Usage: write_bench   (database from DATABASE_URL, default a temp SQLite)

use server::write_load::{planners, save_all_at_once};

/// (writers, saves each)
const LOADS: [(usize, usize); 3] = [(1, 50), (50, 4), (200, 2)];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("sikap-write-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/write-bench.db", dir.display()));
    let state = server::startup::demo_instance(&url).await?;
    let pool = state.settings.database_max_connections;
    let admin: i64 = sqlx::query_scalar("SELECT employee_id FROM admin_grants LIMIT 1")
        .fetch_one(state.db.pool())
        .await?;
    println!(
        "write benchmark on {} ({}), pool of {pool} connections",
        state.db.backend().name(),
        server::startup::redact(&url)
    );
    for (i, (writers, saves_each)) in LOADS.into_iter().enumerate() {
        let year = 2030 + i as i64;
        let people = planners(&state, admin, year, writers).await?;
        let (results, elapsed) = save_all_at_once(&state, &people, year, saves_each).await;
        let failed = results.iter().filter(|r| r.is_err()).count();
        let writes = writers * saves_each;
        println!(
            "{:<34} {:.0} writes/s ({writes} in {} ms, {failed} failed)",
            format!("{writers} writers × {saves_each} saves"),
            writes as f64 / elapsed.as_secs_f64(),
            elapsed.as_millis()
        );
    }
    state.db.close().await;
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
