//! Benchmark of penilaian at the scale of one unit kerja of 1,000 evaluated
//! employees, on the 3,000-employee demo kabupaten with its demo plans: 1,000
//! finalised evaluations are counted in the demo atasan's unit, then
//! - the unit's distribution recomputed by the server (what the panel's stream
//!   and every page read do), median of 200;
//! - the same recomputed by the shared rule in the browser on every rating
//!   change (`penilaian::live::panel_state`), median of 10,000;
//! - the scoring form rendered for the demo atasan, through the router the
//!   server runs, median of 20;
//! - an autosave of the whole form (text answer), median of 20.
//!
//! Usage: penilaian_bench   (database from DATABASE_URL, default a temp SQLite)

use app::demo::{DemoRole, DEMO_PASSWORD};
use app::penilaian::live::panel_state;
use app::penilaian::repository as repo;
use app::penilaian::rules::{Curves, Distribution, Predikat, UnitPredikat};
use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const UNIT_SIZE: usize = 1000;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort_unstable();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("sikap-penilaian-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/penilaian-bench.db", dir.display()));
    let state = server::startup::demo_instance(&url).await?;
    let year = i64::from(
        app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis()).year(),
    );
    app::demo::skp_plans::seed_demo_plans(
        &state.db,
        year,
        state.settings.period_scheme,
        state.settings.period_filing_days,
        app::demo::DEFAULT_SEED,
        |_| {},
    )
    .await?;
    let demo = app::demo::demo_account_ids(&state.db).await?;
    let (atasan, pelapor) = (demo[&DemoRole::Atasan], demo[&DemoRole::Pelapor]);
    let period: i64 = sqlx::query_scalar(
        "SELECT id FROM periods WHERE year = $1 AND kind = 'periodic' ORDER BY number LIMIT 1",
    )
    .bind(year)
    .fetch_one(state.db.pool())
    .await?;
    let unit = repo::curve_unit(&mut *state.db.read().await?, pelapor)
        .await?
        .expect("the pelapor counts in a unit")
        .unit_id;

    // 1,000 finalised evaluations counted in that unit (as if it were that large).
    let others: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM employees WHERE active = 1 AND id NOT IN ($1, $2) ORDER BY id LIMIT $3",
    )
    .bind(pelapor)
    .bind(atasan)
    .bind(UNIT_SIZE as i64)
    .fetch_all(state.db.pool())
    .await?;
    let now = app::platform::db::now_millis();
    for (i, employee) in others.iter().enumerate() {
        let predikat = Predikat::ALL[i % 7 % 5];
        sqlx::query(
            "INSERT INTO evaluations (employee_id, period_id, unit_id, status, version, hasil_kerja, perilaku, \
             predikat, finalised_at, created_at, updated_at) VALUES ($1, $2, $3, 'final', 2, 'sesuai', 'sesuai', $4, $5, $5, $5)",
        )
        .bind(employee)
        .bind(period)
        .bind(unit)
        .bind(predikat.code())
        .bind(now)
        .execute(state.db.pool())
        .await?;
    }
    println!(
        "penilaian benchmark on {} ({}): a unit of {UNIT_SIZE} finalised evaluations",
        state.db.backend().name(),
        server::startup::redact(&url)
    );

    // The server's recount of the unit (one grouped query on the unit's index).
    let mut runs = Vec::new();
    let mut counted = Distribution::default();
    for _ in 0..200 {
        let started = Instant::now();
        counted = repo::distribution(&mut *state.db.read().await?, unit, period, None).await?;
        runs.push(started.elapsed());
    }
    assert_eq!(counted.total() as usize, UNIT_SIZE);
    println!(
        "{:<44} {}",
        "distribution recount (server), median/200",
        ms(median(runs))
    );

    // The browser's recount on each rating change: this draft added, curve checked.
    let bounds = Curves::default().bounds(UnitPredikat::Baik).to_vec();
    let mut runs = Vec::new();
    for i in 0..10_000 {
        let started = Instant::now();
        let (d, broken) = panel_state(counted, Some(Predikat::ALL[i % 5]), &bounds);
        std::hint::black_box((d, broken));
        runs.push(started.elapsed());
    }
    println!(
        "{:<44} {} ns",
        "panel recount (browser rule), median/10,000",
        median(runs).as_nanos()
    );

    // The scoring form as the atasan's browser asks for it.
    let router = server::build_router(state.clone());
    let atasan_nip: String = sqlx::query_scalar("SELECT nip FROM employees WHERE id = $1")
        .bind(atasan)
        .fetch_one(state.db.pool())
        .await?;
    let origin = state.settings.public_url.clone();
    let logged_in = router
        .clone()
        .oneshot(
            Request::post("/api/log_in")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, &origin)
                .header(header::ACCEPT, "application/json")
                .body(Body::from(format!(
                    "nip={atasan_nip}&password={DEMO_PASSWORD}"
                )))?,
        )
        .await?;
    let cookie = logged_in
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sikap_session="))
        .and_then(|v| v.split(';').next())
        .expect("log-in sets the session cookie")
        .to_owned();
    let page = format!("/skp/{year}/pegawai/{pelapor}/penilaian/{period}");
    let mut runs = Vec::new();
    let mut bytes = 0;
    for _ in 0..20 {
        let started = Instant::now();
        let reply = router
            .clone()
            .oneshot(
                Request::get(&page)
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())?,
            )
            .await?;
        assert_eq!(reply.status(), StatusCode::OK);
        let body = to_bytes(reply.into_body(), usize::MAX).await?;
        runs.push(started.elapsed());
        assert!(
            String::from_utf8_lossy(&body).contains("penilaian-form"),
            "the atasan gets the scoring form"
        );
        bytes = body.len();
    }
    println!(
        "{:<44} {} ({} KiB of HTML)",
        "scoring form render, median/20",
        ms(median(runs)),
        bytes / 1024
    );

    // The autosave of the whole form: every RHK and value rated, the predikat back.
    let rhk: Vec<i64> = sqlx::query_scalar(
        "SELECT r.id FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id WHERE s.employee_id = $1 AND s.year = $2",
    )
    .bind(pelapor)
    .bind(year)
    .fetch_all(state.db.pool())
    .await?;
    let save = format!("/penilaian/{period}/pegawai/{pelapor}");
    let mut runs = Vec::new();
    for version in 0..20 {
        let mut body = format!(
            "versi={version}&aksi=simpan&hasil_kerja=sesuai&perilaku=di_atas&alasan_hasil_kerja="
        );
        for id in &rhk {
            body.push_str(&format!("&rating-{id}=sesuai&umpan-{id}=Sesuai+target"));
        }
        for value in app::skp::berakhlak::CoreValue::ALL {
            body.push_str(&format!(
                "&nilai-{}=di_atas&catatan-{}=",
                value.code(),
                value.code()
            ));
        }
        let started = Instant::now();
        let reply = router
            .clone()
            .oneshot(
                Request::post(&save)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "text/plain")
                    .header(header::ORIGIN, &origin)
                    .header(header::COOKIE, &cookie)
                    .body(Body::from(body))?,
            )
            .await?;
        let status = reply.status();
        let text = to_bytes(reply.into_body(), usize::MAX).await?;
        runs.push(started.elapsed());
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&text));
    }
    println!(
        "{:<44} {}",
        "autosave of the whole form, median/20",
        ms(median(runs))
    );
    state.db.close().await;
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}
