//! The rules of penilaian (DOMAIN.md section 3) as plain Rust, for the server
//! that stores a result and the browser that shows it while the rater works:
//! the predikat lookup, the guidance for the hasil kerja rating, the leader's
//! rating from their unit's result, and the kurva distribusi checks.

use serde::{Deserialize, Serialize};
use std::fmt;

crate::coded_enum!(
    /// A rating of hasil kerja or perilaku (and of one RHK or one value).
    Rating {
        DiAtas => "di_atas",
        Sesuai => "sesuai",
        DiBawah => "di_bawah",
    }
);

crate::coded_enum!(
    /// The Predikat Kinerja Pegawai (employee scale: "Kurang/Misconduct").
    Predikat {
        SangatBaik => "sangat_baik",
        Baik => "baik",
        ButuhPerbaikan => "butuh_perbaikan",
        Kurang => "kurang",
        SangatKurang => "sangat_kurang",
    }
);

impl Predikat {
    /// The name printed on evaluation documents (the same in both languages).
    pub fn name(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "Sangat Baik",
            Predikat::Baik => "Baik",
            Predikat::ButuhPerbaikan => "Butuh Perbaikan",
            Predikat::Kurang => "Kurang/Misconduct",
            Predikat::SangatKurang => "Sangat Kurang",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The Predikat Kinerja Pegawai: a lookup of the two ratings, not a formula.
pub fn predikat(hasil_kerja: Rating, perilaku: Rating) -> Predikat {
    use Predikat::*;
    use Rating::*;
    match (hasil_kerja, perilaku) {
        (DiAtas, DiAtas) => SangatBaik,
        (DiAtas | Sesuai, Sesuai) | (Sesuai, DiAtas) => Baik,
        (DiAtas | Sesuai, DiBawah) => Kurang,
        (DiBawah, DiAtas | Sesuai) => ButuhPerbaikan,
        (DiBawah, DiBawah) => SangatKurang,
    }
}

crate::coded_enum!(
    /// The Predikat Kinerja Organisasi a unit receives for a year.
    UnitPredikat {
        Istimewa => "istimewa",
        Baik => "baik",
        ButuhPerbaikan => "butuh_perbaikan",
        Kurang => "kurang",
        SangatKurang => "sangat_kurang",
    }
);

impl UnitPredikat {
    /// The name on the unit scale ("Kurang", not "Kurang/Misconduct").
    pub fn name(self) -> &'static str {
        match self {
            UnitPredikat::Istimewa => "Istimewa",
            UnitPredikat::Baik => "Baik",
            UnitPredikat::ButuhPerbaikan => "Butuh Perbaikan",
            UnitPredikat::Kurang => "Kurang",
            UnitPredikat::SangatKurang => "Sangat Kurang",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One RHK's rating, with whether it is a main (utama) result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RhkRating {
    pub utama: bool,
    pub rating: Rating,
}

/// The hasil kerja rating the guidance suggests from the RHK ratings (`None`
/// until every RHK is rated):
/// - Di Bawah when most results are below expectation, or most main ones are;
/// - Di Atas when most results are above and no main result is below;
/// - Sesuai otherwise (most as expected, a small share of main results below).
pub fn suggested_hasil_kerja(ratings: &[Option<RhkRating>]) -> Option<Rating> {
    let rated: Vec<RhkRating> = ratings.iter().copied().collect::<Option<_>>()?;
    if rated.is_empty() {
        return None;
    }
    let count = |pick: &dyn Fn(&RhkRating) -> bool| rated.iter().filter(|r| pick(r)).count();
    let total = rated.len();
    let below = count(&|r| r.rating == Rating::DiBawah);
    let above = count(&|r| r.rating == Rating::DiAtas);
    let utama = count(&|r| r.utama);
    let utama_below = count(&|r| r.utama && r.rating == Rating::DiBawah);
    Some(
        if below * 2 > total || (utama > 0 && utama_below * 2 > utama) {
            Rating::DiBawah
        } else if above * 2 > total && utama_below == 0 {
            Rating::DiAtas
        } else {
            Rating::Sesuai
        },
    )
}

/// How a unit's result becomes the hasil kerja rating of the person who leads
/// it (`evaluation.leader_rating`, configurable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderMapping([Rating; 5]);

impl Default for LeaderMapping {
    fn default() -> Self {
        Self::parse(LeaderMapping::DEFAULT).expect("the default leader mapping parses")
    }
}

impl LeaderMapping {
    pub const DEFAULT: &'static str =
        "istimewa=di_atas; baik=sesuai; butuh_perbaikan=di_bawah; kurang=di_bawah; sangat_kurang=di_bawah";

    pub fn rating(&self, unit: UnitPredikat) -> Rating {
        self.0[unit.index()]
    }

    /// `"istimewa=di_atas; baik=sesuai; …"`, every unit result named once.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut found: [Option<Rating>; 5] = [None; 5];
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (unit, rating) = part
                .split_once('=')
                .ok_or_else(|| format!("\"{part}\" harus berbentuk hasil_unit=rating"))?;
            let unit = UnitPredikat::from_code(unit.trim()).ok_or_else(|| {
                format!("\"{}\" bukan predikat organisasi (istimewa, baik, butuh_perbaikan, kurang, sangat_kurang)", unit.trim())
            })?;
            let rating = Rating::from_code(rating.trim()).ok_or_else(|| {
                format!(
                    "\"{}\" bukan rating (di_atas, sesuai, di_bawah)",
                    rating.trim()
                )
            })?;
            found[unit.index()] = Some(rating);
        }
        let mut ratings = [Rating::Sesuai; 5];
        for &unit in UnitPredikat::ALL {
            ratings[unit.index()] = found[unit.index()]
                .ok_or_else(|| format!("{} belum diberi rating", unit.code()))?;
        }
        Ok(Self(ratings))
    }
}

/// How many evaluations of a unit hold each predikat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution(pub [u32; 5]);

impl Distribution {
    pub fn of(predikats: impl IntoIterator<Item = Predikat>) -> Self {
        let mut d = Self::default();
        for p in predikats {
            d.add(p);
        }
        d
    }

