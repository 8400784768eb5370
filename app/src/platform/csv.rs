//! CSV downloads (UTF-8 with a BOM, so spreadsheet programs read the names
//! right; CRLF line ends), shared by every monitor's export.

/// A field quoted when it needs to be, and never read as a formula by a
/// spreadsheet (a leading `=`, `+`, `-`, `@` gets an apostrophe).
pub fn field(text: &str) -> String {
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

/// The header line, then one line per row (each field already made safe).
pub fn document(header: &str, rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(header);
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A download's file name from its subject and period: `realisasi-triwulan-i-2026.csv`,
/// `-unit-<id>` added for one unit.
pub fn file_name(subject: &str, period_name: Option<&str>, unit_id: Option<i64>) -> String {
    let mut name = String::from(subject);
    let period = period_name.unwrap_or_default().to_lowercase();
    for word in period.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            name.push('-');
            name.push_str(word);
        }
    }
    if let Some(id) = unit_id {
        name.push_str(&format!("-unit-{id}"));
    }
    name.push_str(".csv");
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_separators_and_disarms_formulas() {
        assert_eq!(field("Budi"), "Budi");
        assert_eq!(field("Rahma, S.H."), "\"Rahma, S.H.\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
    }

    #[test]
    fn names_follow_the_period_and_unit() {
        assert_eq!(
            file_name("realisasi", Some("Triwulan I 2026"), None),
            "realisasi-triwulan-i-2026.csv"
        );
        assert_eq!(
            file_name("penilaian", Some("Penilaian Tahunan 2026"), Some(7)),
            "penilaian-penilaian-tahunan-2026-unit-7.csv"
        );
        assert_eq!(
            document("a,b", [vec!["1".into(), "2".into()]]),
            "\u{feff}a,b\r\n1,2\r\n"
        );
    }
}
