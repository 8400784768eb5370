//! Builds the whole demo dataset in memory, deterministically from a seed: the unit
//! tree, positions with their supervision chain up to Sekda and Bupati, and employees
//! with fictional names and valid-format synthetic NIPs (sequence digits 9xx).

use super::catalogue::{self, Department, Division, Upt};
use super::random::Random;
use crate::calendar::CivilDate;
use crate::organisation::nip::{Nip, Sex};
use crate::organisation::types::{EmployeeStatus, JabatanKind, UnitKind};
use std::collections::HashSet;

pub const DEFAULT_SEED: u64 = 1708;
pub const DEFAULT_EMPLOYEES: usize = 3000;
/// The reference year of the demo data (ages and appointment dates end here).
const REFERENCE_YEAR: i32 = 2026;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub illustrative: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionRow {
    pub id: i64,
    pub unit_id: i64,
    pub parent_id: Option<i64>,
    pub title: String,
    pub kind: JabatanKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeRow {
    pub id: i64,
    pub nip: Option<Nip>,
    pub name: String,
    pub sex: Sex,
    pub birth_date: CivilDate,
    pub status: EmployeeStatus,
    pub golongan: Option<String>,
    pub position_id: i64,
}

crate::coded_enum!(DemoRole {
    Pegawai => "pegawai",
    /// A colleague of the demo pegawai whose SKP is approved and who has not
    /// reported any period yet: the one to try realisasi with.
    Pelapor => "pelapor",
    Atasan => "atasan",
    /// The demo atasan's own supervisor: their rater, and the atasan pejabat
    /// penilai of the atasan's team (decides a keberatan).
    Penilai => "penilai",
    AdminBkpsdm => "admin_bkpsdm",
    Pimpinan => "pimpinan",
});

impl DemoRole {
    pub fn label(self) -> &'static str {
        match self {
            DemoRole::Pegawai => "pegawai",
            DemoRole::Pelapor => "pegawai (realisasi)",
            DemoRole::Atasan => "atasan",
            DemoRole::Penilai => "atasan pejabat penilai",
            DemoRole::AdminBkpsdm => "admin BKPSDM",
            DemoRole::Pimpinan => "pimpinan",
        }
    }
}

