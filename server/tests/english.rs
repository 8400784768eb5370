//! English is complete: every page of the policy (`support::policy`), as every
//! visitor and role, rendered with `sikap_lang=en` before and after a plan's whole
//! journey (so banners, statuses, history and notifications exist), plus the
//! pages of a search error, a missing page and a plain form's error, and the
//! errors server functions answer. Each fails on Indonesian left in English mode.
//!
//! What is checked is the text a person reads: text nodes and the `placeholder`,
//! `title`, `aria-label` and `alt` attributes, outside `<script>`, `<style>` and
//! `<code>` (identifiers such as the CSV's column names).
//! Data people wrote is Indonesian by nature and stays so in English: every
//! name, unit, position title, RHK, indicator, unit of measure, target, lampiran
//! item, expectation and reason stored in the database, and the instansi's name,
//! is cut out of that text first (read from the database, so nothing the
//! application itself words is cut). Raw JSON (the audit trail's before/after) is
//! data too. What is left must hold
//! - no Indonesian message: no fragment between placeholders of a message of
//!   `app/locales/id/main.ftl` whose English differs, when the fragment has at
//!   least two words and ten characters and no English message contains it
//!   (shorter ones, "Status", "NIP", are the same in both languages);
//! - no word of [`INDONESIAN_WORDS`], common UI words that are never English,
//!   which also catches text written in the code instead of the translation files.

mod support;

use app::i18n::{messages, translate, Language};
use app::identity::types::Role;
use app::platform::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use support::policy::POLICY;
use support::{call, call_json, evaluations, get_as, log_in, send};

/// Words of the interface that are never English (checked as whole words, with
/// the case given).
const INDONESIAN_WORDS: &[&str] = &[
    "Simpan",
    "Batal",
    "Hapus",
    "Tambah",
    "Kembali",
    "Cari",
    "Pilih",
    "Masuk",
    "Keluar",
    "Draf",
    "draf",
    "Diajukan",
    "Disetujui",
    "Dikembalikan",
    "disetujui",
    "dikembalikan",
    "Kuantitas",
    "Kualitas",
    "Waktu",
    "Biaya",
    "Kuantitatif",
    "Kualitatif",
    "UTAMA",
    "TAMBAHAN",
    "Utama",
    "Tambahan",
    "Triwulan",
    "Semester",
    "Penilaian",
    "Tahunan",
    "Versi",
    "Riwayat",
    "Atasan",
    "atasan",
    "Bawahan",
    "bawahan",
    "Perspektif",
    "Penerima",
    "Layanan",
    "Anggaran",
    "Pendekatan",
    "Indikator",
    "Satuan",
    "Lampiran",
    "Januari",
    "Februari",
    "Maret",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "Oktober",
    "Desember",
    "belum",
    "sudah",
    "tidak",
    "Tidak",
    "dengan",
    "untuk",
    "yang",
    "dan",
    "atau",
    "dari",
    "oleh",
    "pada",
    "Tahun",
    "tahun",
    "Anda",
    "Belum",
    "Sudah",
    "Tanggal",
    "Galat",
    "Baris",
    "Kolom",
    "Jenis",
    "Pegawai",
    "pegawai",
    "Jabatan",
    "jabatan",
];

