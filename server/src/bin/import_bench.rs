//! Benchmark of the CSV import: 5,000 new employees into the 3,000-employee demo
//! kabupaten. Prints the dry run, the apply (one transaction, with 5,000 one-time
//! passwords hashed) and the re-import dry run, in milliseconds.
//!
//! Usage: import_bench [ROWS]   (database from DATABASE_URL, default a temp SQLite)

use app::admin::import::service::{apply, plan};
use app::calendar::CivilDate;
use app::identity::roles::load_user;
use app::platform::db::now_millis;
use std::time::Instant;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(5000);
    let dir = tempfile_dir();
    let url =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| format!("sqlite://{dir}/import-bench.db"));
    let state = server::startup::demo_instance(&url).await?;

    // Every new employee reports to an existing Pengawas (kasi) of the demo data.
    #[derive(sqlx::FromRow)]
    struct Head {
        nip: String,
        unit_code: String,
    }
    let heads: Vec<Head> = sqlx::query_as(
        "SELECT e.nip, u.code AS unit_code FROM employees e JOIN positions p ON p.id = e.position_id \
         JOIN units u ON u.id = p.unit_id WHERE p.kind = 'pengawas' AND e.nip IS NOT NULL ORDER BY e.id",
    )
    .fetch_all(state.db.pool())
    .await?;
    let mut csv = String::from("nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan\n");
    for i in 0..rows {
        let birth = CivilDate::from_days_since_epoch(1826 + i as i64); // from 1975-01-01
        let (sex, digit) = if i % 2 == 0 { ("L", 1) } else { ("P", 2) };
        let head = &heads[i % heads.len()];
        csv.push_str(&format!(
            "{}201001{digit}001,Pegawai Impor {i},{sex},{},PNS,II/c,Pengolah Data Impor {},Pelaksana,{},{}\n",
            birth.to_iso().replace('-', ""),
            birth.to_iso(),
            i % 7,
            head.unit_code,
            head.nip,
        ));
    }
    let admin_id: i64 = sqlx::query_scalar("SELECT employee_id FROM admin_grants LIMIT 1")
        .fetch_one(state.db.pool())
        .await?;
    let admin = load_user(
        &mut *state.db.read().await?,
        admin_id,
        String::new(),
        now_millis(),
    )
    .await?
    .expect("demo admin");

    println!(
        "import benchmark: {rows} rows ({} KiB) into {} ({})",
        csv.len() / 1024,
        state.db.backend().name(),
        startup_redacted(&url)
    );
    let started = Instant::now();
    let dry = plan(&state.db, csv.as_bytes()).await?;
    println!(
        "{:<34} {} ms ({} new, {} errors)",
        "dry run",
        started.elapsed().as_millis(),
        dry.preview.new,
        dry.preview.error_count
    );
    assert_eq!(
        dry.preview.error_count,
        0,
        "{:?}",
        dry.preview.errors.first()
    );

    let started = Instant::now();
    let result = apply(&state.db, &admin, dry, |_, _| {}).await?;
    println!(
        "{:<34} {} ms ({} created, {} positions)",
        "apply (one transaction)",
        started.elapsed().as_millis(),
        result.created,
        result.new_positions
    );

    let started = Instant::now();
    let again = plan(&state.db, csv.as_bytes()).await?;
    println!(
        "{:<34} {} ms ({} unchanged)",
        "re-import dry run",
        started.elapsed().as_millis(),
        again.preview.unchanged
    );
    let verify = Instant::now();
    let report = app::audit::chain::verify(&mut *state.db.read().await?).await?;
    println!(
        "{:<34} {} ms ({} records)",
        "audit chain verify",
        verify.elapsed().as_millis(),
        report.checked
    );
    state.db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> String {
    let dir = std::env::temp_dir().join(format!("sikap-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir.display().to_string()
}

fn startup_redacted(url: &str) -> String {
    server::startup::redact(url)
}
