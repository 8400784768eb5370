//! Demo evaluations for the demo year's past periods, consistent with the
//! approved plans and the realisasi filed: every state (a draft being rated,
//! final, acknowledged, appealed, decided), a Predikat Kinerja Organisasi for
//! most units kerja, and predikat drawn so that some units keep their curve and
//! some breach it. The demo atasan's team is left unrated in the latest period,
//! for the atasan to rate, and so is the atasan, for the demo atasan pejabat
//! penilai.

use super::random::Random;
use super::{insert_batched, move_id_sequences, next_id, DemoRole, Progress};
use crate::calendar::CivilDate;
use crate::penilaian::repository::{choose_curve_unit, UpRow};
use crate::penilaian::rules::{predikat, LeaderMapping, Predikat, Rating, UnitPredikat};
use crate::penilaian::types::{AppealOutcome, EvaluationStatus};
use crate::platform::db::Db;
use crate::realisasi::repository as realisasi_repo;
use crate::skp::berakhlak::CoreValue;
use crate::skp::types::PlanStatus;
use sqlx::Arguments;
use std::collections::HashMap;

/// What was written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoPenilaianCounts {
    pub drafts: usize,
    pub finalised: usize,
    pub acknowledged: usize,
    pub appealed: usize,
    pub decided: usize,
    pub unit_results: usize,
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    parent_id: Option<i64>,
    name: String,
    kind: String,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    employee_id: i64,
    unit_id: i64,
    parent_unit: Option<i64>,
    supervisor: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RhkRow {
    employee_id: i64,
    rhk_id: i64,
}

#[derive(sqlx::FromRow)]
struct FiledRow {
    employee_id: i64,
    period_id: i64,
    filed_at: i64,
}

struct Evaluation {
    id: i64,
    employee: i64,
    period: i64,
    unit: i64,
    status: EvaluationStatus,
    hasil_kerja: Rating,
    perilaku: Rating,
    predikat: Predikat,
    rater: Option<i64>,
    rated_at: i64,
    finalised_at: Option<i64>,
    acknowledged_at: Option<i64>,
}

/// A keberatan: filed, and perhaps decided (upheld) at a time.
struct Appeal {
    evaluation: i64,
    reasons: &'static str,
    filed: i64,
    original: String,
    decided: Option<(AppealOutcome, i64)>,
}

const FEEDBACK_BELOW: [&str; 3] = [
    "Target periode ini belum tercapai; susun langkah percepatan bersama atasan.",
    "Sebagian berkas terlambat diselesaikan; perbaiki urutan kerja dan pencatatan.",
    "Bukti dukung belum lengkap; lengkapi pada periode berikutnya.",
];
const FEEDBACK_ABOVE: [&str; 3] = [
    "Capaian melampaui target dengan bukti yang lengkap. Pertahankan.",
    "Inisiatif mempercepat layanan terlihat jelas dari bukti dukung.",
    "Kerja sama dengan bidang lain membuat hasil lebih cepat tercapai.",
];
const APPEALS: [&str; 2] = [
    "Realisasi saya melampaui target pada dua indikator utama; mohon rating hasil kerja ditinjau kembali.",
    "Bukti dukung kegiatan pelayanan keliling belum dipertimbangkan dalam penilaian.",
];

/// The units kerja that carry a curve: each person's, by the same rule the
/// evaluation uses, from the unit tree read once.
fn curve_units(units: &[UnitRow], people: &[PersonRow]) -> HashMap<i64, (i64, bool)> {
    let by_id: HashMap<i64, &UnitRow> = units.iter().map(|u| (u.id, u)).collect();
    let mut out = HashMap::new();
    for person in people {
        let mut up = Vec::new();
        let mut at = by_id.get(&person.unit_id).copied();
        while let Some(unit) = at {
            up.push(UpRow {
                id: unit.id,
                name: unit.name.clone(),
                kind: unit.kind.clone(),
            });
            if matches!(unit.kind.as_str(), "perangkat_daerah" | "kecamatan") || up.len() > 30 {
                break;
            }
            at = unit.parent_id.and_then(|p| by_id.get(&p).copied());
        }
        if let Some(chosen) = choose_curve_unit(person.unit_id, person.parent_unit, &up) {
            out.insert(person.employee_id, (chosen.unit_id, chosen.leads));
        }
    }
    out
}

