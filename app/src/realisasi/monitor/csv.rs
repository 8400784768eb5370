//! The monitor's rows as CSV (UTF-8 with a BOM, so spreadsheet programs read the
//! names right): one line per person who must report in the period and unit.

use super::types::FilingMonitor;
use crate::calendar::format_wib;
use crate::platform::csv::{self, field};

const HEADER: &str = "nip,nama,unit_kerja,status,dilaporkan_pada";

pub fn to_csv(monitor: &FilingMonitor) -> String {
    csv::document(
        HEADER,
        monitor.people.iter().map(|p| {
            vec![
                field(p.nip.as_deref().unwrap_or_default()),
                field(&p.name),
                field(&p.unit),
                p.status.code().to_owned(),
                p.filed_at.map(format_wib).unwrap_or_default(),
            ]
        }),
    )
}

/// The download's file name: `realisasi-triwulan-i-2026.csv`.
pub fn file_name(monitor: &FilingMonitor) -> String {
    csv::file_name(
        "realisasi",
        monitor.period.as_ref().map(|p| p.name.as_str()),
        monitor.unit.as_ref().map(|(id, _)| *id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::realisasi::monitor::types::MonitorPerson;
    use crate::realisasi::types::FilingStatus;

    #[test]
    fn one_line_per_person_after_the_header() {
        let mut monitor = FilingMonitor::empty();
        monitor.people = vec![MonitorPerson {
            employee_id: 1,
            name: "Siti Rahma, S.H.".into(),
            nip: Some("198501012010012001".into()),
            unit: "DPMPTSP".into(),
            status: FilingStatus::Late,
            // 2026-04-15 02:30 UTC = 09:30 WIB.
            filed_at: Some(1_776_220_200_000),
        }];
        let csv = to_csv(&monitor);
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(
            lines[1],
            "198501012010012001,\"Siti Rahma, S.H.\",DPMPTSP,terlambat,2026-04-15 09:30 WIB"
        );
        assert_eq!(lines.len(), 2);
    }
}
