//! The live side of the scoring form, one island beside a plain form that
//! works without it: the predikat and the unit's kurva distribusi follow every
//! rating as it changes (the same `rules` the server stores with), the draft
//! saves itself a moment after each change, and when another rater of the unit
//! finalises, the distribution moves on every open form (a server-sent event
//! stream, `/langsung/penilaian/...`). In the main WASM: its event-source and
//! request bindings left a lazy chunk unresolvable (see `realisasi/live.rs`).
//!
//! Texts come rendered from the server (islands carry no translations).

use super::fields;
use super::rules::{
    predikat, suggested_hasil_kerja, Bound, Distribution, Predikat, Rating, RhkRating,
};
use crate::components::islands::IslandRoot;
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelLabels {
    pub predikat_title: String,
    pub hasil_kerja: String,
    pub perilaku: String,
    /// "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi".
    pub ratings: [String; 3],
    pub not_yet: String,
    /// "Saran panduan: {rating}".
    pub suggestion: String,
    pub distribution_title: String,
    /// "Predikat Kinerja Organisasi: {predikat}" or that none is set.
    pub unit_result: String,
    /// "{count} dari {total} pegawai" (with this draft).
    pub counted: String,
    pub within: String,
    pub breach_title: String,
    /// One sentence per bound of the curve, in its order.
    pub bounds: Vec<String>,
    pub saving: String,
    pub saved: String,
    pub save_failed: String,
    pub live_updated: String,
}

/// The predikat the two chosen ratings make ("—" until both are chosen).
fn predikat_of(hasil_kerja: Option<Rating>, perilaku: Option<Rating>) -> Option<Predikat> {
    Some(predikat(hasil_kerja?, perilaku?))
}

