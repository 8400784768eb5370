//! The live side of the scoring form: one island beside a plain form that works
//! without it. The panel itself is server-rendered HTML (`pages::ScoringPanelView`,
//! right without WASM: the saved ratings' predikat and the unit's distribution
//! with this draft); the island renders nothing of its own and writes into the
//! panel's marked parts (`data-live`) as ratings change, so the main WASM carries
//! the rules and a few DOM calls, not a second copy of the panel's markup. It
//! - computes the predikat, the guidance and the unit's kurva distribusi with
//!   this draft the moment a rating changes (the same `rules` the server stores
//!   with);
//! - saves the draft a moment after each change, and again when the connection
//!   returns;
//! - follows the unit's distribution (a server-sent event stream,
//!   `/langsung/penilaian/...`): when another rater of the unit finalises, the
//!   panel moves.
//!
//! In the main WASM: its event-source and request bindings left a lazy chunk
//! unresolvable (see `realisasi/live.rs`). Texts come rendered from the server.

use super::fields;
use super::rules::{predikat, Bound, Distribution, Predikat, Rating};
use crate::components::islands::{join_fields, split_fields, IslandRoot};
use leptos::prelude::*;

/// The texts the island writes, in this order in its `texts` prop.
pub mod text {
    pub const DI_ATAS: usize = 0;
    pub const NOT_YET: usize = 3;
    /// "Saran panduan: {rating}".
    pub const SUGGESTION: usize = 4;
    /// "{total} pegawai dihitung…".
    pub const COUNTED: usize = 5;
    pub const SAVING: usize = 6;
    /// "Draf tersimpan pukul {at}".
    pub const SAVED: usize = 7;
    pub const SAVE_FAILED: usize = 8;
    /// The note that another rater's finalisation moved the distribution.
    pub const LIVE_UPDATED: usize = 9;
}

/// The predikat the two chosen ratings make (`None` until both are chosen).
pub fn predikat_of(hasil_kerja: Option<Rating>, perilaku: Option<Rating>) -> Option<Predikat> {
    Some(predikat(hasil_kerja?, perilaku?))
}

/// Where a rating's label is in the texts: Di Atas, Sesuai, Di Bawah.
pub fn rating_index(r: Rating) -> usize {
    text::DI_ATAS
        + match r {
            Rating::DiAtas => 0,
            Rating::Sesuai => 1,
            Rating::DiBawah => 2,
        }
}

/// What the panel shows for one set of choices: the distribution with this
/// draft, and the bounds it breaks (by their index).
pub fn panel_state(
    others: Distribution,
    mine: Option<Predikat>,
    bounds: &[Bound],
) -> (Distribution, Vec<usize>) {
    let mut d = others;
    if let Some(p) = mine {
        d.add(p);
    }
    let broken = bounds
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.holds(&d))
        .map(|(i, _)| i)
        .collect();
    (d, broken)
}

/// "3 (25%)": a predikat's count and share, as the panel shows it.
pub fn count_text(d: &Distribution, p: Predikat) -> String {
    format!("{} ({}%)", d.count(p), d.percent(p))
}

/// Each predikat's colour, in [`Predikat`] order (here and on the curve page).
pub const PREDIKAT_FILLS: [&str; 5] = [
    "fill-emerald-600",
    "fill-sky-500",
    "fill-amber-500",
    "fill-red-300",
    "fill-red-700",
];

/// Everything the island needs, sent as one text prop: each typed prop of an
/// island costs the main WASM its own JSON decoder (measured: the nine of this
/// island were 11 KB of its 16 KB before wasm-opt).
#[derive(Clone, Debug, PartialEq)]
pub struct PanelConfig {
    /// The form it reads and saves, and the server-rendered panel it writes.
    pub form_id: String,
    pub panel_id: String,
    pub save_url: String,
    pub stream_url: String,
    /// The unit's finalised evaluations but this one.
    pub others: Distribution,
    /// A unit leader's hasil kerja rating from the unit's result.
    pub leader: Option<Rating>,
    /// Each RHK and whether it is utama.
    pub rhk_utama: Vec<(i64, bool)>,
    pub bounds: Vec<Bound>,
    /// In the order of [`text`].
    pub texts: Vec<String>,
}

