//! Demo SKP plans for a year: every state across the kabupaten (approved high up,
//! a mix further down, never approved below an unapproved supervisor), so the
//! matrix, the cascade and the review pages are populated on the first run.
//! The demo pegawai has no plan yet (to draft one); the demo atasan's line is approved.

use super::random::Random;
use super::{insert_batched, move_id_sequences, next_id, DemoRole, Progress};
use crate::organisation::types::JabatanKind;
use crate::platform::config::PeriodScheme;
use crate::platform::db::{now_millis, Db};
use crate::skp::plan::types::RhkView;
use crate::skp::types::{IkiDraft, PlanStatus};
use serde_json::json;
use sqlx::Arguments;
use std::collections::{HashMap, HashSet};

/// A demo plan's state: `None` when the employee has no plan yet.
type State = Option<PlanStatus>;

/// How many plans of each state were written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoPlanCounts {
    pub draf: usize,
    pub diajukan: usize,
    pub dikembalikan: usize,
    pub disetujui: usize,
    pub rhk: usize,
}

#[derive(sqlx::FromRow)]
struct Person {
    employee: i64,
    position: i64,
    parent_position: Option<i64>,
    kind: JabatanKind,
    unit: String,
}

struct PlanRow {
    id: i64,
    employee: i64,
    position: i64,
    state: PlanStatus,
    approved_by: Option<i64>,
}

struct RhkRow {
    id: i64,
    plan: i64,
    order: i64,
    kind: &'static str,
    text: String,
    parent: Option<i64>,
    perspektif: Option<&'static str>,
}

struct IkiRow {
    rhk: i64,
    order: i64,
    iki: IkiDraft,
    value: f64,
}

const JPT_GOALS: [(&str, &str); 4] = [
    (
        "penerima_layanan",
        "Meningkatnya kepuasan masyarakat atas layanan {unit}",
    ),
    (
        "proses_bisnis",
        "Meningkatnya ketepatan waktu layanan {unit}",
    ),
    (
        "penguatan_internal",
        "Meningkatnya kapasitas aparatur {unit}",
    ),
    ("anggaran", "Meningkatnya akuntabilitas anggaran {unit}"),
];
const MIDDLE_GOALS: [&str; 4] = [
    "Terlaksananya program prioritas {unit} sesuai jadwal",
    "Meningkatnya kualitas pelayanan publik pada {unit}",
    "Tersusunnya perencanaan dan evaluasi kinerja {unit}",
    "Tertib administrasi dan pelaporan {unit}",
];
const STAFF_RESULTS: [&str; 6] = [
    "Terlayaninya permohonan masyarakat pada {unit}",
    "Tersusunnya laporan kegiatan bulanan {unit}",
    "Terkelolanya arsip dan data layanan {unit}",
    "Terverifikasinya berkas pengajuan pada {unit}",
    "Terlaksananya pendataan sasaran program {unit}",
    "Tersedianya bahan rapat dan koordinasi {unit}",
];
/// (aspek, indicator, low, high, satuan)
const INDICATORS: [(&str, &str, i64, i64, &str); 6] = [
    (
        "kuantitas",
        "Jumlah dokumen yang diselesaikan",
        12,
        480,
        "dokumen",
    ),
    (
        "kuantitas",
        "Jumlah masyarakat yang dilayani",
        50,
        1200,
        "orang",
    ),
    (
        "kualitas",
        "Persentase berkas lengkap dan benar",
        85,
        100,
        "persen",
    ),
    (
        "waktu",
        "Rata-rata waktu penyelesaian layanan",
        1,
        7,
        "hari kerja",
    ),
    (
        "kualitas",
        "Indeks kepuasan penerima layanan",
        76,
        95,
        "indeks",
    ),
    (
        "biaya",
        "Persentase realisasi anggaran kegiatan",
        90,
        100,
        "persen",
    ),
];
const EXPECTATIONS: [(&str, &str); 4] = [
    (
        "berorientasi_pelayanan",
        "Menanggapi setiap pengaduan masyarakat paling lambat satu hari kerja.",
    ),
    (
        "akuntabel",
        "Menyampaikan laporan kegiatan tepat waktu setiap akhir bulan.",
    ),
    (
        "kolaboratif",
        "Aktif berbagi data dengan bidang lain tanpa menunggu diminta.",
    ),
    (
        "adaptif",
        "Memanfaatkan aplikasi layanan daring untuk mempercepat proses.",
    ),
];
const RETURN_REASONS: [&str; 3] = [
    "Target kuantitas terlalu rendah dibanding capaian tahun lalu; mohon disesuaikan.",
    "Indikator belum terukur; tuliskan satuan dan cara menghitungnya.",
    "RHK kedua belum mendukung RHK atasan yang sesuai; pilih ulang.",
];

