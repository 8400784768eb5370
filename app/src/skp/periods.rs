//! Cutting a performance year into evaluation periods (DOMAIN.md section 2):
//! quarterly by default, monthly when configured, plus the annual evaluation.
//! Each period has a filing deadline a configurable number of days after its end.

use crate::calendar::{days_in_month, CivilDate};
use crate::i18n::{messages, translate, Language};
use serde::{Deserialize, Serialize};

crate::coded_enum!(
    /// How a year is cut into periods (stored with the year).
    Scheme {
        Quarterly => "quarterly",
        Monthly => "monthly",
    }
);

crate::coded_enum!(
    /// A period within the year, or the annual evaluation (stored with the period).
    PeriodKind {
        Periodic => "periodic",
        Annual => "annual",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodPlan {
    pub kind: PeriodKind,
    /// 1-based within the year (the annual evaluation is number 0).
    pub number: u8,
    pub name: String,
    pub starts_on: CivilDate,
    pub ends_on: CivilDate,
    pub deadline: CivilDate,
}

/// A stored period's name in the language of the page or request (the database
/// keeps its number and year as integers).
pub fn stored_period_name(kind: PeriodKind, number: i64, year: i64, scheme: Scheme) -> String {
    period_name(
        crate::i18n::current_language(),
        kind,
        u8::try_from(number).unwrap_or(0),
        i32::try_from(year).unwrap_or_default(),
        scheme,
    )
}

/// The period's name in `language`: "Triwulan II 2027", "Februari 2028",
/// "Penilaian Tahunan 2027". Stored in Indonesian; pages name it in the reader's.
pub fn period_name(
    language: Language,
    kind: PeriodKind,
    number: u8,
    year: i32,
    scheme: Scheme,
) -> String {
    let year_text = year.to_string();
    match (kind, scheme) {
        (PeriodKind::Annual, _) => {
            translate(language, messages::period_annual, &[("year", year_text)])
        }
        (PeriodKind::Periodic, Scheme::Quarterly) => {
            let roman = ["I", "II", "III", "IV"]
                .get(usize::from(number.max(1)) - 1)
                .copied()
                .unwrap_or("?");
            translate(
                language,
                messages::period_quarter,
                &[("number", roman.to_owned()), ("year", year_text)],
            )
        }
        (PeriodKind::Periodic, Scheme::Monthly) => translate(
            language,
            messages::period_month,
            &[("month", month_in(language, number)), ("year", year_text)],
        ),
    }
}

/// A month's name in `language` (not the page's: stored names are Indonesian).
fn month_in(language: Language, month: u8) -> String {
    let message = [
        messages::month_1,
        messages::month_2,
        messages::month_3,
        messages::month_4,
        messages::month_5,
        messages::month_6,
        messages::month_7,
        messages::month_8,
        messages::month_9,
        messages::month_10,
        messages::month_11,
        messages::month_12,
    ];
    message
        .get(usize::from(month.max(1)) - 1)
        .map_or_else(String::new, |m| m.text(language).to_owned())
}

/// The periods of `year` under `scheme`, then the annual evaluation.
pub fn periods(year: i32, scheme: Scheme, filing_days: u32) -> Vec<PeriodPlan> {
    let months_per_period: u8 = match scheme {
        Scheme::Quarterly => 3,
        Scheme::Monthly => 1,
    };
    let count = 12 / months_per_period;
    let mut out: Vec<PeriodPlan> = (0..count)
        .map(|i| {
            let first = i * months_per_period + 1;
            let last = first + months_per_period - 1;
            let starts_on = CivilDate::new(year, first, 1).expect("valid month start");
            let ends_on = CivilDate::new(year, last, days_in_month(year, last).expect("month"))
                .expect("valid month end");
            let name = period_name(Language::Id, PeriodKind::Periodic, i + 1, year, scheme);
            PeriodPlan {
                kind: PeriodKind::Periodic,
                number: i + 1,
                name,
                starts_on,
                ends_on,
                deadline: ends_on.add_days(i64::from(filing_days)),
            }
        })
        .collect();
    let starts_on = CivilDate::new(year, 1, 1).expect("1 January");
    let ends_on = CivilDate::new(year, 12, 31).expect("31 December");
    out.push(PeriodPlan {
        kind: PeriodKind::Annual,
        number: 0,
        name: period_name(Language::Id, PeriodKind::Annual, 0, year, scheme),
        starts_on,
        ends_on,
        deadline: ends_on.add_days(i64::from(filing_days)),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_cover_the_year_with_deadlines_after_each_end() {
        let p = periods(2027, Scheme::Quarterly, 10);
        assert_eq!(p.len(), 5);
        let spans: Vec<(String, String, String)> = p
            .iter()
            .map(|p| {
                (
                    p.starts_on.to_iso(),
                    p.ends_on.to_iso(),
                    p.deadline.to_iso(),
                )
            })
            .collect();
        assert_eq!(
            spans[0],
            (
                "2027-01-01".into(),
                "2027-03-31".into(),
                "2027-04-10".into()
            )
        );
        assert_eq!(
            spans[3],
            (
                "2027-10-01".into(),
                "2027-12-31".into(),
                "2028-01-10".into()
            )
        );
        assert_eq!(p[1].name, "Triwulan II 2027");
        assert_eq!(
            (p[4].kind, p[4].name.as_str()),
            (PeriodKind::Annual, "Penilaian Tahunan 2027")
        );
    }

    #[test]
    fn months_follow_the_calendar_including_leap_februaries() {
        let p = periods(2028, Scheme::Monthly, 5);
        assert_eq!(p.len(), 13);
        assert_eq!(p[1].name, "Februari 2028");
        assert_eq!(p[1].ends_on.to_iso(), "2028-02-29");
        assert_eq!(p[1].deadline.to_iso(), "2028-03-05");
        for pair in p[..12].windows(2) {
            assert_eq!(
                pair[0].ends_on.add_days(1),
                pair[1].starts_on,
                "no gaps, no overlaps"
            );
        }
    }
}