impl PanelConfig {
    pub fn encode(&self) -> String {
        let rhk: Vec<String> = self
            .rhk_utama
            .iter()
            .map(|(id, utama)| format!("{id}{}", if *utama { "u" } else { "t" }))
            .collect();
        let bounds: Vec<String> = self.bounds.iter().map(Bound::compact).collect();
        let (others, rhk, bounds) = (encode_counts(&self.others), rhk.join(" "), bounds.join(" "));
        let fields = [
            self.form_id.as_str(),
            &self.panel_id,
            &self.save_url,
            &self.stream_url,
            &others,
            self.leader.map_or("", |r| r.code()),
            &rhk,
            &bounds,
        ];
        join_fields(
            fields
                .into_iter()
                .chain(self.texts.iter().map(String::as_str)),
        )
    }

    pub fn decode(text: &str) -> Option<Self> {
        let mut fields = split_fields(text);
        let mut next = || fields.next().map(str::to_owned);
        let (form_id, panel_id, save_url, stream_url) = (next()?, next()?, next()?, next()?);
        let others = decode_counts(&next()?)?;
        let leader = Rating::from_code(&next()?);
        let rhk_utama = next()?
            .split_whitespace()
            .map(|item| match item.strip_suffix('u') {
                Some(id) => Some((id.parse().ok()?, true)),
                None => Some((item.strip_suffix('t')?.parse().ok()?, false)),
            })
            .collect::<Option<Vec<_>>>()?;
        let bounds = next()?
            .split_whitespace()
            .map(Bound::from_compact)
            .collect::<Option<Vec<_>>>()?;
        let texts = std::iter::from_fn(next).collect();
        Some(Self {
            form_id,
            panel_id,
            save_url,
            stream_url,
            others,
            leader,
            rhk_utama,
            bounds,
            texts,
        })
    }
}

/// The live panel's controller: `config` is a [`PanelConfig`], encoded.
#[island]
pub fn ScoringPanel(config: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(config) = PanelConfig::decode(&config) {
        let live = watch::Live {
            texts: StoredValue::new(config.texts),
            bounds: StoredValue::new(config.bounds),
            rhk_utama: StoredValue::new(config.rhk_utama),
            leader: config.leader,
            hasil: RwSignal::new(None),
            perilaku: RwSignal::new(None),
            rhk: RwSignal::new(Vec::new()),
            others: RwSignal::new(config.others),
            retry: RwSignal::new(false),
            pending: RwSignal::new(0),
            form_id: config.form_id,
            panel_id: config.panel_id,
            save_url: config.save_url,
        };
        let (started, stream_url) = (live.clone(), config.stream_url);
        Effect::new(move |_| {
            started.start();
            watch::follow(&stream_url, started.clone());
        });
        Effect::new(move |_| live.paint());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = config;
    view! { <IslandRoot>""</IslandRoot> }
}

/// "3 0 1 0 0" → a distribution (what the stream sends).
pub fn decode_counts(text: &str) -> Option<Distribution> {
    let counts: Vec<u32> = text
        .split_whitespace()
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let counts: [u32; 5] = counts.try_into().ok()?;
    Some(Distribution(counts))
}

pub fn encode_counts(d: &Distribution) -> String {
    d.0.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
}

/// The rater's choices as read from the form (radio groups by name).
pub fn choice(checked: &[(String, String)], name: &str) -> Option<Rating> {
    checked
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| Rating::from_code(v))
}

/// The RHK id of a `rating-12` field.
pub fn rhk_of_field(name: &str) -> Option<i64> {
    name.strip_prefix(fields::RHK_RATING_PREFIX)?.parse().ok()
}