    pub fn add(&mut self, p: Predikat) {
        self.0[p.index()] += 1;
    }

    pub fn remove(&mut self, p: Predikat) {
        self.0[p.index()] = self.0[p.index()].saturating_sub(1);
    }

    pub fn count(&self, p: Predikat) -> u32 {
        self.0[p.index()]
    }

    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }

    /// The share of `p` in percent, rounded (0 for an empty unit).
    pub fn percent(&self, p: Predikat) -> u32 {
        let total = self.total();
        (self.count(p) * 100 + total / 2)
            .checked_div(total)
            .unwrap_or(0)
    }
}

/// What a bound limits: a share in percent or a number of people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Amount {
    Percent(u32),
    People(u32),
}

/// One bound of a curve: the predikat counted together, at most or at least
/// an amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bound {
    pub predikats: Vec<Predikat>,
    pub at_most: bool,
    pub amount: Amount,
}

impl Bound {
    fn counted(&self, d: &Distribution) -> u32 {
        self.predikats.iter().map(|p| d.count(*p)).sum()
    }

    /// Whether the distribution keeps this bound. An empty unit keeps every
    /// bound: there is nothing to distribute yet.
    pub fn holds(&self, d: &Distribution) -> bool {
        let total = d.total();
        if total == 0 {
            return true;
        }
        let counted = self.counted(d);
        match (self.at_most, self.amount) {
            (true, Amount::Percent(p)) => counted * 100 <= p * total,
            (false, Amount::Percent(p)) => counted * 100 >= p * total,
            (true, Amount::People(n)) => counted <= n,
            (false, Amount::People(n)) => counted >= n,
        }
    }

