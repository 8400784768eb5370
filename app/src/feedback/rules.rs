//! The rules of a feedback thread that hold in the browser and on the server:
//! what a thread hangs on, how long a message may be, how long it may be edited,
//! how fast one may post, and how its text is shown (links made safe).

/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2000;
/// An author may edit a message this long after posting it.
pub const EDIT_WINDOW_MILLIS: i64 = 10 * 60 * 1000;
/// At most this many messages per person within [`RATE_WINDOW_MILLIS`].
pub const RATE_LIMIT: i64 = 10;
pub const RATE_WINDOW_MILLIS: i64 = 60 * 1000;
/// A colleague asked for feedback may answer for this many days.
pub const REQUEST_DAYS: u32 = 14;
/// The longest question a feedback request carries.
pub const MAX_QUESTION_CHARS: usize = 500;

/// What a thread hangs on, named by its key in URLs and in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// An RHK of a plan (`rhk:<rhk id>`).
    Rhk(i64),
    /// A realisasi: one IKI of an RHK in an employee's report for a period
    /// (`realisasi:<employee id>:<period id>:<rhk id>:<iki index>`).
    Realisasi {
        employee: i64,
        period: i64,
        rhk: i64,
        iki: i64,
    },
    /// A piece of evidence (`bukti:<evidence id>`).
    Bukti(i64),
    /// An employee's evaluation for a period (`evaluasi:<employee id>:<period id>`).
    Evaluasi { employee: i64, period: i64 },
}

impl Subject {
    pub fn key(&self) -> String {
        match self {
            Subject::Rhk(id) => format!("rhk:{id}"),
            Subject::Realisasi {
                employee,
                period,
                rhk,
                iki,
            } => format!("realisasi:{employee}:{period}:{rhk}:{iki}"),
            Subject::Bukti(id) => format!("bukti:{id}"),
            Subject::Evaluasi { employee, period } => format!("evaluasi:{employee}:{period}"),
        }
    }

    /// Reads a key; `None` for anything else (never trusted further than this).
    pub fn parse(key: &str) -> Option<Self> {
        let mut parts = key.trim().split(':');
        let kind = parts.next()?;
        let numbers: Vec<i64> = parts
            .map(|p| p.parse::<i64>().ok().filter(|n| *n >= 0))
            .collect::<Option<_>>()?;
        match (kind, numbers.as_slice()) {
            ("rhk", [id]) => Some(Subject::Rhk(*id)),
            ("realisasi", [employee, period, rhk, iki]) => Some(Subject::Realisasi {
                employee: *employee,
                period: *period,
                rhk: *rhk,
                iki: *iki,
            }),
            ("bukti", [id]) => Some(Subject::Bukti(*id)),
            ("evaluasi", [employee, period]) => Some(Subject::Evaluasi {
                employee: *employee,
                period: *period,
            }),
            _ => None,
        }
    }

    /// The thread page of this subject.
    pub fn href(&self) -> String {
        format!("/umpan-balik?subjek={}", self.key())
    }
}

/// The live channel's topic of a thread (by its subject: a thread's followers
/// may open it before its first message creates it).
pub fn thread_topic(subject_key: &str) -> String {
    format!("utas:{subject_key}")
}

/// Whether an author may still edit a message posted at `created_at`.
pub fn editable(created_at: i64, now: i64) -> bool {
    now >= created_at && now - created_at <= EDIT_WINDOW_MILLIS
}

/// A piece of a message as shown: plain text, or a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Link(String),
}

/// Splits a message into text and links. Only `http://` and `https://` addresses
/// become links (never `javascript:` or the like); a closing punctuation mark
/// after an address stays text.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = next_link_start(rest) {
        let (before, from) = rest.split_at(start);
        let end = from
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(from.len());
        let mut link = &from[..end];
        while link.ends_with(['.', ',', ';', ':', '!', '?', ')', '\'']) {
            link = &link[..link.len() - 1];
        }
        let scheme_only = link.trim_end_matches('/').ends_with(':');
        if !before.is_empty() {
            push_text(&mut out, before);
        }
        if scheme_only {
            push_text(&mut out, link);
        } else {
            out.push(Segment::Link(link.to_owned()));
        }
        rest = &from[link.len()..];
    }
    if !rest.is_empty() {
        push_text(&mut out, rest);
    }
    out
}

fn next_link_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    [lower.find("https://"), lower.find("http://")]
        .into_iter()
        .flatten()
        .min()
}

fn push_text(out: &mut Vec<Segment>, text: &str) {
    match out.last_mut() {
        Some(Segment::Text(previous)) => previous.push_str(text),
        _ => out.push(Segment::Text(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_read_back_from_their_keys() {
        for s in [
            Subject::Rhk(12),
            Subject::Realisasi {
                employee: 4,
                period: 3,
                rhk: 12,
                iki: 0,
            },
            Subject::Bukti(7),
            Subject::Evaluasi {
                employee: 5,
                period: 2,
            },
        ] {
            assert_eq!(Subject::parse(&s.key()), Some(s));
        }
        for bad in [
            "",
            "rhk",
            "rhk:",
            "rhk:x",
            "rhk:1:2",
            "rhk:-1",
            "bukti:1;drop",
            "evaluasi:1",
            "lain:1",
        ] {
            assert_eq!(Subject::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            segments("Lihat https://kepahiangkab.go.id/data, lalu balas."),
            vec![
                Segment::Text("Lihat ".into()),
                Segment::Link("https://kepahiangkab.go.id/data".into()),
                Segment::Text(", lalu balas.".into()),
            ]
        );
        assert_eq!(
            segments("javascript:alert(1) <b>x</b>"),
            vec![Segment::Text("javascript:alert(1) <b>x</b>".into())]
        );
        assert_eq!(
            segments("(HTTP://a.b/c?d=1&e=2)"),
            vec![
                Segment::Text("(".into()),
                Segment::Link("HTTP://a.b/c?d=1&e=2".into()),
                Segment::Text(")".into()),
            ]
        );
        assert_eq!(
            segments("https:// saja"),
            vec![Segment::Text("https:// saja".into())]
        );
        assert_eq!(segments(""), Vec::<Segment>::new());
    }

    #[test]
    fn the_edit_window_is_ten_minutes() {
        assert!(editable(0, EDIT_WINDOW_MILLIS));
        assert!(!editable(0, EDIT_WINDOW_MILLIS + 1));
        assert!(!editable(10, 5));
    }
}
