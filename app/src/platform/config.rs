//! Instance settings from `Leptos.toml`, each key overridable by an environment
//! variable `SIKAP_<SECTION>_<KEY>` (and `DATABASE_URL` for the database). Unknown
//! keys and bad values stop the server with a message naming the key and the fix.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::Path;

/// How the year is cut into evaluation periods (DOMAIN.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodScheme {
    Quarterly,
    Monthly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub instansi: String,
    pub region_code: String,
    pub site_addr: SocketAddr,
    pub public_url: String,
    pub database_url: String,
    pub database_max_connections: u32,
    pub default_locale: String,
    pub period_scheme: PeriodScheme,
    /// Days after a period's end until realisasi must be filed.
    pub period_filing_days: u32,
    pub upload_max_file_mb: u32,
    pub upload_max_files: u32,
    /// The folder evidence files are stored in (by content); instances that share
    /// a database share it too (a network mount).
    pub evidence_store_path: String,
    pub privacy_min_group_size: u32,
    /// Days after an evaluation is finalised during which the employee may file a
    /// keberatan.
    pub evaluation_appeal_days: u32,
    /// Days after a period's realisasi deadline by which its evaluations should be
    /// final; the monitor names those still open after it.
    pub evaluation_rating_days: u32,
    /// How a unit's result becomes its leader's hasil kerja rating.
    pub evaluation_leader_rating: crate::penilaian::rules::LeaderMapping,
    /// The kurva distribusi bounds of each Predikat Kinerja Organisasi.
    pub curves: crate::penilaian::rules::Curves,
    pub log_format: LogFormat,
    pub log_filter: String,
    /// Trust `X-Forwarded-For` for the client address (only behind a reverse proxy).
    pub behind_proxy: bool,
    pub session_idle_minutes: u32,
    pub session_absolute_hours: u32,
    pub login_max_failures_per_nip: u32,
    pub login_max_failures_per_address: u32,
    pub login_window_minutes: u32,
    pub login_lockout_minutes: u32,
}

/// Every problem found in the settings, reported together so one edit fixes all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub Vec<String>);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Konfigurasi SIKAP tidak valid:")?;
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Environment variables with the SIKAP_ prefix that are not settings keys.
const NON_SETTING_VARIABLES: &[&str] = &["SIKAP_CONFIG"];

