//! A copy of a form's unsaved work in the browser's storage, offered back after
//! a dropped connection or a closed tab (the realisasi form and the scoring
//! form): `DraftKeeper`, an island in the main WASM (its storage bindings left
//! a lazy chunk unresolvable, see `realisasi/live.rs`). It keeps typed texts
//! and the chosen radio buttons, with the form's version (its `versi` field,
//! which an autosave moves on) at the time.
//!
//! Its texts are rendered on the server and passed in: islands carry no
//! translations.

use crate::components::islands::{join_fields, split_fields, IslandRoot};
use leptos::prelude::*;

/// The hidden field holding the version a form was loaded (or last saved) on.
pub const VERSION_FIELD: &str = "versi";

/// What a [`DraftKeeper`] keeps and how it offers it back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftConfig {
    pub form_id: String,
    /// The storage key: one per form and record.
    pub key: String,
    /// The version the page was rendered on.
    pub version: i64,
    /// The server refused the last post: an older copy is unsaved work.
    pub offer_older: bool,
    /// "Ada isian yang belum tersimpan dari pukul {at}…", and the two buttons.
    pub offer: String,
    pub restore: String,
    pub discard: String,
}

impl DraftConfig {
    pub fn encode(&self) -> String {
        join_fields([
            self.form_id.as_str(),
            &self.key,
            &self.version.to_string(),
            if self.offer_older { "1" } else { "0" },
            &self.offer,
            &self.restore,
            &self.discard,
        ])
    }

    pub fn decode(text: &str) -> Option<Self> {
        let mut fields = split_fields(text).map(str::to_owned);
        Some(Self {
            form_id: fields.next()?,
            key: fields.next()?,
            version: fields.next()?.parse().ok()?,
            offer_older: fields.next()? == "1",
            offer: fields.next()?,
            restore: fields.next()?,
            discard: fields.next()?,
        })
    }
}

/// Keeps every text typed (and radio chosen) in the form `form_id` in the
/// browser's storage under `key`, with the version it was typed on. When the page opens on that
/// same version with different text stored (the post never arrived, the tab was
/// closed), it offers the text back. A saved report has a newer version, so its
/// copy is dropped, unless `offer_older`: the server refused the post (saved
/// elsewhere first), so the older copy is the person's unsaved work.
#[island]
pub fn DraftKeeper(
    /// A [`DraftConfig`], encoded: one text prop (each typed prop of an island
    /// costs the main WASM its own JSON decoder).
    config: String,
) -> impl IntoView {
    let DraftConfig {
        form_id,
        key,
        version,
        offer_older,
        offer,
        restore,
        discard,
    } = DraftConfig::decode(&config).unwrap_or_default();
    let pending = RwSignal::new(None::<String>);
    // Read in the browser only (the server renders no offer).
    let _ = (version, offer_older);
    #[cfg(feature = "hydrate")]
    {
        let (form_id, key) = (form_id.clone(), key.clone());
        Effect::new(move |_| storage_copy::start(&form_id, &key, version, offer_older, pending));
    }
    let restore_draft = {
        let (form_id, key) = (form_id.clone(), key.clone());
        move |_| {
            #[cfg(feature = "hydrate")]
            storage_copy::restore(&form_id, &key);
            let _ = (&form_id, &key);
            pending.set(None);
        }
    };
    let key = StoredValue::new(key);
    let discard_draft = move |_| {
        #[cfg(feature = "hydrate")]
        key.with_value(|key| storage_copy::forget(key));
        let _ = key;
        pending.set(None);
    };
    view! {
        <IslandRoot>
            // A plain optional view, not `<Show>`: its children are type-erased.
            {move || pending.get().map(|at| view! {
                <div class="mt-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900" role="alert" data-testid="draft-offer">
                    <p>{offer.replace("{at}", &at)}</p>
                    <div class="mt-2 flex gap-3">
                        <button type="button" class="rounded-md bg-sky-800 px-3 py-1 font-medium text-white" data-testid="draft-restore" on:click=restore_draft.clone()>{restore.clone()}</button>
                        <button type="button" class="rounded-md border border-sky-800 px-3 py-1 font-medium" on:click=discard_draft>{discard.clone()}</button>
                    </div>
                </div>
            })}
        </IslandRoot>
    }
}

/// The browser's copy of a form's unsaved texts, kept as plain text (no JSON or
/// JavaScript objects: their bindings would weigh on every page's WASM):
/// `sikap-draft <version> <HH:MM>`, then one `name<TAB>text` line per field, with
/// backslash, tab and line breaks escaped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub version: i64,
    pub at: String,
    pub fields: Vec<(String, String)>,
}

const DRAFT_HEADER: &str = "sikap-draft";

fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

impl Draft {
    pub fn encode(&self) -> String {
        let mut out = format!("{DRAFT_HEADER} {} {}", self.version, escape_line(&self.at));
        for (name, text) in &self.fields {
            out.push('\n');
            out.push_str(&escape_line(name));
            out.push('\t');
            out.push_str(&escape_line(text));
        }
        out
    }

    /// `None` for anything that is not a copy this code wrote.
    pub fn decode(stored: &str) -> Option<Self> {
        let mut lines = stored.split('\n');
        let mut head = lines.next()?.splitn(3, ' ');
        if head.next()? != DRAFT_HEADER {
            return None;
        }
        let version = head.next()?.parse().ok()?;
        let at = unescape_line(head.next().unwrap_or_default());
        let fields = lines
            .map(|line| {
                let (name, text) = line.split_once('\t')?;
                Some((unescape_line(name), unescape_line(text)))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self {
            version,
            at,
            fields,
        })
    }

    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }
}

