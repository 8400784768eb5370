//! From settings to a running server: database, migrations, Leptos options, listener.

use app::platform::cache::KeyedTtlCache;
use app::platform::config::Settings;
use app::platform::db::Db;
use app::platform::state::{Aggregates, AppState, AppStateInner, PUBLIC_PAGE_TTL};
use app::realisasi::evidence::store::EvidenceStore;
use leptos::config::{Env, LeptosOptions};
use std::sync::Arc;

/// The name cargo-leptos gives the WASM, JS and CSS files (`workspace.metadata.leptos.name`).
pub const OUTPUT_NAME: &str = "sikap";

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("Tidak dapat membuka basis data {url}: {source}")]
    Database { url: String, source: sqlx::Error },
    #[error("Migrasi basis data gagal: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("Tempat penyimpanan bukti dukung {path} tidak dapat dibuka: {source}")]
    EvidenceStore {
        path: String,
        source: app::realisasi::evidence::store::StoreError,
    },
}

/// Where the built site (pkg/ and assets) lives: `LEPTOS_SITE_ROOT`, as cargo-leptos
/// sets it, or `target/site` beside the workspace. File names carry content hashes
/// when the build left `hash.txt` beside this binary.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(site_root())
        .site_pkg_dir("pkg")
        .site_addr(settings.site_addr)
        .hash_files(app::platform::assets::hash_file().is_some())
        .env(Env::PROD)
        .build()
}

pub fn site_root() -> String {
    std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_owned())
}

/// Opens the database (URL with any password hidden in errors).
pub async fn open_database(settings: &Settings) -> Result<Db, StartError> {
    Db::connect(&settings.database_url, settings.database_max_connections)
        .await
        .map_err(|source| StartError::Database {
            url: redact(&settings.database_url),
            source,
        })
}

/// Opens the database, applies pending migrations and assembles the state.
pub async fn prepare(settings: Settings) -> Result<AppState, StartError> {
    let db = open_database(&settings).await?;
    db.migrate().await?;
    let evidence_store = open_evidence_store(&settings)?;
    let live = Arc::new(app::platform::live::LiveHub::new());
    if settings.is_postgres() {
        app::platform::live::listen(settings.database_url.clone(), live.clone());
    }
    Ok(AppState::new(AppStateInner {
        db,
        leptos_options: leptos_options(&settings),
        settings: Arc::new(settings),
        import_progress: Arc::default(),
        public_pages: Arc::new(KeyedTtlCache::new(PUBLIC_PAGE_TTL)),
        aggregates: Arc::new(Aggregates::new()),
        evidence_store: Arc::new(evidence_store),
        live,
    }))
}

/// The evidence store at `uploads.store_path` (created when missing).
pub fn open_evidence_store(settings: &Settings) -> Result<EvidenceStore, StartError> {
    let path = std::path::Path::new(&settings.evidence_store_path);
    EvidenceStore::local(path).map_err(|source| StartError::EvidenceStore {
        path: settings.evidence_store_path.clone(),
        source,
    })
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A migrated instance on `url` holding the default demo kabupaten (replacing
/// an earlier load), with settings as the benchmarks use them.
pub async fn demo_instance(url: &str) -> Result<AppState, Box<dyn std::error::Error>> {
    let mut env = std::collections::BTreeMap::new();
    env.insert("SIKAP_DATABASE_URL".to_owned(), url.to_owned());
    let settings = Settings::from_sources(std::path::Path::new("bench"), None, &env)?;
    let state = prepare(settings).await?;
    app::demo::seed(
        &state.db,
        app::demo::SeedOptions {
            force: true,
            ..Default::default()
        },
        |_| {},
    )
    .await?;
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://sikap:rahasia@db:5432/sikap"),
            "postgres://sikap:***@db:5432/sikap"
        );
        assert_eq!(
            redact("postgres://sikap@db/sikap"),
            "postgres://sikap@db/sikap"
        );
        assert_eq!(redact("sqlite://data/sikap.db"), "sqlite://data/sikap.db");
    }
}