impl Settings {
    /// Reads the file named by `SIKAP_CONFIG` (default `Leptos.toml`) and the process environment.
    pub fn load() -> Result<Self, ConfigError> {
        let path = std::env::var("SIKAP_CONFIG").unwrap_or_else(|_| "Leptos.toml".to_owned());
        let env: BTreeMap<String, String> = std::env::vars().collect();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && !env.contains_key("SIKAP_CONFIG") =>
            {
                None
            }
            Err(e) => {
                return Err(ConfigError(vec![format!(
                    "berkas konfigurasi {path} tidak dapat dibaca ({e}); periksa SIKAP_CONFIG"
                )]))
            }
        };
        Self::from_sources(Path::new(&path), text.as_deref(), &env)
    }

    /// Settings from a file's text (absent: defaults only) and an environment map.
    pub fn from_sources(
        path: &Path,
        text: Option<&str>,
        env: &BTreeMap<String, String>,
    ) -> Result<Self, ConfigError> {
        let file = path.display().to_string();
        let table = match text.map(str::parse::<toml::Table>) {
            None => toml::Table::new(),
            Some(Ok(table)) => table,
            Some(Err(e)) => {
                return Err(ConfigError(vec![format!(
                    "{file} bukan TOML yang sah: {}",
                    e.to_string().trim()
                )]))
            }
        };
        let mut r = Reader {
            table,
            env,
            file,
            known: Vec::new(),
            errors: Vec::new(),
        };
        let settings = Settings {
            instansi: r.text("instance", "instansi", "Pemerintah Kabupaten Kepahiang"),
            region_code: r.text("instance", "region_code", "17.08"),
            site_addr: r.parsed("instance", "site_addr", "127.0.0.1:3000", |v| {
                v.parse::<SocketAddr>()
                    .map_err(|_| "harus berupa alamat IP dan port, mis. \"127.0.0.1:3000\"".into())
            }),
            public_url: r.parsed("instance", "public_url", "http://127.0.0.1:3000", |v| {
                if v.starts_with("http://") || v.starts_with("https://") {
                    Ok(v.trim_end_matches('/').to_owned())
                } else {
                    Err("harus diawali http:// atau https://".into())
                }
            }),
            database_url: r.parsed("database", "url", "sqlite://data/sikap.db", |v| {
                if v.starts_with("sqlite:")
                    || v.starts_with("postgres://")
                    || v.starts_with("postgresql://")
                {
                    Ok(v.to_owned())
                } else {
                    Err(
                        "harus diawali sqlite: (mis. sqlite://data/sikap.db) atau postgres://"
                            .into(),
                    )
                }
            }),
            database_max_connections: r.number("database", "max_connections", 10, 1, 1000),
            default_locale: r.parsed("locale", "default", "id", |v| match v {
                "id" | "en" => Ok(v.to_owned()),
                _ => Err("harus \"id\" (Bahasa Indonesia) atau \"en\" (English)".into()),
            }),
            period_scheme: r.parsed("periods", "scheme", "quarterly", |v| match v {
                "quarterly" => Ok(PeriodScheme::Quarterly),
                "monthly" => Ok(PeriodScheme::Monthly),
                _ => Err("harus \"quarterly\" (triwulanan) atau \"monthly\" (bulanan)".into()),
            }),
            period_filing_days: r.number("periods", "filing_days", 10, 0, 90),
            upload_max_file_mb: r.number("uploads", "max_file_mb", 10, 1, 100),
            upload_max_files: r.number("uploads", "max_files", 10, 1, 100),
            evidence_store_path: r.text("uploads", "store_path", "data/bukti"),
            privacy_min_group_size: r.number("privacy", "min_group_size", 5, 2, 1000),
            evaluation_appeal_days: r.number("evaluation", "appeal_days", 14, 1, 90),
            evaluation_rating_days: r.number("evaluation", "rating_days", 15, 0, 120),
            evaluation_leader_rating: r.parsed(
                "evaluation",
                "leader_rating",
                crate::penilaian::rules::LeaderMapping::DEFAULT,
                crate::penilaian::rules::LeaderMapping::parse,
            ),
            curves: curves(&mut r),
            log_format: r.parsed("log", "format", "text", |v| match v {
                "text" => Ok(LogFormat::Text),
                "json" => Ok(LogFormat::Json),
                _ => Err("harus \"text\" atau \"json\"".into()),
            }),
            log_filter: r.text("log", "filter", "info,sqlx=warn"),
            behind_proxy: r.parsed("instance", "behind_proxy", "false", |v| match v {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err("harus true atau false".into()),
            }),
            session_idle_minutes: r.number("sessions", "idle_minutes", 30, 1, 24 * 60),
            session_absolute_hours: r.number("sessions", "absolute_hours", 12, 1, 24 * 30),
            login_max_failures_per_nip: r.number("login", "max_failures_per_nip", 5, 1, 100),
            login_max_failures_per_address: r.number(
                "login",
                "max_failures_per_address",
                30,
                1,
                10_000,
            ),
            login_window_minutes: r.number("login", "window_minutes", 15, 1, 24 * 60),
            login_lockout_minutes: r.number("login", "lockout_minutes", 15, 1, 24 * 60),
        };
        r.reject_unknown();
        if r.errors.is_empty() {
            Ok(settings)
        } else {
            Err(ConfigError(r.errors))
        }
    }

    /// Cookies get `Secure` when people reach the instance over HTTPS.
    pub fn serves_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }
}

/// `[curve]`: one line of bounds per Predikat Kinerja Organisasi.
fn curves(r: &mut Reader<'_>) -> crate::penilaian::rules::Curves {
    use crate::penilaian::rules::Curves;
    const KEYS: [&str; 5] = [
        "istimewa",
        "baik",
        "butuh_perbaikan",
        "kurang",
        "sangat_kurang",
    ];
    let mut bounds = Vec::new();
    for (key, (_, default)) in KEYS.into_iter().zip(Curves::DEFAULTS) {
        bounds.push(r.parsed("curve", key, default, Curves::parse_bounds));
    }
    Curves(bounds)
}

