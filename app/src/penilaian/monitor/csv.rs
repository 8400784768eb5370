//! The evaluation monitor's rows as CSV: one line per person evaluated in the
//! period and unit, with their stage and whether it is late.

use super::types::EvaluationMonitor;
use crate::platform::csv::{self, field};

const HEADER: &str = "nip,nama,unit_kerja,atasan,tahap,terlambat";

pub fn to_csv(monitor: &EvaluationMonitor) -> String {
    csv::document(
        HEADER,
        monitor.people.iter().map(|p| {
            vec![
                field(p.nip.as_deref().unwrap_or_default()),
                field(&p.name),
                field(&p.unit),
                field(p.atasan.as_deref().unwrap_or_default()),
                p.stage.code().to_owned(),
                if p.late { "ya" } else { "tidak" }.to_owned(),
            ]
        }),
    )
}

/// The download's file name: `penilaian-triwulan-i-2026.csv`.
pub fn file_name(monitor: &EvaluationMonitor) -> String {
    csv::file_name(
        "penilaian",
        monitor.period.as_ref().map(|p| p.name.as_str()),
        monitor.unit.as_ref().map(|(id, _)| *id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::penilaian::monitor::types::{Stage, StagePerson};

    #[test]
    fn one_line_per_person_with_stage_and_lateness() {
        let mut monitor = EvaluationMonitor::empty();
        monitor.people = vec![StagePerson {
            employee_id: 1,
            name: "Siti Rahma, S.H.".into(),
            nip: Some("198501012010012001".into()),
            unit: "DPMPTSP".into(),
            atasan: Some("Lukman Fauzi".into()),
            stage: Stage::Rating,
            late: true,
        }];
        let csv = to_csv(&monitor);
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(
            lines[1],
            "198501012010012001,\"Siti Rahma, S.H.\",DPMPTSP,Lukman Fauzi,dinilai,ya"
        );
        assert_eq!(lines.len(), 2);
    }
}
