//! Realisasi rules shared by the browser (capaian shown live while typing) and the
//! server (which computes and stores it again): amounts in Indonesian notation,
//! a period's share of the annual target, capaian per aspek, the year's total,
//! and whether a filing is on time.
//!
//! Numbers are parsed and formatted with integer arithmetic: the browser's WASM
//! then carries no float parser or printer.

use crate::calendar::CivilDate;
/// Whether an IKI adds up over the year or holds per period: part of the plan.
pub use crate::skp::types::Accumulation;
use crate::skp::types::Aspek;

/// Whether a satuan counts in percent ("%", "persen", "persentase").
pub fn is_percent(satuan: &str) -> bool {
    let satuan = satuan.trim().to_lowercase();
    satuan == "%" || satuan.starts_with("persen")
}

impl Accumulation {
    /// The kind an IKI has unless its plan says otherwise: quantities and costs add
    /// up, unless counted in percent; quality and time hold per period.
    pub fn default_for(aspek: Aspek, satuan: &str) -> Self {
        match aspek {
            Aspek::Kuantitas | Aspek::Biaya if !is_percent(satuan) => Accumulation::Cumulative,
            _ => Accumulation::PerPeriod,
        }
    }

    /// The stored choice, or the default when none was made.
    pub fn of(stored: Option<&str>, aspek: Aspek, satuan: &str) -> Self {
        stored
            .and_then(Accumulation::from_code)
            .unwrap_or_else(|| Accumulation::default_for(aspek, satuan))
    }
}

/// Which way is better for an aspek.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Kuantitas, kualitas: more is better.
    Higher,
    /// Waktu ("≤ 3 hari"), biaya: less is better.
    Lower,
}

impl Direction {
    pub fn of(aspek: Aspek) -> Self {
        match aspek {
            Aspek::Kuantitas | Aspek::Kualitas => Direction::Higher,
            Aspek::Waktu | Aspek::Biaya => Direction::Lower,
        }
    }
}

/// Capaian in hundredths of a percent (10_000 = 100 %): integers, so the browser
/// and the server round alike.
pub type Basis = i64;

/// Capaian of `value` against `target`, in hundredths of a percent.
///
/// More is better: value ÷ target. Less is better: 2 − value ÷ target, so meeting
/// the target exactly is 100 %, taking half the time is 150 %, twice the time 0 %
/// (never below 0). Both are linear around 100 %, and a realisasi of 0 days or
/// rupiah is a finite 200 %, not a division by zero. `None` when the target is not
/// positive (a stored target always is).
pub fn capaian(target: f64, value: f64, direction: Direction) -> Option<Basis> {
    if target <= 0.0 || value < 0.0 || !target.is_finite() || !value.is_finite() {
        return None;
    }
    let ratio = value / target;
    let percent = match direction {
        Direction::Higher => ratio * 100.0,
        Direction::Lower => ((2.0 - ratio) * 100.0).max(0.0),
    };
    Some((percent * 100.0).round() as Basis)
}

/// This period's share of the annual target: a cumulative IKI spreads it evenly
/// over the year's periods (450 documents a year: 112,5 a quarter); one held per
/// period keeps it whole (≤ 3 hari every quarter). Rounded to two decimals.
pub fn period_target(annual: f64, accumulation: Accumulation, periods_in_year: u32) -> f64 {
    match accumulation {
        Accumulation::Cumulative if periods_in_year > 0 => {
            (annual / f64::from(periods_in_year) * 100.0).round() / 100.0
        }
        _ => annual,
    }
}

/// The year so far from the periods' realisasi: their sum for a cumulative IKI,
/// their mean for one held per period. `None` before any period is reported.
pub fn year_value(accumulation: Accumulation, values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: f64 = values.iter().sum();
    Some(match accumulation {
        Accumulation::Cumulative => sum,
        Accumulation::PerPeriod => sum / values.len() as f64,
    })
}

/// Whether the two targets differ by more than rounding (the employee then gives a reason).
pub fn target_changed(default: f64, chosen: f64) -> bool {
    (default - chosen).abs() >= 0.005
}

/// The period target a typed text makes: the text when it is a positive amount,
/// else the default share (the server then also names the mistake).
pub fn effective_target(typed: &str, default: f64) -> f64 {
    match parse_amount(typed) {
        Some(target) if target > 0.0 => target,
        _ => default,
    }
}

/// Where filing stands for a period on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filing {
    /// Open, but the period has not begun: the rencana aksi may be written, the
    /// realisasi is reported once the period runs.
    NotStarted,
    /// Open, and the deadline has not passed.
    OnTime,
    /// Open, but past the deadline: accepted, marked terlambat.
    Late,
    /// Closed by the admin: every change is refused until it is reopened.
    Closed,
}

