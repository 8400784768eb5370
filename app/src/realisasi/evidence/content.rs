//! What an evidence file is, decided from its bytes alone: the name and the type the
//! browser claims are chosen by the uploader, so neither decides how a file is served.

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// The kinds of evidence SIKAP keeps and serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceKind {
    Pdf,
    Jpeg,
    Png,
    Webp,
    Docx,
    Xlsx,
    Odt,
    Ods,
    Csv,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 9] = [
        EvidenceKind::Pdf,
        EvidenceKind::Jpeg,
        EvidenceKind::Png,
        EvidenceKind::Webp,
        EvidenceKind::Docx,
        EvidenceKind::Xlsx,
        EvidenceKind::Odt,
        EvidenceKind::Ods,
        EvidenceKind::Csv,
    ];

    pub fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Webp => "image/webp",
            EvidenceKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            EvidenceKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            EvidenceKind::Odt => ODT_MIMETYPE,
            EvidenceKind::Ods => ODS_MIMETYPE,
            EvidenceKind::Csv => "text/csv",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Jpeg => "jpg",
            EvidenceKind::Png => "png",
            EvidenceKind::Webp => "webp",
            EvidenceKind::Docx => "docx",
            EvidenceKind::Xlsx => "xlsx",
            EvidenceKind::Odt => "odt",
            EvidenceKind::Ods => "ods",
            EvidenceKind::Csv => "csv",
        }
    }

    /// Browsers show these themselves; the rest are offered as downloads.
    pub fn previews_inline(self) -> bool {
        matches!(
            self,
            EvidenceKind::Pdf | EvidenceKind::Jpeg | EvidenceKind::Png | EvidenceKind::Webp
        )
    }

    /// The stored form of the kind (a database column); the same as the extension.
    pub fn code(self) -> &'static str {
        self.extension()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

const ODT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// Why a file is refused. `message` names the file and says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing in it, or only spaces and blank lines.
    Empty,
    /// Markup (HTML, XML, SVG): a browser would run the scripts in it.
    Html,
    /// A program or script (Windows, Linux, macOS, `#!`).
    Executable,
    /// An office document carrying macros (`vbaProject.bin`, or OpenDocument Basic
    /// scripts): code that runs when the supervisor opens it.
    Macros,
    /// None of the accepted kinds.
    Unknown,
    /// Text, but not UTF-8 (a CSV saved in an old encoding).
    NotUtf8,
    /// A DOC, XLS or PPT file, or an Office file protected by a password (both are
    /// the old compound format, which cannot be checked).
    LegacyOffice,
    /// A zip that grows too large when opened: more entries, bytes or ratio than
    /// [`ZipLimits::DEFAULT`] allows.
    ZipBomb,
    /// A zip that is not a whole DOCX, XLSX, ODT or ODS, or is damaged or encrypted.
    BadOffice,
    /// The server could not read its own temporary copy: a fault to log, not the
    /// uploader's mistake. Holds the system's error for the log.
    Unreadable(String),
}

const ACCEPTED: &str = "Unggah PDF, JPEG, PNG, WebP, DOCX, XLSX, ODT, ODS atau CSV.";