    /// The counted share in percent, rounded.
    pub fn actual_percent(&self, d: &Distribution) -> u32 {
        let total = d.total();
        (self.counted(d) * 100 + total / 2)
            .checked_div(total)
            .unwrap_or(0)
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (names, at_most, amount) = if let Some((l, r)) = text.split_once("<=") {
            (l, true, r)
        } else if let Some((l, r)) = text.split_once(">=") {
            (l, false, r)
        } else {
            return Err(format!(
                "\"{text}\" harus berbentuk predikat <= angka atau predikat >= angka"
            ));
        };
        let predikats = names
            .split('+')
            .map(|n| {
                Predikat::from_code(n.trim()).ok_or_else(|| {
                    format!("\"{}\" bukan predikat pegawai (sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang)", n.trim())
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let amount = amount.trim();
        let amount = match amount.strip_suffix('%') {
            Some(p) => p
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|p| *p <= 100)
                .map(Amount::Percent),
            None => amount.parse::<u32>().ok().map(Amount::People),
        }
        .ok_or_else(|| {
            format!("\"{amount}\" harus bilangan bulat (orang) atau persen 0–100, mis. 70%")
        })?;
        Ok(Self {
            predikats,
            at_most,
            amount,
        })
    }
}

impl Bound {
    /// A short form for the browser (`3-70%`: the predikat as bits of
    /// [`Predikat`] order, `-` at most or `+` at least, the amount), read
    /// without the parser's error messages.
    pub fn compact(&self) -> String {
        let bits: u32 = self.predikats.iter().map(|p| 1 << p.index()).sum();
        let op = if self.at_most { '-' } else { '+' };
        match self.amount {
            Amount::Percent(p) => format!("{bits}{op}{p}%"),
            Amount::People(n) => format!("{bits}{op}{n}"),
        }
    }

    pub fn from_compact(text: &str) -> Option<Self> {
        let at = text.find(['-', '+'])?;
        let bits: u32 = text[..at].parse().ok()?;
        let rest = &text[at + 1..];
        let amount = match rest.strip_suffix('%') {
            Some(p) => Amount::Percent(p.parse().ok()?),
            None => Amount::People(rest.parse().ok()?),
        };
        Some(Self {
            predikats: Predikat::ALL
                .iter()
                .copied()
                .filter(|p| bits & (1 << p.index()) != 0)
                .collect(),
            at_most: text[at..].starts_with('-'),
            amount,
        })
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.predikats.iter().map(|p| p.code()).collect();
        let op = if self.at_most { "<=" } else { ">=" };
        match self.amount {
            Amount::Percent(p) => write!(f, "{} {op} {p}%", names.join("+")),
            Amount::People(n) => write!(f, "{} {op} {n}", names.join("+")),
        }
    }
}

/// The bounds each unit result puts on its employees' predikat (SE MenPANRB
/// 3/2023 as published; `[curve]` in Leptos.toml, configurable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Curves(pub Vec<Vec<Bound>>);

impl Curves {
    pub const DEFAULTS: [(UnitPredikat, &'static str); 5] = [
        (UnitPredikat::Istimewa, "sangat_baik <= 70%"),
        (
            UnitPredikat::Baik,
            "baik <= 70%; butuh_perbaikan+kurang >= 1",
        ),
        (
            UnitPredikat::ButuhPerbaikan,
            "butuh_perbaikan >= 60%; sangat_baik <= 10%",
        ),
        (
            UnitPredikat::Kurang,
            "kurang >= 60%; butuh_perbaikan >= 10%; sangat_baik <= 10%",
        ),
        (
            UnitPredikat::SangatKurang,
            "sangat_kurang >= 60%; kurang+butuh_perbaikan >= 10%; sangat_baik <= 0",
        ),
    ];

    /// Bounds written `"a <= 70%; b+c >= 1"`.
    pub fn parse_bounds(text: &str) -> Result<Vec<Bound>, String> {
        text.split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Bound::parse)
            .collect()
    }

    pub fn from_texts(texts: [&str; 5]) -> Result<Self, String> {
        texts
            .into_iter()
            .map(Self::parse_bounds)
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn bounds(&self, unit: UnitPredikat) -> &[Bound] {
        self.0.get(unit.index()).map_or(&[], Vec::as_slice)
    }

    /// The bounds the distribution breaks (warnings, never a block).
    pub fn breaches(&self, unit: UnitPredikat, d: &Distribution) -> Vec<Bound> {
        self.bounds(unit)
            .iter()
            .filter(|b| !b.holds(d))
            .cloned()
            .collect()
    }
}

impl Default for Curves {
    fn default() -> Self {
        Self::from_texts(Self::DEFAULTS.map(|(_, t)| t)).expect("the default curves parse")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Predikat as P;
    use Rating::*;

    #[test]
    fn every_cell_of_the_predikat_matrix() {
        // DOMAIN.md section 3: rows hasil kerja, columns perilaku (Di Bawah, Sesuai, Di Atas).
        let table = [
            (DiAtas, [P::Kurang, P::Baik, P::SangatBaik]),
            (Sesuai, [P::Kurang, P::Baik, P::Baik]),
            (
                DiBawah,
                [P::SangatKurang, P::ButuhPerbaikan, P::ButuhPerbaikan],
            ),
        ];
        for (hasil, row) in table {
            for (perilaku, expected) in [DiBawah, Sesuai, DiAtas].into_iter().zip(row) {
                assert_eq!(
                    predikat(hasil, perilaku),
                    expected,
                    "{hasil:?} × {perilaku:?}"
                );
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for &r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(r));
        }
        for &p in Predikat::ALL {
            assert_eq!(Predikat::from_code(p.code()), Some(p));
        }
        for &u in UnitPredikat::ALL {
            assert_eq!(UnitPredikat::from_code(u.code()), Some(u));
        }
        assert_eq!(Rating::from_code("baik"), None);
        assert_eq!(Predikat::Kurang.name(), "Kurang/Misconduct");
        assert_eq!(UnitPredikat::Kurang.name(), "Kurang");
    }

    fn rhk(utama: bool, rating: Rating) -> Option<RhkRating> {
        Some(RhkRating { utama, rating })
    }

    #[test]
    fn the_guidance_for_hasil_kerja() {
        let cases: &[(&[Option<RhkRating>], Option<Rating>)] = &[
            (&[], None),
            (&[rhk(true, DiAtas), None], None),
            (
                &[rhk(true, DiAtas), rhk(true, DiAtas), rhk(false, Sesuai)],
                Some(DiAtas),
            ),
            (&[rhk(true, DiAtas)], Some(DiAtas)),
            // Most above, but a main result below: not Di Atas.
            (
                &[
                    rhk(true, DiAtas),
                    rhk(true, DiAtas),
                    rhk(false, DiAtas),
                    rhk(true, DiBawah),
                ],
                Some(Sesuai),
            ),
            // Half above is not most.
            (&[rhk(true, DiAtas), rhk(true, Sesuai)], Some(Sesuai)),
            (
                &[rhk(true, Sesuai), rhk(true, Sesuai), rhk(false, DiBawah)],
                Some(Sesuai),
            ),
            // A small share of main results below stays Sesuai.
            (
                &[
                    rhk(true, Sesuai),
                    rhk(true, Sesuai),
                    rhk(true, Sesuai),
                    rhk(true, DiBawah),
                ],
                Some(Sesuai),
            ),
            // Most results below.
            (
                &[rhk(true, DiBawah), rhk(false, DiBawah), rhk(true, Sesuai)],
                Some(DiBawah),
            ),
            // Most main results below, though most of all are not.
            (
                &[
                    rhk(true, DiBawah),
                    rhk(true, DiBawah),
                    rhk(true, Sesuai),
                    rhk(false, DiAtas),
                    rhk(false, DiAtas),
                ],
                Some(DiBawah),
            ),
            // Only tambahan below, and half of them: Sesuai.
            (&[rhk(true, Sesuai), rhk(false, DiBawah)], Some(Sesuai)),
        ];
        for (ratings, expected) in cases {
            assert_eq!(suggested_hasil_kerja(ratings), *expected, "{ratings:?}");
        }
    }

    #[test]
    fn leader_mapping_default_and_configured() {
        let m = LeaderMapping::default();
        assert_eq!(m.rating(UnitPredikat::Istimewa), DiAtas);
        assert_eq!(m.rating(UnitPredikat::Baik), Sesuai);
        for u in [
            UnitPredikat::ButuhPerbaikan,
            UnitPredikat::Kurang,
            UnitPredikat::SangatKurang,
        ] {
            assert_eq!(m.rating(u), DiBawah);
        }
        let custom = LeaderMapping::parse(
            "istimewa=di_atas; baik=di_atas; butuh_perbaikan=sesuai; kurang=di_bawah; sangat_kurang=di_bawah",
        )
        .unwrap();
        assert_eq!(custom.rating(UnitPredikat::Baik), DiAtas);
        assert!(LeaderMapping::parse("istimewa=di_atas")
            .unwrap_err()
            .contains("baik"));
        assert!(LeaderMapping::parse("luar_biasa=di_atas")
            .unwrap_err()
            .contains("luar_biasa"));
    }

    fn dist(sb: u32, b: u32, bp: u32, k: u32, sk: u32) -> Distribution {
        Distribution([sb, b, bp, k, sk])
    }

    #[test]
    fn the_curve_of_every_unit_result() {
        let curves = Curves::default();
        let names = |unit, d: Distribution| -> Vec<String> {
            curves
                .breaches(unit, &d)
                .iter()
                .map(|b| b.to_string())
                .collect()
        };
        use UnitPredikat as U;
        // Istimewa: Sangat Baik at most 70%.
        assert!(names(U::Istimewa, dist(7, 3, 0, 0, 0)).is_empty());
        assert_eq!(
            names(U::Istimewa, dist(8, 2, 0, 0, 0)),
            ["sangat_baik <= 70%"]
        );
        // Baik: Baik at most 70%; at least one Butuh Perbaikan or Kurang.
        assert!(names(U::Baik, dist(2, 7, 1, 0, 0)).is_empty());
        assert!(names(U::Baik, dist(2, 7, 0, 1, 0)).is_empty());
        assert_eq!(
            names(U::Baik, dist(3, 7, 0, 0, 0)),
            ["butuh_perbaikan+kurang >= 1"]
        );
        assert_eq!(
            names(U::Baik, dist(0, 10, 0, 0, 0)),
            ["baik <= 70%", "butuh_perbaikan+kurang >= 1"]
        );
        // Butuh Perbaikan: BP at least 60%; SB at most 10%.
        assert!(names(U::ButuhPerbaikan, dist(1, 3, 6, 0, 0)).is_empty());
        assert_eq!(
            names(U::ButuhPerbaikan, dist(2, 3, 5, 0, 0)),
            ["butuh_perbaikan >= 60%", "sangat_baik <= 10%"]
        );
        // Kurang: K at least 60%; BP at least 10%; SB at most 10%.
        assert!(names(U::Kurang, dist(1, 2, 1, 6, 0)).is_empty());
        assert_eq!(
            names(U::Kurang, dist(0, 4, 0, 6, 0)),
            ["butuh_perbaikan >= 10%"]
        );
        // Sangat Kurang: SK at least 60%; K + BP at least 10%; no Sangat Baik.
        assert!(names(U::SangatKurang, dist(0, 3, 0, 1, 6)).is_empty());
        assert_eq!(
            names(U::SangatKurang, dist(1, 2, 0, 1, 6)),
            ["sangat_baik <= 0"]
        );
        assert_eq!(
            names(U::SangatKurang, dist(0, 5, 0, 0, 5)),
            ["sangat_kurang >= 60%", "kurang+butuh_perbaikan >= 10%"]
        );
        // An empty unit breaks nothing.
        for &u in UnitPredikat::ALL {
            assert!(names(u, Distribution::default()).is_empty());
        }
    }

    #[test]
    fn bounds_parse_and_print_back() {
        for (_, text) in Curves::DEFAULTS {
            let bounds = Curves::parse_bounds(text).unwrap();
            let printed: Vec<String> = bounds.iter().map(|b| b.to_string()).collect();
            assert_eq!(printed.join("; "), text);
        }
        assert!(Bound::parse("sangat_baik < 70%")
            .unwrap_err()
            .contains("<="));
        assert!(Bound::parse("luar_biasa <= 70%")
            .unwrap_err()
            .contains("luar_biasa"));
        assert!(Bound::parse("baik <= 170%").unwrap_err().contains("0–100"));
        assert!(Bound::parse("baik >= satu").unwrap_err().contains("satu"));
    }

    #[test]
    fn bounds_travel_in_short_form() {
        for (_, text) in Curves::DEFAULTS {
            for mut bound in Curves::parse_bounds(text).unwrap() {
                // The same predikat counted together, in [`Predikat`] order.
                bound.predikats.sort_by_key(|p| p.index());
                assert_eq!(
                    Bound::from_compact(&bound.compact()),
                    Some(bound.clone()),
                    "{bound}"
                );
            }
        }
        assert_eq!(
            Bound::parse("kurang+butuh_perbaikan >= 10%")
                .unwrap()
                .compact(),
            "12+10%"
        );
        assert_eq!(Bound::from_compact("x"), None);
        assert_eq!(Bound::from_compact("3-"), None);
    }

    #[test]
    fn distribution_counts_and_shares() {
        let mut d = Distribution::of([P::Baik, P::Baik, P::SangatBaik]);
        assert_eq!(d.total(), 3);
        assert_eq!(d.percent(P::Baik), 67);
        d.remove(P::Baik);
        d.remove(P::Kurang);
        assert_eq!(d.0, [1, 1, 0, 0, 0]);
        assert_eq!(Distribution::default().percent(P::Baik), 0);
    }
}