/// An employee the run command prints, to log in as each kind of user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub role: DemoRole,
    pub employee_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedPlan {
    pub units: Vec<UnitRow>,
    pub positions: Vec<PositionRow>,
    pub employees: Vec<EmployeeRow>,
    pub demo_accounts: Vec<DemoAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Jumlah pegawai terlalu kecil: struktur organisasi demo membutuhkan sekurang-kurangnya {minimum} pegawai.")]
pub struct TooFewEmployees {
    pub minimum: usize,
}

/// A position filled by one person (structural heads, school and puskesmas heads).
struct Leader {
    position: i64,
}

/// A pelaksana/fungsional position that takes a share of the remaining employees.
struct StaffSlot {
    position: i64,
    weight: u32,
    pppk_percent: u64,
}

struct Builder {
    units: Vec<UnitRow>,
    positions: Vec<PositionRow>,
    leaders: Vec<Leader>,
    slots: Vec<StaffSlot>,
    rng: Random,
    /// Positions the demo accounts are taken from.
    demo_staff_position: Option<i64>,
    demo_atasan_position: Option<i64>,
    demo_admin_position: Option<i64>,
    sekda_position: i64,
}

impl Builder {
    fn unit(&mut self, parent: Option<i64>, name: &str, kind: UnitKind, illustrative: bool) -> i64 {
        let id = self.units.len() as i64 + 1;
        let code = match parent {
            None => "17.08".to_owned(),
            Some(parent_id) => {
                let siblings = self
                    .units
                    .iter()
                    .filter(|u| u.parent_id == Some(parent_id))
                    .count();
                format!(
                    "{}.{:02}",
                    self.units[parent_id as usize - 1].code,
                    siblings + 1
                )
            }
        };
        self.units.push(UnitRow {
            id,
            parent_id: parent,
            code,
            name: name.to_owned(),
            kind,
            illustrative,
        });
        id
    }

    fn position(&mut self, unit: i64, parent: Option<i64>, title: &str, kind: JabatanKind) -> i64 {
        let id = self.positions.len() as i64 + 1;
        self.positions.push(PositionRow {
            id,
            unit_id: unit,
            parent_id: parent,
            title: title.to_owned(),
            kind,
        });
        id
    }

    fn leader(&mut self, unit: i64, parent: i64, title: &str, kind: JabatanKind) -> i64 {
        let id = self.position(unit, Some(parent), title, kind);
        self.leaders.push(Leader { position: id });
        id
    }

    fn staff(
        &mut self,
        unit: i64,
        parent: i64,
        title: &str,
        kind: JabatanKind,
        weight: u32,
    ) -> i64 {
        let id = self.position(unit, Some(parent), title, kind);
        let pppk_percent = match (kind, title) {
            (JabatanKind::Fungsional, t) if is_teacher_or_health(t) => 35,
            (JabatanKind::Fungsional, _) => 10,
            _ => 15,
        };
        self.slots.push(StaffSlot {
            position: id,
            weight,
            pppk_percent,
        });
        id
    }

    /// Two pelaksana positions in a seksi/subbagian, under its head.
    fn section_staff(&mut self, unit: i64, head: i64) -> i64 {
        let first = *self.rng.pick(catalogue::PELAKSANA_TITLES);
        let mut second = *self.rng.pick(catalogue::PELAKSANA_TITLES);
        if second == first {
            second = catalogue::PELAKSANA_TITLES[0];
        }
        let id = self.staff(unit, head, first, JabatanKind::Pelaksana, 2);
        if second != first {
            self.staff(unit, head, second, JabatanKind::Pelaksana, 1);
        }
        id
    }

    fn division(
        &mut self,
        parent_unit: i64,
        head: i64,
        division: &Division,
        department: &str,
    ) -> i64 {
        let unit = self.unit(Some(parent_unit), division.name, UnitKind::Bidang, false);
        let title = if division.name == "Sekretariat" {
            "Sekretaris".to_owned()
        } else if division.name.starts_with("Inspektur") {
            division.name.to_owned()
        } else {
            format!("Kepala {}", division.name)
        };
        let chief = self.leader(unit, head, &title, JabatanKind::Administrator);
        if division.sections.is_empty() {
            self.section_staff(unit, chief);
        }
        for section in division.sections {
            let section_unit = self.unit(Some(unit), section, UnitKind::Seksi, false);
            let kasi = self.leader(
                section_unit,
                chief,
                &format!("Kepala {section}"),
                JabatanKind::Pengawas,
            );
            let staff = self.section_staff(section_unit, kasi);
            if department.starts_with("Dinas Penanaman Modal")
                && *section == "Seksi Perizinan Usaha"
            {
                self.demo_staff_position = Some(staff);
                self.demo_atasan_position = Some(kasi);
            }
            if department.starts_with("Badan Kepegawaian") && section.contains("Penilaian Kinerja")
            {
                self.demo_admin_position = Some(staff);
            }
        }
        chief
    }

    fn department(&mut self, pemda: i64, spec: &Department, scale: f64) {
        let unit = self.unit(
            Some(pemda),
            spec.name,
            UnitKind::PerangkatDaerah,
            spec.illustrative,
        );
        let head = self.leader(unit, self.sekda_position, spec.head, JabatanKind::Jpt);
        let chiefs: Vec<i64> = spec
            .divisions
            .iter()
            .map(|division| self.division(unit, head, division, spec.name))
            .collect();
        // Functional staff report to the technical divisions, not to the secretariat.
        for (i, (title, weight)) in spec.functional.iter().enumerate() {
            let chief = chiefs[1 + i % (chiefs.len() - 1).max(1)];
            let division_unit = self.positions[chief as usize - 1].unit_id;
            self.staff(
                division_unit,
                chief,
                title,
                JabatanKind::Fungsional,
                weight * 3,
            );
        }
        match spec.upt {
            Upt::None => {}
            Upt::Puskesmas => self.puskesmas(unit, head, scale),
            Upt::Schools => self.schools(unit, &chiefs, scale),
        }
    }

    fn puskesmas(&mut self, department: i64, head: i64, scale: f64) {
        let count = ((10.0 * scale).round() as usize).max(8);
        for i in 0..count {
            let kecamatan = catalogue::KECAMATAN[i % catalogue::KECAMATAN.len()];
            let name = match i / catalogue::KECAMATAN.len() {
                0 => format!("UPTD Puskesmas {kecamatan}"),
                n => format!("UPTD Puskesmas {kecamatan} {}", n + 1),
            };
            let unit = self.unit(Some(department), &name, UnitKind::Upt, true);
            let chief = self.leader(unit, head, &format!("Kepala {name}"), JabatanKind::Pengawas);
            for (title, weight) in catalogue::PUSKESMAS_FUNCTIONAL {
                self.staff(unit, chief, title, JabatanKind::Fungsional, *weight);
            }
            self.staff(
                unit,
                chief,
                "Pengadministrasi Perkantoran",
                JabatanKind::Pelaksana,
                1,
            );
        }
    }

    fn schools(&mut self, department: i64, chiefs: &[i64], scale: f64) {
        // chiefs[1] leads SD, chiefs[2] SMP (order of the catalogue's divisions).
        let levels = [
            ("SD Negeri", chiefs[1], 36.0, 9),
            ("SMP Negeri", chiefs[2], 12.0, 16),
        ];
        for (prefix, chief, base, teachers) in levels {
            let count = ((base * scale).round() as usize).max(4);
            for n in 1..=count {
                let kecamatan = catalogue::KECAMATAN[(n - 1) % catalogue::KECAMATAN.len()];
                let name = format!("{prefix} {n:02} {kecamatan}");
                let unit = self.unit(Some(department), &name, UnitKind::Upt, true);
                let head = self.leader(
                    unit,
                    chief,
                    &format!("Kepala {name}"),
                    JabatanKind::Fungsional,
                );
                self.staff(unit, head, "Guru", JabatanKind::Fungsional, teachers);
                self.staff(
                    unit,
                    head,
                    "Pengadministrasi Perkantoran",
                    JabatanKind::Pelaksana,
                    1,
                );
            }
        }
    }

    fn sekretariat_daerah(&mut self, pemda: i64) {
        let unit = self.unit(
            Some(pemda),
            "Sekretariat Daerah",
            UnitKind::PerangkatDaerah,
            false,
        );
        // The Sekda position was created with the Bupati; move it into its unit.
        self.positions[self.sekda_position as usize - 1].unit_id = unit;
        for (assistant, divisions) in catalogue::SETDA_ASSISTANTS {
            let asisten = self.leader(unit, self.sekda_position, assistant, JabatanKind::Jpt);
            for division in *divisions {
                self.division(unit, asisten, division, "Sekretariat Daerah");
            }
        }
        self.staff(
            unit,
            self.sekda_position,
            "Analis Kebijakan",
            JabatanKind::Fungsional,
            3,
        );
    }

    fn kecamatan(&mut self, pemda: i64, name: &str) {
        let unit = self.unit(
            Some(pemda),
            &format!("Kecamatan {name}"),
            UnitKind::Kecamatan,
            false,
        );
        let camat = self.leader(
            unit,
            self.sekda_position,
            &format!("Camat {name}"),
            JabatanKind::Administrator,
        );
        let sekcam = self.leader(
            unit,
            camat,
            &format!("Sekretaris Camat {name}"),
            JabatanKind::Administrator,
        );
        for subbag in [
            "Subbagian Umum dan Kepegawaian",
            "Subbagian Perencanaan dan Keuangan",
        ] {
            let sub_unit = self.unit(Some(unit), subbag, UnitKind::Seksi, false);
            let head = self.leader(
                sub_unit,
                sekcam,
                &format!("Kepala {subbag}"),
                JabatanKind::Pengawas,
            );
            self.section_staff(sub_unit, head);
        }
        for section in catalogue::KECAMATAN_SECTIONS {
            let section_unit = self.unit(Some(unit), section, UnitKind::Seksi, false);
            let head = self.leader(
                section_unit,
                camat,
                &format!("Kepala {section}"),
                JabatanKind::Pengawas,
            );
            self.section_staff(section_unit, head);
        }
    }
}

fn is_teacher_or_health(title: &str) -> bool {
    matches!(
        title,
        "Guru"
            | "Dokter"
            | "Perawat"
            | "Bidan"
            | "Apoteker"
            | "Sanitarian"
            | "Nutrisionis"
            | "Pranata Laboratorium Kesehatan"
    )
}

/// Splits `total` over `weights` in proportion, remainders to the largest fractions.
fn apportion(total: usize, weights: &[u32]) -> Vec<usize> {
    let sum: u64 = weights.iter().map(|w| *w as u64).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut shares: Vec<usize> = weights
        .iter()
        .map(|w| (total as u64 * *w as u64 / sum) as usize)
        .collect();
    let mut rest = total - shares.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((total as u64 * weights[i] as u64) % sum));
    for i in order {
        if rest == 0 {
            break;
        }
        shares[i] += 1;
        rest -= 1;
    }
    shares
}