fn rating_index(r: Rating) -> usize {
    match r {
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

/// Each predikat's colour, in [`Predikat`] order (here and on the curve page).
pub const PREDIKAT_FILLS: [&str; 5] = [
    "fill-emerald-600",
    "fill-sky-600",
    "fill-amber-500",
    "fill-orange-600",
    "fill-red-700",
];

#[allow(clippy::too_many_arguments)]
#[island]
pub fn ScoringPanel(
    form_id: String,
    save_url: String,
    stream_url: String,
    others: Distribution,
    bounds: Vec<Bound>,
    rhk_utama: Vec<(i64, bool)>,
    leader: Option<Rating>,
    hasil_kerja: Option<Rating>,
    perilaku: Option<Rating>,
    rhk_ratings: Vec<(i64, Option<Rating>)>,
    labels: PanelLabels,
) -> impl IntoView {
    let chosen_hasil = RwSignal::new(hasil_kerja);
    let chosen_perilaku = RwSignal::new(perilaku);
    let chosen_rhk = RwSignal::new(rhk_ratings);
    let others = RwSignal::new(others);
    let save_note = RwSignal::new(String::new());
    let live_note = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        let watch = watch::Watch {
            form_id: form_id.clone(),
            save_url: save_url.clone(),
            hasil: chosen_hasil,
            perilaku: chosen_perilaku,
            rhk: chosen_rhk,
            note: save_note,
            retry: RwSignal::new(false),
            saving: labels.saving.clone(),
            saved: labels.saved.clone(),
            failed: labels.save_failed.clone(),
        };
        let stream_url = stream_url.clone();
        Effect::new(move |_| {
            watch.start();
            watch::follow(&stream_url, others, live_note);
        });
    }
    let _ = (&form_id, &save_url, &stream_url);
    let utama = StoredValue::new(rhk_utama);
    let suggestion = move || {
        leader.or_else(|| {
            let ratings: Vec<Option<RhkRating>> = utama.with_value(|u| {
                u.iter()
                    .map(|(id, utama)| {
                        chosen_rhk.with(|c| {
                            c.iter()
                                .find(|(r, _)| r == id)
                                .and_then(|(_, r)| *r)
                                .map(|rating| RhkRating {
                                    utama: *utama,
                                    rating,
                                })
                        })
                    })
                    .collect()
            });
            suggested_hasil_kerja(&ratings)
        })
    };
    let labels = StoredValue::new(labels);
    let bounds = StoredValue::new(bounds);
    let mine = move || predikat_of(chosen_hasil.get(), chosen_perilaku.get());
    let state = move || bounds.with_value(|b| panel_state(others.get(), mine(), b));
    let rating_text = move |r: Option<Rating>| {
        labels.with_value(|l| {
            r.map_or_else(|| l.not_yet.clone(), |r| l.ratings[rating_index(r)].clone())
        })
    };
    view! {
        <IslandRoot>
            <div class="rounded-xl border border-emerald-200 bg-emerald-50 p-4" data-testid="predikat-panel">
                <h2 class="text-sm font-medium text-emerald-900">{labels.with_value(|l| l.predikat_title.clone())}</h2>
                <output class="mt-1 block text-2xl font-bold text-emerald-950" aria-live="polite" data-testid="predikat-live">
                    {move || mine().map_or_else(|| labels.with_value(|l| l.not_yet.clone()), |p| p.name().to_owned())}
                </output>
                <dl class="mt-2 grid grid-cols-2 gap-1 text-sm">
                    <dt class="text-slate-600">{labels.with_value(|l| l.hasil_kerja.clone())}</dt>
                    <dd class="font-medium" data-testid="hasil-kerja-live">{move || rating_text(chosen_hasil.get())}</dd>
                    <dt class="text-slate-600">{labels.with_value(|l| l.perilaku.clone())}</dt>
                    <dd class="font-medium">{move || rating_text(chosen_perilaku.get())}</dd>
                </dl>
                <p class="mt-2 text-sm text-emerald-900" data-testid="suggestion-live">
                    {move || labels.with_value(|l| l.suggestion.replace("{rating}", &rating_text(suggestion())))}
                </p>
                <p class="mt-1 text-xs text-slate-600" aria-live="polite" data-testid="autosave-note">{move || save_note.get()}</p>
            </div>
            <div class="mt-4 rounded-xl border border-slate-200 bg-white p-4" data-testid="distribution-panel">
                <h2 class="text-sm font-medium text-slate-800">{labels.with_value(|l| l.distribution_title.clone())}</h2>
                <p class="text-xs text-slate-600">{labels.with_value(|l| l.unit_result.clone())}</p>
                <ul class="mt-3 space-y-2" data-testid="distribution-bars">
                    {Predikat::ALL.iter().copied().map(|p| {
                        let count = move || state().0.count(p);
                        // SVG geometry, not an inline style: the CSP allows no inline styles.
                        let width = move || state().0.percent(p).max(1).to_string();
                        view! {
                            <li class="text-sm" data-predikat=p.code()>
                                <div class="flex justify-between">
                                    <span>{p.name()}</span>
                                    <span class="tabular-nums" data-testid="distribution-count">{move || format!("{} ({}%)", count(), state().0.percent(p))}</span>
                                </div>
                                <svg class="mt-1 block h-2 w-full rounded bg-slate-100" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                                    <rect class=PREDIKAT_FILLS[p as usize] width=width height="1" />
                                </svg>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="mt-2 text-xs text-slate-600" data-testid="distribution-total">
                    {move || labels.with_value(|l| l.counted.replace("{total}", &state().0.total().to_string()))}
                </p>
                {move || {
                    let broken = state().1;
                    if broken.is_empty() {
                        let within = labels.with_value(|l| if l.bounds.is_empty() { String::new() } else { l.within.clone() });
                        Either::Left(view! { <p class="mt-2 text-sm text-emerald-800" data-testid="curve-within">{within}</p> })
                    } else {
                        let lines = labels.with_value(|l| broken.iter().filter_map(|i| l.bounds.get(*i).cloned()).collect::<Vec<_>>());
                        Either::Right(view! {
                            <div class="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" role="status" data-testid="curve-breach">
                                <p class="font-medium">{labels.with_value(|l| l.breach_title.clone())}</p>
                                <ul class="list-disc pl-5">{lines.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                            </div>
                        })
                    }
                }}
                <p class="mt-2 text-xs text-sky-800" aria-live="polite" data-testid="distribution-live-note">
                    {move || if live_note.get() { labels.with_value(|l| l.live_updated.clone()) } else { String::new() }}
                </p>
            </div>
        </IslandRoot>
    }
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
    //! The form's choices, its autosave and the distribution stream.
    use super::{choice, decode_counts, rhk_of_field};
    use crate::penilaian::fields;
    use crate::penilaian::rules::{Distribution, Rating};
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlFormElement, HtmlInputElement, XmlHttpRequest};

    #[derive(Clone)]
    pub struct Watch {
        pub form_id: String,
        pub save_url: String,
        pub hasil: RwSignal<Option<Rating>>,
        pub perilaku: RwSignal<Option<Rating>>,
        pub rhk: RwSignal<Vec<(i64, Option<Rating>)>>,
        pub note: RwSignal<String>,
        /// A save failed for want of a connection: tried again when the
        /// browser is back online, and every few seconds until it lands.
        pub retry: RwSignal<bool>,
        pub saving: String,
        pub saved: String,
        pub failed: String,
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
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(&format!("#{form_id}")).ok().flatten())
            .is_some()
    }

    fn handler(f: impl FnMut(web_sys::Event) + 'static) -> Closure<dyn FnMut(web_sys::Event)> {
        Closure::wrap(Box::new(f) as Box<dyn FnMut(web_sys::Event)>)
    }

    impl Watch {
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
            let pending = RwSignal::new(0u32);
            let this = self.clone();
            let _ = window_event_listener(leptos::ev::change, move |ev| {
                if inside(&ev, &this.form_id) {
                    this.read();
                    this.schedule(pending);
                }
            });
            let this = self.clone();
            let _ = window_event_listener(leptos::ev::input, move |ev| {
                if inside(&ev, &this.form_id) {
                    this.schedule(pending);
                }
            });
            let this = self.clone();
            let _ = window_event_listener(leptos::ev::online, move |_| {
                if this.retry.get_untracked() {
                    this.save();
                }
            });
            let this = self.clone();
            set_interval(
                move || {
                    if this.retry.get_untracked() {
                        this.save();
                    }
                },
                std::time::Duration::from_secs(10),
            );
        }

        /// Saves a moment after the last change (one save for a burst of typing).
        fn schedule(&self, pending: RwSignal<u32>) {
            let ticket = pending.get_untracked().wrapping_add(1);
            pending.set(ticket);
            let this = self.clone();
            set_timeout(
                move || {
                    if pending.get_untracked() == ticket {
                        this.save();
                    }
                },
                std::time::Duration::from_millis(1200),
            );
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
            self.note.set(self.saving.clone());
            let (answered, this) = (xhr.clone(), self.clone());
            let loaded = handler(move |_| {
                let status = answered.status().unwrap_or(0);
                let text = answered.response_text().ok().flatten().unwrap_or_default();
                this.retry.set(status == 0);
                if status == 200 {
                    // "version predikat": the next save is made on this version.
                    let version = text
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    if let Some(form) = find_form(&this.form_id) {
                        if let Some(input) = form
                            .query_selector(&format!("input[name={}]", fields::VERSION))
                            .ok()
                            .flatten()
                            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                        {
                            input.set_value(&version);
                        }
                    }
                    let now = js_sys::Date::new_0();
                    this.note.set(this.saved.replace(
                        "{at}",
                        &format!("{:02}:{:02}", now.get_hours(), now.get_minutes()),
                    ));
                } else if status == 409 {
                    // Another rater saved first: the page again on their version,
                    // which offers this browser's copy back (`ditolak`).
                    let location = window().location();
                    let path = location.pathname().unwrap_or_default();
                    let _ = location.set_href(&format!("{path}?ditolak=konflik"));
                } else if !text.trim().is_empty() && status != 0 {
                    this.note.set(text);
                } else {
                    this.note.set(this.failed.clone());
                }
            });
            xhr.set_onload(Some(loaded.as_ref().unchecked_ref()));
            loaded.forget();
            let (note, failed, retry) = (self.note, self.failed.clone(), self.retry);
            let broken = handler(move |_| {
                note.set(failed.clone());
                retry.set(true);
            });
            xhr.set_onerror(Some(broken.as_ref().unchecked_ref()));
            broken.forget();
            let _ = xhr.send_with_opt_str(Some(&encode(&body)));
        }
    }

    /// Follows the unit's distribution: the stream sends the finalised counts
    /// on connect and after each change; the browser reconnects by itself.
    pub fn follow(url: &str, others: RwSignal<Distribution>, noted: RwSignal<bool>) {
        let Ok(source) = web_sys::EventSource::new(url) else {
            return;
        };
        let first = RwSignal::new(true);
        let message = handler(move |ev| {
            let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let Some(text) = ev.data().as_string() else {
                return;
            };
            if let Some(d) = decode_counts(&text) {
                if others.get_untracked() != d {
                    others.set(d);
                    if !first.get_untracked() {
                        noted.set(true);
                    }
                }
                first.set(false);
            }
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