/// Text a person reads on the page, as one line.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        push_text(&mut out, &rest[..at]);
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        // The tag ends at the first '>' outside quotes.
        let mut quote = None;
        let end = rest
            .char_indices()
            .find(|&(_, c)| match quote {
                Some(q) if c == q => {
                    quote = None;
                    false
                }
                Some(_) => false,
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    false
                }
                None => c == '>',
            })
            .map_or(rest.len(), |(i, _)| i);
        let tag = &rest[1..end];
        rest = rest.get(end + 1..).unwrap_or("");
        out.push(' ');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        // `<code>` holds identifiers (the CSV's column names), the same in both languages.
        if name == "script" || name == "style" || name == "code" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |e| &rest[e..]);
            continue;
        }
        for attribute in ["placeholder", "title", "aria-label", "alt"] {
            for (at, _) in tag.match_indices(&format!(" {attribute}=\"")) {
                let value = &tag[at + attribute.len() + 3..];
                push_text(&mut out, &value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
    }
    push_text(&mut out, rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_text(out: &mut String, raw: &str) {
    let text = raw
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    // Raw JSON is a record's data (the audit trail's before and after).
    if !text.trim_start().starts_with('{') {
        out.push_str(&text);
    }
}

/// Everything people wrote that a page may show, longest first.
async fn written_by_people(state: &AppState) -> Vec<String> {
    let columns = [
        "SELECT name FROM employees",
        "SELECT name FROM units",
        "SELECT title FROM positions",
        "SELECT golongan FROM employees WHERE golongan IS NOT NULL",
        "SELECT text FROM skp_rhk",
        "SELECT indicator FROM skp_iki",
        "SELECT satuan FROM skp_iki",
        "SELECT target FROM skp_iki",
        "SELECT text FROM skp_expectations",
        "SELECT return_reason FROM skp_plans WHERE return_reason IS NOT NULL",
        "SELECT revision_reason FROM skp_plans WHERE revision_reason IS NOT NULL",
        "SELECT note FROM skp_plan_versions WHERE note IS NOT NULL",
    ];
    let mut texts: Vec<String> = vec![state.settings.instansi.clone()];
    for sql in columns {
        let found: Vec<String> = sqlx::query_scalar(sql)
            .fetch_all(state.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        texts.extend(found);
    }
    // Lampiran items and the texts of each version's snapshot.
    for sql in [
        "SELECT lampiran_json FROM skp_plans",
        "SELECT content_json FROM skp_plan_versions",
    ] {
        let found: Vec<String> = sqlx::query_scalar(sql)
            .fetch_all(state.db.pool())
            .await
            .unwrap();
        for json in found {
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            strings_in(&value, &mut texts);
        }
    }
    let mut texts: Vec<String> = texts
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| t.chars().count() >= 2)
        .collect();
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    texts.dedup();
    texts
}

fn strings_in(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}

/// `key = text` pairs of a translation file.
fn messages_of(file: &str) -> Vec<(&str, &str)> {
    file.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = "))
        .collect()
}

/// The Indonesian fragments that must not appear in English (see the module's doc).
fn indonesian_fragments() -> Vec<String> {
    let id = messages_of(include_str!("../../app/locales/id/main.ftl"));
    let en = messages_of(include_str!("../../app/locales/en/main.ftl"));
    let english: Vec<String> = en.iter().map(|(_, t)| t.to_lowercase()).collect();
    let mut fragments = Vec::new();
    for (key, text) in id {
        let same = en.iter().any(|(k, t)| *k == key && *t == text);
        if same {
            continue;
        }
        let literal = text
            .split("{ $")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once(" }").map_or("", |(_, r)| r)
                }
            })
            .collect::<Vec<_>>();
        for part in literal {
            let part = part.trim_matches(|c: char| !c.is_alphanumeric());
            if part.split_whitespace().count() >= 2
                && part.chars().count() >= 10
                && !english.iter().any(|e| e.contains(&part.to_lowercase()))
            {
                fragments.push(part.to_owned());
            }
        }
    }
    fragments.sort();
    fragments.dedup();
    fragments
}

struct Checker {
    fragments: Vec<String>,
    problems: Vec<String>,
    pages: usize,
}

impl Checker {
    fn new() -> Self {
        let fragments = indonesian_fragments();
        assert!(fragments.len() > 200, "only {} fragments", fragments.len());
        Checker {
            fragments,
            problems: Vec::new(),
            pages: 0,
        }
    }

