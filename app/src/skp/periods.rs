//! Cutting a performance year into evaluation periods (DOMAIN.md section 2):
//! quarterly by default, monthly when configured, plus the annual evaluation.
//! Each period has a filing deadline a configurable number of days after its end.

use crate::calendar::{days_in_month, CivilDate};
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

use crate::calendar::MONTHS;

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
            let name = match scheme {
                Scheme::Quarterly => {
                    format!("Triwulan {} {year}", ["I", "II", "III", "IV"][i as usize])
                }
                Scheme::Monthly => format!("{} {year}", MONTHS[i as usize]),
            };
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
        name: format!("Penilaian Tahunan {year}"),
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
