//! A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, and the
//! semicolon separator that spreadsheet programs in Indonesian locales write.

use super::types::ImportError;
use crate::i18n::tr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Header names, trimmed and lower-cased.
    pub header: Vec<String>,
    /// Data records with the line number each starts on.
    pub records: Vec<(usize, Vec<String>)>,
}

/// Decodes and splits a CSV file. Fails on anything but UTF-8 (a byte-order mark
/// is fine), on an unterminated quote, or when there is no header line.
pub fn parse(bytes: &[u8]) -> Result<Table, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        ImportError::new(
            line,
            "-",
            "Berkas bukan teks UTF-8 (mungkin tersimpan sebagai ANSI/Windows-1252). Simpan ulang sebagai \"CSV UTF-8\" lalu unggah lagi.",
        )
    })?;
    let first_line = text.lines().next().unwrap_or_default();
    let separator = if first_line.matches(';').count() > first_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut records = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_quotes, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => in_quotes = false,
            (true, '\n') => {
                line += 1;
                field.push('\n');
            }
            (true, c) => field.push(c),
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
            }
            (false, c) if c == separator => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                push_record(&mut records, record_line, std::mem::take(&mut record));
                line += 1;
                record_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if in_quotes {
        return Err(ImportError::new(
            record_line,
            "-",
            tr!(import_error_open_quote),
        ));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        push_record(&mut records, record_line, record);
    }
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(ImportError::new(1, "-", tr!(import_error_empty_file)));
    };
    Ok(Table {
        header: header.iter().map(|h| h.trim().to_lowercase()).collect(),
        records: records.collect(),
    })
}

/// Skips blank lines (spreadsheets often end files with a few).
fn push_record(records: &mut Vec<(usize, Vec<String>)>, line: usize, record: Vec<String>) {
    if record.iter().any(|f| !f.trim().is_empty()) {
        records.push((line, record));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_separators_and_line_numbers() {
        let table = parse(
            "\u{feff}NIP;Nama\r\n1;\"Siti; S.E.\"\r\n\r\n2;\"Kata \"\"kunci\"\"\nbaris dua\"\n3;Budi".as_bytes(),
        )
        .unwrap();
        assert_eq!(table.header, vec!["nip", "nama"]);
        assert_eq!(
            table.records,
            vec![
                (2, vec!["1".to_owned(), "Siti; S.E.".to_owned()]),
                (
                    4,
                    vec!["2".to_owned(), "Kata \"kunci\"\nbaris dua".to_owned()]
                ),
                (6, vec!["3".to_owned(), "Budi".to_owned()]),
            ]
        );
    }

    #[test]
    fn latin1_files_are_refused_with_the_line() {
        let err = parse(b"nip,nama\n1,Andi\n2,Jos\xe9\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn unterminated_quotes_and_empty_files_are_refused() {
        assert_eq!(parse(b"a,b\n1,\"open\n").unwrap_err().line, 2);
        assert!(parse(b"").unwrap_err().message.contains("kosong"));
    }
}
