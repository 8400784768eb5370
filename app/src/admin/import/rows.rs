//! The employee file's columns and the rules each row must meet before the
//! database is consulted (NIP, dates, codes, duplicates within the file).

use super::csv::Table;
use super::types::ImportError;
use crate::admin::types::MAX_NAME_CHARS;
use crate::calendar::CivilDate;
use crate::i18n::{current_language, messages, tr, translate, Message};
use crate::organisation::nip::{Nip, Sex};
use crate::organisation::types::{EmployeeStatus, JabatanKind};
use std::collections::HashMap;

/// The columns, in the order of the template; header names are matched without
/// regard to case, and spaces count as underscores ("NIP Atasan" = nip_atasan).
pub const COLUMNS: [&str; 10] = [
    "nip",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "unit",
    "nip_atasan",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmployeeRecord {
    pub line: usize,
    pub nip: Nip,
    pub name: String,
    pub sex: Sex,
    pub birth_date: CivilDate,
    pub status: EmployeeStatus,
    pub golongan: Option<String>,
    pub jabatan: String,
    pub jenis: JabatanKind,
    /// A unit code (e.g. 17.08.05.01) or a unit's exact name.
    pub unit: String,
    pub atasan: Option<Nip>,
}

/// Reads every row; returns the valid records and every problem found.
pub fn employee_records(table: &Table) -> (Vec<EmployeeRecord>, Vec<ImportError>) {
    let mut errors = Vec::new();
    let header: Vec<String> = table.header.iter().map(|h| h.replace(' ', "_")).collect();
    let mut index = HashMap::new();
    for column in COLUMNS {
        match header.iter().position(|h| h == column) {
            Some(i) => {
                index.insert(column, i);
            }
            None => errors.push(ImportError::new(
                1,
                column,
                tr!(import_error_missing_column, { "column" => column, "columns" => COLUMNS.join(", ") }),
            )),
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let mut records = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, fields) in &table.records {
        if fields.len() != header.len() {
            errors.push(ImportError::new(
                *line,
                "-",
                tr!(import_error_cell_count, { "cells" => fields.len(), "header" => header.len() }),
            ));
            continue;
        }
        let cells = Cells {
            fields,
            index: &index,
        };
        match employee_record(*line, &cells) {
            Ok(record) => {
                if let Some(first) = seen.insert(record.nip.as_str().to_owned(), *line) {
                    errors.push(ImportError::new(
                        *line,
                        "nip",
                        tr!(import_error_duplicate_nip, { "nip" => record.nip, "line" => first }),
                    ));
                } else {
                    records.push(record);
                }
            }
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }
    (records, errors)
}

/// One row's fields, looked up by column name.
struct Cells<'a> {
    fields: &'a [String],
    index: &'a HashMap<&'static str, usize>,
}

impl<'a> Cells<'a> {
    fn get(&self, column: &str) -> &'a str {
        self.fields[self.index[column]].trim()
    }
}

fn employee_record(line: usize, cells: &Cells<'_>) -> Result<EmployeeRecord, Vec<ImportError>> {
    let get = |column: &str| cells.get(column);
    let mut errors = Vec::new();
    let mut fail =
        |column: &str, message: String| errors.push(ImportError::new(line, column, message));

    let nip = Nip::parse(get("nip"))
        .map_err(|e| fail("nip", e.to_string()))
        .ok();
    let name = text(get("nama"), messages::label_name)
        .map_err(|m| fail("nama", m))
        .ok();
    let sex = parse_sex(get("jenis_kelamin"))
        .ok_or_else(|| fail("jenis_kelamin", tr!(import_error_sex)))
        .ok();
    let birth_date = parse_date(get("tanggal_lahir"))
        .ok_or_else(|| {
            fail(
                "tanggal_lahir",
                tr!(import_error_birth_date, { "date" => get("tanggal_lahir") }),
            )
        })
        .ok();
    let status = match get("status").to_lowercase().as_str() {
        "pns" | "cpns" => Some(EmployeeStatus::Pns),
        "pppk" => Some(EmployeeStatus::Pppk),
        _ => {
            fail("status", tr!(import_error_status));
            None
        }
    };
    let golongan = get("golongan");
    if golongan.chars().count() > 10 {
        fail("golongan", tr!(error_golongan));
    }
    let jabatan = text(get("jabatan"), messages::label_position_title)
        .map_err(|m| fail("jabatan", m))
        .ok();
    let jenis = parse_jenis(get("jenis_jabatan"))
        .ok_or_else(|| fail("jenis_jabatan", tr!(import_error_position_kind)))
        .ok();
    let unit = text(get("unit"), messages::label_unit)
        .map_err(|m| fail("unit", m))
        .ok();
    let atasan = match get("nip_atasan") {
        "" => Ok(None),
        value => Nip::parse(value).map(Some).map_err(|e| {
            fail(
                "nip_atasan",
                tr!(import_error_supervisor_nip, { "problem" => e }),
            )
        }),
    }
    .ok()
    .flatten();

    if let (Some(nip), Some(sex)) = (&nip, sex) {
        if nip.sex() != sex {
            fail("jenis_kelamin", tr!(import_error_sex_nip));
        }
    }
    if let (Some(nip), Some(date)) = (&nip, birth_date) {
        if nip.birth_date() != date {
            fail(
                "tanggal_lahir",
                tr!(import_error_birth_date_nip, { "date" => nip.birth_date().to_iso() }),
            );
        }
    }
    if let (Some(nip), Some(atasan)) = (&nip, &atasan) {
        if nip == atasan {
            fail("nip_atasan", tr!(import_error_own_supervisor));
        }
    }
    match (nip, name, sex, birth_date, status, jabatan, jenis, unit) {
        (
            Some(nip),
            Some(name),
            Some(sex),
            Some(birth_date),
            Some(status),
            Some(jabatan),
            Some(jenis),
            Some(unit),
        ) if errors.is_empty() => Ok(EmployeeRecord {
            line,
            nip,
            name,
            sex,
            birth_date,
            status,
            golongan: (!golongan.is_empty()).then(|| golongan.to_owned()),
            jabatan,
            jenis,
            unit,
            atasan,
        }),
        _ => Err(errors),
    }
}

/// `value` tidied, or why it will not do; `label` names the field and is only
/// translated for a message (most rows have none).
fn text(value: &str, label: Message) -> Result<String, String> {
    let label = || translate(current_language(), label, &[]);
    if value.is_empty() {
        Err(tr!(error_required, { "label" => label() }))
    } else if value.chars().count() > MAX_NAME_CHARS {
        Err(tr!(error_text_too_long, { "label" => label(), "max" => MAX_NAME_CHARS }))
    } else {
        Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

fn parse_sex(value: &str) -> Option<Sex> {
    match value.to_lowercase().as_str() {
        "l" | "laki-laki" | "laki laki" | "pria" | "1" => Some(Sex::Male),
        "p" | "perempuan" | "wanita" | "2" => Some(Sex::Female),
        _ => None,
    }
}

/// `YYYY-MM-DD`, or `DD-MM-YYYY` / `DD/MM/YYYY` as Indonesian spreadsheets write it.
pub fn parse_date(value: &str) -> Option<CivilDate> {
    if let Some(date) = CivilDate::parse_iso(value) {
        return Some(date);
    }
    let parts: Vec<&str> = value.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            CivilDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

fn parse_jenis(value: &str) -> Option<JabatanKind> {
    let value = value.to_lowercase();
    if value.starts_with("jpt") || value.starts_with("jabatan pimpinan tinggi") {
        return Some(JabatanKind::Jpt);
    }
    match value.as_str() {
        "administrator" => Some(JabatanKind::Administrator),
        "pengawas" => Some(JabatanKind::Pengawas),
        "pelaksana" => Some(JabatanKind::Pelaksana),
        "fungsional" | "jabatan fungsional" => Some(JabatanKind::Fungsional),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::import::csv::parse;

    const HEADER: &str = "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan";

    fn read(body: &str) -> (Vec<EmployeeRecord>, Vec<ImportError>) {
        employee_records(&parse(format!("{HEADER}\n{body}").as_bytes()).unwrap())
    }

    #[test]
    fn a_valid_row_is_read() {
        let (records, errors) = read("199001012015031002,Andi Saputra,L,01-01-1990,PNS,III/b,Analis Perizinan,Pelaksana,17.08.19,198503142010011001");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records[0].name, "Andi Saputra");
        assert_eq!(records[0].birth_date.to_iso(), "1990-01-01");
        assert_eq!(
            records[0].atasan.as_ref().unwrap().as_str(),
            "198503142010011001"
        );
    }

    #[test]
    fn each_row_error_names_line_column_and_reason() {
        let (_, errors) = read(
            "19900101201503100,Andi,L,1990-01-01,PNS,III/b,Analis,Pelaksana,17.08,\n\
             199013012015031002,Budi,L,1990-01-01,PNS,III/b,Analis,Pelaksana,17.08,\n\
             199001012015031002,Citra,P,1990-01-01,PNS,III/b,Analis,Pelaksana,17.08,\n\
             199001012015031003,Dedi,L,1990-01-02,PNS,III/b,Analis,Pelaksana,17.08,\n\
             199001012015031004,Eko,L,1990-01-01,Honorer,III/b,Analis,Kepala,,\n\
             199001012015031005,Fajar,L,1990-01-01,PNS,III/b,Analis,Pelaksana,17.08,199001012015031005",
        );
        let found: Vec<(usize, &str)> =
            errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            found,
            vec![
                (2, "nip"),
                (3, "nip"),
                (4, "jenis_kelamin"),
                (5, "tanggal_lahir"),
                (6, "status"),
                (6, "jenis_jabatan"),
                (6, "unit"),
                (7, "nip_atasan"),
            ]
        );
        assert!(
            errors[0].message.contains("18 digit"),
            "{}",
            errors[0].message
        );
        assert!(
            errors[1].message.contains("tanggal lahir"),
            "{}",
            errors[1].message
        );
        assert!(
            errors[7].message.contains("Siklus"),
            "{}",
            errors[7].message
        );
    }

    #[test]
    fn duplicates_and_missing_columns() {
        let (records, errors) = read(
            "199001012015031002,Andi,L,1990-01-01,PNS,,Analis,Pelaksana,17.08,\n\
             199001012015031002,Andi,L,1990-01-01,PNS,,Analis,Pelaksana,17.08,",
        );
        assert_eq!(records.len(), 1);
        assert_eq!((errors[0].line, errors[0].column.as_str()), (3, "nip"));
        assert!(errors[0].message.contains("baris 2"));

        let (_, errors) = employee_records(&parse(b"nip,nama\n1,2\n").unwrap());
        assert_eq!(errors.len(), 8);
        assert!(errors.iter().all(|e| e.line == 1));
        assert_eq!(errors[0].column, "jenis_kelamin");
    }
}