impl Refusal {
    /// The reason, as the second half of "Berkas … ditolak: …".
    fn reason(&self) -> &'static str {
        match self {
            Refusal::Empty => "berkasnya kosong",
            Refusal::Html => "isinya halaman HTML, bukan PDF, gambar, dokumen kantor atau CSV",
            Refusal::Executable => "isinya program atau skrip yang dapat dijalankan",
            Refusal::Macros => "isinya dokumen kantor yang memuat makro",
            Refusal::Unknown => "jenis isinya tidak dikenali",
            Refusal::NotUtf8 => "isinya teks, tetapi tidak tersimpan sebagai UTF-8",
            Refusal::LegacyOffice => {
                "isinya dokumen Office format lama (DOC, XLS, PPT) atau dokumen berkata sandi"
            }
            Refusal::ZipBomb => {
                "isinya mengembang terlalu besar saat dibuka (lebih dari 5.000 bagian, \
                 200 MB, atau 100 kali ukuran berkasnya)"
            }
            Refusal::BadOffice => {
                "isinya arsip ZIP yang bukan dokumen DOCX, XLSX, ODT atau ODS yang utuh"
            }
            Refusal::Unreadable(_) => "",
        }
    }

    fn advice(&self) -> &'static str {
        match self {
            Refusal::Empty => "Periksa berkasnya, lalu unggah ulang.",
            Refusal::Macros => "Simpan ulang tanpa makro (DOCX atau XLSX biasa), atau sebagai PDF.",
            Refusal::NotUtf8 => "Simpan ulang sebagai \"CSV UTF-8\", lalu unggah lagi.",
            Refusal::LegacyOffice => {
                "Simpan ulang sebagai DOCX atau XLSX tanpa kata sandi, atau sebagai PDF."
            }
            Refusal::ZipBomb => "Simpan ulang dokumennya, atau unggah sebagai PDF.",
            Refusal::BadOffice => {
                "Unggah dokumen di dalamnya satu per satu: PDF, JPEG, PNG, WebP, DOCX, \
                 XLSX, ODT, ODS atau CSV."
            }
            _ => ACCEPTED,
        }
    }

    /// True when the server, not the file, is at fault (log it; answer 500, not 400).
    pub fn is_server_fault(&self) -> bool {
        matches!(self, Refusal::Unreadable(_))
    }

    /// The sentence shown to the uploader, naming the file as they named it.
    pub fn message(&self, file_name: &str) -> String {
        let name = shown_name(file_name);
        match self {
            Refusal::Unreadable(_) => format!(
                "Berkas \"{name}\" tidak dapat diperiksa karena galat di server. Coba unggah \
                 ulang; bila terulang, hubungi admin."
            ),
            _ => format!(
                "Berkas \"{name}\" ditolak: {}. {}",
                self.reason(),
                self.advice()
            ),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Unreadable(error) => {
                write!(
                    f,
                    "Berkas tidak dapat diperiksa karena galat di server: {error}"
                )
            }
            _ => write!(f, "Berkas ditolak: {}. {}", self.reason(), self.advice()),
        }
    }
}

impl std::error::Error for Refusal {}

/// The uploader's file name as it may appear in a message: control characters
/// dropped and long names shortened, so a crafted name cannot break the sentence.
fn shown_name(file_name: &str) -> String {
    const MAX_CHARS: usize = 80;
    let clean: String = file_name.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= MAX_CHARS {
        clean
    } else {
        let mut short: String = clean.chars().take(MAX_CHARS - 1).collect();
        short.push('…');
        short
    }
}

/// How far a zip may grow when opened. Every entry is decompressed to count its
/// bytes, since the sizes an archive declares are the attacker's to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    pub max_entries: u64,
    /// All entries together, decompressed.
    pub max_total_bytes: u64,
    /// All entries together, decompressed, per byte of the zip file itself.
    pub max_ratio: u64,
}

impl ZipLimits {
    pub const DEFAULT: ZipLimits = ZipLimits {
        max_entries: 5_000,
        max_total_bytes: 200 * 1024 * 1024,
        max_ratio: 100,
    };
}

/// Decides the kind of the file at `path` from its content. Reads a header, then
/// streams the rest where the kind needs it (text, zips), so memory stays the same
/// whatever the file's size. Blocking: call it from `spawn_blocking`.
pub fn detect(path: &Path) -> Result<EvidenceKind, Refusal> {
    detect_with(path, ZipLimits::DEFAULT)
}