/// Generates the dataset for `employees` ASN (the Bupati comes on top).
pub fn plan(seed: u64, employees: usize) -> Result<SeedPlan, TooFewEmployees> {
    let scale = employees as f64 / DEFAULT_EMPLOYEES as f64;
    let mut b = Builder {
        units: Vec::new(),
        positions: Vec::new(),
        leaders: Vec::new(),
        slots: Vec::new(),
        rng: Random::new(seed),
        demo_staff_position: None,
        demo_atasan_position: None,
        demo_admin_position: None,
        sekda_position: 0,
    };
    let pemda = b.unit(
        None,
        "Pemerintah Kabupaten Kepahiang",
        UnitKind::Pemda,
        false,
    );
    let bupati = b.position(pemda, None, "Bupati Kepahiang", JabatanKind::KepalaDaerah);
    b.sekda_position = b.leader(pemda, bupati, "Sekretaris Daerah", JabatanKind::Jpt);
    b.sekretariat_daerah(pemda);
    for department in catalogue::DEPARTMENTS {
        b.department(pemda, department, scale);
    }
    for kecamatan in catalogue::KECAMATAN {
        b.kecamatan(pemda, kecamatan);
    }

    let minimum = b.leaders.len() + b.slots.len();
    if employees < minimum {
        return Err(TooFewEmployees { minimum });
    }
    // Every staff position gets at least one holder; the rest follows the weights.
    let weights: Vec<u32> = b.slots.iter().map(|s| s.weight).collect();
    let extra = apportion(employees - minimum, &weights);

    let mut people = People::new(Random::new(seed ^ 0x5EED));
    let mut rows = Vec::with_capacity(employees + 1);
    rows.push(people.bupati(bupati));
    for leader in &b.leaders {
        let position = &b.positions[leader.position as usize - 1];
        rows.push(people.person(rows.len() as i64 + 1, position, 0));
    }
    for (slot, extra) in b.slots.iter().zip(extra) {
        let position = &b.positions[slot.position as usize - 1];
        for _ in 0..=extra {
            rows.push(people.person(rows.len() as i64 + 1, position, slot.pppk_percent));
        }
    }

    let holder = |position: Option<i64>| {
        position.and_then(|p| rows.iter().find(|e| e.position_id == p).map(|e| e.id))
    };
    // Another direct report of the demo atasan: a second holder of the demo
    // pegawai's position, or else the holder of another position under the atasan.
    let pegawai = holder(b.demo_staff_position);
    let pelapor = rows
        .iter()
        .filter(|e| Some(e.id) != pegawai)
        .find(|e| Some(e.position_id) == b.demo_staff_position)
        .or_else(|| {
            rows.iter().filter(|e| Some(e.id) != pegawai).find(|e| {
                b.positions[e.position_id as usize - 1].parent_id == b.demo_atasan_position
            })
        })
        .map(|e| e.id);
    let demo_accounts = [
        (DemoRole::Pegawai, pegawai),
        (DemoRole::Pelapor, pelapor),
        (DemoRole::Atasan, holder(b.demo_atasan_position)),
        (
            DemoRole::Penilai,
            holder(
                b.demo_atasan_position
                    .and_then(|p| b.positions[p as usize - 1].parent_id),
            ),
        ),
        (DemoRole::AdminBkpsdm, holder(b.demo_admin_position)),
        (DemoRole::Pimpinan, holder(Some(b.sekda_position))),
    ]
    .into_iter()
    .filter_map(|(role, id)| id.map(|employee_id| DemoAccount { role, employee_id }))
    .collect();

    Ok(SeedPlan {
        units: b.units,
        positions: b.positions,
        employees: rows,
        demo_accounts,
    })
}

