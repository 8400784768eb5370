//! The `sikap` binary: reads the settings, then serves or runs a maintenance command.
//! Every failure ends with a message in Indonesian and a non-zero exit code, never a
//! backtrace.

use app::demo::{self as seed, SeedError, SeedOptions, DEMO_PASSWORD};
use app::platform::config::Settings;
use server::cli::{self, Command, USAGE};
use server::startup;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[tokio::main]
async fn main() -> ExitCode {
    let command = match cli::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    if command == Command::Help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprint!("{error}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(&settings);
    match run(command, settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> Result<(), String> {
    match command {
        Command::Help => Ok(()),
        Command::Precompress => {
            let pkg = std::path::Path::new(&startup::site_root()).join("pkg");
            let done = server::static_files::precompress(&pkg)
                .map_err(|e| format!("Tidak dapat memampatkan berkas di {}: {e}", pkg.display()))?;
            println!(
                "{} berkas dimampatkan (brotli dan gzip) di {}.",
                done.len(),
                pkg.display()
            );
            Ok(())
        }
        Command::CheckConfig => {
            println!(
                "Konfigurasi valid. Basis data: {}",
                startup::redact(&settings.database_url)
            );
            Ok(())
        }
        Command::Migrate => {
            startup::prepare(settings)
                .await
                .map_err(|e| e.to_string())?;
            println!("Migrasi basis data selesai.");
            Ok(())
        }
        Command::DemoAccounts => {
            let state = startup::prepare(settings)
                .await
                .map_err(|e| e.to_string())?;
            print_demo_accounts(&state.db).await;
            Ok(())
        }
        Command::Seed {
            employees,
            seed,
            force,
            if_empty,
        } => {
            let state = startup::prepare(settings)
                .await
                .map_err(|e| e.to_string())?;
            let options = SeedOptions {
                seed,
                employees,
                force,
            };
            run_seed(&state, options, if_empty).await
        }
        Command::AuditVerify => {
            let state = startup::prepare(settings)
                .await
                .map_err(|e| e.to_string())?;
            let unreadable = |e: sqlx::Error| format!("Jejak audit tidak dapat dibaca: {e}");
            let mut conn = state.db.read().await.map_err(unreadable)?;
            let report = app::audit::chain::verify(&mut conn)
                .await
                .map_err(unreadable)?;
            match report.first_broken {
                None => {
                    println!("Jejak audit utuh: {} catatan diperiksa.", report.checked);
                    Ok(())
                }
                Some(link) => Err(format!(
                    "Jejak audit RUSAK mulai catatan #{}: {} ({} catatan sebelumnya utuh).",
                    link.id, link.reason, report.checked
                )),
            }
        }
        Command::EvidenceVerify => evidence_verify(settings).await,
        Command::GrantAdmin(nip) => {
            let state = startup::prepare(settings)
                .await
                .map_err(|e| e.to_string())?;
            let name = app::admin::service::accounts::grant_admin_by_nip(&state.db, &nip)
                .await
                .map_err(|e| e.to_string())?;
            println!("{name} (NIP {nip}) kini admin BKPSDM.");
            Ok(())
        }
        Command::Serve => serve(settings).await,
    }
}

/// Re-reads every stored evidence object against its SHA-256 name, then checks that
/// every object the database records is still in the store. Progress goes to stderr.
async fn evidence_verify(settings: Settings) -> Result<(), String> {
    let state = startup::prepare(settings)
        .await
        .map_err(|e| e.to_string())?;
    let store = &state.evidence_store;
    let started = Instant::now();
    let mut last_step = None;
    let report = store
        .verify_all(|done, total| {
            let step = done * 20 / total.max(1);
            if last_step != Some(step) || done == total {
                last_step = Some(step);
                eprint!("\r  Memeriksa bukti dukung {done:>7}/{total:<7}");
                if done == total {
                    eprintln!();
                }
                let _ = std::io::stderr().flush();
            }
        })
        .await
        .map_err(|e| e.to_string())?;
    let missing = app::realisasi::evidence::service::recorded_but_missing(&state)
        .await
        .map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    if report.mismatched.is_empty() && missing.is_empty() {
        println!(
            "Bukti dukung utuh: {} berkas ({:.1} MB) diperiksa dalam {seconds:.1} detik.",
            report.checked,
            report.bytes as f64 / 1_000_000.0
        );
        return Ok(());
    }
    let mut message = format!(
        "Bukti dukung RUSAK: {} dari {} berkas tidak cocok dengan hash-nya, {} tercatat tetapi hilang dari penyimpanan.",
        report.mismatched.len(),
        report.checked,
        missing.len()
    );
    for hash in &report.mismatched {
        message.push_str(&format!("\n  tidak cocok: {hash}"));
    }
    for hash in &missing {
        message.push_str(&format!("\n  hilang:      {hash}"));
    }
    Err(message)
}

/// Prints seeding progress on one line per stage, every 5 %.
fn progress_printer() -> impl FnMut(seed::Progress) {
    let mut last_percent = None;
    move |p| {
        let percent = p.done * 100 / p.total.max(1);
        if last_percent != Some((p.stage, percent / 5)) || p.done == p.total {
            last_percent = Some((p.stage, percent / 5));
            eprint!(
                "\r  {:<18} {:>7}/{:<7} {:>3}%",
                p.stage, p.done, p.total, percent
            );
            if p.done == p.total {
                eprintln!();
            }
            let _ = std::io::stderr().flush();
        }
    }
}

async fn run_seed(
    state: &app::platform::state::AppState,
    options: SeedOptions,
    if_empty: bool,
) -> Result<(), String> {
    let started = Instant::now();
    eprintln!(
        "Memuat data demo: {} pegawai, benih {}…",
        options.employees, options.seed
    );
    match seed::seed(&state.db, options, progress_printer()).await {
        Ok(plan) => {
            eprintln!(
                "Selesai dalam {:.1} detik: {} unit, {} jabatan, {} pegawai.",
                started.elapsed().as_secs_f64(),
                plan.units.len(),
                plan.positions.len(),
                plan.employees.len() - 1
            );
        }
        Err(SeedError::AlreadySeeded(count)) if if_empty => {
            eprintln!("Data demo sudah ada ({count} pegawai); tidak dimuat ulang.");
            return Ok(());
        }
        Err(error) => return Err(error.to_string()),
    }
    // SKP plans for the current year in every state, so the views have content.
    let started = Instant::now();
    let year = i64::from(
        app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis()).year(),
    );
    eprintln!("Memuat SKP demo tahun {year}…");
    let counts = app::demo::skp_plans::seed_demo_plans(
        &state.db,
        year,
        state.settings.period_scheme,
        state.settings.period_filing_days,
        options.seed,
        progress_printer(),
    )
    .await
    .map_err(|e| format!("Gagal menulis SKP demo: {e}"))?;
    eprintln!(
        "Selesai dalam {:.1} detik: {} disetujui, {} diajukan, {} dikembalikan, {} draf ({} RHK).",
        started.elapsed().as_secs_f64(),
        counts.disetujui,
        counts.diajukan,
        counts.dikembalikan,
        counts.draf,
        counts.rhk
    );
    // Realisasi for the periods already over, with evidence files in the store.
    let started = Instant::now();
    eprintln!("Memuat realisasi demo periode yang telah berakhir…");
    let today = app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis());
    let filed = app::demo::realisasi::seed_demo_realisasi(
        &state.db,
        &state.evidence_store,
        year,
        today,
        options.seed,
        progress_printer(),
    )
    .await
    .map_err(|e| e.to_string())?;
    eprintln!(
        "Selesai dalam {:.1} detik: {} tepat waktu, {} terlambat, {} belum dilaporkan; {} berkas dan {} tautan bukti dukung.",
        started.elapsed().as_secs_f64(),
        filed.on_time,
        filed.late,
        filed.missing,
        filed.files,
        filed.links
    );
    // Evaluations of those periods in every state, and each unit's result.
    let started = Instant::now();
    eprintln!("Memuat penilaian demo periode yang telah berakhir…");
    let rated = app::demo::penilaian::seed_demo_penilaian(
        &state.db,
        &state.settings.evaluation_leader_rating,
        year,
        today,
        options.seed,
        progress_printer(),
    )
    .await
    .map_err(|e| format!("Gagal menulis penilaian demo: {e}"))?;
    eprintln!(
        "Selesai dalam {:.1} detik: {} draf, {} ditetapkan, {} dibaca, {} keberatan, {} keberatan diputuskan; {} predikat organisasi.",
        started.elapsed().as_secs_f64(),
        rated.drafts,
        rated.finalised,
        rated.acknowledged,
        rated.appealed,
        rated.decided,
        rated.unit_results
    );
    let messages = app::demo::feedback::seed_demo_feedback(&state.db, year)
        .await
        .map_err(|e| format!("Gagal menulis umpan balik demo: {e}"))?;
    eprintln!("{messages} pesan umpan balik demo antara atasan demo dan timnya.");
    Ok(())
}

async fn print_demo_accounts(db: &app::platform::db::Db) {
    match seed::demo_logins(db).await {
        Ok(logins) if !logins.is_empty() => {
            println!("Akun demo (kata sandi untuk semua: {DEMO_PASSWORD}):");
            let width = logins
                .iter()
                .map(|l| l.role.label().chars().count())
                .max()
                .unwrap_or(0);
            for login in logins {
                println!(
                    "  {:<width$} NIP {}  {} — {}",
                    login.role.label(),
                    login.nip,
                    login.name,
                    login.position
                );
            }
        }
        Ok(_) => println!("Belum ada akun demo. Jalankan: sikap seed"),
        Err(error) => eprintln!("Akun demo tidak dapat dibaca: {error}"),
    }
}

async fn serve(settings: Settings) -> Result<(), String> {
    let started = Instant::now();
    let addr = settings.site_addr;
    let public_url = settings.public_url.clone();
    let state = startup::prepare(settings)
        .await
        .map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("Tidak dapat membuka alamat {addr}: {e}. Ubah instance.site_addr atau SIKAP_INSTANCE_SITE_ADDR."))?;
    print_demo_accounts(&state.db).await;
    println!(
        "SIKAP siap di {public_url} (basis data {}, mulai dalam {} ms). Tekan Ctrl+C untuk berhenti.",
        state.db.backend().name(),
        started.elapsed().as_millis()
    );
    let db = state.db.clone();
    // The kabupaten-wide figures of this year, counted now in the background: at a
    // million employees the first reader would otherwise wait one to two seconds.
    let warm = state.clone();
    tokio::spawn(async move {
        let year = app::skp::overview::service::this_year();
        let cascade = app::skp::overview::service::cascade(&warm, year, None);
        let leadership = async {
            app::admin::service::leadership::kept_leadership_overview(&warm)
                .await
                .map_err(app::error::AppError::from)
        };
        if let Err(error) = futures::try_join!(cascade, leadership) {
            tracing::warn!(%error, "counting the kabupaten-wide figures at start failed");
        }
    });
    // A site copied without its compressed files gets them now, in the background;
    // until then the files are compressed per request.
    let pkg = std::path::Path::new(&startup::site_root()).join("pkg");
    tokio::task::spawn_blocking(move || match server::static_files::precompress(&pkg) {
        Ok(done) if !done.is_empty() => {
            tracing::info!(files = done.len(), "precompressed site files")
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, dir = %pkg.display(), "site files not precompressed"),
    });
    let router = server::build_router(state);
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("Server berhenti karena galat: {e}"))?;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