/// Filing on `today` (WIB) for a period from `starts_on`, due on `deadline`: the
/// whole deadline day counts as on time.
pub fn filing(
    period_open: bool,
    starts_on: CivilDate,
    deadline: CivilDate,
    today: CivilDate,
) -> Filing {
    if !period_open {
        Filing::Closed
    } else if today < starts_on {
        Filing::NotStarted
    } else if today > deadline {
        Filing::Late
    } else {
        Filing::OnTime
    }
}

/// The most characters an amount may have as typed.
const MAX_AMOUNT_CHARS: usize = 24;

/// A non-negative amount as people type it: "450", "2,5", "2.5", "1.000",
/// "1.250.000", "1.000,75". Like the plan's targets (`skp::rules::parse_target`),
/// a comma is the decimal mark, and a dot followed by exactly three digits
/// separates thousands.
pub fn parse_amount(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_AMOUNT_CHARS {
        return None;
    }
    let (whole, fraction) = match text.split_once(',') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => split_dot_decimal(text),
    };
    let whole_digits = thousands_digits(whole)?;
    let fraction_digits = match fraction {
        Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => f,
        Some(_) => return None,
        None => "",
    };
    let digits = format!("{whole_digits}{fraction_digits}");
    let mut mantissa: i128 = 0;
    for c in digits.chars() {
        mantissa = mantissa.checked_mul(10)? + i128::from(c.to_digit(10)?);
    }
    let scale = 10f64.powi(i32::try_from(fraction_digits.len()).ok()?);
    Some(mantissa as f64 / scale)
}

/// "2.5" has a decimal point; "1.000" and "1.250.000" have thousands separators;
/// "0.750" is a decimal (no number is written with a leading zero group).
fn split_dot_decimal(text: &str) -> (&str, Option<&str>) {
    let groups: Vec<&str> = text.split('.').collect();
    let thousands =
        groups.len() > 1 && groups[0] != "0" && groups[1..].iter().all(|g| g.len() == 3);
    match text.split_once('.') {
        Some((whole, fraction)) if groups.len() == 2 && !thousands => (whole, Some(fraction)),
        _ => (text, None),
    }
}

/// The digits of a whole part, with its thousands dots checked and removed.
fn thousands_digits(whole: &str) -> Option<String> {
    if whole.is_empty() {
        return None;
    }
    let groups: Vec<&str> = whole.split('.').collect();
    let first_ok =
        groups.len() == 1 || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[0] != "0");
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| groups.concat())
}

/// An amount the Indonesian way, at most two decimals: "1.000", "112,5", "0,25".
pub fn format_amount(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    format_hundredths(hundredths)
}

/// Capaian as people read it: "104,17%".
pub fn format_capaian(basis: Basis) -> String {
    format!("{}%", format_hundredths(basis))
}