/// [`detect`] with other zip limits.
pub fn detect_with(path: &Path, limits: ZipLimits) -> Result<EvidenceKind, Refusal> {
    let mut file = File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size == 0 {
        return Err(Refusal::Empty);
    }
    let mut head = [0u8; 16];
    let head_len = read_full(&mut file, &mut head).map_err(unreadable)?;
    match sniff(&head[..head_len]) {
        Sniff::Is(kind) => Ok(kind),
        Sniff::Refused(refusal) => Err(refusal),
        Sniff::Zip => {
            file.seek(SeekFrom::Start(0)).map_err(unreadable)?;
            check_zip(file, size, limits)
        }
        Sniff::MaybeText => {
            file.seek(SeekFrom::Start(0)).map_err(unreadable)?;
            check_text(file)
        }
    }
}

fn unreadable(error: io::Error) -> Refusal {
    Refusal::Unreadable(error.to_string())
}

enum Sniff {
    Is(EvidenceKind),
    Refused(Refusal),
    Zip,
    MaybeText,
}

/// Executable headers: Windows (MZ), Linux (ELF), macOS (Mach-O, 32/64-bit in both
/// byte orders, and universal binaries, whose magic Java class files share), scripts.
const EXECUTABLE_MAGICS: &[&[u8]] = &[
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"\xca\xfe\xba\xbf",
    b"#!",
];

/// The old Office compound file (DOC, XLS, PPT, and password-protected DOCX/XLSX).
const COMPOUND_FILE_MAGIC: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

