//! CSV import through `build_router`: one test per error kind (each names line,
//! column and reason, and changes nothing), then a clean import applied once.

mod support;

use app::demo::DEMO_PASSWORD;
use axum::http::StatusCode;
use axum::Router;
use support::{call, demo, fingerprint, log_in, seeded_state, upload, Demo, TestDb};

const HEADER: &str =
    "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan";

struct Setup {
    _guard: TestDb,
    state: app::platform::state::AppState,
    router: Router,
    demo: Demo,
    admin: String,
    unit_code: String,
}

async fn setup() -> Setup {
    let (guard, state) = seeded_state().await;
    let router = server::build_router(state.clone());
    let demo = demo(&state).await;
    let admin = log_in(&router, &demo.admin.1, DEMO_PASSWORD).await;
    let unit_code: String = sqlx::query_scalar(
        "SELECT u.code FROM employees e JOIN positions p ON p.id = e.position_id JOIN units u ON u.id = p.unit_id WHERE e.id = $1",
    )
    .bind(demo.pegawai.0)
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    Setup {
        _guard: guard,
        state,
        router,
        demo,
        admin,
        unit_code,
    }
}

/// Uploads to the dry run and to the apply; both must refuse with exactly the
/// expected (line, column) and a message containing `reason`, changing nothing.
async fn assert_refused(s: &Setup, file: &[u8], line: usize, column: &str, reason: &str) {
    let before = fingerprint(&s.state).await;
    let preview = upload(&s.router, "preview_import", file, Some(&s.admin)).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let preview = preview.json();
    let errors = preview["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["line"] == line
            && e["column"] == column
            && e["message"].as_str().unwrap().contains(reason)),
        "expected line {line}, column {column}, reason containing {reason:?}; got {errors:#?}"
    );
    let start = upload(&s.router, "start_import", file, Some(&s.admin))
        .await
        .json();
    assert!(start.get("Refused").is_some(), "apply must refuse: {start}");
    assert_eq!(
        fingerprint(&s.state).await,
        before,
        "a refused import changed data"
    );
}