fn format_hundredths(hundredths: i64) -> String {
    let whole = crate::components::format_count(hundredths / 100);
    let fraction = (hundredths % 100).unsigned_abs();
    let sign = if hundredths < 0 && hundredths / 100 == 0 {
        "-"
    } else {
        ""
    };
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole},{}", f / 10),
        f => format!("{sign}{whole},{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_in_indonesian_notation() {
        let cases: &[(&str, Option<f64>)] = &[
            ("450", Some(450.0)),
            ("0", Some(0.0)),
            ("2,5", Some(2.5)),
            ("2.5", Some(2.5)),
            ("1.000", Some(1000.0)),
            ("1.250.000", Some(1_250_000.0)),
            ("1.000,75", Some(1000.75)),
            ("0,25", Some(0.25)),
            ("0.750", Some(0.75)),
            ("0.750.000", None),
            (" 12 ", Some(12.0)),
            ("", None),
            ("-3", None),
            ("abc", None),
            ("1,2,3", None),
            ("1.00.0", None),
            ("12.34.567", None),
            ("1e5", None),
            ("2,", None),
            (",5", None),
            ("1.0000", Some(1.0)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_amount(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn amounts_are_written_in_indonesian_notation() {
        assert_eq!(format_amount(1000.0), "1.000");
        assert_eq!(format_amount(112.5), "112,5");
        assert_eq!(format_amount(0.25), "0,25");
        assert_eq!(format_amount(1_250_000.0), "1.250.000");
        assert_eq!(format_capaian(10_417), "104,17%");
        assert_eq!(format_capaian(0), "0%");
        assert_eq!(format_capaian(15_000), "150%");
    }

    #[test]
    fn more_is_better_for_quantity_and_quality() {
        for aspek in [Aspek::Kuantitas, Aspek::Kualitas] {
            let d = Direction::of(aspek);
            assert_eq!(capaian(112.5, 112.5, d), Some(10_000));
            assert_eq!(capaian(112.5, 120.0, d), Some(10_667));
            assert_eq!(capaian(100.0, 90.0, d), Some(9_000));
            assert_eq!(capaian(100.0, 0.0, d), Some(0));
        }
    }

    #[test]
    fn less_is_better_for_time_and_cost() {
        for aspek in [Aspek::Waktu, Aspek::Biaya] {
            let d = Direction::of(aspek);
            assert_eq!(capaian(3.0, 3.0, d), Some(10_000), "on target");
            assert_eq!(capaian(3.0, 1.5, d), Some(15_000), "half the time");
            assert_eq!(capaian(3.0, 4.5, d), Some(5_000), "half again as long");
            assert_eq!(capaian(3.0, 6.0, d), Some(0), "twice as long");
            assert_eq!(capaian(3.0, 9.0, d), Some(0), "never below zero");
            assert_eq!(capaian(3.0, 0.0, d), Some(20_000), "no time at all");
        }
        assert_eq!(capaian(0.0, 1.0, Direction::Lower), None);
    }

    #[test]
    fn accumulation_follows_the_aspek_unless_chosen() {
        use Accumulation::*;
        assert_eq!(
            Accumulation::default_for(Aspek::Kuantitas, "dokumen"),
            Cumulative
        );
        assert_eq!(Accumulation::default_for(Aspek::Kuantitas, "%"), PerPeriod);
        assert_eq!(
            Accumulation::default_for(Aspek::Kuantitas, "persen"),
            PerPeriod
        );
        assert_eq!(
            Accumulation::default_for(Aspek::Biaya, "rupiah"),
            Cumulative
        );
        assert_eq!(
            Accumulation::default_for(Aspek::Kualitas, "nilai"),
            PerPeriod
        );
        assert_eq!(Accumulation::default_for(Aspek::Waktu, "hari"), PerPeriod);
        assert_eq!(
            Accumulation::of(Some("per_periode"), Aspek::Kuantitas, "dokumen"),
            PerPeriod
        );
        assert_eq!(
            Accumulation::of(Some("kumulatif"), Aspek::Waktu, "hari"),
            Cumulative
        );
        assert_eq!(Accumulation::of(None, Aspek::Waktu, "hari"), PerPeriod);
    }

    #[test]
    fn a_period_target_is_the_right_share_and_the_year_adds_up() {
        use Accumulation::*;
        assert_eq!(period_target(450.0, Cumulative, 4), 112.5);
        assert_eq!(period_target(100.0, Cumulative, 12), 8.33);
        assert_eq!(period_target(3.0, PerPeriod, 4), 3.0);
        assert_eq!(period_target(95.0, PerPeriod, 12), 95.0);
        // Four quarters of 112,5 documents make the year's 450.
        let quarters = [110.0, 115.0, 112.5, 112.5];
        assert_eq!(year_value(Cumulative, &quarters), Some(450.0));
        // A time held per quarter: the year is the quarters' mean.
        assert_eq!(year_value(PerPeriod, &[3.0, 2.0, 4.0, 3.0]), Some(3.0));
        assert_eq!(year_value(PerPeriod, &[]), None);
        assert!(target_changed(112.5, 100.0));
        assert!(!target_changed(8.333, 8.33));
    }

    #[test]
    fn filing_waits_for_the_period_is_late_after_the_deadline_day_and_refused_when_closed() {
        // Triwulan I: 1 January to 31 March, due 10 April.
        let starts = CivilDate::new(2026, 1, 1).unwrap();
        let deadline = CivilDate::new(2026, 4, 10).unwrap();
        let day = |d| CivilDate::new(2026, 4, d).unwrap();
        let before = CivilDate::new(2025, 12, 31).unwrap();
        assert_eq!(filing(true, starts, deadline, before), Filing::NotStarted);
        assert_eq!(filing(true, starts, deadline, starts), Filing::OnTime);
        assert_eq!(filing(true, starts, deadline, day(9)), Filing::OnTime);
        assert_eq!(filing(true, starts, deadline, day(10)), Filing::OnTime);
        assert_eq!(filing(true, starts, deadline, day(11)), Filing::Late);
        assert_eq!(filing(false, starts, deadline, before), Filing::Closed);
        assert_eq!(filing(false, starts, deadline, day(9)), Filing::Closed);
        assert_eq!(filing(false, starts, deadline, day(30)), Filing::Closed);
    }
}
