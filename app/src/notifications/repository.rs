//! The notifications table: the one place that writes a notification, and the
//! reader's list. Every domain that tells someone something calls [`insert`] on
//! its own write transaction, so the notice is saved with the change or not at all.
//!
//! A notice is stored as its message (key and arguments) and read in the reader's
//! language; the Indonesian wording is stored too, and is what rows written before
//! messages were kept show.

use super::types::Notification;
use crate::i18n::{current_language, Language, Text};
use crate::platform::db::{now_millis, Conn};

/// Someone to tell: who, what (`deferred_tr!(key, { … })`), and where the link leads.
#[derive(Clone, Debug)]
pub struct Notice {
    pub to: i64,
    pub text: Text,
    pub link: String,
}

/// `text` ending in exactly one full stop, also after a name that ends in one
/// ("… oleh Rahmat, S.H.") or a reason that ends in a question.
pub fn sentence(text: String) -> String {
    let text = text.trim_end().to_owned();
    if text.ends_with(['.', '?', '!']) {
        text
    } else {
        text + "."
    }
}

/// Records `notice` for its reader; `kind` names the event ("skp.approved").
pub async fn insert(
    conn: &mut Conn,
    kind: &str,
    notice: Notice,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (employee_id, kind, text, link, created_at, message_key, message_args) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(notice.to)
    .bind(kind)
    .bind(sentence(notice.text.translate(Language::Id)))
    .bind(notice.link)
    .bind(now)
    .bind(notice.text.message.key)
    .bind(notice.text.args_json())
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    text: String,
    message_key: Option<String>,
    message_args: Option<String>,
    link: Option<String>,
    created_at: i64,
    read_at: Option<i64>,
}

impl NotificationRow {
    /// The notice in `language`, or as stored when its message is unknown.
    fn text_in(&self, language: Language) -> String {
        self.message_key
            .as_deref()
            .and_then(|key| Text::translate_stored(language, key, self.message_args.as_deref()?))
            .map(sentence)
            .unwrap_or_else(|| self.text.clone())
    }
}

/// The newest 50 notifications of `employee_id`, in the language of the request.
pub async fn newest(conn: &mut Conn, employee_id: i64) -> Result<Vec<Notification>, sqlx::Error> {
    let rows: Vec<NotificationRow> = sqlx::query_as(
        "SELECT id, text, message_key, message_args, link, created_at, read_at FROM notifications \
         WHERE employee_id = $1 ORDER BY id DESC LIMIT 50",
    )
    .bind(employee_id)
    .fetch_all(conn)
    .await?;
    let language = current_language();
    Ok(rows
        .into_iter()
        .map(|r| Notification {
            id: r.id,
            text: r.text_in(language),
            link: r.link,
            created_at: r.created_at,
            read: r.read_at.is_some(),
        })
        .collect())
}

pub async fn mark_all_read(conn: &mut Conn, employee_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE employee_id = $2 AND read_at IS NULL")
        .bind(now_millis())
        .bind(employee_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Marks `employee_id`'s notification `id` read (keeping the first reading's
/// time) and returns where it leads; `None` when it is not theirs.
pub async fn open(
    conn: &mut Conn,
    employee_id: i64,
    id: i64,
) -> Result<Option<Option<String>>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND employee_id = $3 \
         RETURNING link",
    )
    .bind(now_millis())
    .bind(id)
    .bind(employee_id)
    .fetch_optional(conn)
    .await
}

/// Whether `employee_id` already has an unread notification leading to `link`
/// (a busy thread tells its people once until they look).
pub async fn has_unread_link(
    conn: &mut Conn,
    employee_id: i64,
    link: &str,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE employee_id = $1 AND link = $2 AND read_at IS NULL",
    )
    .bind(employee_id)
    .bind(link)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

/// How many notifications `employee_id` has not read (the header's count).
pub async fn unread_count(conn: &mut Conn, employee_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE employee_id = $1 AND read_at IS NULL",
    )
    .bind(employee_id)
    .fetch_one(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::deferred_tr;

    fn row(key: Option<&str>, args: Option<String>) -> NotificationRow {
        NotificationRow {
            id: 1,
            text: "Teks lama.".into(),
            message_key: key.map(str::to_owned),
            message_args: args,
            link: None,
            created_at: 0,
            read_at: None,
        }
    }

    #[test]
    fn a_notice_ends_in_one_full_stop() {
        assert_eq!(
            sentence("Disetujui oleh Rahmat, S.H.".into()),
            "Disetujui oleh Rahmat, S.H."
        );
        assert_eq!(
            sentence("Disetujui oleh Budi".into()),
            "Disetujui oleh Budi."
        );
        assert_eq!(
            sentence("Alasannya: target perlu dicek?".into()),
            "Alasannya: target perlu dicek?"
        );
    }

    #[test]
    fn a_stored_message_is_read_in_the_readers_language() {
        let text = deferred_tr!(skp_notice_returned, {
            "year" => 2027, "name" => "Rahmat, S.H.", "reason" => "Target terlalu rendah."
        });
        let stored = row(Some(text.message.key), Some(text.args_json()));
        let id = stored.text_in(Language::Id);
        let en = stored.text_in(Language::En);
        assert!(
            id.contains("Rahmat, S.H.") && id.contains("Target terlalu rendah."),
            "{id}"
        );
        assert!(
            en.contains("returned") && en.contains("Target terlalu rendah."),
            "{en}"
        );
        assert!(!en.ends_with("..") && !id.ends_with(".."), "{en} / {id}");
        // Rows from before messages were kept, and keys since removed, read as stored.
        assert_eq!(row(None, None).text_in(Language::En), "Teks lama.");
        assert_eq!(
            row(Some("no-such-key"), Some("{}".into())).text_in(Language::En),
            "Teks lama."
        );
    }
}