fn sniff(head: &[u8]) -> Sniff {
    if head.starts_with(b"%PDF-") {
        Sniff::Is(EvidenceKind::Pdf)
    } else if head.starts_with(b"\xff\xd8\xff") {
        Sniff::Is(EvidenceKind::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Sniff::Is(EvidenceKind::Png)
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        Sniff::Is(EvidenceKind::Webp)
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Sniff::Zip
    } else if EXECUTABLE_MAGICS
        .iter()
        .any(|magic| head.starts_with(magic))
    {
        Sniff::Refused(Refusal::Executable)
    } else if head.starts_with(COMPOUND_FILE_MAGIC) {
        Sniff::Refused(Refusal::LegacyOffice)
    } else {
        Sniff::MaybeText
    }
}

/// Reads until `buf` is full or the file ends; returns how much was read.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

// ---------------------------------------------------------------------------
// CSV and other text

const TEXT_CHUNK: usize = 64 * 1024;
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// A file with no known signature is accepted only as CSV: UTF-8 text (a BOM is
/// allowed, as Excel writes one) without NUL or control characters other than tab
/// and line breaks, whose first visible character is not `<` (markup a browser
/// would render), with at least one non-blank line.
fn check_text(mut reader: impl Read) -> Result<EvidenceKind, Refusal> {
    let mut text = TextCheck::default();
    // Room for the tail of a character cut off by the previous chunk (at most 3 bytes).
    let mut buf = vec![0u8; TEXT_CHUNK + 3];
    let mut carried = 0;
    let mut first = true;
    loop {
        let read = read_full(&mut reader, &mut buf[carried..]).map_err(unreadable)?;
        let filled = carried + read;
        let at_end = filled < buf.len();
        let mut chunk = &buf[..filled];
        if first {
            first = false;
            chunk = chunk.strip_prefix(UTF8_BOM).unwrap_or(chunk);
        }
        carried = text.feed(chunk, at_end)?;
        if at_end {
            break;
        }
        buf.copy_within(filled - carried..filled, 0);
    }
    text.finish()
}

#[derive(Default)]
struct TextCheck {
    /// A visible character has been seen (so the file has a line, and the markup
    /// check is done).
    seen_text: bool,
    /// An invalid UTF-8 sequence has been seen; the rest is only scanned for bytes
    /// that show a binary file.
    not_utf8: bool,
}

impl TextCheck {
    /// Checks one chunk; returns how many bytes at its end are the start of a
    /// character that continues in the next chunk.
    fn feed(&mut self, chunk: &[u8], at_end: bool) -> Result<usize, Refusal> {
        if self.not_utf8 {
            return check_bytes(chunk).map(|()| 0);
        }
        match std::str::from_utf8(chunk) {
            Ok(text) => self.check(text).map(|()| 0),
            Err(error) => {
                let (valid, rest) = chunk.split_at(error.valid_up_to());
                self.check(std::str::from_utf8(valid).unwrap_or_default())?;
                if error.error_len().is_none() && !at_end {
                    return Ok(rest.len());
                }
                self.not_utf8 = true;
                check_bytes(rest).map(|()| 0)
            }
        }
    }

    fn check(&mut self, text: &str) -> Result<(), Refusal> {
        let mut rest = text;
        if !self.seen_text {
            rest = text.trim_start();
            match rest.chars().next() {
                None => {}
                Some('<') => return Err(Refusal::Html),
                Some(_) => self.seen_text = true,
            }
            // Control characters count as whitespace for `trim_start`; look again.
            check_bytes(&text.as_bytes()[..text.len() - rest.len()])?;
        }
        check_bytes(rest.as_bytes())
    }

    fn finish(self) -> Result<EvidenceKind, Refusal> {
        if self.not_utf8 {
            Err(Refusal::NotUtf8)
        } else if !self.seen_text {
            Err(Refusal::Empty)
        } else {
            Ok(EvidenceKind::Csv)
        }
    }
}

/// Refuses bytes that no CSV holds: NUL and other C0 controls except tab, line
/// feed and carriage return, DEL, and the C1 controls (U+0080–U+009F, `C2 80`–`C2 9F`
/// in UTF-8). Such a file is binary, not text in another encoding.
fn check_bytes(bytes: &[u8]) -> Result<(), Refusal> {
    let mut previous = 0u8;
    for &byte in bytes {
        let c0 = byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r');
        let c1 = previous == 0xc2 && (0x80..=0x9f).contains(&byte);
        if c0 || byte == 0x7f || c1 {
            return Err(Refusal::Unknown);
        }
        previous = byte;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Office files (zips)

/// A zip is accepted only as a whole office document, and only after every entry
/// was decompressed within `limits`: entries, total bytes, and total bytes per byte
/// of the file, whichever is reached first.
fn check_zip(file: File, size: u64, limits: ZipLimits) -> Result<EvidenceKind, Refusal> {
    let mut reader = BufReader::new(file);
    // The zip crate keeps every entry's record in memory; refuse a huge count from the
    // archive's own end record before it builds that list.
    if let Some(declared) = declared_entries(&mut reader, size).map_err(unreadable)? {
        if declared > limits.max_entries {
            return Err(Refusal::ZipBomb);
        }
    }
    reader.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    let mut archive = zip::ZipArchive::new(reader).map_err(|_| Refusal::BadOffice)?;
    if archive.len() as u64 > limits.max_entries {
        return Err(Refusal::ZipBomb);
    }
    let budget = limits
        .max_total_bytes
        .min(size.saturating_mul(limits.max_ratio));
    let mut total: u64 = 0;
    let mut parts = OfficeParts::default();
    let mut buf = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        // Encrypted entries, unknown compression and damaged headers all end here.
        let mut entry = archive.by_index(index).map_err(|_| Refusal::BadOffice)?;
        if is_macro_part(entry.name_raw()) {
            return Err(Refusal::Macros);
        }
        let role = parts.role_of(entry.name_raw());
        let mut mimetype = Vec::new();
        loop {
            // The crate checks each entry's CRC at its end: damage is an error here.
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return Err(Refusal::BadOffice),
            };
            total += n as u64;
            if total > budget {
                return Err(Refusal::ZipBomb);
            }
            if role == Part::Mimetype && mimetype.len() <= ODS_MIMETYPE.len() {
                mimetype.extend_from_slice(&buf[..n.min(ODS_MIMETYPE.len() + 1)]);
            }
        }
        if role == Part::Mimetype && parts.mimetype.is_none() {
            parts.mimetype = Some(mimetype);
        }
    }
    parts.kind().ok_or(Refusal::BadOffice)
}

/// Where office formats keep macros: `vbaProject.bin` in OOXML (`.docm`, `.xlsm`
/// renamed), `Basic/` and `Scripts/` in OpenDocument.
fn is_macro_part(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(b"vbaproject.bin")
        || lower.starts_with(b"basic/")
        || lower.starts_with(b"scripts/")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    ContentTypes,
    WordDocument,
    Workbook,
    Mimetype,
    Other,
}

/// The entries that make a zip an office document: OOXML's content types and main
/// part, or OpenDocument's `mimetype` entry.
#[derive(Default)]
struct OfficeParts {
    content_types: bool,
    word_document: bool,
    workbook: bool,
    mimetype: Option<Vec<u8>>,
}

impl OfficeParts {
    fn role_of(&mut self, name: &[u8]) -> Part {
        match name {
            b"[Content_Types].xml" => {
                self.content_types = true;
                Part::ContentTypes
            }
            b"word/document.xml" => {
                self.word_document = true;
                Part::WordDocument
            }
            b"xl/workbook.xml" => {
                self.workbook = true;
                Part::Workbook
            }
            b"mimetype" => Part::Mimetype,
            _ => Part::Other,
        }
    }

    fn kind(&self) -> Option<EvidenceKind> {
        match self.mimetype.as_deref() {
            Some(m) if m == ODT_MIMETYPE.as_bytes() => return Some(EvidenceKind::Odt),
            Some(m) if m == ODS_MIMETYPE.as_bytes() => return Some(EvidenceKind::Ods),
            _ => {}
        }
        match (self.content_types, self.word_document, self.workbook) {
            (true, true, _) => Some(EvidenceKind::Docx),
            (true, false, true) => Some(EvidenceKind::Xlsx),
            _ => None,
        }
    }
}

/// The entry count the zip's end record declares (its zip64 record when the count
/// does not fit 16 bits), or `None` when no end record is found where it should be.
fn declared_entries(reader: &mut (impl Read + Seek), size: u64) -> io::Result<Option<u64>> {
    // The end record is 22 bytes plus a comment of at most 65,535.
    let tail_len = size.min(22 + 65_535);
    reader.seek(SeekFrom::Start(size - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    reader.read_exact(&mut tail)?;
    let Some(at) = tail.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return Ok(None);
    };
    let Some(record) = tail.get(at..at + 22) else {
        return Ok(None);
    };
    let count = u16::from_le_bytes([record[10], record[11]]);
    if count != u16::MAX {
        return Ok(Some(u64::from(count)));
    }
    // Zip64: a 20-byte locator just before the end record points at the zip64 record.
    let Some(locator) = at.checked_sub(20).and_then(|start| tail.get(start..at)) else {
        return Ok(None);
    };
    if !locator.starts_with(b"PK\x06\x07") {
        return Ok(None);
    }
    let offset = le_u64(&locator[8..16]);
    if offset.saturating_add(56) > size {
        return Ok(None);
    }
    let mut zip64 = [0u8; 56];
    reader.seek(SeekFrom::Start(offset))?;
    reader.read_exact(&mut zip64)?;
    if !zip64.starts_with(b"PK\x06\x06") {
        return Ok(None);
    }
    Ok(Some(le_u64(&zip64[32..40])))
}

fn le_u64(bytes: &[u8]) -> u64 {
    let mut array = [0u8; 8];
    array.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(array)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        file.flush().unwrap();
        file
    }

    fn detect_bytes(bytes: &[u8]) -> Result<EvidenceKind, Refusal> {
        detect(file_with(bytes).path())
    }

    /// A zip with the named entries, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for (name, content) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const CONTENT_TYPES: &[u8] = b"<?xml version=\"1.0\"?><Types/>";
    const XML: &[u8] = b"<?xml version=\"1.0\"?><document>Laporan kegiatan</document>";

    fn tiny_png() -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(b"\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89");
        png.extend_from_slice(b"\x00\x00\x00\x00IEND\xaeB`\x82");
        png
    }

    #[test]
    fn each_kind_is_known_by_its_content() {
        let docx = zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", XML),
            ("word/document.xml", XML),
        ]);
        let xlsx = zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("xl/workbook.xml", XML),
            ("xl/worksheets/sheet1.xml", XML),
        ]);
        let odt = zip_of(&[("mimetype", ODT_MIMETYPE.as_bytes()), ("content.xml", XML)]);
        let ods = zip_of(&[("mimetype", ODS_MIMETYPE.as_bytes()), ("content.xml", XML)]);
        let cases: Vec<(&str, Vec<u8>, EvidenceKind)> = vec![
            (
                "pdf",
                b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec(),
                EvidenceKind::Pdf,
            ),
            ("png", tiny_png(), EvidenceKind::Png),
            (
                "jpeg",
                b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
                    .to_vec(),
                EvidenceKind::Jpeg,
            ),
            (
                "webp",
                b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00".to_vec(),
                EvidenceKind::Webp,
            ),
            ("docx", docx, EvidenceKind::Docx),
            ("xlsx", xlsx, EvidenceKind::Xlsx),
            ("odt", odt, EvidenceKind::Odt),
            ("ods", ods, EvidenceKind::Ods),
            (
                "csv",
                "nip,nama,capaian\n198503142010011001,Siti Aminah,100%\n"
                    .as_bytes()
                    .to_vec(),
                EvidenceKind::Csv,
            ),
            (
                "csv from Excel (BOM, CRLF, tabs)",
                b"\xef\xbb\xbfkegiatan;target\r\nRapat\t1;4\r\n".to_vec(),
                EvidenceKind::Csv,
            ),
            (
                "one line without a line break",
                b"Sosialisasi SKP".to_vec(),
                EvidenceKind::Csv,
            ),
        ];
        for (name, bytes, kind) in cases {
            assert_eq!(detect_bytes(&bytes), Ok(kind), "{name}");
        }
    }

    #[test]
    fn dangerous_and_unknown_files_are_refused() {
        let plain_zip = zip_of(&[("foto.jpg", b"\xff\xd8\xff"), ("catatan.txt", b"isi")]);
        let half_docx = zip_of(&[("word/document.xml", XML)]);
        let wrong_mimetype = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.textx"),
            ("content.xml", XML),
        ]);
        let macro_xlsx = zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("xl/workbook.xml", XML),
            ("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
        ]);
        let cases: Vec<(&str, Vec<u8>, Refusal)> = vec![
            ("xlsm renamed xlsx", macro_xlsx, Refusal::Macros),
            ("empty", Vec::new(), Refusal::Empty),
            (
                "blank lines",
                b"\xef\xbb\xbf \r\n\n\t\n".to_vec(),
                Refusal::Empty,
            ),
            (
                "html",
                b"<!doctype html><html><script>alert(1)</script>".to_vec(),
                Refusal::Html,
            ),
            (
                "html after a BOM and blank lines",
                b"\xef\xbb\xbf\r\n  \n<html>".to_vec(),
                Refusal::Html,
            ),
            (
                "svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec(),
                Refusal::Html,
            ),
            (
                "xml",
                b"<?xml version=\"1.0\"?><a/>".to_vec(),
                Refusal::Html,
            ),
            (
                "windows exe",
                b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec(),
                Refusal::Executable,
            ),
            (
                "elf",
                b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec(),
                Refusal::Executable,
            ),
            (
                "mach-o",
                b"\xcf\xfa\xed\xfe\x07\x00\x00\x01".to_vec(),
                Refusal::Executable,
            ),
            (
                "shell script",
                b"#!/bin/sh\nrm -rf /\n".to_vec(),
                Refusal::Executable,
            ),
            (
                "old word document",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00".to_vec(),
                Refusal::LegacyOffice,
            ),
            ("plain zip", plain_zip, Refusal::BadOffice),
            ("docx without content types", half_docx, Refusal::BadOffice),
            (
                "odt with a wrong mimetype",
                wrong_mimetype,
                Refusal::BadOffice,
            ),
            (
                "truncated zip",
                b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(),
                Refusal::BadOffice,
            ),
            (
                "gif",
                b"GIF89a\x01\x00\x01\x00\x00\x00\x00".to_vec(),
                Refusal::Unknown,
            ),
            (
                "csv with a NUL",
                b"nip,nama\n1985\x00,Siti\n".to_vec(),
                Refusal::Unknown,
            ),
            (
                "csv with a C1 control",
                "nip,nama\n1985,Siti\u{85}\n".as_bytes().to_vec(),
                Refusal::Unknown,
            ),
            (
                "latin-1 csv",
                b"nama,kota\nJos\xe9,Bengkulu\n".to_vec(),
                Refusal::NotUtf8,
            ),
            (
                "latin-1 text with a NUL after the bad byte",
                b"nama\nJos\xe9\x00\n".to_vec(),
                Refusal::Unknown,
            ),
        ];
        for (name, bytes, refusal) in cases {
            assert_eq!(detect_bytes(&bytes), Err(refusal), "{name}");
        }
    }

    #[test]
    fn a_character_split_between_chunks_is_read_whole() {
        // "é" is two bytes; place its first byte last in the first chunk, after the BOM.
        let mut csv = UTF8_BOM.to_vec();
        csv.extend(std::iter::repeat_n(
            b'a',
            TEXT_CHUNK + 3 - UTF8_BOM.len() - 1,
        ));
        csv.extend_from_slice("é,ok\nb,c\n".as_bytes());
        assert_eq!(
            csv[TEXT_CHUNK + 2],
            0xc3,
            "the split falls inside the character"
        );
        assert_eq!(detect_bytes(&csv), Ok(EvidenceKind::Csv));
        // A four-byte character split 1 + 3 across the boundary, without a BOM.
        let mut csv = vec![b'x'; TEXT_CHUNK + 2];
        csv.extend_from_slice("😀\n".as_bytes());
        assert_eq!(detect_bytes(&csv), Ok(EvidenceKind::Csv));
        // A character cut off by the end of the file is not UTF-8.
        let mut csv = vec![b'x'; TEXT_CHUNK + 10];
        csv.extend_from_slice(&"😀".as_bytes()[..2]);
        assert_eq!(detect_bytes(&csv), Err(Refusal::NotUtf8));
        // A NUL far from the start is still found.
        let mut csv = vec![b'y'; 3 * TEXT_CHUNK];
        csv.push(0);
        assert_eq!(detect_bytes(&csv), Err(Refusal::Unknown));
        // Markup after a chunk of blank lines is still markup.
        let mut html = vec![b'\n'; TEXT_CHUNK + 100];
        html.extend_from_slice(b"<script>alert(1)</script>");
        assert_eq!(detect_bytes(&html), Err(Refusal::Html));
    }

    /// A deflated entry of `zeros` zero bytes, written in pieces.
    fn zip_of_zeros(zeros: usize) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut writer = zip::ZipWriter::new(file.reopen().unwrap());
        writer
            .start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        let block = vec![0u8; 1024 * 1024];
        for _ in 0..zeros / block.len() {
            writer.write_all(&block).unwrap();
        }
        writer
            .start_file("[Content_Types].xml", SimpleFileOptions::default())
            .unwrap();
        writer.write_all(CONTENT_TYPES).unwrap();
        writer.finish().unwrap();
        file
    }

    #[test]
    fn zip_bombs_are_refused() {
        // 10 MB of zeros deflate to about 10 KB: a ratio near 1000:1.
        let bomb = zip_of_zeros(10 * 1024 * 1024);
        let size = bomb.as_file().metadata().unwrap().len();
        assert!(size < 100 * 1024, "the bomb is small ({size} bytes)");
        assert_eq!(detect(bomb.path()), Err(Refusal::ZipBomb));

        // The same file passes when the ratio allows it: the refusal was the ratio's.
        let lenient = ZipLimits {
            max_ratio: 100_000,
            ..ZipLimits::DEFAULT
        };
        assert_eq!(detect_with(bomb.path(), lenient), Ok(EvidenceKind::Docx));

        // The absolute cap, on an archive well within the ratio (stored, 1:1).
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        writer.start_file("[Content_Types].xml", stored).unwrap();
        writer.write_all(CONTENT_TYPES).unwrap();
        writer.start_file("word/document.xml", stored).unwrap();
        writer.write_all(&vec![b'a'; 300 * 1024]).unwrap();
        let big = writer.finish().unwrap().into_inner();
        let capped = ZipLimits {
            max_total_bytes: 256 * 1024,
            ..ZipLimits::DEFAULT
        };
        let file = file_with(&big);
        assert_eq!(detect_with(file.path(), capped), Err(Refusal::ZipBomb));
        assert_eq!(detect(file.path()), Ok(EvidenceKind::Docx));
    }

    #[test]
    fn a_zip_with_too_many_entries_is_refused() {
        let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        writer.start_file("[Content_Types].xml", stored).unwrap();
        writer.write_all(CONTENT_TYPES).unwrap();
        writer.start_file("word/document.xml", stored).unwrap();
        writer.write_all(XML).unwrap();
        for i in 0..5_000 {
            writer
                .start_file(format!("word/media/{i}.xml"), stored)
                .unwrap();
        }
        let many = writer.finish().unwrap().into_inner();
        assert_eq!(detect_bytes(&many), Err(Refusal::ZipBomb));
    }

    #[test]
    fn a_damaged_entry_is_refused() {
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut writer = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        writer.start_file("[Content_Types].xml", stored).unwrap();
        writer.write_all(CONTENT_TYPES).unwrap();
        writer.start_file("word/document.xml", stored).unwrap();
        writer.write_all(b"Laporan kegiatan triwulan I").unwrap();
        let mut bytes = writer.finish().unwrap().into_inner();
        let at = bytes
            .windows(7)
            .position(|w| w == b"Laporan")
            .expect("stored text");
        bytes[at] = b'X';
        assert_eq!(detect_bytes(&bytes), Err(Refusal::BadOffice));
    }

    #[test]
    fn messages_name_the_file_and_what_to_upload() {
        assert_eq!(
            Refusal::Html.message("laporan.pdf"),
            "Berkas \"laporan.pdf\" ditolak: isinya halaman HTML, bukan PDF, gambar, dokumen \
             kantor atau CSV. Unggah PDF, JPEG, PNG, WebP, DOCX, XLSX, ODT, ODS atau CSV."
        );
        assert!(Refusal::NotUtf8
            .message("data.csv")
            .contains("Simpan ulang sebagai \"CSV UTF-8\""));
        let crafted = format!("a\"\n{}", "x".repeat(200));
        let message = Refusal::Unknown.message(&crafted);
        assert!(!message.contains('\n'), "{message}");
        assert!(message.len() < 300, "{message}");
        assert!(Refusal::Unreadable("disk".into()).is_server_fault());
        assert!(!Refusal::ZipBomb.is_server_fault());
    }

    #[test]
    fn codes_round_trip() {
        for kind in EvidenceKind::ALL {
            assert_eq!(EvidenceKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(EvidenceKind::from_code("exe"), None);
        assert_eq!(EvidenceKind::Jpeg.extension(), "jpg");
        assert!(EvidenceKind::Webp.previews_inline());
        assert!(!EvidenceKind::Csv.previews_inline());
    }
}