/// A unit's result for the year: mostly Baik, some Istimewa, a few lower; a
/// few units are left without one (their curve does not apply yet).
fn unit_result(rng: &mut Random) -> Option<UnitPredikat> {
    match rng.below(100) {
        0..=9 => None,
        10..=29 => Some(UnitPredikat::Istimewa),
        30..=84 => Some(UnitPredikat::Baik),
        85..=94 => Some(UnitPredikat::ButuhPerbaikan),
        _ => Some(UnitPredikat::Kurang),
    }
}

/// The predikat drawn for one person: within the unit's curve, or (for a unit
/// that breaches) too generous for it.
fn draw(rng: &mut Random, result: Option<UnitPredikat>, breaching: bool) -> Predikat {
    use Predikat::*;
    let roll = rng.below(100);
    let weights: [(u64, Predikat); 5] = match (result, breaching) {
        (_, true) => [
            (55, SangatBaik),
            (45, Baik),
            (0, ButuhPerbaikan),
            (0, Kurang),
            (0, SangatKurang),
        ],
        (Some(UnitPredikat::Istimewa), false) => [
            (45, SangatBaik),
            (50, Baik),
            (5, ButuhPerbaikan),
            (0, Kurang),
            (0, SangatKurang),
        ],
        (Some(UnitPredikat::ButuhPerbaikan), false) => [
            (5, SangatBaik),
            (20, Baik),
            (70, ButuhPerbaikan),
            (5, Kurang),
            (0, SangatKurang),
        ],
        (Some(UnitPredikat::Kurang | UnitPredikat::SangatKurang), false) => [
            (5, SangatBaik),
            (10, Baik),
            (15, ButuhPerbaikan),
            (65, Kurang),
            (5, SangatKurang),
        ],
        _ => [
            (20, SangatBaik),
            (55, Baik),
            (20, ButuhPerbaikan),
            (5, Kurang),
            (0, SangatKurang),
        ],
    };
    let mut acc = 0;
    for (weight, p) in weights {
        acc += weight;
        if roll < acc {
            return p;
        }
    }
    Baik
}

/// Two ratings whose lookup is `p` (the matrix has several; one is enough).
fn ratings_for(p: Predikat) -> (Rating, Rating) {
    match p {
        Predikat::SangatBaik => (Rating::DiAtas, Rating::DiAtas),
        Predikat::Baik => (Rating::Sesuai, Rating::Sesuai),
        Predikat::ButuhPerbaikan => (Rating::DiBawah, Rating::Sesuai),
        Predikat::Kurang => (Rating::Sesuai, Rating::DiBawah),
        Predikat::SangatKurang => (Rating::DiBawah, Rating::DiBawah),
    }
}