fn row(nip: &str, name: &str, sex: &str, birth: &str, unit: &str, atasan: &str) -> String {
    format!("{nip},{name},{sex},{birth},PNS,III/a,Analis Uji,Pelaksana,{unit},{atasan}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_bad_file_is_refused_with_line_column_and_reason() {
    let s = setup().await;
    let (u, a) = (s.unit_code.clone(), s.demo.atasan.1.clone());
    let file = |rows: &[String]| format!("{HEADER}\n{}\n", rows.join("\n")).into_bytes();

    // A NIP of the wrong length, and one whose date digits are no date.
    assert_refused(
        &s,
        &file(&[row("19920202201903200", "Rina", "P", "1992-02-02", &u, &a)]),
        2,
        "nip",
        "18 digit",
    )
    .await;
    assert_refused(
        &s,
        &file(&[row("199213022019032001", "Rina", "P", "1992-02-02", &u, &a)]),
        2,
        "nip",
        "tanggal lahir",
    )
    .await;
    // The same NIP twice in the file, and a NIP already used in the database is fine (update).
    let twice = file(&[
        row("199202022019032001", "Rina", "P", "1992-02-02", &u, &a),
        row("199202022019032001", "Rina", "P", "1992-02-02", &u, &a),
    ]);
    assert_refused(&s, &twice, 3, "nip", "ganda").await;
    assert_refused(
        &s,
        &file(&[row(
            "199202022019032001",
            "Rina",
            "P",
            "1992-02-02",
            "17.99.99",
            &a,
        )]),
        2,
        "unit",
        "tidak dikenal",
    )
    .await;
    assert_refused(
        &s,
        &file(&[row(
            "199202022019032001",
            "Rina",
            "P",
            "1992-02-02",
            &u,
            "198001012005011999",
        )]),
        2,
        "nip_atasan",
        "tidak ditemukan",
    )
    .await;
    // A supervises B and B supervises A.
    let cycle = file(&[
        row(
            "199202022019032001",
            "Rina",
            "P",
            "1992-02-02",
            &u,
            "199303032019031002",
        ),
        row(
            "199303032019031002",
            "Dani",
            "L",
            "1993-03-03",
            &u,
            "199202022019032001",
        ),
    ]);
    assert_refused(&s, &cycle, 2, "nip_atasan", "Siklus atasan").await;
    // An existing employee put under their own subordinate is a cycle too.
    let atasan_sex = if &s.demo.atasan.1[14..15] == "1" {
        "L"
    } else {
        "P"
    };
    let upside_down = format!(
        "{HEADER}\n{},Kepala Uji,{atasan_sex},{},PNS,III/d,Kepala Seksi Uji,Pengawas,{u},{}\n",
        s.demo.atasan.1,
        birth_of(&s.demo.atasan.1),
        s.demo.pegawai.1
    );
    assert_refused(&s, upside_down.as_bytes(), 2, "nip_atasan", "Siklus atasan").await;
    // Windows-1252 text (é) instead of UTF-8.
    let mut latin1 = file(&[row("199202022019032001", "Rina", "P", "1992-02-02", &u, &a)]);
    latin1.extend_from_slice(
        b"199303032019031002,Jos\xe9,L,1993-03-03,PNS,III/a,Analis Uji,Pelaksana,",
    );
    latin1.extend_from_slice(format!("{u},{a}\n").as_bytes());
    assert_refused(&s, &latin1, 3, "-", "UTF-8").await;
    // A column missing from the header.
    let missing = format!("nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit\n199202022019032001,Rina,P,1992-02-02,PNS,III/a,Analis Uji,Pelaksana,{u}\n");
    assert_refused(
        &s,
        missing.as_bytes(),
        1,
        "nip_atasan",
        "tidak ada di baris judul",
    )
    .await;
    // Larger than uploads.max_file_mb (10 MB).
    let mut huge = file(&[row("199202022019032001", "Rina", "P", "1992-02-02", &u, &a)]);
    while huge.len() <= 10 * 1024 * 1024 {
        huge.extend_from_slice(b"# padding line that makes the file too large for the limit\n");
    }
    assert_refused(&s, &huge, 0, "berkas", "terlalu besar").await;
}

fn birth_of(nip: &str) -> String {
    format!("{}-{}-{}", &nip[0..4], &nip[4..6], &nip[6..8])
}

async fn wait_for_job(s: &Setup, id: &str) -> serde_json::Value {
    for _ in 0..600 {
        let job = call(
            &s.router,
            "get_import_job",
            &format!("id={id}"),
            Some(&s.admin),
        )
        .await
        .json();
        if job["status"] != "Running" {
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("import job {id} did not finish");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_file_is_previewed_applied_once_and_a_second_import_changes_nothing() {
    let s = setup().await;
    let (u, a) = (s.unit_code.clone(), s.demo.atasan.1.clone());
    // Two new people (one supervising the other in a new position) and one update.
    let pegawai_name = "Nama Diperbarui Lewat Impor";
    let pegawai_birth = birth_of(&s.demo.pegawai.1);
    let pegawai_sex = if &s.demo.pegawai.1[14..15] == "1" {
        "L"
    } else {
        "P"
    };
    let pegawai_title: String = sqlx::query_scalar(
        "SELECT p.title FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.id = $1",
    )
    .bind(s.demo.pegawai.0)
    .fetch_one(s.state.db.pool())
    .await
    .unwrap();
    let csv = format!(
        "{HEADER}\n\
         199202022019032001,Rina Marlina,P,02/02/1992,PNS,III/c,Koordinator Uji,Fungsional,{u},{a}\n\
         199303032019031002,\"Dani, S.Kom.\",L,1993-03-03,PPPK,IX,Pranata Komputer Uji,Fungsional,{u},199202022019032001\n\
         {},{pegawai_name},{pegawai_sex},{pegawai_birth},PNS,III/a,{pegawai_title},Pelaksana,{u},{a}\n",
        s.demo.pegawai.1
    );
    let before = fingerprint(&s.state).await;
    let preview = upload(&s.router, "preview_import", csv.as_bytes(), Some(&s.admin))
        .await
        .json();
    assert_eq!(preview["error_count"], 0, "{preview}");
    assert_eq!(
        (
            preview["new"].as_i64(),
            preview["updated"].as_i64(),
            preview["unchanged"].as_i64()
        ),
        (Some(2), Some(1), Some(0)),
        "{preview}"
    );
    assert_eq!(preview["new_positions"], 2);
    assert_eq!(
        fingerprint(&s.state).await,
        before,
        "the dry run writes nothing"
    );

    let started = upload(&s.router, "start_import", csv.as_bytes(), Some(&s.admin))
        .await
        .json();
    let id = started["Started"]["id"].as_str().unwrap().to_owned();
    let job = wait_for_job(&s, &id).await;
    assert_eq!(job["status"], "Done", "{job}");
    let result = &job["result"];
    assert_eq!(
        (result["created"].as_i64(), result["updated"].as_i64()),
        (Some(2), Some(1))
    );
    let issued = result["issued_passwords"].as_array().unwrap();
    assert_eq!(issued.len(), 2);
    // The passwords are handed out once.
    let again = call(
        &s.router,
        "get_import_job",
        &format!("id={id}"),
        Some(&s.admin),
    )
    .await
    .json();
    assert_eq!(
        again["result"]["issued_passwords"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    // Dani now reports to Rina, through the new positions.
    let (dani_parent, rina_position): (i64, i64) = (
        sqlx::query_scalar("SELECT p.parent_id FROM employees e JOIN positions p ON p.id = e.position_id WHERE e.nip = '199303032019031002'")
            .fetch_one(s.state.db.pool()).await.unwrap(),
        sqlx::query_scalar("SELECT position_id FROM employees WHERE nip = '199202022019032001'")
            .fetch_one(s.state.db.pool()).await.unwrap(),
    );
    assert_eq!(dani_parent, rina_position);
    let name: String = sqlx::query_scalar("SELECT name FROM employees WHERE id = $1")
        .bind(s.demo.pegawai.0)
        .fetch_one(s.state.db.pool())
        .await
        .unwrap();
    assert_eq!(name, pegawai_name);
    // The new accounts log in with their one-time password and must change it.
    let rina = issued
        .iter()
        .find(|p| p["nip"] == "199202022019032001")
        .unwrap()["password"]
        .as_str()
        .unwrap()
        .to_owned();
    let login = call(
        &s.router,
        "log_in",
        &format!("nip=199202022019032001&password={rina}"),
        None,
    )
    .await
    .json();
    assert_eq!(login["target"], "/ganti-sandi");
    let audit = call(&s.router, "verify_audit", "", Some(&s.admin))
        .await
        .json();
    assert_eq!(
        audit["checked"], 5,
        "2 positions + 2 employees + 1 update: {audit}"
    );
    assert!(audit["first_broken"].is_null());

    // The same file again: nothing new, nothing updated, nothing written.
    let before = fingerprint(&s.state).await;
    let preview = upload(&s.router, "preview_import", csv.as_bytes(), Some(&s.admin))
        .await
        .json();
    assert_eq!(
        (
            preview["new"].as_i64(),
            preview["updated"].as_i64(),
            preview["unchanged"].as_i64()
        ),
        (Some(0), Some(0), Some(3)),
        "{preview}"
    );
    let started = upload(&s.router, "start_import", csv.as_bytes(), Some(&s.admin))
        .await
        .json();
    let job = wait_for_job(&s, started["Started"]["id"].as_str().unwrap()).await;
    assert_eq!(job["result"]["created"], 0);
    let mut after = fingerprint(&s.state).await;
    let mut expected = before.clone();
    // Only the job's own row is new (index 4: import_jobs).
    expected[4] += 1;
    after[4] = after[4].max(expected[4]);
    assert_eq!(after, expected, "re-importing changed data");
}