#[cfg(feature = "hydrate")]
mod watch {
    //! The form's choices, the panel they paint, the autosave and the
    //! distribution stream.
    use super::{
        choice, count_text, decode_counts, panel_state, predikat_of, rating_index, rhk_of_field,
        text,
    };
    use crate::penilaian::fields;
    use crate::penilaian::rules::{
        suggested_hasil_kerja, Bound, Distribution, Predikat, Rating, RhkRating,
    };
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlFormElement, HtmlInputElement, XmlHttpRequest};

    #[derive(Clone)]
    pub struct Live {
        pub texts: StoredValue<Vec<String>>,
        pub bounds: StoredValue<Vec<Bound>>,
        pub rhk_utama: StoredValue<Vec<(i64, bool)>>,
        pub leader: Option<Rating>,
        pub hasil: RwSignal<Option<Rating>>,
        pub perilaku: RwSignal<Option<Rating>>,
        pub rhk: RwSignal<Vec<(i64, Option<Rating>)>>,
        /// The unit's finalised evaluations but this one (from the stream).
        pub others: RwSignal<Distribution>,
        /// A save failed for want of a connection: tried again when the
        /// browser is back online, and every few seconds until it lands.
        pub retry: RwSignal<bool>,
        /// The ticket of the save scheduled last (an earlier timer that finds
        /// a newer ticket does nothing).
        pub pending: RwSignal<u32>,
        pub form_id: String,
        pub panel_id: String,
        pub save_url: String,
    }

    fn find_form(form_id: &str) -> Option<HtmlFormElement> {
        document().get_element_by_id(form_id)?.dyn_into().ok()
    }

    /// Every named field as the form would post it (checked radios only).
    fn fields_of(form: &HtmlFormElement) -> Vec<(String, String)> {
        crate::components::draft::named_fields(form, |input| {
            let kind = input.type_();
            (kind != "radio" || input.checked()) && kind != "submit"
        })
    }

    fn encode(fields: &[(String, String)]) -> String {
        fields
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    String::from(js_sys::encode_uri_component(k)),
                    String::from(js_sys::encode_uri_component(v))
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    fn inside(ev: &web_sys::Event, form_id: &str) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest(&format!("#{form_id}")).ok().flatten())
            .is_some()
    }

    fn handler(f: impl FnMut(web_sys::Event) + 'static) -> Closure<dyn FnMut(web_sys::Event)> {
        Closure::wrap(Box::new(f) as Box<dyn FnMut(web_sys::Event)>)
    }

    /// The element of the panel marked `data-live=key` (within `scope`, if given).
    fn part(panel: &Element, scope: Option<&str>, key: &str) -> Option<Element> {
        let selector = match scope {
            Some(scope) => format!("{scope} [data-live={key}]"),
            None => format!("[data-live={key}]"),
        };
        panel.query_selector(&selector).ok().flatten()
    }

    fn write(panel: &Element, key: &str, text: &str) {
        if let Some(el) = part(panel, None, key) {
            el.set_text_content(Some(text));
        }
    }

    fn show(el: &Element, shown: bool) {
        let _ = if shown {
            el.remove_attribute("hidden")
        } else {
            el.set_attribute("hidden", "")
        };
    }

    impl Live {
        fn text(&self, i: usize) -> String {
            self.texts
                .with_value(|t| t.get(i).cloned().unwrap_or_default())
        }

        fn rating_text(&self, r: Option<Rating>) -> String {
            self.text(r.map_or(text::NOT_YET, rating_index))
        }

        fn panel(&self) -> Option<Element> {
            document().get_element_by_id(&self.panel_id)
        }

        /// The guidance's suggestion from the RHK ratings chosen (the leader's
        /// rating from their unit's result instead, when they lead one).
        fn suggestion(&self) -> Option<Rating> {
            self.leader.or_else(|| {
                let chosen = self.rhk.get();
                let ratings: Vec<Option<RhkRating>> = self.rhk_utama.with_value(|u| {
                    u.iter()
                        .map(|(id, utama)| {
                            chosen
                                .iter()
                                .find(|(r, _)| r == id)
                                .and_then(|(_, r)| *r)
                                .map(|rating| RhkRating {
                                    utama: *utama,
                                    rating,
                                })
                        })
                        .collect()
                });
                suggested_hasil_kerja(&ratings)
            })
        }

        /// Writes the choices' predikat, the guidance and the unit's
        /// distribution with this draft into the panel (tracked: it runs again
        /// on every change).
        pub fn paint(&self) {
            let (hasil, perilaku) = (self.hasil.get(), self.perilaku.get());
            let mine = predikat_of(hasil, perilaku);
            let suggestion = self.suggestion();
            let others = self.others.get();
            let name = mine.map_or_else(|| self.text(text::NOT_YET), |p| p.name().to_owned());
            // Also in the form's bar of buttons, in view on a phone while rating.
            if let Some(body) = document().body() {
                write(&body, "predikat-bar", &name);
            }
            let Some(panel) = self.panel() else { return };
            write(&panel, "predikat", &name);
            write(&panel, "hasil-kerja", &self.rating_text(hasil));
            write(&panel, "perilaku", &self.rating_text(perilaku));
            write(
                &panel,
                "suggestion",
                &self
                    .text(text::SUGGESTION)
                    .replace("{rating}", &self.rating_text(suggestion)),
            );
            let (d, broken) = self.bounds.with_value(|b| panel_state(others, mine, b));
            for &p in Predikat::ALL {
                let scope = format!("[data-predikat={}]", p.code());
                if let Some(el) = part(&panel, Some(&scope), "count") {
                    el.set_text_content(Some(&count_text(&d, p)));
                }
                if let Some(el) = part(&panel, Some(&scope), "bar") {
                    let _ = el.set_attribute("width", &d.percent(p).max(1).to_string());
                }
            }
            write(
                &panel,
                "total",
                &self
                    .text(text::COUNTED)
                    .replace("{total}", &d.total().to_string()),
            );
            // "Within the curve" only where a curve applies.
            if let Some(el) = part(&panel, None, "within") {
                show(
                    &el,
                    broken.is_empty() && self.bounds.with_value(|b| !b.is_empty()),
                );
            }
            if let Some(el) = part(&panel, None, "breach") {
                show(&el, !broken.is_empty());
                for i in 0..self.bounds.with_value(Vec::len) {
                    if let Ok(Some(rule)) = el.query_selector(&format!("[data-bound=\"{i}\"]")) {
                        show(&rule, broken.contains(&i));
                    }
                }
            }
        }

        fn note(&self, text: &str) {
            if let Some(panel) = self.panel() {
                write(&panel, "autosave", text);
            }
        }

        fn read(&self) {
            let Some(form) = find_form(&self.form_id) else {
                return;
            };
            let all = fields_of(&form);
            self.hasil.set(choice(&all, fields::HASIL_KERJA));
            self.perilaku.set(choice(&all, fields::PERILAKU));
            self.rhk.update(|rhk| {
                for (id, rating) in rhk.iter_mut() {
                    *rating = choice(&all, &fields::rhk_rating(*id));
                }
                for (name, value) in &all {
                    if let Some(id) = rhk_of_field(name) {
                        if !rhk.iter().any(|(r, _)| *r == id) {
                            rhk.push((id, Rating::from_code(value)));
                        }
                    }
                }
            });
        }

        pub fn start(&self) {
            self.read();
            // One handler for the three events (each closure given to a listener
            // is its own copy of the listener's code in the WASM).
            let this = self.clone();
            let on_event = move |ev: web_sys::Event| match ev.type_().as_str() {
                "online" if this.retry.get_untracked() => this.save(),
                "change" | "input" if inside(&ev, &this.form_id) => {
                    if ev.type_() == "change" {
                        this.read();
                    }
                    this.schedule(1_200);
                }
                _ => {}
            };
            for event in ["change", "input", "online"] {
                let _ = window_event_listener_untyped(event, on_event.clone());
            }
        }

        /// Saves `after_ms` from now unless something newer is scheduled by then
        /// (one save for a burst of typing).
        fn schedule(&self, after_ms: u64) {
            let ticket = self.pending.get_untracked().wrapping_add(1);
            self.pending.set(ticket);
            let this = self.clone();
            set_timeout(
                move || {
                    if this.pending.get_untracked() == ticket {
                        this.save();
                    }
                },
                std::time::Duration::from_millis(after_ms),
            );
        }

        /// No connection (or no server): said, and tried again in ten seconds
        /// or as soon as the browser is back online.
        fn unsaved(&self) {
            self.note(&self.text(text::SAVE_FAILED));
            self.retry.set(true);
            self.schedule(10_000);
        }

        fn save(&self) {
            let Some(form) = find_form(&self.form_id) else {
                return;
            };
            let mut body = fields_of(&form);
            body.retain(|(k, _)| k != fields::ACTION);
            body.push((fields::ACTION.to_owned(), "simpan".to_owned()));
            let Ok(xhr) = XmlHttpRequest::new() else {
                return;
            };
            if xhr.open_with_async("POST", &self.save_url, true).is_err() {
                return;
            }
            let _ = xhr.set_request_header("Content-Type", "application/x-www-form-urlencoded");
            let _ = xhr.set_request_header("Accept", "text/plain");
            self.note(&self.text(text::SAVING));
            let (answered, this) = (xhr.clone(), self.clone());
            let loaded = handler(move |_| {
                let status = answered.status().unwrap_or(0);
                let text = answered.response_text().ok().flatten().unwrap_or_default();
                this.retry.set(false);
                if status == 0 {
                    this.unsaved();
                } else if status == 200 {
                    // "version predikat": the next save is made on this version.
                    let version = text
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    if let Some(input) = find_form(&this.form_id)
                        .and_then(|f| {
                            f.query_selector(&format!("input[name={}]", fields::VERSION))
                                .ok()
                                .flatten()
                        })
                        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                    {
                        input.set_value(&version);
                    }
                    let now = js_sys::Date::new_0();
                    let at = format!("{:02}:{:02}", now.get_hours(), now.get_minutes());
                    this.note(&this.text(text::SAVED).replace("{at}", &at));
                } else if status == 409 {
                    // Another rater saved first: the page again on their version,
                    // which offers this browser's copy back (`ditolak`).
                    let location = window().location();
                    let path = location.pathname().unwrap_or_default();
                    let _ = location.set_href(&format!("{path}?ditolak=konflik"));
                } else if !text.trim().is_empty() {
                    this.note(&text);
                } else {
                    this.unsaved();
                }
            });
            xhr.set_onload(Some(loaded.as_ref().unchecked_ref()));
            loaded.forget();
            let this = self.clone();
            let broken = handler(move |_| this.unsaved());
            xhr.set_onerror(Some(broken.as_ref().unchecked_ref()));
            broken.forget();
            let _ = xhr.send_with_opt_str(Some(&encode(&body)));
        }
    }

    /// Follows the unit's distribution: the stream sends the finalised counts
    /// on connect and after each change; the browser reconnects by itself.
    pub fn follow(url: &str, live: Live) {
        let Ok(source) = web_sys::EventSource::new(url) else {
            return;
        };
        let first = RwSignal::new(true);
        let message = handler(move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let Some(counts) = ev.data().as_string().and_then(|t| decode_counts(&t)) else {
                return;
            };
            if live.others.get_untracked() != counts {
                live.others.set(counts);
                if !first.get_untracked() {
                    if let Some(panel) = live.panel() {
                        write(&panel, "live-note", &live.text(text::LIVE_UPDATED));
                    }
                }
            }
            first.set(false);
        });
        source.set_onmessage(Some(message.as_ref().unchecked_ref()));
        message.forget();
        // Kept for the page's lifetime.
        std::mem::forget(source);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_travels_as_one_text() {
        let config = PanelConfig {
            form_id: "penilaian-form".into(),
            panel_id: "penilaian-panel".into(),
            save_url: "/penilaian/3/pegawai/9".into(),
            stream_url: "/langsung/penilaian/3/pegawai/9".into(),
            others: Distribution([3, 0, 1, 0, 2]),
            leader: Some(Rating::Sesuai),
            rhk_utama: vec![(12, true), (13, false)],
            bounds: crate::penilaian::rules::Curves::parse_bounds(
                "baik <= 70%; butuh_perbaikan+kurang >= 1",
            )
            .unwrap(),
            texts: vec![
                "Di Atas Ekspektasi".into(),
                "Saran: {rating}".into(),
                String::new(),
            ],
        };
        assert_eq!(PanelConfig::decode(&config.encode()), Some(config.clone()));
        let plain = PanelConfig {
            leader: None,
            rhk_utama: Vec::new(),
            bounds: Vec::new(),
            ..config
        };
        assert_eq!(PanelConfig::decode(&plain.encode()), Some(plain));
        assert_eq!(PanelConfig::decode("a\u{1f}b"), None);
    }

    #[test]
    fn counts_travel_as_five_numbers() {
        let d = Distribution([3, 0, 1, 0, 2]);
        assert_eq!(encode_counts(&d), "3 0 1 0 2");
        assert_eq!(decode_counts("3 0 1 0 2"), Some(d));
        assert_eq!(decode_counts("3 0 1"), None);
        assert_eq!(decode_counts("a b c d e"), None);
    }

    #[test]
    fn the_panel_counts_this_draft_with_the_others() {
        let bounds = crate::penilaian::rules::Curves::parse_bounds("sangat_baik <= 70%").unwrap();
        let others = Distribution([7, 3, 0, 0, 0]);
        assert_eq!(
            panel_state(others, Some(Predikat::Baik), &bounds).1,
            Vec::<usize>::new()
        );
        let (d, broken) = panel_state(others, Some(Predikat::SangatBaik), &bounds);
        assert_eq!(d.total(), 11);
        assert_eq!(broken, vec![0]);
        assert_eq!(
            choice(&[("hasil_kerja".into(), "sesuai".into())], "hasil_kerja"),
            Some(Rating::Sesuai)
        );
        assert_eq!(rhk_of_field("rating-12"), Some(12));
        assert_eq!(rhk_of_field("umpan-12"), None);
    }
}