    /// Records each Indonesian text in `text` (already visible text), as `what`.
    fn check_text(&mut self, what: &str, text: &str, people: &[String]) {
        let mut text = format!(" {text} ");
        for written in people {
            if text.contains(written.as_str()) {
                text = text.replace(written.as_str(), " ◦ ");
            }
        }
        for fragment in &self.fragments {
            if let Some(at) = text.find(fragment.as_str()) {
                self.problems.push(format!(
                    "{what}: message “{fragment}” in “{}”",
                    around(&text, at)
                ));
            }
        }
        for word in INDONESIAN_WORDS {
            let found = text.match_indices(word).find(|(at, _)| {
                let before = text[..*at].chars().next_back();
                let after = text[at + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
            if let Some((at, _)) = found {
                self.problems
                    .push(format!("{what}: word “{word}” in “{}”", around(&text, at)));
            }
        }
    }

    async fn page(
        &mut self,
        router: &Router,
        url: &str,
        who: &str,
        cookie: &str,
        people: &[String],
    ) {
        let page = get_as(router, url, cookie).await;
        assert!(
            page.status != StatusCode::INTERNAL_SERVER_ERROR,
            "{url} as {who}: {}",
            page.body
        );
        assert!(
            page.body.contains("<html lang=\"en\""),
            "{url} as {who} is not in English"
        );
        self.check_text(
            &format!("{url} as {who}"),
            &visible_text(&page.body),
            people,
        );
        self.pages += 1;
    }

    fn finish(self) {
        let mut problems = self.problems;
        problems.sort();
        problems.dedup();
        assert!(
            problems.is_empty(),
            "{} Indonesian texts in English pages:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}

fn around(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(60)
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].trim().to_owned()
}

fn english(cookie: Option<&str>) -> String {
    match cookie {
        Some(cookie) => format!("{cookie}; sikap_lang=en"),
        None => "sikap_lang=en".to_owned(),
    }
}

/// Every route as every visitor, with `:year` as `year`.
async fn every_page(
    checker: &mut Checker,
    router: &Router,
    state: &AppState,
    visitors: &[(&str, Option<String>, Vec<Role>)],
    year: i32,
    employee: i64,
    period: i64,
) {
    let people = written_by_people(state).await;
    for (route, _) in POLICY {
        let url = support::policy::url_of(route, year, employee, period);
        for (name, cookie, _) in visitors {
            checker
                .page(router, &url, name, &english(cookie.as_deref()), &people)
                .await;
        }
    }
}

/// The plan of a supervisor, approved, with two RHK for their team to support.
async fn approved_plan_for(state: &AppState, router: &Router, cookie: &str, nip: &str) -> Vec<i64> {
    let plan = r#"{"plan":{"year":2027,"base_version":0,"approach":"kuantitatif","lampiran":{"dukungan_sumber_daya":["Aplikasi OSS"],"skema_pertanggungjawaban":[],"konsekuensi":[]},
        "rhk":[{"id":null,"kind":"utama","text":"Meningkatnya kecepatan layanan perizinan usaha","parent_rhk_id":null,"perspektif":null,
                 "iki":[{"aspek":"waktu","indicator":"Rata-rata waktu terbit izin","target":"3","satuan":"hari kerja"}]},
                {"id":null,"kind":"tambahan","text":"Tersusunnya laporan kinerja seksi","parent_rhk_id":null,"perspektif":null,
                 "iki":[{"aspek":"biaya","indicator":"Biaya penyusunan laporan","target":"4","satuan":"juta rupiah"}]}]}}"#;
    support::plans::approved(state, router, cookie, nip, plan).await
}

fn pegawai_plan(version: i64, parents: &[i64], target: &str) -> String {
    format!(
        r#"{{"plan":{{"year":2027,"base_version":{version},"approach":"kuantitatif","lampiran":{{"dukungan_sumber_daya":[],"skema_pertanggungjawaban":["Laporan bulanan kepada Kepala Seksi"],"konsekuensi":[]}},
        "rhk":[{{"id":null,"kind":"utama","text":"Terlayaninya izin usaha","parent_rhk_id":{},"perspektif":null,
                 "iki":[{{"aspek":"kuantitas","indicator":"Jumlah izin usaha terbit","target":"{target}","satuan":"dokumen"}}]}},
                {{"id":null,"kind":"tambahan","text":"Terdokumentasinya arsip perizinan","parent_rhk_id":{},"perspektif":null,
                 "iki":[{{"aspek":"kualitas","indicator":"Persentase arsip lengkap","target":"95","satuan":"persen"}}]}}]}}}}"#,
        parents[0], parents[1]
    )
}

