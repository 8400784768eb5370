//! The `sikap` binary itself: bad settings stop it with a message naming the key and
//! the fix, a non-zero exit code and no backtrace.

use std::process::Command;

fn sikap(config: &str, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Leptos.toml");
    std::fs::write(&path, config).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_sikap"));
    // Relative paths of the defaults (the evidence store's `data/bukti`) land in
    // the test's folder, not in the checkout.
    command
        .current_dir(dir.path())
        .args(args)
        .env("SIKAP_CONFIG", &path)
        .env_remove("DATABASE_URL")
        .env("RUST_BACKTRACE", "1");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn unknown_key_stops_the_server_with_the_key_named() {
    let out = sikap("[periods]\nskema = \"monthly\"\n", &[], &["serve"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("periods.skema tidak dikenal"), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

#[test]
fn bad_environment_value_is_named_with_the_fix() {
    let out = sikap(
        "",
        &[("SIKAP_PRIVACY_MIN_GROUP_SIZE", "satu")],
        &["check-config"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains(
            "SIKAP_PRIVACY_MIN_GROUP_SIZE: nilai \"satu\" tidak valid; harus bilangan bulat"
        ),
        "{stderr}"
    );
}

#[test]
fn valid_settings_pass_the_check() {
    let out = sikap(
        "[database]\nurl = \"sqlite://data/x.db\"\n",
        &[],
        &["check-config"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Konfigurasi valid"));
}

#[test]
fn seed_on_an_unreachable_database_fails_cleanly() {
    let out = sikap(
        "",
        &[(
            "SIKAP_DATABASE_URL",
            "postgres://nobody:secret@127.0.0.1:1/none",
        )],
        &["seed"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("Tidak dapat membuka basis data"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("secret"),
        "password must not be printed: {stderr}"
    );
}

#[test]
fn seed_prints_progress_loads_once_and_lists_demo_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/demo.db", dir.path().display());
    let env = [("SIKAP_DATABASE_URL", url.as_str())];
    let first = sikap("", &env, &["seed", "--employees", "1500"]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stderr}");
    assert!(
        stderr.contains("employees") && stderr.contains("100%"),
        "{stderr}"
    );

    let second = sikap("", &env, &["seed"]);
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("--force"));

    let skipped = sikap("", &env, &["seed", "--if-empty"]);
    assert!(skipped.status.success());

    let accounts = sikap("", &env, &["demo-accounts"]);
    let stdout = String::from_utf8_lossy(&accounts.stdout);
    assert!(stdout.contains("Kepahiang-Demo-2026"), "{stdout}");
    for role in [
        "pegawai",
        "pegawai (realisasi)",
        "atasan",
        "admin BKPSDM",
        "pimpinan",
    ] {
        assert!(stdout.contains(role), "{role} missing in {stdout}");
    }
}

#[test]
fn grant_admin_is_audited_and_audit_verify_catches_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    let env = [("SIKAP_DATABASE_URL", url.as_str())];
    let out = sikap("", &env, &["seed"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let accounts =
        String::from_utf8_lossy(&sikap("", &env, &["demo-accounts"]).stdout).into_owned();
    let nip = accounts
        .lines()
        .find(|l| l.trim_start().starts_with("pegawai"))
        .and_then(|l| l.split("NIP ").nth(1))
        .map(|rest| rest[..18].to_owned())
        .expect("a demo pegawai");

    let out = sikap("", &env, &["grant-admin", &nip]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("kini admin BKPSDM"));
    let out = sikap("", &env, &["grant-admin", "199001012015031999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Tidak ada pegawai dengan NIP"));

    let out = sikap("", &env, &["audit-verify"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Jejak audit utuh: 1 catatan"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let db = dir.path().join("cli.db");
    let status = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect('{}'); c.execute(\"UPDATE audit_log SET after_json = '{{}}'\"); c.commit()",
            db.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let out = sikap("", &env, &["audit-verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("RUSAK mulai catatan #1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `sikap evidence-verify`: a clean store passes; a changed object and an object the
/// database records but the store lost are each named, with exit code 1.
#[test]
fn evidence_verify_names_changed_and_missing_objects() {
    use app::realisasi::evidence::store::{
        hex,
        sha2::{Digest, Sha256},
    };
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    let store = dir.path().join("bukti");
    let store_path = store.display().to_string();
    let env = [
        ("SIKAP_DATABASE_URL", url.as_str()),
        ("SIKAP_UPLOADS_STORE_PATH", store_path.as_str()),
    ];
    let out = sikap("", &env, &["migrate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let content = b"%PDF-1.4 bukti dukung";
    let hash = hex(&Sha256::digest(content));
    let object = store.join("objects").join(&hash[..2]).join(&hash);
    std::fs::create_dir_all(object.parent().unwrap()).unwrap();
    std::fs::write(&object, content).unwrap();
    let out = sikap("", &env, &["evidence-verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Bukti dukung utuh: 1 berkas"), "{stdout}");

    std::fs::write(&object, b"%PDF-1.4 diubah").unwrap();
    let lost = "ab".repeat(32);
    let db = dir.path().join("cli.db");
    let status = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect('{}'); c.execute(\"INSERT INTO evidence_objects (sha256, size, kind, created_at) VALUES ('{lost}', 3, 'pdf', 0)\"); c.commit()",
            db.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let out = sikap("", &env, &["evidence-verify"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("tidak cocok: {hash}")), "{stderr}");
    assert!(stderr.contains(&format!("hilang:      {lost}")), "{stderr}");
}
