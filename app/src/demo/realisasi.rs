//! Demo realisasi for the demo year's past periods, consistent with the approved
//! plans: most filed on time, some late, some missing (the demo pelapor's all,
//! so that account can try every period). The demo atasan's team (and a
//! few others) carry small generated evidence files (valid PDFs and PNG photos),
//! some carry links, and one file is deliberately used by two employees, so the
//! shared-file flag shows on both reports.

use super::random::Random;
use super::{insert_batched, move_id_sequences, next_id, DemoRole, Progress};
use crate::calendar::CivilDate;
use crate::platform::db::Db;
use crate::realisasi::evidence::content::EvidenceKind;
use crate::realisasi::evidence::store::{EvidenceStore, StoreError};
use crate::realisasi::repository as repo;
use crate::realisasi::rules::{self, Accumulation, Direction};
use crate::skp::types::{Aspek, PlanStatus};
use sqlx::Arguments;
use std::collections::{HashMap, HashSet};

/// What was written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoRealisasiCounts {
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
    pub files: usize,
    pub links: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoRealisasiError {
    #[error("Gagal menulis realisasi demo ke basis data: {0}")]
    Database(#[from] sqlx::Error),
    #[error("Gagal menyimpan bukti dukung demo: {0}")]
    Store(#[from] StoreError),
    #[error("Gagal menulis berkas bukti dukung demo sementara: {0}")]
    Io(#[from] std::io::Error),
}

/// Reports of employees outside the demo atasan's team that get files, at most.
const OTHER_REPORTS_WITH_FILES: usize = 60;

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    employee_id: i64,
    approved_by: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct IkiRow {
    plan_id: i64,
    rhk_id: i64,
    sort_order: i64,
    aspek: String,
    indicator: String,
    satuan: String,
    target_value: f64,
    accumulation: Option<String>,
}

struct Report {
    id: i64,
    employee: i64,
    period: i64,
    plan: i64,
    filed_at: i64,
    late: bool,
}

struct Entry {
    report: i64,
    rhk: i64,
    index: i64,
    aspek: String,
    indicator: String,
    satuan: String,
    accumulation: Accumulation,
    annual: f64,
    target: f64,
    value: f64,
    account: String,
    capaian: Option<f64>,
}

struct Evidence {
    id: i64,
    report: i64,
    rhk: i64,
    index: i64,
    sha256: Option<String>,
    file_name: Option<String>,
    url: Option<String>,
    by: i64,
    at: i64,
}

/// Where the next evidence row of a report goes (its id counts up from there).
struct EvidenceAt {
    id: i64,
    report: i64,
    rhk: i64,
    index: i64,
    by: i64,
    at: i64,
}

impl EvidenceAt {
    fn next(
        &mut self,
        sha256: Option<String>,
        file_name: Option<String>,
        url: Option<String>,
    ) -> Evidence {
        let row = Evidence {
            id: self.id,
            report: self.report,
            rhk: self.rhk,
            index: self.index,
            sha256,
            file_name,
            url,
            by: self.by,
            at: self.at,
        };
        self.id += 1;
        row
    }

    fn file(&mut self, sha256: String, file_name: impl Into<String>) -> Evidence {
        self.next(Some(sha256), Some(file_name.into()), None)
    }

    fn link(&mut self, url: impl Into<String>) -> Evidence {
        self.next(None, None, Some(url.into()))
    }
}

const ACTIONS: [&str; 4] = [
    "Menyelesaikan permohonan yang masuk sesuai urutan dan standar pelayanan",
    "Memeriksa kelengkapan berkas dan menindaklanjuti kekurangan dalam satu hari kerja",
    "Menyusun rekap kegiatan dan melaporkannya kepada atasan langsung",
    "Berkoordinasi dengan bidang terkait untuk mempercepat penyelesaian",
];
const ACCOUNTS: [&str; 4] = [
    "Seluruh permohonan dicatat di aplikasi layanan dan diselesaikan sesuai standar.",
    "Rekap kegiatan disampaikan kepada atasan setiap akhir bulan.",
    "Kendala jaringan di awal periode diatasi dengan pencatatan manual lalu diunggah.",
    "Koordinasi dengan bidang terkait mempercepat verifikasi berkas.",
];
const LINKS: [&str; 3] = [
    "https://kepahiangkab.go.id/berita/pelayanan-perizinan-terpadu",
    "https://kepahiangkab.go.id/berita/rapat-koordinasi-perangkat-daerah",
    "https://kepahiangkab.go.id/pengumuman/jadwal-pelayanan-keliling",
];

/// Writes realisasi for every period of `year` that ended before `today`, for each
/// employee whose plan of that year is approved. Files go to `store`.
pub async fn seed_demo_realisasi(
    db: &Db,
    store: &EvidenceStore,
    year: i64,
    today: CivilDate,
    seed: u64,
    mut progress: impl FnMut(Progress),
) -> Result<DemoRealisasiCounts, DemoRealisasiError> {
    let mut counts = DemoRealisasiCounts::default();
    let (periods, plans, iki) = {
        let mut conn = db.read().await?;
        let periods: Vec<repo::PeriodRow> = repo::periodic_periods(&mut conn, year)
            .await?
            .into_iter()
            .collect();
        let plans: Vec<PlanRow> = sqlx::query_as(
            "SELECT id, employee_id, approved_by FROM skp_plans WHERE year = $1 AND status = $2 ORDER BY id",
        )
        .bind(year)
        .bind(PlanStatus::Approved)
        .fetch_all(&mut *conn)
        .await?;
        let iki: Vec<IkiRow> = sqlx::query_as(
            "SELECT r.plan_id, r.id AS rhk_id, k.sort_order, k.aspek, k.indicator, \
                    k.satuan, k.target_value, k.accumulation \
             FROM skp_rhk r JOIN skp_iki k ON k.rhk_id = r.id \
             JOIN skp_plans p ON p.id = r.plan_id \
             WHERE p.year = $1 AND p.status = $2 ORDER BY r.plan_id, r.sort_order, k.sort_order",
        )
        .bind(year)
        .bind(PlanStatus::Approved)
        .fetch_all(&mut *conn)
        .await?;
        (periods, plans, iki)
    };
    let periods_in_year = periods.len() as u32;
    let past: Vec<(repo::PeriodRow, CivilDate)> = periods
        .into_iter()
        .filter_map(|p| {
            let ends = CivilDate::parse_iso(&p.ends_on)?;
            let deadline = CivilDate::parse_iso(&p.deadline)?;
            (ends < today).then_some((p, deadline))
        })
        .collect();
    if past.is_empty() || plans.is_empty() {
        return Ok(counts);
    }
    let mut iki_of: HashMap<i64, Vec<&IkiRow>> = HashMap::new();
    for k in &iki {
        iki_of.entry(k.plan_id).or_default().push(k);
    }
    let demo = super::demo_account_ids(db).await?;
    let atasan = demo.get(&DemoRole::Atasan).copied();
    // The demo pelapor has reported nothing yet: theirs to try.
    let pelapor = demo.get(&DemoRole::Pelapor).copied();
    let mut rng = Random::new(seed ^ (year as u64).rotate_left(17) ^ 0x5eed_2ea1);
    let base_report = next_id(db, "realisasi_reports").await?;
    let mut reports = Vec::new();
    let mut entries = Vec::new();
    let mut actions: Vec<(i64, i64, &'static str)> = Vec::new();
    for plan in &plans {
        let Some(items) = iki_of.get(&plan.id) else {
            continue;
        };
        if Some(plan.employee_id) == pelapor {
            counts.missing += past.len();
            continue;
        }
        for (period, deadline) in &past {
            let roll = rng.below(100);
            // The demo atasan's own reports are all filed, so their page is complete.
            let missing = roll >= 85 && atasan != Some(plan.employee_id);
            if missing {
                counts.missing += 1;
                continue;
            }
            let late_days = if (70..85).contains(&roll) {
                let room = today.days_since_epoch() - deadline.days_since_epoch() - 1;
                (room >= 1).then(|| 1 + rng.below(room.min(20) as u64) as i64)
            } else {
                None
            };
            let filed_on = match late_days {
                Some(days) => deadline.add_days(days),
                None => deadline.add_days(-(rng.below(10) as i64)),
            };
            let late = late_days.is_some();
            if late {
                counts.late += 1;
            } else {
                counts.on_time += 1;
            }
            let report_id = base_report + reports.len() as i64;
            reports.push(Report {
                id: report_id,
                employee: plan.employee_id,
                period: period.id,
                plan: plan.id,
                filed_at: wib_millis(filed_on, 8 + rng.below(9) as i64, rng.below(60) as i64),
                late,
            });
            let mut last_rhk = None;
            for item in items {
                if last_rhk != Some(item.rhk_id) {
                    last_rhk = Some(item.rhk_id);
                    actions.push((report_id, item.rhk_id, *rng.pick(&ACTIONS)));
                }
                entries.push(entry(report_id, item, periods_in_year, &mut rng));
            }
        }
    }
    // Evidence: files on the demo atasan's team and on a few others, links here and there.
    let team: HashSet<i64> = plans
        .iter()
        .filter(|p| atasan.is_some_and(|a| p.approved_by == Some(a) || p.employee_id == a))
        .map(|p| p.employee_id)
        .collect();
    let first_entry: HashMap<i64, (i64, i64, String)> = {
        let mut first = HashMap::new();
        for e in &entries {
            first
                .entry(e.report)
                .or_insert((e.rhk, e.index, e.indicator.clone()));
        }
        first
    };
    let period_number: HashMap<i64, i64> = past.iter().map(|(p, _)| (p.id, p.number)).collect();
    let incoming = store.root().join("incoming");
    std::fs::create_dir_all(&incoming)?;
    let base_evidence = next_id(db, "evidence").await?;
    let mut evidence = Vec::new();
    let mut objects: Vec<(String, u64, EvidenceKind)> = Vec::new();
    let mut others_with_files = 0;
    let mut shared: Option<(String, u64)> = None;
    let shared_holders = sharing_pair(&plans, &reports, atasan);
    for report in &reports {
        let Some((rhk, index, indicator)) = first_entry.get(&report.id) else {
            continue;
        };
        let number = period_number.get(&report.period).copied().unwrap_or(0);
        let mut at_entry = EvidenceAt {
            id: base_evidence + evidence.len() as i64,
            report: report.id,
            rhk: *rhk,
            index: *index,
            by: report.employee,
            at: report.filed_at - 3_600_000,
        };
        let with_files = team.contains(&report.employee)
            || (others_with_files < OTHER_REPORTS_WITH_FILES && rng.chance(3));
        if with_files {
            if !team.contains(&report.employee) {
                others_with_files += 1;
            }
            let pdf = demo_pdf(&[
                "Laporan Kegiatan".to_owned(),
                format!("Periode {number} tahun {year}"),
                format!("Indikator: {indicator}"),
                format!("Pegawai #{} - laporan #{}", report.employee, report.id),
            ]);
            let (sha256, size) = put(store, &incoming, &pdf).await?;
            objects.push((sha256.clone(), size, EvidenceKind::Pdf));
            evidence.push(at_entry.file(sha256, format!("laporan-kegiatan-periode-{number}.pdf")));
            counts.files += 1;
            if rng.chance(50) {
                let png = demo_png(report.id as u64 ^ seed, 96, 64);
                let (sha256, size) = put(store, &incoming, &png).await?;
                objects.push((sha256.clone(), size, EvidenceKind::Png));
                evidence.push(at_entry.file(sha256, format!("foto-kegiatan-periode-{number}.png")));
                counts.files += 1;
            }
        }
        // One attendance list used by two colleagues: flagged on both.
        if shared_holders.contains(&(report.employee, report.period)) {
            let (sha256, _) = match &shared {
                Some(found) => found.clone(),
                None => {
                    let pdf = demo_pdf(&[
                        "Daftar Hadir Rapat Koordinasi".to_owned(),
                        format!("Tahun {year}"),
                    ]);
                    let stored = put(store, &incoming, &pdf).await?;
                    objects.push((stored.0.clone(), stored.1, EvidenceKind::Pdf));
                    shared = Some(stored.clone());
                    stored
                }
            };
            evidence.push(at_entry.file(sha256, "daftar-hadir-rapat-koordinasi.pdf"));
            counts.files += 1;
        }
        if rng.chance(10) {
            evidence.push(at_entry.link(*rng.pick(&LINKS)));
            counts.links += 1;
        }
    }
    let _ = std::fs::remove_dir(&incoming);
    write(
        db,
        &reports,
        &actions,
        &entries,
        &objects,
        &evidence,
        &mut progress,
    )
    .await?;
    Ok(counts)
}

/// The first report of each of two colleagues with the same supervisor: the demo
/// atasan's team when two of them reported, else the largest team that did.
fn sharing_pair(plans: &[PlanRow], reports: &[Report], atasan: Option<i64>) -> HashSet<(i64, i64)> {
    let approver: HashMap<i64, Option<i64>> = plans
        .iter()
        .map(|p| (p.employee_id, p.approved_by))
        .collect();
    let mut teams: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for report in reports {
        let Some(Some(boss)) = approver.get(&report.employee) else {
            continue;
        };
        let team = teams.entry(*boss).or_default();
        if !team
            .iter()
            .any(|(employee, _)| *employee == report.employee)
        {
            team.push((report.employee, report.period));
        }
    }
    let chosen = atasan
        .and_then(|a| teams.get(&a))
        .filter(|team| team.len() >= 2)
        .or_else(|| {
            teams
                .iter()
                .filter(|(_, team)| team.len() >= 2)
                .max_by_key(|(boss, team)| (team.len(), std::cmp::Reverse(**boss)))
                .map(|(_, team)| team)
        });
    chosen
        .map(|team| team.iter().take(2).copied().collect())
        .unwrap_or_default()
}

/// One IKI's realisasi for a period: around the period's target (80–125 % of it
/// when more is better, 75–120 % of it when less is better).
fn entry(report: i64, item: &IkiRow, periods_in_year: u32, rng: &mut Random) -> Entry {
    let aspek = Aspek::from_code(&item.aspek).unwrap_or(Aspek::Kuantitas);
    let accumulation = Accumulation::of(item.accumulation.as_deref(), aspek, &item.satuan);
    let direction = Direction::of(aspek);
    let target = rules::period_target(item.target_value, accumulation, periods_in_year);
    let factor = match direction {
        Direction::Higher => rng.between(80, 125),
        Direction::Lower => rng.between(75, 120),
    } as f64;
    let mut value = target * factor / 100.0;
    if rules::is_percent(&item.satuan) {
        value = value.min(100.0);
    }
    value = if accumulation == Accumulation::Cumulative {
        value.round()
    } else {
        (value * 10.0).round() / 10.0
    };
    Entry {
        report,
        rhk: item.rhk_id,
        index: item.sort_order,
        aspek: item.aspek.clone(),
        indicator: item.indicator.clone(),
        satuan: item.satuan.clone(),
        accumulation,
        annual: item.target_value,
        target,
        value,
        account: (*rng.pick(&ACCOUNTS)).to_owned(),
        capaian: rules::capaian(target, value, direction).map(|c| c as f64),
    }
}

/// The UTC instant of `date` at `hour:minute` WIB.
fn wib_millis(date: CivilDate, hour: i64, minute: i64) -> i64 {
    date.days_since_epoch() * 86_400_000 + (hour - 7) * 3_600_000 + minute * 60_000
}

async fn put(
    store: &EvidenceStore,
    incoming: &std::path::Path,
    bytes: &[u8],
) -> Result<(String, u64), DemoRealisasiError> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = incoming.join(format!("demo-{}-{n}.tmp", std::process::id()));
    std::fs::write(&path, bytes)?;
    let stored = store.put_file(&path).await;
    let _ = std::fs::remove_file(&path);
    let stored = stored?;
    Ok((stored.sha256, stored.size))
}

async fn write(
    db: &Db,
    reports: &[Report],
    actions: &[(i64, i64, &'static str)],
    entries: &[Entry],
    objects: &[(String, u64, EvidenceKind)],
    evidence: &[Evidence],
    progress: &mut impl FnMut(Progress),
) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    insert_batched(
        &mut tx,
        "realisasi_reports",
        None,
        &[
            "id",
            "employee_id",
            "period_id",
            "plan_id",
            "version",
            "filed_at",
            "late",
            "created_at",
            "updated_at",
        ],
        reports,
        |r, args| {
            args.add(r.id)?;
            args.add(r.employee)?;
            args.add(r.period)?;
            args.add(r.plan)?;
            args.add(2_i64)?;
            args.add(r.filed_at)?;
            args.add(i64::from(r.late))?;
            args.add(r.filed_at - 86_400_000)?;
            args.add(r.filed_at)?;
            Ok(())
        },
        progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "realisasi_actions",
        None,
        &["report_id", "rhk_id", "text"],
        actions,
        |(report, rhk, text), args| {
            args.add(*report)?;
            args.add(*rhk)?;
            args.add(*text)?;
            Ok(())
        },
        progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "realisasi_entries",
        None,
        &[
            "report_id",
            "rhk_id",
            "iki_index",
            "aspek",
            "indicator",
            "satuan",
            "accumulation",
            "annual_target",
            "target",
            "target_text",
            "value_text",
            "value",
            "account",
            "capaian",
        ],
        entries,
        |e, args| {
            args.add(e.report)?;
            args.add(e.rhk)?;
            args.add(e.index)?;
            args.add(e.aspek.clone())?;
            args.add(e.indicator.clone())?;
            args.add(e.satuan.clone())?;
            args.add(e.accumulation.code())?;
            args.add(e.annual)?;
            args.add(e.target)?;
            args.add("")?;
            args.add(rules::format_amount(e.value))?;
            args.add(e.value)?;
            args.add(e.account.clone())?;
            args.add(e.capaian)?;
            Ok(())
        },
        progress,
    )
    .await?;
    let now = crate::platform::db::now_millis();
    for (sha256, size, kind) in objects {
        repo::insert_object(&mut tx, sha256, *size as i64, kind.code(), now).await?;
    }
    insert_batched(
        &mut tx,
        "evidence",
        None,
        &[
            "id",
            "report_id",
            "rhk_id",
            "iki_index",
            "sha256",
            "file_name",
            "url",
            "added_by",
            "added_at",
        ],
        evidence,
        |v, args| {
            args.add(v.id)?;
            args.add(v.report)?;
            args.add(v.rhk)?;
            args.add(v.index)?;
            args.add(v.sha256.clone())?;
            args.add(v.file_name.clone())?;
            args.add(v.url.clone())?;
            args.add(v.by)?;
            args.add(v.at)?;
            Ok(())
        },
        progress,
    )
    .await?;
    move_id_sequences(&mut tx, db.backend(), &["realisasi_reports", "evidence"]).await?;
    tx.commit().await
}

/// A one-page PDF with `lines` of text (Helvetica), valid enough for any reader.
pub fn demo_pdf(lines: &[String]) -> Vec<u8> {
    let escape = |text: &str| {
        text.chars()
            .map(|c| match c {
                '(' | ')' | '\\' => format!("\\{c}"),
                c if c.is_ascii() && !c.is_ascii_control() => c.to_string(),
                _ => "?".to_owned(),
            })
            .collect::<String>()
    };
    let mut content = String::from("BT /F1 14 Tf 56 780 Td 20 TL\n");
    for line in lines {
        content.push_str(&format!("({}) Tj T*\n", escape(line)));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.extend_from_slice(table.as_bytes());
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A `width`×`height` RGB PNG of soft colour bands chosen by `seed` (uncompressed
/// deflate blocks, so no compressor is needed).
pub fn demo_png(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut rng = Random::new(seed);
    let bands: Vec<[u8; 3]> = (0..4)
        .map(|_| {
            [
                120 + rng.below(120) as u8,
                120 + rng.below(120) as u8,
                120 + rng.below(120) as u8,
            ]
        })
        .collect();
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        let band = bands[(y * bands.len() as u32 / height) as usize];
        for x in 0..width {
            let shade = (x * 40 / width.max(1)) as u8;
            raw.extend_from_slice(&[
                band[0].saturating_sub(shade),
                band[1].saturating_sub(shade),
                band[2],
            ]);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let mut blocks = raw.chunks(65_535).peekable();
    while let Some(block) = blocks.next() {
        zlib.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", ihdr), (b"IDAT", zlib), (b"IEND", Vec::new())] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend_from_slice(kind);
        png.extend_from_slice(&data);
        let crc = crc32(&png[start..]);
        png.extend_from_slice(&crc.to_be_bytes());
    }
    png
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1_u32, 0_u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0_u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_known_by_their_content() {
        for (bytes, kind) in [
            (demo_pdf(&["Laporan (uji)".into()]), EvidenceKind::Pdf),
            (demo_png(7, 96, 64), EvidenceKind::Png),
        ] {
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(file.path(), &bytes).unwrap();
            assert_eq!(
                crate::realisasi::evidence::content::detect(file.path()).ok(),
                Some(kind)
            );
        }
    }

    #[test]
    fn png_checksums_match_the_reference_values() {
        // The check values from RFC 1950 and the PNG specification.
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_ne!(demo_png(1, 8, 8), demo_png(2, 8, 8));
    }
}