/// A form posted without JavaScript from `page`: the server sends the browser
/// back to it with the error in the address, which is then rendered.
async fn plain_form_error_page(
    router: &Router,
    endpoint: &str,
    form: &str,
    page: &str,
    cookie: &str,
) -> String {
    let request = Request::post(format!("/api/{endpoint}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, support::ORIGIN)
        .header(header::REFERER, format!("{}{page}", support::ORIGIN))
        .header(header::COOKIE, cookie)
        .body(Body::from(form.to_owned()))
        .unwrap();
    let reply = send(router, request).await;
    let location = reply
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| {
            panic!(
                "{endpoint} answers a plain form with a redirect: {}",
                reply.status
            )
        })
        .to_owned();
    assert!(location.contains("__err="), "{location}");
    location.trim_start_matches(support::ORIGIN).to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_error_and_notification_reads_in_english() {
    let (_guard, state, router, demo) = support::seeded_app(|_| {}).await;
    let mut checker = Checker::new();
    let this_year =
        app::calendar::CivilDate::wib_from_millis(app::platform::db::now_millis()).year();

    // A failed log-in answers in English.
    let failed = call(&router, "log_in", "nip=123&password=x", None).await;
    assert_eq!(failed.status, StatusCode::BAD_REQUEST);
    let en_failed = {
        let request = Request::post("/api/log_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::ORIGIN, support::ORIGIN)
            .header(header::COOKIE, "sikap_lang=en")
            .body(Body::from("nip=123&password=x"))
            .unwrap();
        send(&router, request).await
    };
    assert_eq!(en_failed.status, StatusCode::BAD_REQUEST);
    if en_failed.error_message() == failed.error_message() {
        checker.problems.push(format!(
            "log_in error: “{}” in both languages",
            failed.error_message()
        ));
    }
    checker.check_text("log_in error", &en_failed.error_message(), &[]);

    let visitors = support::policy::visitors(&state, &router, &demo).await;
    let cookie_of = |name: &str| {
        let cookie = visitors
            .iter()
            .find(|v| v.0 == name)
            .unwrap()
            .1
            .clone()
            .unwrap();
        english(Some(&cookie))
    };
    let (pegawai, atasan, admin) = (
        cookie_of("pegawai"),
        cookie_of("atasan"),
        cookie_of("admin"),
    );

    // Before anything happens in the year.
    every_page(
        &mut checker,
        &router,
        &state,
        &visitors,
        this_year,
        demo.pegawai.0,
        0,
    )
    .await;
    let people = written_by_people(&state).await;
    for url in [
        "/pegawai?q=ab",
        "/organisasi?q=zzzz",
        "/skp/2099",
        "/halaman-yang-tidak-ada",
    ] {
        checker.page(&router, url, "admin", &admin, &people).await;
    }

    // The year 2027 and a plan's journey, in English: drafted with a mistake,
    // submitted, returned, resubmitted, approved, a revision asked and granted.
    let opened = call(&router, "admin_open_year", "year=2027", Some(&admin)).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let parents = approved_plan_for(&state, &router, &atasan, &demo.atasan.1).await;
    let wrong = call_json(
        &router,
        "save_skp_plan",
        &pegawai_plan(0, &parents, "nol"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
    assert!(wrong.body.contains("rhk.0.iki.0.target"), "{}", wrong.body);
    checker.check_text("save_skp_plan error", &wrong.error_message(), &[]);
    let saved = call_json(
        &router,
        "save_skp_plan",
        &pegawai_plan(0, &parents, "450"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let stale = call_json(
        &router,
        "save_skp_plan",
        &pegawai_plan(7, &parents, "450"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    checker.check_text("conflict", &stale.error_message(), &[]);
    let submit = |version: i64| format!("year=2027&base_version={version}");
    let reply = call(&router, "submit_skp_plan", &submit(1), Some(&pegawai)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let review = |decision: &str, reason: &str| {
        format!(
            "employee_id={}&year=2027&decision={decision}&reason={reason}&confirmed=ya",
            demo.pegawai.0
        )
    };
    let plan_page = format!("/skp/2027/pegawai/{}", demo.pegawai.0);
    // Too short a reason, from a plain form: the page shows why, in English.
    let error_page = plain_form_error_page(
        &router,
        "review_skp_plan",
        &review("kembalikan", "x"),
        &plan_page,
        &atasan,
    )
    .await;
    let people = written_by_people(&state).await;
    checker
        .page(&router, &error_page, "atasan", &atasan, &people)
        .await;
    let expectations = format!(
        "employee_id={}&year=2027&akuntabel=Laporan+izin+tepat+waktu&loyal=Menjaga+kerahasiaan+data",
        demo.pegawai.0
    );
    let reply = call(
        &router,
        "save_skp_expectations",
        &expectations,
        Some(&atasan),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = call(
        &router,
        "review_skp_plan",
        &review("kembalikan", "Target+izin+terlalu+rendah"),
        Some(&atasan),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Returned: the pegawai's pages show the reason and the checklist.
    let people = written_by_people(&state).await;
    for url in ["/skp/2027", "/skp", "/pemberitahuan", "/saya"] {
        checker
            .page(&router, url, "pegawai", &pegawai, &people)
            .await;
    }
    let reply = call(&router, "submit_skp_plan", &submit(3), Some(&pegawai)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = call(
        &router,
        "review_skp_plan",
        &review("setujui", ""),
        Some(&atasan),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // The first period evaluated in English: finalising refused until complete,
    // then final, read, appealed and decided, with each notice in English.
    let q1: i64 = sqlx::query_scalar(
        "SELECT id FROM periods WHERE year = 2027 AND kind = 'periodic' ORDER BY number LIMIT 1",
    )
    .fetch_one(state.db.pool())
    .await
    .unwrap();
    let rhk: Vec<i64> = sqlx::query_scalar(
        "SELECT r.id FROM skp_rhk r JOIN skp_plans p ON p.id = r.plan_id WHERE p.employee_id = $1 AND p.year = 2027",
    )
    .bind(demo.pegawai.0)
    .fetch_all(state.db.pool())
    .await
    .unwrap();
    let rated: Vec<(i64, &str, &str)> = rhk.iter().map(|id| (*id, "di_bawah", "")).collect();
    let form_path = format!("/penilaian/{q1}/pegawai/{}", demo.pegawai.0);
    let evaluation_page = format!("/skp/2027/pegawai/{}/penilaian/{q1}", demo.pegawai.0);
    let asked = evaluations::post(
        &router,
        &form_path,
        evaluations::form(&evaluations::ratings(
            0, "final", &rated, "sesuai", "sesuai", "",
        )),
        &atasan,
        false,
    )
    .await;
    let people = written_by_people(&state).await;
    checker
        .page(
            &router,
            &evaluations::location(&asked),
            "atasan",
            &atasan,
            &people,
        )
        .await;
    let written: Vec<(i64, &str, &str)> = rhk
        .iter()
        .map(|id| (*id, "di_bawah", "Late licences"))
        .collect();
    let done = evaluations::post(
        &router,
        &form_path,
        evaluations::form(&evaluations::ratings(
            1, "final", &written, "sesuai", "di_bawah", "sesuai",
        )),
        &atasan,
        false,
    )
    .await;
    assert!(evaluations::location(&done).ends_with("?final=1"));
    let evaluation_id: i64 = sqlx::query_scalar("SELECT id FROM evaluations WHERE period_id = $1")
        .bind(q1)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let reply = call(
        &router,
        "acknowledge_evaluation",
        &format!("evaluation_id={evaluation_id}"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = call(
        &router,
        "file_keberatan",
        &format!("evaluation_id={evaluation_id}&alasan=Two+licences+were+late+for+reasons+outside+my+work"),
        Some(&pegawai),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let late = call(
        &router,
        "file_keberatan",
        &format!("evaluation_id={evaluation_id}&alasan=again"),
        Some(&pegawai),
    )
    .await;
    checker.check_text("file_keberatan error", &late.error_message(), &[]);
    let reviewer_id = evaluations::supervisor_of(&state, demo.atasan.0).await;
    let reviewer = english(Some(
        &log_in(
            &router,
            &evaluations::account_for(&state, reviewer_id).await,
            app::demo::DEMO_PASSWORD,
        )
        .await,
    ));
    let people = written_by_people(&state).await;
    checker
        .page(
            &router,
            &evaluation_page,
            "atasan pejabat penilai",
            &reviewer,
            &people,
        )
        .await;
    let reply = call(
        &router,
        "decide_keberatan",
        &format!("evaluation_id={evaluation_id}&hasil=ubah&hasil_kerja=sesuai&perilaku=sesuai&keputusan=Upheld+in+part"),
        Some(&reviewer),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let people = written_by_people(&state).await;
    for (url, name, cookie) in [
        ("/pemberitahuan".to_owned(), "pegawai", &pegawai),
        ("/pemberitahuan".to_owned(), "atasan", &atasan),
        (format!("/skp/2027/penilaian/{q1}"), "pegawai", &pegawai),
        (format!("{evaluation_page}/dokumen"), "pegawai", &pegawai),
        ("/tim".to_owned(), "atasan", &atasan),
        (format!("/admin/penilaian?periode={q1}"), "admin", &admin),
        (format!("/admin/kurva?periode={q1}"), "admin", &admin),
    ] {
        checker.page(&router, &url, name, cookie, &people).await;
    }

    let reply = call(
        &router,
        "request_skp_revision",
        "year=2027&reason=Target+perlu+disesuaikan+anggaran",
        Some(&pegawai),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // The revision waits for the supervisor: both sides see it.
    let people = written_by_people(&state).await;
    checker
        .page(&router, &plan_page, "atasan", &atasan, &people)
        .await;
    checker
        .page(&router, "/skp/2027", "pegawai", &pegawai, &people)
        .await;
    let granted = format!("employee_id={}&year=2027&decision=setujui", demo.pegawai.0);
    let reply = call(&router, "decide_skp_revision", &granted, Some(&atasan)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // The notifications were written in English requests, and are read in English
    // (and in Indonesian by whoever reads Indonesian).
    let notes = call(&router, "list_notifications", "", Some(&pegawai))
        .await
        .json();
    let name: String = sqlx::query_scalar("SELECT name FROM employees WHERE id = $1")
        .bind(demo.atasan.0)
        .fetch_one(state.db.pool())
        .await
        .unwrap();
    let expected = translate(
        Language::En,
        messages::skp_notice_revision_granted,
        &[("year", "2027".into()), ("name", name)],
    );
    if notes[0]["text"] != expected.as_str() {
        checker.problems.push(format!(
            "notification: {} instead of “{expected}”",
            notes[0]["text"]
        ));
    }
    let indonesian = call(
        &router,
        "list_notifications",
        "",
        Some(&pegawai.replace("sikap_lang=en", "sikap_lang=id")),
    )
    .await
    .json();
    if indonesian[0]["text"] == notes[0]["text"] {
        checker.problems.push(format!(
            "notification: {} in both languages",
            notes[0]["text"]
        ));
    }

    // Everything again, with the year's plans in every state.
    every_page(
        &mut checker,
        &router,
        &state,
        &visitors,
        2027,
        demo.pegawai.0,
        q1,
    )
    .await;
    assert!(checker.pages > 200, "{} pages", checker.pages);
    checker.finish();
}
