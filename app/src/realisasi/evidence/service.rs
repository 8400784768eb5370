//! Attaching, removing and opening evidence. Files are checked by their content
//! and stored by their SHA-256 outside any database transaction (the store may
//! be slow, the write lock must not wait for it); the record that attaches them
//! is written afterwards, with the same checks repeated inside its transaction.

use super::content::{self, EvidenceKind};
use super::store::StoredObject;
use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::{reach, SessionUser};
use crate::identity::types::Reach;
use crate::platform::db::{now_millis, Conn, WriteTx};
use crate::platform::state::AppState;
use crate::realisasi::repository::{self as repo, NewEvidence};
use crate::realisasi::service::{ensure_report, period_info, writable, FirstWrite, Writable};
use serde_json::json;
use std::path::Path;

/// The longest link accepted.
pub const MAX_URL_CHARS: usize = 2000;

/// Where an IKI's evidence goes: the caller's report for a period, and the IKI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub period_id: i64,
    pub rhk_id: i64,
    pub index: i64,
}

/// The page the owner returns to after changing evidence.
pub fn page_of(year: i64, period_id: i64) -> String {
    format!("/skp/{year}/realisasi/{period_id}")
}

/// The period is open, the plan approved, the IKI in it, and there is room for
/// one more piece of evidence.
async fn check_room(
    conn: &mut Conn,
    state: &AppState,
    user: &SessionUser,
    target: Target,
) -> Result<Writable, AppError> {
    let w = writable(
        conn,
        state.db.backend(),
        user,
        target.period_id,
        now_millis(),
    )
    .await?;
    let Some(item) = w
        .items
        .iter()
        .find(|i| i.rhk_id == target.rhk_id && i.iki_index == target.index)
    else {
        return Err(AppError::NotFound);
    };
    if let Some(report) = &w.report {
        ensure_room(conn, state, report.id, target, &item.indicator).await?;
    }
    Ok(w)
}

/// Refuses one more piece of evidence on an IKI that has `uploads.max_files`.
async fn ensure_room(
    conn: &mut Conn,
    state: &AppState,
    report_id: i64,
    target: Target,
    indicator: &str,
) -> Result<(), AppError> {
    let count = repo::count_evidence(conn, report_id, target.rhk_id, target.index).await?;
    let max = i64::from(state.settings.upload_max_files);
    if count >= max {
        return Err(AppError::invalid(
            "berkas",
            tr!(evidence_error_too_many, { "max" => max, "indicator" => indicator }),
        ));
    }
    Ok(())
}

/// Before receiving a file: may the caller attach evidence there at all?
pub async fn may_attach(
    state: &AppState,
    user: &SessionUser,
    target: Target,
) -> Result<(), AppError> {
    let mut conn = state.db.read().await?;
    check_room(&mut conn, state, user, target).await.map(|_| ())
}

/// Attaches a received file (already on disk at `path`, hashed while it arrived
/// as `sha256`): its type decided from its content, stored once per content (the
/// copy into the store checks the hash again), then recorded.
pub async fn attach_file(
    state: &AppState,
    user: &SessionUser,
    target: Target,
    file_name: &str,
    path: &Path,
    sha256: &str,
) -> Result<i64, AppError> {
    let file_name = clean_file_name(file_name);
    let checked = path.to_owned();
    let kind = tokio::task::spawn_blocking(move || content::detect(&checked))
        .await
        .map_err(|e| AppError::internal("evidence check", e))?
        .map_err(|refusal| {
            if refusal.is_server_fault() {
                AppError::internal("evidence check", format!("{refusal:?}"))
            } else {
                AppError::invalid("berkas", refusal.message(&file_name))
            }
        })?;
    let stored = state
        .evidence_store
        .put_file_with_hash(path, sha256)
        .await
        .map_err(|e| AppError::internal("evidence store", e))?;
    record(
        state,
        user,
        target,
        Attached::File {
            stored,
            kind,
            file_name: &file_name,
        },
    )
    .await
}

/// Attaches a link (http or https only).
pub async fn attach_link(
    state: &AppState,
    user: &SessionUser,
    target: Target,
    url: &str,
) -> Result<i64, AppError> {
    let url = url.trim();
    if !is_web_link(url) {
        return Err(AppError::invalid(
            "tautan",
            tr!(evidence_error_link, { "url" => url }),
        ));
    }
    record(state, user, target, Attached::Link { url }).await
}