/// Makes up people: names, ages fitting the position, NIPs unique in the dataset.
struct People {
    rng: Random,
    nips: HashSet<String>,
}

impl People {
    fn new(rng: Random) -> Self {
        Self {
            rng,
            nips: HashSet::new(),
        }
    }

    fn bupati(&mut self, position: i64) -> EmployeeRow {
        let (name, sex) = self.name(JabatanKind::Jpt, "Bupati");
        EmployeeRow {
            id: 1,
            nip: None,
            name,
            sex,
            birth_date: CivilDate::new(1972, 3, 14).expect("valid date"),
            status: EmployeeStatus::NonAsn,
            golongan: None,
            position_id: position,
        }
    }

    fn name(&mut self, kind: JabatanKind, title: &str) -> (String, Sex) {
        let female_percent = match title {
            "Bidan" => 100,
            "Guru" | "Perawat" | "Nutrisionis" => 70,
            _ if matches!(kind, JabatanKind::Jpt) => 25,
            _ => 50,
        };
        let sex = if self.rng.chance(female_percent) {
            Sex::Female
        } else {
            Sex::Male
        };
        let given = match sex {
            Sex::Male => *self.rng.pick(catalogue::MALE_GIVEN),
            Sex::Female => *self.rng.pick(catalogue::FEMALE_GIVEN),
        };
        let family = match sex {
            Sex::Female if self.rng.chance(50) => *self.rng.pick(catalogue::FEMALE_FAMILY),
            _ => *self.rng.pick(catalogue::FAMILY),
        };
        let name = match title {
            "Dokter" => format!("dr. {given} {family}"),
            "Guru" => format!("{given} {family}, S.Pd."),
            "Perawat" => format!("{given} {family}, S.Kep."),
            "Bidan" => format!("{given} {family}, A.Md.Keb."),
            _ => match kind {
                JabatanKind::Jpt => format!(
                    "{given} {family}, {}, M.Si.",
                    self.rng.pick(&["S.E.", "S.H.", "S.Sos.", "S.T."])
                ),
                JabatanKind::Administrator | JabatanKind::Pengawas => {
                    format!(
                        "{given} {family}, {}",
                        self.rng
                            .pick(&["S.E.", "S.H.", "S.Sos.", "S.T.", "S.Kom.", "S.IP."])
                    )
                }
                _ => format!("{given} {family}"),
            },
        };
        (name, sex)
    }

