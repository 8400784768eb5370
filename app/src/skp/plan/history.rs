//! What changed between two snapshots of a plan, for the version history: the
//! supervisor sees at a glance what a resubmission changed.

use super::types::RhkView;
use crate::skp::types::IkiDraft;

/// One change from an older snapshot to a newer one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    RhkAdded(String),
    RhkRemoved(String),
    RhkReworded {
        from: String,
        to: String,
    },
    IkiAdded {
        rhk: String,
        iki: String,
    },
    IkiRemoved {
        rhk: String,
        iki: String,
    },
    IkiChanged {
        rhk: String,
        from: String,
        to: String,
    },
}

fn iki_text(iki: &IkiDraft) -> String {
    format!("{} — {} {}", iki.indicator, iki.target, iki.satuan)
}

/// The changes from `older` to `newer`. RHK are matched by id (a saved RHK keeps
/// its id), IKI by their place within the RHK.
pub fn changes(older: &[RhkView], newer: &[RhkView]) -> Vec<Change> {
    let mut out = Vec::new();
    for old in older {
        if !newer.iter().any(|n| n.id == old.id) {
            out.push(Change::RhkRemoved(old.text.clone()));
        }
    }
    for new in newer {
        let Some(old) = older.iter().find(|o| o.id == new.id) else {
            out.push(Change::RhkAdded(new.text.clone()));
            continue;
        };
        if old.text != new.text {
            out.push(Change::RhkReworded {
                from: old.text.clone(),
                to: new.text.clone(),
            });
        }
        let rhk = new.text.clone();
        for j in 0..old.iki.len().max(new.iki.len()) {
            match (old.iki.get(j), new.iki.get(j)) {
                (Some(a), Some(b)) if a != b => out.push(Change::IkiChanged {
                    rhk: rhk.clone(),
                    from: iki_text(a),
                    to: iki_text(b),
                }),
                (None, Some(b)) => out.push(Change::IkiAdded {
                    rhk: rhk.clone(),
                    iki: iki_text(b),
                }),
                (Some(a), None) => out.push(Change::IkiRemoved {
                    rhk: rhk.clone(),
                    iki: iki_text(a),
                }),
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rhk(id: i64, text: &str, targets: &[&str]) -> RhkView {
        RhkView {
            id,
            kind: "utama".into(),
            text: text.into(),
            parent_rhk_id: None,
            parent_text: None,
            perspektif: None,
            iki: targets
                .iter()
                .map(|t| IkiDraft {
                    aspek: "kuantitas".into(),
                    indicator: "Jumlah izin".into(),
                    target: (*t).into(),
                    satuan: "dokumen".into(),
                    accumulation: None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_raised_target_an_added_rhk_and_a_removed_one_are_each_named() {
        let older = [rhk(1, "Izin terbit", &["450"]), rhk(2, "Rekap", &["12"])];
        let newer = [
            rhk(1, "Izin terbit", &["520", "3"]),
            rhk(3, "Survei", &["1"]),
        ];
        assert_eq!(
            changes(&older, &newer),
            [
                Change::RhkRemoved("Rekap".into()),
                Change::IkiChanged {
                    rhk: "Izin terbit".into(),
                    from: "Jumlah izin — 450 dokumen".into(),
                    to: "Jumlah izin — 520 dokumen".into(),
                },
                Change::IkiAdded {
                    rhk: "Izin terbit".into(),
                    iki: "Jumlah izin — 3 dokumen".into(),
                },
                Change::RhkAdded("Survei".into()),
            ]
        );
        assert_eq!(changes(&newer, &newer), []);
    }
}