struct Reader<'a> {
    table: toml::Table,
    env: &'a BTreeMap<String, String>,
    file: String,
    known: Vec<(&'static str, &'static str)>,
    errors: Vec<String>,
}

impl Reader<'_> {
    fn env_name(section: &str, key: &str) -> String {
        format!("SIKAP_{}_{}", section.to_uppercase(), key.to_uppercase())
    }

    /// The raw value and where it came from, env first, then file, then default.
    fn raw(&mut self, section: &'static str, key: &'static str) -> Option<(String, String)> {
        self.known.push((section, key));
        let env_name = Self::env_name(section, key);
        if let Some(value) = self.env.get(&env_name) {
            return Some((value.clone(), format!("variabel lingkungan {env_name}")));
        }
        if (section, key) == ("database", "url") {
            if let Some(value) = self.env.get("DATABASE_URL") {
                return Some((value.clone(), "variabel lingkungan DATABASE_URL".into()));
            }
        }
        let origin = format!("{}: kunci {section}.{key}", self.file);
        match self.table.get(section).and_then(|s| s.get(key)) {
            None => None,
            Some(toml::Value::String(s)) => Some((s.clone(), origin)),
            Some(toml::Value::Integer(i)) => Some((i.to_string(), origin)),
            Some(toml::Value::Boolean(b)) => Some((b.to_string(), origin)),
            Some(other) => {
                self.errors.push(format!(
                    "{origin} harus berupa teks atau angka, bukan {}",
                    other.type_str()
                ));
                None
            }
        }
    }

    fn parsed<T>(
        &mut self,
        section: &'static str,
        key: &'static str,
        default: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> T {
        if let Some((value, origin)) = self.raw(section, key) {
            match parse(value.trim()) {
                Ok(parsed) => return parsed,
                Err(fix) => self
                    .errors
                    .push(format!("{origin}: nilai {value:?} tidak valid; {fix}")),
            }
        }
        parse(default).unwrap_or_else(|_| panic!("default for {section}.{key} must parse"))
    }

    fn text(&mut self, section: &'static str, key: &'static str, default: &str) -> String {
        self.parsed(section, key, default, |v| {
            if v.is_empty() {
                Err("tidak boleh kosong".into())
            } else {
                Ok(v.to_owned())
            }
        })
    }

    fn number(
        &mut self,
        section: &'static str,
        key: &'static str,
        default: u32,
        min: u32,
        max: u32,
    ) -> u32 {
        self.parsed(section, key, &default.to_string(), |v| {
            v.parse::<u32>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| format!("harus bilangan bulat antara {min} dan {max}"))
        })
    }

    fn reject_unknown(&mut self) {
        for (section, value) in &self.table {
            let keys: Vec<&str> = self
                .known
                .iter()
                .filter(|(s, _)| s == section)
                .map(|(_, k)| *k)
                .collect();
            if keys.is_empty() {
                let sections: Vec<&str> = {
                    let mut all: Vec<&str> = self.known.iter().map(|(s, _)| *s).collect();
                    all.dedup();
                    all
                };
                self.errors.push(format!(
                    "{}: bagian [{section}] tidak dikenal; hapus atau perbaiki ejaannya (bagian yang dikenal: {})",
                    self.file,
                    sections.join(", ")
                ));
                continue;
            }
            let Some(entries) = value.as_table() else {
                self.errors.push(format!(
                    "{}: {section} harus berupa bagian [{section}]",
                    self.file
                ));
                continue;
            };
            for key in entries.keys() {
                if !keys.contains(&key.as_str()) {
                    self.errors.push(format!(
                        "{}: kunci {section}.{key} tidak dikenal; hapus atau perbaiki ejaannya (kunci yang dikenal di [{section}]: {})",
                        self.file,
                        keys.join(", ")
                    ));
                }
            }
        }
        let known_env: Vec<String> = self
            .known
            .iter()
            .map(|(s, k)| Self::env_name(s, k))
            .collect();
        for name in self.env.keys().filter(|n| n.starts_with("SIKAP_")) {
            if !known_env.contains(name) && !NON_SETTING_VARIABLES.contains(&name.as_str()) {
                self.errors.push(format!(
                    "variabel lingkungan {name} tidak dikenal; hapus atau perbaiki ejaannya (mis. {})",
                    known_env.first().map(String::as_str).unwrap_or("")
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str, env: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let env = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_sources(Path::new("Leptos.toml"), Some(text), &env)
    }

    #[test]
    fn the_shipped_file_is_valid_and_matches_the_defaults() {
        let shipped = include_str!("../../../Leptos.toml");
        let from_file = load(shipped, &[]).expect("shipped Leptos.toml must load");
        let defaults = Settings::from_sources(Path::new("-"), None, &BTreeMap::new()).unwrap();
        assert_eq!(from_file, defaults);
        assert_eq!(from_file.period_scheme, PeriodScheme::Quarterly);
        assert_eq!(from_file.privacy_min_group_size, 5);
        assert_eq!(from_file.database_url, "sqlite://data/sikap.db");
    }

    #[test]
    fn environment_overrides_the_file() {
        let s = load(
            "[periods]\nscheme = \"quarterly\"\n",
            &[
                ("SIKAP_PERIODS_SCHEME", "monthly"),
                ("DATABASE_URL", "postgres://u@localhost/sikap"),
                ("SIKAP_PRIVACY_MIN_GROUP_SIZE", "10"),
            ],
        )
        .unwrap();
        assert_eq!(s.period_scheme, PeriodScheme::Monthly);
        assert!(s.is_postgres());
        assert_eq!(s.privacy_min_group_size, 10);
    }

    #[test]
    fn sikap_database_url_wins_over_database_url() {
        let s = load(
            "",
            &[
                ("DATABASE_URL", "postgres://a@localhost/a"),
                ("SIKAP_DATABASE_URL", "sqlite://other.db"),
            ],
        )
        .unwrap();
        assert_eq!(s.database_url, "sqlite://other.db");
    }

    #[test]
    fn unknown_key_is_named_with_the_fix() {
        let err = load("[periods]\nskema = \"monthly\"\n", &[]).unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert!(err.0[0].contains("periods.skema tidak dikenal"), "{err}");
        assert!(err.0[0].contains("scheme"), "{err}");
    }

    #[test]
    fn unknown_section_and_unknown_variable_are_refused() {
        let err = load(
            "[periode]\nscheme = \"monthly\"\n",
            &[("SIKAP_PERIOD_SCHEME", "x")],
        )
        .unwrap_err();
        assert_eq!(err.0.len(), 2, "{err}");
        assert!(err.0[0].contains("[periode] tidak dikenal"));
        assert!(err.0[1].contains("SIKAP_PERIOD_SCHEME tidak dikenal"));
    }

    #[test]
    fn bad_values_name_the_key_and_the_expected_form() {
        let err = load(
            "[instance]\nsite_addr = \"localhost\"\n[privacy]\nmin_group_size = 0\n",
            &[("SIKAP_PERIODS_SCHEME", "yearly")],
        )
        .unwrap_err();
        let text = err.to_string();
        assert_eq!(err.0.len(), 3, "{text}");
        assert!(
            text.contains("instance.site_addr: nilai \"localhost\" tidak valid"),
            "{text}"
        );
        assert!(text.contains("antara 2 dan 1000"), "{text}");
        assert!(
            text.contains("SIKAP_PERIODS_SCHEME: nilai \"yearly\""),
            "{text}"
        );
    }

    #[test]
    fn invalid_toml_is_reported_not_panicked() {
        let err = load("[instance\n", &[]).unwrap_err();
        assert!(err.0[0].contains("bukan TOML yang sah"));
    }

    #[test]
    fn wrong_value_type_is_reported() {
        let err = load("[instance]\ninstansi = [1, 2]\n", &[]).unwrap_err();
        assert!(err.0[0].contains("harus berupa teks atau angka"), "{err}");
    }
}
