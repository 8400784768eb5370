//! The monitor's rows as CSV (UTF-8 with a BOM, so spreadsheet programs read the
//! names right): one line per person who must report in the period and unit.

use super::types::FilingMonitor;
use crate::calendar::format_wib;

const HEADER: &str = "nip,nama,unit_kerja,status,dilaporkan_pada";

/// A field quoted when it needs to be, and never read as a formula by a
/// spreadsheet (a leading `=`, `+`, `-`, `@` gets an apostrophe).
fn field(text: &str) -> String {
    let text = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn to_csv(monitor: &FilingMonitor) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for p in &monitor.people {
        let line = [
            field(p.nip.as_deref().unwrap_or_default()),
            field(&p.name),
            field(&p.unit),
            p.status.code().to_owned(),
            p.filed_at.map(format_wib).unwrap_or_default(),
        ]
        .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out
}

/// The download's file name: `realisasi-2026-triwulan-i.csv`.
pub fn file_name(monitor: &FilingMonitor) -> String {
    let period = monitor
        .period
        .as_ref()
        .map(|p| p.name.to_lowercase())
        .unwrap_or_default();
    let mut name = String::from("realisasi");
    for word in period.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            name.push('-');
            name.push_str(word);
        }
    }
    if let Some((id, _)) = &monitor.unit {
        name.push_str(&format!("-unit-{id}"));
    }
    name.push_str(".csv");
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::realisasi::monitor::types::MonitorPerson;
    use crate::realisasi::types::FilingStatus;

    #[test]
    fn quotes_separators_and_disarms_formulas() {
        assert_eq!(field("Budi"), "Budi");
        assert_eq!(field("Rahma, S.H."), "\"Rahma, S.H.\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
    }

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