/// Writes the year (if missing) and demo plans for every active employee.
pub async fn seed_demo_plans(
    db: &Db,
    year: i64,
    scheme: PeriodScheme,
    filing_days: u32,
    seed: u64,
    mut progress: impl FnMut(Progress),
) -> Result<DemoPlanCounts, sqlx::Error> {
    let people = load_people(db).await?;
    let demo: HashMap<DemoRole, i64> = super::demo_account_ids(db).await?;
    let holder: HashMap<i64, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.position, i))
        .collect();
    let boss_of = |i: usize| {
        people[i]
            .parent_position
            .and_then(|p| holder.get(&p).copied())
    };
    // The demo atasan's whole line is approved so their subordinates can link.
    let mut forced_approved = HashSet::new();
    if let Some(i) = demo
        .get(&DemoRole::Atasan)
        .and_then(|id| people.iter().position(|p| p.employee == *id))
    {
        let mut at = Some(i);
        while let Some(i) = at {
            if !forced_approved.insert(i) {
                break;
            }
            at = boss_of(i);
        }
    }
    // The demo atasan's team (but the demo pegawai, who drafts one) is approved
    // too: the atasan has people to follow and to rate.
    if let Some(atasan) = demo
        .get(&DemoRole::Atasan)
        .and_then(|id| people.iter().position(|p| p.employee == *id))
    {
        let pegawai = demo.get(&DemoRole::Pegawai);
        for (i, person) in people.iter().enumerate() {
            if boss_of(i) == Some(atasan) && Some(&person.employee) != pegawai {
                forced_approved.insert(i);
            }
        }
    }
    // The demo pelapor reports realisasi, so their plan is approved too.
    if let Some(i) = demo
        .get(&DemoRole::Pelapor)
        .and_then(|id| people.iter().position(|p| p.employee == *id))
    {
        forced_approved.insert(i);
    }
    let order = top_down(&people, &holder);
    let mut rng = Random::new(seed ^ year as u64);
    let base_plan = next_id(db, "skp_plans").await?;
    let base_rhk = next_id(db, "skp_rhk").await?;
    let mut state_of: HashMap<usize, State> = HashMap::new();
    let mut rhk_of: HashMap<usize, Vec<(i64, String)>> = HashMap::new();
    let (mut plans, mut rhk, mut iki) = (Vec::new(), Vec::new(), Vec::new());
    let mut counts = DemoPlanCounts::default();
    for &i in &order {
        let person = &people[i];
        let boss = boss_of(i);
        let is_jpt = matches!(person.kind, JabatanKind::Jpt | JabatanKind::KepalaDaerah);
        let boss_state = boss.and_then(|b| state_of.get(&b).copied()).unwrap_or(None);
        let state = if forced_approved.contains(&i) {
            Some(PlanStatus::Approved)
        } else if Some(&person.employee) == demo.get(&DemoRole::Pegawai) {
            None
        } else {
            pick_state(&mut rng, is_jpt, boss.is_none(), boss_state)
        };
        state_of.insert(i, state);
        let Some(state) = state else {
            continue;
        };
        let plan_id = base_plan + plans.len() as i64;
        plans.push(PlanRow {
            id: plan_id,
            employee: person.employee,
            position: person.position,
            state,
            approved_by: boss.map(|b| people[b].employee),
        });
        let parents: Vec<(i64, String)> = match boss {
            Some(b) if boss_state == Some(PlanStatus::Approved) && !is_jpt => {
                rhk_of.get(&b).cloned().unwrap_or_default()
            }
            _ => Vec::new(),
        };
        let how_many = 2 + rng.below(2) as usize;
        let mut mine = Vec::new();
        for n in 0..how_many {
            let id = base_rhk + rhk.len() as i64;
            let (text, perspektif) = if is_jpt {
                let (p, t) = JPT_GOALS[(n + rng.below(4) as usize) % JPT_GOALS.len()];
                (t, Some(p))
            } else if matches!(
                person.kind,
                JabatanKind::Administrator | JabatanKind::Pengawas
            ) {
                (*rng.pick(&MIDDLE_GOALS), None)
            } else {
                (*rng.pick(&STAFF_RESULTS), None)
            };
            let text = text.replace("{unit}", &person.unit);
            let parent = (!parents.is_empty()).then(|| parents[n % parents.len()].0);
            rhk.push(RhkRow {
                id,
                plan: plan_id,
                order: n as i64,
                kind: if n == 0 || (n == 1 && rng.chance(60)) {
                    "utama"
                } else {
                    "tambahan"
                },
                text: text.clone(),
                parent,
                perspektif,
            });
            for k in 0..1 + rng.below(2) as i64 {
                let (aspek, indicator, low, high, satuan) = *rng.pick(&INDICATORS);
                let value = rng.between(low, high);
                iki.push(IkiRow {
                    rhk: id,
                    order: k,
                    iki: IkiDraft {
                        aspek: aspek.into(),
                        indicator: indicator.into(),
                        target: value.to_string(),
                        satuan: satuan.into(),
                        accumulation: None,
                    },
                    value: value as f64,
                });
            }
            mine.push((id, text));
        }
        rhk_of.insert(i, mine);
        match state {
            PlanStatus::Draft => counts.draf += 1,
            PlanStatus::Submitted => counts.diajukan += 1,
            PlanStatus::Returned => counts.dikembalikan += 1,
            PlanStatus::Approved => counts.disetujui += 1,
        }
    }
    counts.rhk = rhk.len();
    write(
        db,
        year,
        scheme,
        filing_days,
        &plans,
        &rhk,
        &iki,
        &mut rng,
        &mut progress,
    )
    .await?;
    Ok(counts)
}