/// Writes evaluations for every period of `year` that ended before `today`, for
/// each employee whose plan of that year is approved and who filed realisasi.
pub async fn seed_demo_penilaian(
    db: &Db,
    leader_mapping: &LeaderMapping,
    year: i64,
    today: CivilDate,
    seed: u64,
    mut progress: impl FnMut(Progress),
) -> Result<DemoPenilaianCounts, sqlx::Error> {
    let mut counts = DemoPenilaianCounts::default();
    let mut conn = db.read().await?;
    let periods: Vec<realisasi_repo::PeriodRow> = realisasi_repo::periodic_periods(&mut conn, year)
        .await?
        .into_iter()
        .filter(|p| CivilDate::parse_iso(&p.ends_on).is_some_and(|end| end < today))
        .collect();
    let units: Vec<UnitRow> =
        sqlx::query_as("SELECT id, parent_id, name, kind FROM units WHERE active = 1")
            .fetch_all(&mut *conn)
            .await?;
    let people: Vec<PersonRow> = sqlx::query_as(
        "SELECT e.id AS employee_id, p.unit_id, pp.unit_id AS parent_unit, \
                (SELECT MIN(a.id) FROM employees a WHERE a.position_id = p.parent_id AND a.active = 1) AS supervisor \
         FROM skp_plans s JOIN employees e ON e.id = s.employee_id JOIN positions p ON p.id = e.position_id \
         LEFT JOIN positions pp ON pp.id = p.parent_id \
         WHERE s.year = $1 AND s.status = $2 AND e.active = 1 ORDER BY e.id",
    )
    .bind(year)
    .bind(PlanStatus::Approved)
    .fetch_all(&mut *conn)
    .await?;
    let rhk: Vec<RhkRow> = sqlx::query_as(
        "SELECT s.employee_id, r.id AS rhk_id FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id \
         WHERE s.year = $1 AND s.status = $2 ORDER BY s.employee_id, r.sort_order",
    )
    .bind(year)
    .bind(PlanStatus::Approved)
    .fetch_all(&mut *conn)
    .await?;
    let filed: Vec<FiledRow> = sqlx::query_as(
        "SELECT r.employee_id, r.period_id, r.filed_at FROM realisasi_reports r JOIN periods p ON p.id = r.period_id \
         WHERE p.year = $1 AND r.filed_at IS NOT NULL",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    drop(conn);
    if periods.is_empty() || people.is_empty() {
        return Ok(counts);
    }
    let demo = super::demo_account_ids(db).await?;
    let atasan = demo.get(&DemoRole::Atasan).copied();
    let admin = demo.get(&DemoRole::AdminBkpsdm).copied().unwrap_or(1);
    let curve_of = curve_units(&units, &people);
    let mut rhk_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in &rhk {
        rhk_of.entry(r.employee_id).or_default().push(r.rhk_id);
    }
    let filed_at: HashMap<(i64, i64), i64> = filed
        .iter()
        .map(|f| ((f.employee_id, f.period_id), f.filed_at))
        .collect();
    let mut rng = Random::new(seed ^ (year as u64).rotate_left(29) ^ 0x9e1a_1a17);

    // Each unit kerja's result, and whether its predikat are drawn to breach it.
    let mut curve_ids: Vec<i64> = curve_of.values().map(|(u, _)| *u).collect();
    curve_ids.sort_unstable();
    curve_ids.dedup();
    let mut results: Vec<(i64, UnitPredikat)> = Vec::new();
    let mut breaching: HashMap<i64, bool> = HashMap::new();
    for unit in &curve_ids {
        let result = unit_result(&mut rng);
        if let Some(r) = result {
            results.push((*unit, r));
        }
        breaching.insert(*unit, result.is_some() && rng.chance(25));
    }
    let result_of: HashMap<i64, UnitPredikat> = results.iter().copied().collect();
    counts.unit_results = results.len();

    let latest = periods.last().map(|p| p.id);
    let base = next_id(db, "evaluations").await?;
    let mut evaluations: Vec<Evaluation> = Vec::new();
    for period in &periods {
        let latest_period = Some(period.id) == latest;
        for person in &people {
            let Some(&filed) = filed_at.get(&(person.employee_id, period.id)) else {
                continue;
            };
            let Some(&(unit, leads)) = curve_of.get(&person.employee_id) else {
                continue;
            };
            // The demo atasan's reports wait for them in the latest period, and
            // the atasan for their own rater (the demo atasan pejabat penilai).
            let on_demo_team = atasan.is_some()
                && (person.supervisor == atasan || Some(person.employee_id) == atasan);
            if latest_period && on_demo_team {
                continue;
            }
            let roll = rng.below(100);
            let status = match (latest_period, roll) {
                (true, 0..=34) => continue,
                (true, 35..=59) => EvaluationStatus::Draft,
                (true, 60..=89) => EvaluationStatus::Final,
                (true, _) => EvaluationStatus::Acknowledged,
                (false, 0..=4) => continue,
                (false, 5..=9) => EvaluationStatus::Draft,
                (false, 10..=34) => EvaluationStatus::Final,
                (false, 35..=91) => EvaluationStatus::Acknowledged,
                (false, 92..=95) => EvaluationStatus::Appealed,
                (false, _) => EvaluationStatus::Decided,
            };
            let result = result_of.get(&unit).copied();
            let drawn = draw(
                &mut rng,
                result,
                breaching.get(&unit).copied().unwrap_or(false),
            );
            let (mut hasil_kerja, perilaku) = ratings_for(drawn);
            // A leader's hasil kerja follows their unit's result.
            if leads {
                if let Some(r) = result {
                    hasil_kerja = leader_mapping.rating(r);
                }
            }
            let rated_at = filed + (2 + rng.below(10) as i64) * 86_400_000;
            let finalised_at = (status != EvaluationStatus::Draft).then_some(rated_at + 3_600_000);
            let acknowledged_at = matches!(
                status,
                EvaluationStatus::Acknowledged
                    | EvaluationStatus::Appealed
                    | EvaluationStatus::Decided
            )
            .then_some(rated_at + 2 * 86_400_000);
            match status {
                EvaluationStatus::Draft => counts.drafts += 1,
                EvaluationStatus::Final => counts.finalised += 1,
                EvaluationStatus::Acknowledged => counts.acknowledged += 1,
                EvaluationStatus::Appealed => counts.appealed += 1,
                EvaluationStatus::Decided => counts.decided += 1,
            }
            evaluations.push(Evaluation {
                id: base + evaluations.len() as i64,
                employee: person.employee_id,
                period: period.id,
                unit,
                status,
                hasil_kerja,
                perilaku,
                predikat: predikat(hasil_kerja, perilaku),
                rater: person.supervisor,
                rated_at,
                finalised_at,
                acknowledged_at,
            });
        }
    }
    // Each RHK rated as the hasil kerja, each value as the perilaku, with umpan
    // balik where the rating asks for it (and now and then where it does not).
    let mut rhk_rows: Vec<(i64, i64, Rating, &'static str)> = Vec::new();
    let mut value_rows: Vec<(i64, &'static str, Rating, &'static str)> = Vec::new();
    let mut appeals: Vec<Appeal> = Vec::new();
    for e in &evaluations {
        let feedback = |rng: &mut Random, rating: Rating| match rating {
            Rating::DiBawah => *rng.pick(&FEEDBACK_BELOW),
            Rating::DiAtas if rng.chance(60) => *rng.pick(&FEEDBACK_ABOVE),
            _ => "",
        };
        for rhk_id in rhk_of.get(&e.employee).into_iter().flatten() {
            let text = feedback(&mut rng, e.hasil_kerja);
            rhk_rows.push((e.id, *rhk_id, e.hasil_kerja, text));
        }
        for value in CoreValue::ALL {
            let text = feedback(&mut rng, e.perilaku);
            value_rows.push((e.id, value.code(), e.perilaku, text));
        }
        if matches!(
            e.status,
            EvaluationStatus::Appealed | EvaluationStatus::Decided
        ) {
            let original = serde_json::json!({
                "hasil_kerja": e.hasil_kerja.code(),
                "perilaku": e.perilaku.code(),
                "predikat": e.predikat.code(),
            })
            .to_string();
            let filed = e.acknowledged_at.unwrap_or(e.rated_at) + 86_400_000;
            let decided = (e.status == EvaluationStatus::Decided)
                .then_some((AppealOutcome::Upheld, filed + 3 * 86_400_000));
            let reasons = *rng.pick(&APPEALS);
            appeals.push(Appeal {
                evaluation: e.id,
                reasons,
                filed,
                original,
                decided,
            });
        }
    }
    let reviewer_of: HashMap<i64, Option<i64>> = people
        .iter()
        .map(|p| (p.employee_id, p.supervisor))
        .collect();
    let mut tx = db.write().await?;
    insert_batched(
        &mut tx,
        "unit_results",
        None,
        &["unit_id", "year", "predikat", "set_by", "set_at"],
        &results,
        |(unit, result), args| {
            args.add(*unit)?;
            args.add(year)?;
            args.add(result.code())?;
            args.add(admin)?;
            args.add(crate::platform::db::now_millis())?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "evaluations",
        None,
        &[
            "id",
            "employee_id",
            "period_id",
            "unit_id",
            "status",
            "version",
            "hasil_kerja",
            "perilaku",
            "predikat",
            "rated_by",
            "rated_at",
            "finalised_by",
            "finalised_at",
            "acknowledged_at",
            "created_at",
            "updated_at",
        ],
        &evaluations,
        |e, args| {
            args.add(e.id)?;
            args.add(e.employee)?;
            args.add(e.period)?;
            args.add(e.unit)?;
            args.add(e.status.code())?;
            args.add(2_i64)?;
            args.add(e.hasil_kerja.code())?;
            args.add(e.perilaku.code())?;
            args.add(e.predikat.code())?;
            args.add(e.rater)?;
            args.add(e.rated_at)?;
            args.add(e.finalised_at.and(e.rater))?;
            args.add(e.finalised_at)?;
            args.add(e.acknowledged_at)?;
            args.add(e.rated_at - 86_400_000)?;
            args.add(e.acknowledged_at.or(e.finalised_at).unwrap_or(e.rated_at))?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "evaluation_rhk",
        None,
        &["evaluation_id", "rhk_id", "rating", "feedback"],
        &rhk_rows,
        |(evaluation, rhk, rating, feedback), args| {
            args.add(*evaluation)?;
            args.add(*rhk)?;
            args.add(rating.code())?;
            args.add(*feedback)?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "evaluation_values",
        None,
        &["evaluation_id", "value_code", "rating", "feedback"],
        &value_rows,
        |(evaluation, code, rating, feedback), args| {
            args.add(*evaluation)?;
            args.add(*code)?;
            args.add(rating.code())?;
            args.add(*feedback)?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    let employee_of: HashMap<i64, i64> = evaluations.iter().map(|e| (e.id, e.employee)).collect();
    insert_batched(
        &mut tx,
        "evaluation_appeals",
        None,
        &[
            "evaluation_id",
            "reasons",
            "filed_at",
            "original_json",
            "outcome",
            "decision",
            "decided_by",
            "decided_at",
        ],
        &appeals,
        |a, args| {
            let decided = a.decided;
            // The atasan pejabat penilai: the rater's own supervisor.
            let rater = employee_of
                .get(&a.evaluation)
                .and_then(|e| reviewer_of.get(e).copied().flatten());
            let reviewer = rater
                .and_then(|r| reviewer_of.get(&r).copied().flatten())
                .or(rater);
            args.add(a.evaluation)?;
            args.add(a.reasons)?;
            args.add(a.filed)?;
            args.add(a.original.clone())?;
            args.add(decided.map(|(o, _)| o.code()))?;
            args.add(
                decided
                    .map(|_| "Realisasi dan bukti dukung sudah dipertimbangkan; penilaian tetap."),
            )?;
            args.add(decided.and(reviewer))?;
            args.add(decided.map(|(_, at)| at))?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    move_id_sequences(&mut tx, db.backend(), &["evaluations"]).await?;
    tx.commit().await?;
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ratings_drawn_give_their_predikat() {
        for &p in Predikat::ALL {
            let (h, b) = ratings_for(p);
            assert_eq!(predikat(h, b), p);
        }
    }

    #[test]
    fn a_breaching_unit_draws_no_butuh_perbaikan_or_kurang() {
        let mut rng = Random::new(7);
        for _ in 0..200 {
            let p = draw(&mut rng, Some(UnitPredikat::Baik), true);
            assert!(matches!(p, Predikat::SangatBaik | Predikat::Baik), "{p:?}");
        }
    }
}
