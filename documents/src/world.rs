//! The Typst [`World`]: the environment one compilation runs in.
//!
//! A [`DocumentWorld`] is created per render. It serves exactly two files, the
//! template (as the main source, `/main.typ`) and the JSON data
//! (`/data.json`). The standard library and the fonts are built once per
//! process and shared by all renders.

use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts shipped with the crate (Liberation Sans 2.x, SIL OFL 1.1, see
/// `fonts/LICENSE`).
const FONT_DATA: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
];

/// The Typst standard library, built once.
static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// The parsed embedded fonts and their metadata, built once.
pub(crate) static FONTS: LazyLock<Fonts> = LazyLock::new(Fonts::load);

/// Parsed fonts plus the [`FontBook`] indexing them (same order).
pub(crate) struct Fonts {
    pub(crate) book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    fn load() -> Self {
        let fonts: Vec<Font> = FONT_DATA
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Self { book, fonts }
    }
}

/// Path of the main (template) file inside the virtual project.
const MAIN_PATH: &str = "/main.typ";
/// Path of the data file; templates load it with `json("data.json")`.
const DATA_PATH: &str = "/data.json";

/// Interns a project-root path as a [`FileId`] (ids are global and reused).
fn project_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("static path is valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// A single-use world for one template and one data file.
pub(crate) struct DocumentWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl DocumentWorld {
    /// Creates a world whose main file is `template` and whose `/data.json`
    /// holds `data_json`.
    pub(crate) fn new(template: &str, data_json: &str) -> Self {
        Self {
            main: Source::new(project_file(MAIN_PATH), template.to_owned()),
            data_id: project_file(DATA_PATH),
            data: Bytes::from_string(data_json.to_owned()),
        }
    }
}

/// The error for any file other than the two served ones. Package imports
/// (`@preview/...`) get a package error, which reads better than a missing
/// `typst.toml`.
fn not_found(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => FileError::Package(PackageError::NotFound(spec.clone())),
        VirtualRoot::Project => FileError::NotFound(PathBuf::from(id.vpath().get_with_slash())),
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// The current date in UTC, shifted by `offset` if given. Without an
    /// offset Typst asks for the local date; a server has no meaningful local
    /// time zone, so UTC is used then too.
    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        /// Julian day number of 1970-01-01.
        const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
        let offset = offset.map_or(0, |o| time::Duration::from(o).whole_seconds());
        let secs = i64::try_from(now.as_secs()).ok()?.checked_add(offset)?;
        let julian_day = i32::try_from(UNIX_EPOCH_JULIAN_DAY + secs.div_euclid(86_400)).ok()?;
        time::Date::from_julian_day(julian_day)
            .ok()
            .map(Datetime::Date)
    }
}