fn pick_state(rng: &mut Random, is_jpt: bool, top: bool, boss: State) -> State {
    let roll = rng.below(100);
    if is_jpt || top {
        return match roll {
            0..=84 => Some(PlanStatus::Approved),
            85..=94 => Some(PlanStatus::Submitted),
            _ => Some(PlanStatus::Draft),
        };
    }
    if boss != Some(PlanStatus::Approved) {
        // Without the supervisor's approved RHK a plan can only be drafted.
        return if roll < 50 {
            Some(PlanStatus::Draft)
        } else {
            None
        };
    }
    match roll {
        0..=49 => Some(PlanStatus::Approved),
        50..=64 => Some(PlanStatus::Submitted),
        65..=72 => Some(PlanStatus::Returned),
        73..=84 => Some(PlanStatus::Draft),
        _ => None,
    }
}

async fn load_people(db: &Db) -> Result<Vec<Person>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id AS employee, p.id AS position, p.parent_id AS parent_position, p.kind, u.name AS unit \
         FROM employees e JOIN positions p ON p.id = e.position_id JOIN units u ON u.id = p.unit_id \
         WHERE e.active = 1 ORDER BY e.id",
    )
    .fetch_all(db.pool())
    .await
}

/// People ordered so every supervisor comes before their subordinates.
fn top_down(people: &[Person], holder: &HashMap<i64, usize>) -> Vec<usize> {
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (i, p) in people.iter().enumerate() {
        match p.parent_position.and_then(|pp| holder.get(&pp)) {
            Some(&b) if b != i => children.entry(b).or_default().push(i),
            _ => order.push(i),
        }
    }
    let mut at = 0;
    while at < order.len() {
        if let Some(list) = children.remove(&order[at]) {
            order.extend(list);
        }
        at += 1;
    }
    order
}