    fn person(&mut self, id: i64, position: &PositionRow, pppk_percent: u64) -> EmployeeRow {
        let kind = position.kind;
        let (name, sex) = self.name(kind, &position.title);
        let status = if pppk_percent > 0 && self.rng.chance(pppk_percent) {
            EmployeeStatus::Pppk
        } else {
            EmployeeStatus::Pns
        };
        let (min_age, max_age) = match kind {
            JabatanKind::Jpt => (45, 58),
            JabatanKind::Administrator => (40, 56),
            JabatanKind::Pengawas => (32, 56),
            _ => (23, 58),
        };
        let birth_year = REFERENCE_YEAR - self.rng.between(min_age, max_age) as i32;
        let birth_month = self.rng.between(1, 12) as u8;
        let birth_day = self.rng.between(1, 28) as u8;
        let birth = CivilDate::new(birth_year, birth_month, birth_day).expect("day ≤ 28 is valid");
        let (appointed_year, appointed_month) = match status {
            EmployeeStatus::Pppk => (
                self.rng.between(2021, 2025) as i32,
                self.rng.between(1, 12) as u8,
            ),
            _ => {
                let year = (birth_year + self.rng.between(22, 30) as i32).min(REFERENCE_YEAR - 1);
                (year, self.rng.between(1, 12) as u8)
            }
        };
        let nip = self.unique_nip(
            birth,
            appointed_year.max(birth_year + 18),
            appointed_month,
            sex,
        );
        let years_served = REFERENCE_YEAR - appointed_year;
        let golongan = golongan(status, kind, years_served, &mut self.rng);
        EmployeeRow {
            id,
            nip: Some(nip),
            name,
            sex,
            birth_date: birth,
            status,
            golongan: Some(golongan),
            position_id: position.id,
        }
    }

