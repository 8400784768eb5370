//! Content-addressed storage of evidence files: each object is named by the SHA-256
//! of its bytes, so one content is kept once and a change on disk shows when re-read.

use bytes::Bytes;
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{GetResultPayload, ObjectStore, ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::platform::secrets::hex;
pub use sha2;

/// Read size when storing and hashing: large enough that the per-read overhead
/// (a blocking-pool hop) is small against the bytes moved.
const STORE_CHUNK: usize = 1024 * 1024;
/// Read size for a download body: one chunk is held per download in flight.
const DOWNLOAD_CHUNK: usize = 256 * 1024;
/// Parts being written at once while storing: memory stays at about this many
/// chunks plus one, whatever the file's size.
const PARTS_IN_FLIGHT: usize = 2;
/// Objects re-read at once by `verify_all`; each is hashed on a blocking thread.
const VERIFY_IN_PARALLEL: usize = 4;

/// Where evidence objects live: a local folder (default `data/bukti`). Several SIKAP
/// instances share one store by pointing at the same folder (e.g. an NFS mount);
/// objects are written to a staging name and renamed into place, so a reader never
/// sees half an object, and two instances storing the same content write the same
/// bytes.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    inner: Arc<dyn ObjectStore>,
    root: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObject {
    /// Lower-case hex; the object's name.
    pub sha256: String,
    pub size: u64,
    /// False when the same content was already stored (nothing was written).
    pub newly_stored: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    pub checked: usize,
    /// Hashes whose content no longer matches (or could no longer be read), sorted.
    pub mismatched: Vec<String>,
    /// Bytes re-read.
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Folder penyimpanan bukti dukung {} tidak dapat dibuat atau dibuka: {reason}. Periksa uploads.store_path (SIKAP_UPLOADS_STORE_PATH).", path.display())]
    Folder { path: PathBuf, reason: String },
    #[error("Berkas {} tidak dapat dibaca: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("Berkas bukti dukung {0} tidak ditemukan di penyimpanan.")]
    NotFound(String),
    #[error("\"{0}\" bukan hash SHA-256 (64 digit heksadesimal huruf kecil).")]
    BadHash(String),
    #[error("Isi berkas tidak cocok dengan hash SHA-256 yang diberikan ({expected}, isinya {actual}); berkas tidak disimpan.")]
    HashMismatch { expected: String, actual: String },
    #[error("Penyimpanan bukti dukung gagal: {0}")]
    Store(#[from] object_store::Error),
    #[error("Penyimpanan bukti dukung gagal: tugas latar berhenti ({0})")]
    Task(#[from] tokio::task::JoinError),
}

impl EvidenceStore {
    /// The store in the folder `root`, created if missing.
    pub fn local(root: &Path) -> Result<Self, StoreError> {
        let folder_error = |reason: String| StoreError::Folder {
            path: root.to_owned(),
            reason,
        };
        std::fs::create_dir_all(root).map_err(|e| folder_error(e.to_string()))?;
        // fsync: an upload is acknowledged (and recorded in the database) only once
        // its bytes and its directory entry are on disk.
        let local = LocalFileSystem::new_with_prefix(root)
            .map_err(|e| folder_error(e.to_string()))?
            .with_fsync(true);
        Ok(Self {
            inner: Arc::new(local),
            root: root.to_owned(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Streams a file already on disk into the store under `objects/<aa>/<sha256 hex>`;
    /// returns its hash and size. If the object already exists (same content),
    /// nothing is written again. Reads the file twice (hash, then copy) so that
    /// content already stored is never written.
    pub async fn put_file(&self, path: &Path) -> Result<StoredObject, StoreError> {
        let source = path.to_owned();
        let (sha256, _) = tokio::task::spawn_blocking(move || hash_file(&source)).await??;
        self.store(path, &sha256).await
    }

    /// [`put_file`](Self::put_file) when the caller already hashed the file while
    /// receiving it. The hash is trusted when an object of that name and size
    /// exists; otherwise the copy is hashed again and refused if it differs.
    pub async fn put_file_with_hash(
        &self,
        path: &Path,
        sha256_hex: &str,
    ) -> Result<StoredObject, StoreError> {
        checked(sha256_hex)?;
        self.store(path, sha256_hex).await
    }

    pub async fn exists(&self, sha256_hex: &str) -> Result<bool, StoreError> {
        checked(sha256_hex)?;
        match self.inner.head(&location(sha256_hex)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    /// The object's size and bytes as a stream (for a download response body).
    pub async fn open(
        &self,
        sha256_hex: &str,
    ) -> Result<(u64, BoxStream<'static, Result<Bytes, StoreError>>), StoreError> {
        checked(sha256_hex)?;
        let found = self
            .inner
            .get(&location(sha256_hex))
            .await
            .map_err(|e| not_found_as(e, sha256_hex))?;
        let size = found.meta.size;
        let body = match found.payload {
            // The crate's own file stream reads 8 KiB at a time, a blocking-pool hop each.
            GetResultPayload::File(file, path) => file_chunks(file, path, DOWNLOAD_CHUNK),
            GetResultPayload::Stream(body) => body.map_err(StoreError::from).boxed(),
        };
        Ok((size, body))
    }

    /// Re-reads every object and compares its content with its name; calls
    /// `progress(done, total)` once before the first and after each object. An
    /// object that can no longer be read counts as mismatched (and is logged).
    pub async fn verify_all(
        &self,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<VerifyReport, StoreError> {
        // 32 bytes per object, so a million objects list in about 32 MB.
        let mut names: Vec<[u8; 32]> = Vec::new();
        let mut listing = self.inner.list(Some(&ObjectPath::from("objects")));
        while let Some(meta) = listing.try_next().await? {
            match hash_of_location(&meta.location) {
                Some(name) => names.push(name),
                None => tracing::warn!(
                    location = %meta.location,
                    "a file in the evidence store is not named by a hash; not verified"
                ),
            }
        }
        names.sort_unstable();
        let total = names.len();
        progress(0, total);
        let mut report = VerifyReport::default();
        let mut checks = stream::iter(names)
            .map(|name| async move {
                let expected = hex(&name);
                let found = self.hash_object(&expected).await;
                (expected, found)
            })
            .buffer_unordered(VERIFY_IN_PARALLEL);
        let mut done = 0;
        while let Some((expected, found)) = checks.next().await {
            done += 1;
            match found {
                Ok((actual, size)) => {
                    report.checked += 1;
                    report.bytes += size;
                    if actual != expected {
                        report.mismatched.push(expected);
                    }
                }
                // Removed since the listing: nothing left to verify.
                Err(StoreError::NotFound(_)) => {}
                Err(error) => {
                    tracing::warn!(%error, sha256 = %expected, "evidence object could not be re-read");
                    report.checked += 1;
                    report.mismatched.push(expected);
                }
            }
            progress(done, total);
        }
        report.mismatched.sort();
        Ok(report)
    }

    /// Whether the object's content still matches its name.
    pub async fn verify_one(&self, sha256_hex: &str) -> Result<bool, StoreError> {
        checked(sha256_hex)?;
        let (actual, _) = self.hash_object(sha256_hex).await?;
        Ok(actual == sha256_hex)
    }

    /// The SHA-256 and size of the object's current bytes.
    async fn hash_object(&self, sha256_hex: &str) -> Result<(String, u64), StoreError> {
        let found = self
            .inner
            .get(&location(sha256_hex))
            .await
            .map_err(|e| not_found_as(e, sha256_hex))?;
        match found.payload {
            GetResultPayload::File(file, path) => {
                tokio::task::spawn_blocking(move || hash_reader(file, &path)).await?
            }
            GetResultPayload::Stream(mut body) => {
                let mut hasher = Sha256Writer::new();
                while let Some(chunk) = body.try_next().await? {
                    hasher.update(&chunk);
                }
                let size = hasher.bytes();
                Ok((hasher.finish(), size))
            }
        }
    }

    async fn store(&self, path: &Path, sha256: &str) -> Result<StoredObject, StoreError> {
        let read_error = |source| StoreError::Read {
            path: path.to_owned(),
            source,
        };
        let file = tokio::fs::File::open(path).await.map_err(read_error)?;
        let size = file.metadata().await.map_err(read_error)?.len();
        let file = file.into_std().await;
        let location = location(sha256);
        match self.inner.head(&location).await {
            Ok(meta) if meta.size == size => {
                return Ok(StoredObject {
                    sha256: sha256.to_owned(),
                    size,
                    newly_stored: false,
                })
            }
            // Same name, other size: the stored copy was damaged; the new one replaces it.
            Ok(meta) => tracing::warn!(
                sha256,
                stored = meta.size,
                expected = size,
                "evidence object has the wrong size; storing it again"
            ),
            Err(object_store::Error::NotFound { .. }) => {}
            Err(error) => return Err(error.into()),
        }

        let upload = self.inner.put_multipart(&location).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, STORE_CHUNK);
        let mut hasher = Sha256Writer::new();
        let mut chunks = file_chunks(file, path.to_owned(), STORE_CHUNK);
        let copied: Result<(), StoreError> = async {
            while let Some(chunk) = chunks.try_next().await? {
                hasher.update(&chunk);
                writer.wait_for_capacity(PARTS_IN_FLIGHT).await?;
                writer.put(chunk);
            }
            Ok(())
        }
        .await;
        let written = hasher.bytes();
        let actual = hasher.finish();
        let outcome = match copied {
            Err(error) => Err(error),
            Ok(()) if actual != sha256 => Err(StoreError::HashMismatch {
                expected: sha256.to_owned(),
                actual,
            }),
            Ok(()) => Ok(()),
        };
        if let Err(error) = outcome {
            // Removes the staging file; the object's name never held these bytes.
            if let Err(abort) = writer.abort().await {
                tracing::warn!(error = %abort, "staged evidence upload not removed");
            }
            return Err(error);
        }
        writer.finish().await?;
        Ok(StoredObject {
            sha256: sha256.to_owned(),
            size: written,
            newly_stored: true,
        })
    }
}

/// `objects/<first two hex digits>/<hex>`: at most 256 folders, each small enough to
/// list, however many objects there are.
fn location(sha256_hex: &str) -> ObjectPath {
    ObjectPath::from(format!("objects/{}/{sha256_hex}", &sha256_hex[..2]))
}

/// The hash an object's location names, if it is laid out as [`location`] lays it.
fn hash_of_location(location: &ObjectPath) -> Option<[u8; 32]> {
    let parts: Vec<_> = location.parts().collect();
    match parts.as_slice() {
        [objects, folder, name]
            if objects.as_ref() == "objects"
                && is_sha256_hex(name.as_ref())
                && name.as_ref().starts_with(folder.as_ref())
                && folder.as_ref().len() == 2 =>
        {
            from_hex(name.as_ref())
        }
        _ => None,
    }
}

fn checked(sha256_hex: &str) -> Result<(), StoreError> {
    if is_sha256_hex(sha256_hex) {
        Ok(())
    } else {
        Err(StoreError::BadHash(sha256_hex.chars().take(80).collect()))
    }
}

fn not_found_as(error: object_store::Error, sha256_hex: &str) -> StoreError {
    match error {
        object_store::Error::NotFound { .. } => StoreError::NotFound(sha256_hex.to_owned()),
        other => other.into(),
    }
}

/// 64 lower-case hex digits, as this store names objects.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn from_hex(s: &str) -> Option<[u8; 32]> {
    fn digit(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// SHA-256 of bytes as they pass, for callers that hash an upload while receiving it
/// (then store it with [`EvidenceStore::put_file_with_hash`]).
#[derive(Clone, Default)]
pub struct Sha256Writer {
    hasher: Sha256,
    bytes: u64,
}

impl Sha256Writer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn update(&mut self, data: &[u8]) {
        self.hasher.update(data);
        self.bytes += data.len() as u64;
    }

    /// Bytes hashed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The hash in lower-case hex, as the store names objects.
    pub fn finish(self) -> String {
        hex(&self.hasher.finalize())
    }
}

impl io::Write for Sha256Writer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn hash_file(path: &Path) -> Result<(String, u64), StoreError> {
    let file = std::fs::File::open(path).map_err(|source| StoreError::Read {
        path: path.to_owned(),
        source,
    })?;
    hash_reader(file, path)
}

/// Blocking: the SHA-256 and length of everything `reader` yields.
fn hash_reader(mut reader: impl Read, path: &Path) -> Result<(String, u64), StoreError> {
    let mut hasher = Sha256Writer::new();
    let mut buf = vec![0u8; STORE_CHUNK];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(StoreError::Read {
                    path: path.to_owned(),
                    source,
                })
            }
        }
    }
    let size = hasher.bytes();
    Ok((hasher.finish(), size))
}

/// A file's bytes as a stream of `chunk`-sized pieces, each read on the blocking pool.
fn file_chunks(
    file: std::fs::File,
    path: PathBuf,
    chunk: usize,
) -> BoxStream<'static, Result<Bytes, StoreError>> {
    stream::try_unfold(Some(file), move |file| {
        let path = path.clone();
        async move {
            let Some(mut file) = file else {
                return Ok(None);
            };
            let (file, buf) = tokio::task::spawn_blocking(move || {
                let mut buf = vec![0u8; chunk];
                let mut filled = 0;
                while filled < chunk {
                    match file.read(&mut buf[filled..]) {
                        Ok(0) => break,
                        Ok(n) => filled += n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(source) => return Err(StoreError::Read { path, source }),
                    }
                }
                buf.truncate(filled);
                Ok((file, buf))
            })
            .await??;
            if buf.is_empty() {
                return Ok(None);
            }
            // A short read means the end of the file: no further read is needed.
            let next = (buf.len() == chunk).then_some(file);
            Ok(Some((Bytes::from(buf), next)))
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        file.flush().unwrap();
        file
    }

    /// Every file under `root`, staging files included.
    fn files_under(root: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut folders = vec![root.to_owned()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }

    async fn read_all(store: &EvidenceStore, sha256: &str) -> Vec<u8> {
        let (size, mut body) = store.open(sha256).await.unwrap();
        let mut bytes = Vec::new();
        while let Some(chunk) = body.try_next().await.unwrap() {
            bytes.extend_from_slice(&chunk);
        }
        assert_eq!(size, bytes.len() as u64);
        bytes
    }

    #[tokio::test]
    async fn the_same_content_is_stored_once_under_its_sha256() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceStore::local(&dir.path().join("bukti")).unwrap();
        let first = store.put_file(file_with(b"abc").path()).await.unwrap();
        assert_eq!(
            first,
            StoredObject {
                sha256: ABC_SHA256.into(),
                size: 3,
                newly_stored: true
            }
        );
        let again = store.put_file(file_with(b"abc").path()).await.unwrap();
        assert!(!again.newly_stored);
        assert_eq!(again.sha256, ABC_SHA256);
        assert_eq!(
            files_under(store.root()),
            vec![store
                .root()
                .join(format!("objects/ba/{ABC_SHA256}"))
                .canonicalize()
                .unwrap()]
        );
        assert!(store.exists(ABC_SHA256).await.unwrap());
        assert_eq!(read_all(&store, ABC_SHA256).await, b"abc");
    }

    #[tokio::test]
    async fn a_caller_hash_is_checked_while_copying() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceStore::local(dir.path()).unwrap();
        let source = file_with(b"abd");
        let refused = store.put_file_with_hash(source.path(), ABC_SHA256).await;
        assert!(
            matches!(refused, Err(StoreError::HashMismatch { .. })),
            "{refused:?}"
        );
        assert!(!store.exists(ABC_SHA256).await.unwrap());
        assert!(files_under(dir.path()).is_empty(), "no staging file left");

        let mut hasher = Sha256Writer::new();
        hasher.write_all(b"abc").unwrap();
        let hash = hasher.finish();
        assert_eq!(hash, ABC_SHA256);
        let stored = store
            .put_file_with_hash(file_with(b"abc").path(), &hash)
            .await
            .unwrap();
        assert!(stored.newly_stored);
        assert!(matches!(
            store.put_file_with_hash(source.path(), "ABC").await,
            Err(StoreError::BadHash(_))
        ));
    }

    #[tokio::test]
    async fn missing_objects_and_bad_names_are_errors_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceStore::local(dir.path()).unwrap();
        assert!(matches!(
            store.open(ABC_SHA256).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(matches!(
            store.verify_one(ABC_SHA256).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(matches!(
            store.open("../../etc/passwd").await,
            Err(StoreError::BadHash(_))
        ));
        assert!(is_sha256_hex(ABC_SHA256));
        assert!(!is_sha256_hex(&ABC_SHA256.to_uppercase()));
        assert!(!is_sha256_hex(&ABC_SHA256[1..]));
        assert_eq!(
            from_hex(ABC_SHA256).map(|b| hex(&b)),
            Some(ABC_SHA256.into())
        );
    }

    #[tokio::test]
    async fn verify_all_names_the_object_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceStore::local(dir.path()).unwrap();
        let mut hashes = Vec::new();
        for content in [
            &b"laporan triwulan I"[..],
            b"notulen rapat",
            b"daftar hadir",
        ] {
            hashes.push(
                store
                    .put_file(file_with(content).path())
                    .await
                    .unwrap()
                    .sha256,
            );
        }
        let clean = store.verify_all(|_, _| {}).await.unwrap();
        assert_eq!(clean.checked, 3);
        assert!(clean.mismatched.is_empty());
        assert_eq!(clean.bytes, 18 + 13 + 12);

        let damaged = &hashes[1];
        let on_disk = dir
            .path()
            .join(format!("objects/{}/{damaged}", &damaged[..2]));
        std::fs::write(&on_disk, b"notulen rapaT").unwrap();
        let mut calls = Vec::new();
        let report = store
            .verify_all(|done, total| calls.push((done, total)))
            .await
            .unwrap();
        assert_eq!(report.checked, 3);
        assert_eq!(report.mismatched, vec![damaged.clone()]);
        assert_eq!(calls.first(), Some(&(0, 3)));
        assert_eq!(calls.last(), Some(&(3, 3)));
        assert!(!store.verify_one(damaged).await.unwrap());
        assert!(store.verify_one(&hashes[0]).await.unwrap());

        // Storing the true content again repairs a copy whose size changed.
        std::fs::write(&on_disk, b"rusak").unwrap();
        let repaired = store
            .put_file(file_with(b"notulen rapat").path())
            .await
            .unwrap();
        assert!(repaired.newly_stored);
        assert!(store.verify_one(damaged).await.unwrap());
    }

    #[tokio::test]
    async fn a_large_file_is_streamed_in_and_out() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceStore::local(&dir.path().join("bukti")).unwrap();
        // 20 MB that is not one repeated chunk, so a misplaced part would show.
        let mut source = tempfile::NamedTempFile::new().unwrap();
        let mut expected = Sha256Writer::new();
        for i in 0..20u32 {
            let block: Vec<u8> = (0..1024 * 1024u32)
                .map(|j| (j.wrapping_mul(31) ^ i) as u8)
                .collect();
            source.write_all(&block).unwrap();
            expected.update(&block);
        }
        source.flush().unwrap();
        let expected = expected.finish();
        let stored = store.put_file(source.path()).await.unwrap();
        assert_eq!(stored.sha256, expected);
        assert_eq!(stored.size, 20 * 1024 * 1024);
        assert_eq!(files_under(store.root()).len(), 1, "no staging file left");

        let (size, mut body) = store.open(&expected).await.unwrap();
        assert_eq!(size, 20 * 1024 * 1024);
        let mut hasher = Sha256Writer::new();
        let mut largest = 0;
        while let Some(chunk) = body.try_next().await.unwrap() {
            largest = largest.max(chunk.len());
            hasher.update(&chunk);
        }
        assert_eq!(hasher.finish(), expected);
        assert!(largest <= DOWNLOAD_CHUNK, "read in chunks, not whole");
        assert!(store.verify_one(&expected).await.unwrap());
    }
}