#[allow(clippy::too_many_arguments)]
async fn write(
    db: &Db,
    year: i64,
    scheme: PeriodScheme,
    filing_days: u32,
    plans: &[PlanRow],
    rhk: &[RhkRow],
    iki: &[IkiRow],
    rng: &mut Random,
    progress: &mut impl FnMut(Progress),
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    let mut tx = db.write().await?;
    if crate::skp::period::repository::year_status(&mut tx, year)
        .await?
        .is_none()
    {
        crate::skp::period::service::insert_year(&mut tx, year, scheme, filing_days, None, now)
            .await?;
    }
    let reasons: HashMap<i64, &str> = plans
        .iter()
        .filter(|p| p.state == PlanStatus::Returned)
        .map(|p| (p.id, *rng.pick(&RETURN_REASONS)))
        .collect();
    insert_batched(
        &mut tx,
        "skp_plans",
        Some(now),
        &[
            "id", "employee_id", "year", "position_id", "approach", "status", "version",
            "lampiran_json", "return_reason", "submitted_at", "approved_at", "approved_by",
        ],
        plans,
        |p, args| {
            let submitted = p.state != PlanStatus::Draft;
            let approved = p.state == PlanStatus::Approved;
            args.add(p.id)?;
            args.add(p.employee)?;
            args.add(year)?;
            args.add(p.position)?;
            args.add("kuantitatif")?;
            args.add(p.state)?;
            args.add(if submitted { 3_i64 } else { 1 })?;
            args.add(json!({
                "dukungan_sumber_daya": ["Aplikasi layanan daring", "Anggaran kegiatan tahun berjalan"],
                "skema_pertanggungjawaban": ["Laporan bulanan kepada atasan langsung"],
                "konsekuensi": ["Capaian menjadi dasar penilaian kinerja tahunan"],
            }).to_string())?;
            args.add(reasons.get(&p.id).map(|r| r.to_string()))?;
            args.add(submitted.then_some(now))?;
            args.add(approved.then_some(now))?;
            args.add(if approved { p.approved_by } else { None })?;
            Ok(())
        },
        progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "skp_rhk",
        Some(now),
        &[
            "id",
            "plan_id",
            "sort_order",
            "kind",
            "text",
            "parent_rhk_id",
            "perspektif",
        ],
        rhk,
        |r, args| {
            args.add(r.id)?;
            args.add(r.plan)?;
            args.add(r.order)?;
            args.add(r.kind)?;
            args.add(r.text.clone())?;
            args.add(r.parent)?;
            args.add(r.perspektif)?;
            Ok(())
        },
        progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "skp_iki",
        None,
        &[
            "rhk_id",
            "sort_order",
            "aspek",
            "indicator",
            "target",
            "target_value",
            "satuan",
        ],
        iki,
        |k, args| {
            args.add(k.rhk)?;
            args.add(k.order)?;
            args.add(k.iki.aspek.clone())?;
            args.add(k.iki.indicator.clone())?;
            args.add(k.iki.target.clone())?;
            args.add(k.value)?;
            args.add(k.iki.satuan.clone())?;
            Ok(())
        },
        progress,
    )
    .await?;
    // Snapshots of what was submitted (and approved or returned), readable in the history.
    let mut iki_of: HashMap<i64, Vec<IkiDraft>> = HashMap::new();
    for k in iki {
        iki_of.entry(k.rhk).or_default().push(k.iki.clone());
    }
    let mut content: HashMap<i64, Vec<RhkView>> = HashMap::new();
    for r in rhk {
        content.entry(r.plan).or_default().push(RhkView {
            id: r.id,
            kind: r.kind.into(),
            text: r.text.clone(),
            parent_rhk_id: r.parent,
            parent_text: None,
            perspektif: r.perspektif.map(Into::into),
            iki: iki_of.remove(&r.id).unwrap_or_default(),
        });
    }
    let mut versions = Vec::new();
    for p in plans.iter().filter(|p| p.state != PlanStatus::Draft) {
        let body = json!({ "rhk": content.get(&p.id) }).to_string();
        versions.push((
            p.id,
            2_i64,
            PlanStatus::Submitted,
            None,
            p.employee,
            body.clone(),
        ));
        if p.state != PlanStatus::Submitted {
            let note = reasons.get(&p.id).map(|r| r.to_string());
            versions.push((
                p.id,
                3,
                p.state,
                note,
                p.approved_by.unwrap_or(p.employee),
                body,
            ));
        }
    }
    insert_batched(
        &mut tx,
        "skp_plan_versions",
        None,
        &[
            "plan_id",
            "version",
            "status",
            "content_json",
            "note",
            "created_by",
            "created_at",
        ],
        &versions,
        |(plan, version, status, note, by, body), args| {
            args.add(*plan)?;
            args.add(*version)?;
            args.add(*status)?;
            args.add(body.clone())?;
            args.add(note.clone())?;
            args.add(*by)?;
            args.add(now)?;
            Ok(())
        },
        progress,
    )
    .await?;
    let mut expectations: Vec<(i64, &str, &str, i64)> = Vec::new();
    for p in plans.iter().filter(|p| p.state != PlanStatus::Draft) {
        let Some(by) = p.approved_by else { continue };
        if !rng.chance(60) {
            continue;
        }
        let first = rng.below(EXPECTATIONS.len() as u64) as usize;
        for k in [first, (first + 1) % EXPECTATIONS.len()] {
            let (value, text) = EXPECTATIONS[k];
            expectations.push((p.id, value, text, by));
        }
    }
    insert_batched(
        &mut tx,
        "skp_expectations",
        None,
        &["plan_id", "core_value", "text", "written_by", "updated_at"],
        &expectations,
        |(plan, value, text, by), args| {
            args.add(*plan)?;
            args.add(*value)?;
            args.add(*text)?;
            args.add(*by)?;
            args.add(now)?;
            Ok(())
        },
        progress,
    )
    .await?;
    move_id_sequences(&mut tx, db.backend(), &["skp_plans", "skp_rhk"]).await?;
    tx.commit().await
}