enum Attached<'a> {
    File {
        stored: StoredObject,
        kind: EvidenceKind,
        file_name: &'a str,
    },
    Link {
        url: &'a str,
    },
}

async fn record(
    state: &AppState,
    user: &SessionUser,
    target: Target,
    attached: Attached<'_>,
) -> Result<i64, AppError> {
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let w = check_room(&mut tx, state, user, target).await?;
    let report_id = ensure_report(&mut tx, user, &w, FirstWrite::Evidence, now).await?;
    // Counted again under the report's lock: uploads sent together see each other.
    repo::hold_report(&mut tx, state.db.backend(), report_id).await?;
    let indicator = w
        .items
        .iter()
        .find(|i| i.rhk_id == target.rhk_id && i.iki_index == target.index)
        .map(|i| i.indicator.clone())
        .unwrap_or_default();
    ensure_room(&mut tx, state, report_id, target, &indicator).await?;
    let (evidence, label) = match &attached {
        Attached::File {
            stored,
            kind,
            file_name,
        } => {
            repo::insert_object(
                &mut tx,
                &stored.sha256,
                stored.size as i64,
                kind.code(),
                now,
            )
            .await?;
            (
                NewEvidence::File {
                    sha256: &stored.sha256,
                    file_name,
                },
                json!({ "file": file_name, "sha256": stored.sha256, "size": stored.size }),
            )
        }
        Attached::Link { url } => (NewEvidence::Link { url }, json!({ "url": url })),
    };
    let id = repo::insert_evidence(
        &mut tx,
        report_id,
        target.rhk_id,
        target.index,
        evidence,
        user.employee_id(),
        now,
    )
    .await?;
    audit(
        &mut tx,
        state,
        user,
        AuditAction::EvidenceAdded,
        id,
        &w,
        None,
        Some(label),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn audit(
    tx: &mut WriteTx,
    state: &AppState,
    user: &SessionUser,
    action: AuditAction,
    evidence_id: i64,
    w: &Writable,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
    now: i64,
) -> Result<(), AppError> {
    let change = Change::by(user, action, "evidence", evidence_id, before, after)
        .about(period_info(&w.period).name);
    chain::append(tx, state.db.backend(), change, now).await?;
    Ok(())
}

/// Removes the caller's evidence while its period is open; answers the page to
/// return to.
pub async fn remove(
    state: &AppState,
    user: &SessionUser,
    evidence_id: i64,
) -> Result<String, AppError> {
    let now = now_millis();
    let mut tx = state.db.write().await?;
    let evidence = repo::evidence_by_id(&mut tx, evidence_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = repo::report_by_id(&mut tx, evidence.report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if report.employee_id != user.employee_id() {
        return Err(AppError::Forbidden);
    }
    let w = writable(&mut tx, state.db.backend(), user, report.period_id, now).await?;
    repo::delete_evidence(&mut tx, evidence_id).await?;
    let before = json!({
        "file": evidence.file_name,
        "sha256": evidence.sha256,
        "url": evidence.url,
    });
    audit(
        &mut tx,
        state,
        user,
        AuditAction::EvidenceRemoved,
        evidence_id,
        &w,
        Some(before),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(page_of(w.period.year, w.period.id))
}

/// A stored file someone may open: its content hash, the name to give it, its type.
#[derive(Clone, Debug)]
pub struct Openable {
    pub sha256: String,
    pub file_name: String,
    pub kind: EvidenceKind,
}

/// Those who may open a report's files: the owner, their supervisors up the line,
/// and the admin (the Bupati's office sees realisasi, not the files).
fn may_open(reach: Option<Reach>) -> bool {
    matches!(
        reach,
        Some(Reach::Own | Reach::Direct | Reach::Indirect | Reach::Admin)
    )
}

/// The file of evidence `evidence_id`, if the caller may open it.
pub async fn openable_by_id(
    state: &AppState,
    user: &SessionUser,
    evidence_id: i64,
) -> Result<Openable, AppError> {
    let mut conn = state.db.read().await?;
    let evidence = repo::evidence_by_id(&mut conn, evidence_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = repo::report_by_id(&mut conn, evidence.report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_open(reach(&mut conn, user, report.employee_id).await?) {
        return Err(AppError::Forbidden);
    }
    openable(evidence)
}

/// The file with content `sha256`, if the caller may open some realisasi that
/// carries it (the name is that realisasi's).
pub async fn openable_by_hash(
    state: &AppState,
    user: &SessionUser,
    sha256: &str,
) -> Result<Openable, AppError> {
    let mut conn = state.db.read().await?;
    let holders = repo::holders_of_object(&mut conn, sha256).await?;
    for (evidence_id, owner) in holders {
        if may_open(reach(&mut conn, user, owner).await?) {
            let evidence = repo::evidence_by_id(&mut conn, evidence_id)
                .await?
                .ok_or(AppError::NotFound)?;
            return openable(evidence);
        }
    }
    // The same answer whether or not anyone stored it: nobody learns whether a
    // file whose hash they know is somewhere in SIKAP.
    Err(AppError::Forbidden)
}

fn openable(evidence: repo::EvidenceRow) -> Result<Openable, AppError> {
    match (
        evidence.sha256,
        evidence.kind.as_deref().and_then(EvidenceKind::from_code),
    ) {
        (Some(sha256), Some(kind)) => Ok(Openable {
            sha256,
            file_name: evidence.file_name.unwrap_or_default(),
            kind,
        }),
        // A link has no file to open.
        _ => Err(AppError::NotFound),
    }
}

/// Objects the database records that the store no longer has (for
/// `sikap evidence-verify`), sorted.
pub async fn recorded_but_missing(state: &AppState) -> Result<Vec<String>, AppError> {
    let hashes = {
        let mut conn = state.db.read().await?;
        repo::object_hashes(&mut conn).await?
    };
    let mut missing = Vec::new();
    for hash in hashes {
        let present = state
            .evidence_store
            .exists(&hash)
            .await
            .map_err(|e| AppError::internal("evidence-verify", e))?;
        if !present {
            missing.push(hash);
        }
    }
    Ok(missing)
}

/// The name a download gets: the uploader's, with the extension of the type its
/// content was found to be, so a text accepted as CSV but named `laporan.bat`
/// never reaches a desktop as something that runs.
pub fn download_name(file_name: &str, kind: EvidenceKind) -> String {
    let (stem, extension) = match file_name.rsplit_once('.') {
        Some((stem, ext)) => (stem, ext.to_ascii_lowercase()),
        _ => (file_name, String::new()),
    };
    let fits = extension == kind.extension() || (kind == EvidenceKind::Jpeg && extension == "jpeg");
    if fits {
        file_name.to_owned()
    } else {
        format!("{stem}.{}", kind.extension())
    }
}

/// An http(s) address with a host, without spaces or control characters.
pub fn is_web_link(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    url.chars().count() <= MAX_URL_CHARS
        && !host.is_empty()
        && !host.starts_with(['.', ':', '@'])
        && url
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && c != '"' && c != '<' && c != '>')
}

/// A file name safe to show and to send back in a header: its last path part,
/// without control characters or quotes, at most 150 characters.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | ';'))
        .take(150)
        .collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        "berkas".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_carry_the_extension_of_their_content() {
        assert_eq!(
            download_name("laporan.pdf", EvidenceKind::Pdf),
            "laporan.pdf"
        );
        assert_eq!(download_name("foto.JPEG", EvidenceKind::Jpeg), "foto.JPEG");
        assert_eq!(
            download_name("laporan.bat", EvidenceKind::Csv),
            "laporan.csv"
        );
        assert_eq!(
            download_name("halaman.html", EvidenceKind::Csv),
            "halaman.csv"
        );
        assert_eq!(download_name("rekap", EvidenceKind::Xlsx), "rekap.xlsx");
        assert_eq!(download_name(".pdf", EvidenceKind::Pdf), ".pdf");
    }

    #[test]
    fn only_web_links_are_accepted() {
        for good in [
            "https://kepahiangkab.go.id/berita/1",
            "http://example.org",
            "https://a.b/c?d=e#f",
        ] {
            assert!(is_web_link(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/x",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "data:text/html,<b>x</b>",
            "file:///etc/passwd",
            "//example.org",
            "https://example.org/\"onmouseover=",
        ] {
            assert!(!is_web_link(bad), "{bad}");
        }
    }

    #[test]
    fn file_names_lose_paths_and_header_breaking_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\siti\\laporan.pdf"),
            "laporan.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;c\r\n.pdf"), "abc.pdf");
        assert_eq!(clean_file_name("   "), "berkas");
        assert_eq!(clean_file_name(&"x".repeat(400)).chars().count(), 150);
    }
}
