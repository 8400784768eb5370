//! Plain calendar arithmetic shared by the NIP parser, periods and the seed.
//! No time zone here: callers pass civil dates (WIB for display, UTC instants elsewhere).

/// A civil date (proleptic Gregorian), validated on construction; serialised as
/// its ISO text (`YYYY-MM-DD`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CivilDate {
    year: i32,
    month: u8,
    day: u8,
}

impl TryFrom<String> for CivilDate {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        CivilDate::parse_iso(&text).ok_or_else(|| format!("tanggal tidak valid: {text}"))
    }
}

impl From<CivilDate> for String {
    fn from(date: CivilDate) -> String {
        date.to_iso()
    }
}

/// A stored `YYYY-MM-DD` date as people read it ("10 April 2026"); the text as it
/// is when it is not such a date.
pub fn iso_in_words(iso: &str) -> String {
    CivilDate::parse_iso(iso).map_or_else(|| iso.to_owned(), CivilDate::to_words)
}

/// The name of `month` (1–12) in the reader's language.
pub fn month_name(month: u8) -> String {
    use crate::i18n::tr;
    match month {
        1 => tr!(month_1),
        2 => tr!(month_2),
        3 => tr!(month_3),
        4 => tr!(month_4),
        5 => tr!(month_5),
        6 => tr!(month_6),
        7 => tr!(month_7),
        8 => tr!(month_8),
        9 => tr!(month_9),
        10 => tr!(month_10),
        11 => tr!(month_11),
        _ => tr!(month_12),
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; `None` for a month outside 1–12.
pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return None,
    })
}

impl CivilDate {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let max = days_in_month(year, month)?;
        (1..=max)
            .contains(&day)
            .then_some(Self { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// "28 November 2026", "1 Desember 2026" / "1 December 2026": as documents
    /// print dates, in the reader's language.
    pub fn to_words(self) -> String {
        format!(
            "{} {} {}",
            self.day(),
            month_name(self.month()),
            self.year()
        )
    }

    /// ISO 8601 form, the way dates are stored in the database (`YYYY-MM-DD`).
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        if text.len() != 10 {
            return None;
        }
        Self::new(year, month, day)
    }

    /// The date `days` after 1970-01-01 (negative: before), by the civil-from-days
    /// algorithm (H. Hinnant), exact over the whole proleptic Gregorian calendar.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (negative before), the inverse of `from_days_since_epoch`.
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Today's date in Asia/Jakarta (WIB, UTC+7, no daylight saving) at a UTC instant.
    pub fn wib_from_millis(utc_millis: i64) -> Self {
        const WIB_OFFSET_MILLIS: i64 = 7 * 60 * 60 * 1000;
        const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;
        Self::from_days_since_epoch((utc_millis + WIB_OFFSET_MILLIS).div_euclid(DAY_MILLIS))
    }
}

/// An instant as a WIB date and time (UTC+7).
pub fn format_wib(utc_millis: i64) -> String {
    let date = CivilDate::wib_from_millis(utc_millis);
    let minutes = (utc_millis + 7 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    format!(
        "{} {:02}:{:02} WIB",
        date.to_iso(),
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2024));
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2026));
    }

    #[test]
    fn february_has_29_days_only_in_leap_years() {
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(days_in_month(2023, 2), Some(28));
        assert_eq!(days_in_month(2023, 13), None);
        assert_eq!(days_in_month(2023, 0), None);
    }

    #[test]
    fn dates_are_validated() {
        assert!(CivilDate::new(2024, 2, 29).is_some());
        assert!(CivilDate::new(2023, 2, 29).is_none());
        assert!(CivilDate::new(2023, 4, 31).is_none());
        assert!(CivilDate::new(2023, 4, 0).is_none());
    }

    #[test]
    fn days_since_epoch_and_wib_dates() {
        let date = |d| CivilDate::from_days_since_epoch(d).to_iso();
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(-1), "1969-12-31");
        assert_eq!(date(11_016), "2000-02-29");
        assert_eq!(date(20_785), "2026-11-28");
        for days in [-800_000, -1, 0, 59, 11_016, 20_785, 2_932_896] {
            assert_eq!(
                CivilDate::from_days_since_epoch(days).days_since_epoch(),
                days
            );
        }
        let feb = CivilDate::new(2028, 2, 28).unwrap();
        assert_eq!(feb.add_days(1).to_iso(), "2028-02-29");
        assert_eq!(feb.add_days(2).to_iso(), "2028-03-01");
        assert_eq!(feb.add_days(-59).to_iso(), "2027-12-31");
        // 2026-11-28 17:00 UTC is already 29 November in Kepahiang.
        let evening_utc = 20_785 * 86_400_000 + 17 * 3_600_000;
        assert_eq!(
            CivilDate::wib_from_millis(evening_utc).to_iso(),
            "2026-11-29"
        );
        assert_eq!(
            CivilDate::wib_from_millis(evening_utc - 3_600_000).to_iso(),
            "2026-11-28"
        );
    }

    #[test]
    fn iso_round_trip() {
        let date = CivilDate::new(1985, 7, 3).unwrap();
        assert_eq!(date.to_iso(), "1985-07-03");
        assert_eq!(CivilDate::parse_iso("1985-07-03"), Some(date));
        assert_eq!(CivilDate::parse_iso("1985-7-3"), None);
        assert_eq!(CivilDate::parse_iso("1985-02-30"), None);
    }
}