    fn unique_nip(&mut self, birth: CivilDate, year: i32, month: u8, sex: Sex) -> Nip {
        let start = self.rng.between(900, 999) as u16;
        for offset in 0..100 {
            let sequence = 900 + (start - 900 + offset) % 100;
            let nip = Nip::from_parts(birth, year, month, sex, sequence)
                .expect("generated parts are valid");
            if self.nips.insert(nip.as_str().to_owned()) {
                return nip;
            }
        }
        // All 100 demo sequences of this date are taken: try the next birth day.
        let next_day =
            CivilDate::new(birth.year(), birth.month(), birth.day() % 28 + 1).expect("valid");
        self.unique_nip(next_day, year, month, sex)
    }
}

fn golongan(status: EmployeeStatus, kind: JabatanKind, years: i32, rng: &mut Random) -> String {
    if status == EmployeeStatus::Pppk {
        return match kind {
            JabatanKind::Fungsional => "IX",
            _ => "V",
        }
        .to_owned();
    }
    let options: &[&str] = match kind {
        JabatanKind::Jpt => &["IV/c", "IV/d"],
        JabatanKind::Administrator => &["IV/a", "IV/b"],
        JabatanKind::Pengawas => &["III/c", "III/d"],
        JabatanKind::Fungsional if years > 15 => &["III/d", "IV/a", "IV/b"],
        JabatanKind::Fungsional => &["III/a", "III/b", "III/c"],
        _ if years > 15 => &["III/a", "III/b"],
        _ => &["II/a", "II/b", "II/c", "II/d"],
    };
    rng.pick(options).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn default_plan() -> SeedPlan {
        plan(DEFAULT_SEED, DEFAULT_EMPLOYEES).unwrap()
    }

    #[test]
    fn same_seed_gives_the_same_dataset_and_another_seed_does_not() {
        assert_eq!(default_plan(), default_plan());
        let other = plan(DEFAULT_SEED + 1, DEFAULT_EMPLOYEES).unwrap();
        assert_ne!(other.employees, default_plan().employees);
    }

    #[test]
    fn exactly_the_requested_number_of_asn_plus_the_bupati() {
        let p = default_plan();
        assert_eq!(p.employees.len(), DEFAULT_EMPLOYEES + 1);
        let asn = p
            .employees
            .iter()
            .filter(|e| e.status != EmployeeStatus::NonAsn)
            .count();
        assert_eq!(asn, DEFAULT_EMPLOYEES);
    }

    #[test]
    fn every_unit_named_in_the_domain_reference_exists() {
        let p = default_plan();
        let names: Vec<&str> = p.units.iter().map(|u| u.name.as_str()).collect();
        for expected in [
            "Sekretariat Daerah",
            "Sekretariat DPRD",
            "Inspektorat Daerah",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Badan Keuangan Daerah",
            "Badan Kesatuan Bangsa dan Politik",
            "Badan Penanggulangan Bencana Daerah",
            "Badan Perencanaan Pembangunan Daerah",
            "Dinas Kesehatan",
            "RSUD Kepahiang",
            "Dinas Pendidikan dan Kebudayaan",
            "Dinas Lingkungan Hidup",
            "Dinas Pertanian",
            "Dinas Komunikasi, Informatika dan Persandian",
            "Dinas Perindustrian dan Tenaga Kerja",
            "Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "Dinas Kependudukan dan Pencatatan Sipil",
        ] {
            assert!(names.contains(&expected), "missing unit {expected}");
        }
        for kecamatan in catalogue::KECAMATAN {
            assert!(names.contains(&format!("Kecamatan {kecamatan}").as_str()));
        }
        assert!(names.iter().any(|n| n.starts_with("UPTD Puskesmas")));
        assert!(names.iter().any(|n| n.starts_with("SD Negeri")));
        let top_level = p.units.iter().filter(|u| u.parent_id == Some(1)).count();
        assert!(
            (40..=60).contains(&top_level),
            "{top_level} top-level units"
        );
    }

    #[test]
    fn every_supervision_chain_reaches_the_bupati_through_the_sekda() {
        let p = default_plan();
        let by_id: HashMap<i64, &PositionRow> =
            p.positions.iter().map(|pos| (pos.id, pos)).collect();
        for position in &p.positions {
            let mut current = position;
            let mut steps = 0;
            let mut passed_sekda = position.title == "Sekretaris Daerah";
            while let Some(parent) = current.parent_id {
                current = by_id[&parent];
                passed_sekda |= current.title == "Sekretaris Daerah";
                steps += 1;
                assert!(steps < 10, "chain too long or cyclic at {}", position.title);
            }
            assert_eq!(
                current.kind,
                JabatanKind::KepalaDaerah,
                "{}",
                position.title
            );
            assert!(
                passed_sekda || position.kind == JabatanKind::KepalaDaerah,
                "{}",
                position.title
            );
            if let Some(parent) = position.parent_id {
                assert!(parent < position.id, "parents are created before children");
            }
        }
    }

    #[test]
    fn structural_positions_have_exactly_one_holder_and_every_position_is_filled() {
        let p = default_plan();
        let mut holders: HashMap<i64, usize> = HashMap::new();
        for e in &p.employees {
            *holders.entry(e.position_id).or_default() += 1;
        }
        for position in &p.positions {
            let count = holders.get(&position.id).copied().unwrap_or(0);
            assert!(count >= 1, "{} is vacant", position.title);
            if matches!(
                position.kind,
                JabatanKind::Jpt
                    | JabatanKind::Administrator
                    | JabatanKind::Pengawas
                    | JabatanKind::KepalaDaerah
            ) {
                assert_eq!(count, 1, "{} has {count} holders", position.title);
            }
        }
    }

    #[test]
    fn every_jabatan_kind_and_both_statuses_are_present() {
        let p = default_plan();
        let kinds: HashSet<JabatanKind> = p.positions.iter().map(|pos| pos.kind).collect();
        assert_eq!(kinds.len(), JabatanKind::ALL.len());
        let pppk = p
            .employees
            .iter()
            .filter(|e| e.status == EmployeeStatus::Pppk)
            .count();
        assert!((150..=900).contains(&pppk), "{pppk} PPPK");
    }

    #[test]
    fn nips_are_valid_unique_match_the_person_and_use_the_demo_sequence_range() {
        let p = default_plan();
        let mut seen = HashSet::new();
        for e in p
            .employees
            .iter()
            .filter(|e| e.status != EmployeeStatus::NonAsn)
        {
            let nip = e.nip.as_ref().expect("ASN have a NIP");
            assert!(Nip::parse(nip.as_str()).is_ok());
            assert!(seen.insert(nip.as_str().to_owned()), "duplicate {nip}");
            assert_eq!(nip.birth_date(), e.birth_date);
            assert_eq!(nip.sex(), e.sex);
            assert!(nip.as_str()[15..].starts_with('9'), "{nip}");
        }
    }

    #[test]
    fn demo_accounts_cover_the_roles_and_the_atasan_supervises_both_pegawai() {
        let p = default_plan();
        assert_eq!(p.demo_accounts.len(), 6);
        let employee = |role| {
            let id = p
                .demo_accounts
                .iter()
                .find(|a| a.role == role)
                .unwrap()
                .employee_id;
            &p.employees[id as usize - 1]
        };
        let pegawai = employee(DemoRole::Pegawai);
        let atasan = employee(DemoRole::Atasan);
        let position = &p.positions[pegawai.position_id as usize - 1];
        assert_eq!(position.parent_id, Some(atasan.position_id));
        let pelapor = employee(DemoRole::Pelapor);
        assert_ne!(pelapor.id, pegawai.id);
        let position = &p.positions[pelapor.position_id as usize - 1];
        assert_eq!(position.parent_id, Some(atasan.position_id));
        let penilai = employee(DemoRole::Penilai);
        let position = &p.positions[atasan.position_id as usize - 1];
        assert_eq!(position.parent_id, Some(penilai.position_id));
        assert_eq!(
            p.positions[employee(DemoRole::Pimpinan).position_id as usize - 1].title,
            "Sekretaris Daerah"
        );
    }

    #[test]
    fn too_few_employees_is_refused_with_the_minimum() {
        let err = plan(DEFAULT_SEED, 10).unwrap_err();
        assert!(err.minimum > 500);
        assert!(err.to_string().contains(&err.minimum.to_string()));
    }

    #[test]
    fn apportion_preserves_the_total() {
        assert_eq!(apportion(10, &[1, 1, 1]).iter().sum::<usize>(), 10);
        assert_eq!(apportion(0, &[5, 2]), vec![0, 0]);
        assert_eq!(apportion(7, &[0, 0]), vec![0, 0]);
        assert_eq!(apportion(100, &[3, 1]), vec![75, 25]);
    }
}