#[cfg(feature = "hydrate")]
pub use storage_copy::named_fields;

#[cfg(feature = "hydrate")]
mod storage_copy {
    //! The stored copy (`super::Draft`) in the browser's local storage.
    use super::Draft;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn form(form_id: &str) -> Option<HtmlFormElement> {
        document().get_element_by_id(form_id)?.dyn_into().ok()
    }

    /// The form's typed texts and chosen radio buttons (named inputs and text
    /// areas; no files, no hidden fields).
    fn texts(form: &HtmlFormElement) -> Vec<(String, String)> {
        named_fields(form, |input| {
            let kind = input.type_();
            matches!(kind.as_str(), "text" | "url" | "") || (kind == "radio" && input.checked())
        })
    }

    /// A form's named text areas and the inputs `keep` chooses, as (name, value).
    pub fn named_fields(
        form: &HtmlFormElement,
        keep: impl Fn(&HtmlInputElement) -> bool,
    ) -> Vec<(String, String)> {
        let elements = form.elements();
        (0..elements.length())
            .filter_map(|i| elements.item(i))
            .filter_map(|el| {
                if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                    (!input.name().is_empty() && keep(input)).then(|| (input.name(), input.value()))
                } else {
                    el.dyn_ref::<HtmlTextAreaElement>()
                        .filter(|t| !t.name().is_empty())
                        .map(|t| (t.name(), t.value()))
                }
            })
            .collect()
    }

    /// The version the form now stands on: its `versi` field (an autosave moves
    /// it on), else the one it was loaded with.
    fn current_version(form: &HtmlFormElement, loaded: i64) -> i64 {
        form.query_selector(&format!("input[name={}]", super::VERSION_FIELD))
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
            .and_then(|input| input.value().parse().ok())
            .unwrap_or(loaded)
    }

    fn save(form_id: &str, key: &str, loaded: i64) {
        let (Some(form), Some(storage)) = (form(form_id), storage()) else {
            return;
        };
        let version = current_version(&form, loaded);
        let now = js_sys::Date::new_0();
        let draft = Draft {
            version,
            at: format!("{:02}:{:02}", now.get_hours(), now.get_minutes()),
            fields: texts(&form),
        };
        let _ = storage.set_item(key, &draft.encode());
    }

    fn stored(key: &str) -> Option<Draft> {
        Draft::decode(&storage()?.get_item(key).ok()??)
    }

    /// Offers the stored copy when it differs from the page, then keeps a copy
    /// of every change.
    pub fn start(
        form_id: &str,
        key: &str,
        version: i64,
        offer_older: bool,
        pending: RwSignal<Option<String>>,
    ) {
        if let (Some(draft), Some(form)) = (stored(key), form(form_id)) {
            if draft.version == version || (offer_older && draft.version < version) {
                let now = texts(&form);
                let differs = draft.fields.iter().any(|(name, value)| {
                    now.iter().find(|(n, _)| n == name).map(|(_, v)| v) != Some(value)
                });
                if differs {
                    pending.set(Some(draft.at.clone()));
                }
            } else {
                forget(key);
            }
        }
        let (form_id, key) = (form_id.to_owned(), key.to_owned());
        let _ = window_event_listener_untyped("input", move |ev| {
            let inside = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(&format!("#{form_id}")).ok().flatten())
                .is_some();
            if inside && pending.get_untracked().is_none() {
                save(&form_id, &key, version);
            }
        });
    }

    /// Puts the stored texts back into the form (and tells each field, so live
    /// parts update).
    pub fn restore(form_id: &str, key: &str) {
        let (Some(draft), Some(form)) = (stored(key), form(form_id)) else {
            return;
        };
        let elements = form.elements();
        for el in (0..elements.length()).filter_map(|i| elements.item(i)) {
            let name = el.get_attribute("name").unwrap_or_default();
            let Some(value) = draft.text_of(&name) else {
                continue;
            };
            let kind = if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                if input.type_() == "radio" {
                    input.set_checked(input.value() == value);
                    "change"
                } else {
                    input.set_value(value);
                    "input"
                }
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(value);
                "input"
            } else {
                continue;
            };
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                let _ = el.dispatch_event(&event);
            }
        }
    }

    pub fn forget(key: &str) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Draft, DraftConfig};

    #[test]
    fn the_config_travels_as_one_text() {
        let config = DraftConfig {
            form_id: "realisasi-form".into(),
            key: "sikap-realisasi-9-3".into(),
            version: 4,
            offer_older: true,
            offer: "Isian dari pukul {at}".into(),
            restore: "Pulihkan".into(),
            discard: "Buang".into(),
        };
        assert_eq!(DraftConfig::decode(&config.encode()), Some(config));
        assert_eq!(DraftConfig::decode("a\u{1f}b\u{1f}x"), None);
    }

    #[test]
    fn a_draft_reads_back_what_was_typed_whatever_the_characters() {
        let draft = Draft {
            version: 3,
            at: "09:41".into(),
            fields: vec![
                ("aksi-7".into(), "Baris satu\nbaris\tdua \\ selesai".into()),
                ("nilai-7-0".into(), "1.000,5".into()),
                ("rating-7".into(), "di_atas".into()),
                ("uraian-7-0".into(), String::new()),
            ],
        };
        let stored = draft.encode();
        assert_eq!(stored.lines().count(), 5, "{stored}");
        assert_eq!(Draft::decode(&stored), Some(draft.clone()));
        assert_eq!(draft.text_of("nilai-7-0"), Some("1.000,5"));
        assert_eq!(Draft::decode("{\"version\":3}"), None, "not ours");
        assert_eq!(Draft::decode("sikap-draft x 09:00"), None);
    }
}
