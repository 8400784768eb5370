//! The live parts of the realisasi form, as small islands around plain fields
//! that work without them. `IkiNumbers` is lazy (fetched by this page only; it
//! started only once its view held no `.into_any()`). The uploader (and the
//! form's `components::draft::DraftKeeper`) are in the main WASM: split off,
//! they left the main module importing wasm-bindgen's `__wbindgen_placeholder__`
//! (their `Closure`, storage and XHR bindings are described by generic functions
//! that cargo-leptos 0.3.6's splitter leaves in the chunk), so no island of the
//! page started.
//! - `IkiNumbers`: the period target and the realisasi, with capaian computed
//!   while typing by the rule the server stores (`rules::capaian`);
//! - `Uploader`: each chosen file sent on its own at once, with its progress.
//!
//! Their texts are rendered on the server and passed in: islands carry no
//! translations.

use super::fields::{reason_field, target_field, value_field};
use super::rules::{
    capaian, effective_target, format_capaian, parse_amount, target_changed, Direction,
};
use crate::components::form::INPUT_CLASS;
use crate::components::islands::{join_fields, split_fields, IslandRoot};
use crate::skp::types::Aspek;
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberLabels {
    pub target: String,
    pub reason: String,
    pub value: String,
    pub capaian: String,
}

impl NumberLabels {
    /// In the page's language (on the server).
    pub fn new() -> Self {
        use crate::i18n::tr;
        Self {
            target: tr!(realisasi_target),
            reason: tr!(realisasi_target_reason_hint),
            value: tr!(realisasi_value),
            capaian: tr!(realisasi_capaian),
        }
    }
}

impl Default for NumberLabels {
    fn default() -> Self {
        Self::new()
    }
}

const NUMBER_LABEL_CLASS: &str = "flex flex-col gap-1 text-sm font-medium text-slate-700";

/// What capaian the typed texts make, as the server will store it: against the
/// typed target when it is a positive amount, else the default share; "—" while
/// the realisasi is not a number.
fn capaian_text(aspek: &str, target: &str, default_target: f64, value: &str) -> String {
    let direction = Direction::of(Aspek::from_code(aspek).unwrap_or(Aspek::Kuantitas));
    let target = effective_target(target, default_target);
    parse_amount(value)
        .and_then(|v| capaian(target, v, direction))
        .map_or_else(|| "—".to_owned(), format_capaian)
}

/// The numbers of one IKI. Without the WASM the same fields post as they are
/// and the stored capaian shows.
#[allow(clippy::too_many_arguments)]
#[island(lazy)]
pub fn IkiNumbers(
    rhk_id: i64,
    index: i64,
    aspek: String,
    kualitatif: bool,
    default_target: String,
    target: String,
    target_reason: String,
    value: String,
    satuan: String,
    capaian: Option<i64>,
    labels: NumberLabels,
    value_problem: Option<String>,
    target_problem: Option<String>,
) -> impl IntoView {
    let (value_name, target_name, reason_name) = (
        value_field(rhk_id, index),
        target_field(rhk_id, index),
        reason_field(rhk_id, index),
    );
    let stored = capaian.map_or_else(|| "—".to_owned(), format_capaian);
    let typed_target = RwSignal::new(target.clone());
    let typed_value = RwSignal::new(value.clone());
    let live = RwSignal::new(false);
    let default_share = parse_amount(&default_target).unwrap_or(0.0);
    let shown = move || {
        if live.get() {
            capaian_text(
                &aspek,
                &typed_target.get(),
                default_share,
                &typed_value.get(),
            )
        } else {
            stored.clone()
        }
    };
    let changed = move || {
        target_changed(
            default_share,
            effective_target(&typed_target.get(), default_share),
        )
    };
    let reason_needed = !target_reason.is_empty();
    let value_invalid = value_problem.is_some().to_string();
    let value_error = value_problem.map(
        |m| view! { <p class="text-sm text-red-800" data-testid="realisasi-value-error">{m}</p> },
    );
    let target_error = target_problem.map(|m| view! { <p class="text-sm text-red-800">{m}</p> });
    // `Either`, not `.into_any()`: a type-erased view carries an asynchronous
    // hydration path into the WASM that islands never take.
    let value_input = if kualitatif {
        Either::Left(view! {
            <label class=NUMBER_LABEL_CLASS>
                {labels.value.clone()}
                <textarea id=value_name.clone() name=value_name.clone() rows="3" class=INPUT_CLASS aria-invalid=value_invalid data-testid="realisasi-value-input">{value}</textarea>
            </label>
        })
    } else {
        Either::Right(view! {
            <label class=NUMBER_LABEL_CLASS>
                {format!("{} ({satuan})", labels.value)}
                <input id=value_name.clone() name=value_name.clone() value=value inputmode="decimal" autocomplete="off" class=INPUT_CLASS
                    aria-invalid=value_invalid data-testid="realisasi-value-input"
                    on:input=move |ev| { live.set(true); typed_value.set(event_target_value(&ev)); } />
            </label>
        })
    };
    view! {
        <IslandRoot>
            <div class="mt-3 grid gap-3 sm:grid-cols-3">
                <label class=NUMBER_LABEL_CLASS>
                    {labels.target.clone()}
                    <input id=target_name.clone() name=target_name.clone() value=target inputmode="decimal" autocomplete="off" class=INPUT_CLASS
                        data-testid="realisasi-target-input"
                        on:input=move |ev| { live.set(true); typed_target.set(event_target_value(&ev)); } />
                </label>
                {value_input}
                <div class="flex flex-col gap-1 text-sm">
                    <span class="font-medium text-slate-700">{labels.capaian.clone()}</span>
                    <output class="py-2 text-lg font-semibold tabular-nums text-emerald-800" aria-live="polite" data-testid="realisasi-capaian">
                        {shown}
                    </output>
                </div>
            </div>
            {value_error}
            <label class=move || format!("{NUMBER_LABEL_CLASS} mt-2 {}", if reason_needed || changed() { "" } else { "sr-only" })>
                {labels.reason.clone()}
                <input id=reason_name.clone() name=reason_name.clone() value=target_reason class=INPUT_CLASS data-testid="realisasi-reason-input" />
            </label>
            {target_error}
        </IslandRoot>
    }
}

/// What one IKI's uploader sends to and says, as its one text prop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadConfig {
    pub period_id: i64,
    pub rhk_id: i64,
    pub index: i64,
    /// The file field's name (without the WASM its files go with the form).
    pub name: String,
    pub label: String,
    pub uploading: String,
    pub uploaded: String,
    pub failed: String,
}

impl UploadConfig {
    pub fn encode(&self) -> String {
        join_fields([
            self.period_id.to_string().as_str(),
            &self.rhk_id.to_string(),
            &self.index.to_string(),
            &self.name,
            &self.label,
            &self.uploading,
            &self.uploaded,
            &self.failed,
        ])
    }

    pub fn decode(text: &str) -> Option<Self> {
        let mut fields = split_fields(text).map(str::to_owned);
        Some(Self {
            period_id: fields.next()?.parse().ok()?,
            rhk_id: fields.next()?.parse().ok()?,
            index: fields.next()?.parse().ok()?,
            name: fields.next()?,
            label: fields.next()?,
            uploading: fields.next()?,
            uploaded: fields.next()?,
            failed: fields.next()?,
        })
    }
}

/// One file on its way: its name, percent sent, and how it ended.
#[derive(Clone, Debug, PartialEq)]
struct Sending {
    name: String,
    percent: u32,
    /// `Some(Ok(id))` stored, `Some(Err(message))` refused.
    done: Option<Result<i64, String>>,
}

/// The file field of one IKI. Without the WASM its files go with the form; with
/// it, each chosen file is sent at once on its own, with a progress bar, and the
/// field is emptied so the form does not send it again.
#[island]
pub fn Uploader(
    /// An [`UploadConfig`], encoded.
    config: String,
) -> impl IntoView {
    let UploadConfig {
        period_id,
        rhk_id,
        index,
        name,
        label,
        uploading,
        uploaded,
        failed,
    } = UploadConfig::decode(&config).unwrap_or_default();
    let sending = RwSignal::new(Vec::<Sending>::new());
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        upload::send_all(&ev, period_id, rhk_id, index, sending);
        let _ = (&ev, period_id, rhk_id, index);
    };
    view! {
        <IslandRoot>
            <label class="flex flex-col gap-1 text-sm font-medium text-slate-700">
                {label}
                <input type="file" multiple name=name class="text-sm" data-testid="realisasi-files"
                    accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.odt,.ods,.csv,application/pdf,image/*"
                    on:change=on_change />
            </label>
            <ul class="mt-2 space-y-1" aria-live="polite">
                {move || sending.get().into_iter().map(|s| {
                    let state = match &s.done {
                        None => format!("{uploading} {}%", s.percent),
                        Some(Ok(_)) => uploaded.clone(),
                        Some(Err(message)) => format!("{failed}: {message}"),
                    };
                    let failed = matches!(s.done, Some(Err(_)));
                    view! {
                        <li class="text-xs" data-testid="upload-row" data-done=s.done.as_ref().map(|d| if d.is_ok() { "ok" } else { "refused" })>
                            <span class="font-medium">{s.name.clone()}</span>
                            <progress class="mx-2 h-2 w-24 align-middle" max="100" value=s.percent.to_string()></progress>
                            <span class=if failed { "text-red-800" } else { "text-slate-700" }>{state}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </IslandRoot>
    }
}

#[cfg(feature = "hydrate")]
mod upload {
    use super::Sending;
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, ProgressEvent, XmlHttpRequest};

    pub fn send_all(
        ev: &leptos::ev::Event,
        period_id: i64,
        rhk_id: i64,
        index: i64,
        sending: RwSignal<Vec<Sending>>,
    ) {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        let url = format!("/realisasi/{period_id}/bukti?rhk={rhk_id}&iki={index}");
        for i in 0..files.length() {
            if let Some(file) = files.get(i) {
                send(&url, file, sending);
            }
        }
        // Sent already: the form must not send them again.
        input.set_value("");
    }

    fn set(sending: RwSignal<Vec<Sending>>, slot: usize, change: impl FnOnce(&mut Sending)) {
        sending.update(|all| {
            if let Some(s) = all.get_mut(slot) {
                change(s);
            }
        });
    }

    fn handler(f: impl FnMut(web_sys::Event) + 'static) -> Closure<dyn FnMut(web_sys::Event)> {
        Closure::wrap(Box::new(f) as Box<dyn FnMut(web_sys::Event)>)
    }

    /// What `POST /realisasi/{period}/bukti` answered: the stored file's id, or
    /// the refusal's message (both plain text), or the status when something in
    /// between answered (a proxy's error page).
    fn answer(xhr: &XmlHttpRequest) -> Result<i64, String> {
        let status = xhr.status().unwrap_or(0);
        let text = xhr.response_text().ok().flatten().unwrap_or_default();
        let plain = xhr
            .get_response_header("content-type")
            .ok()
            .flatten()
            .is_some_and(|kind| kind.starts_with("text/plain"));
        match text.trim().parse::<i64>() {
            Ok(id) if status == 200 && plain => Ok(id),
            _ if plain && !text.trim().is_empty() && status != 200 => Err(text),
            _ => Err(format!("HTTP {status}")),
        }
    }

    fn send(url: &str, file: web_sys::File, sending: RwSignal<Vec<Sending>>) {
        let slot = sending.with_untracked(Vec::len);
        sending.update(|all| {
            all.push(Sending {
                name: file.name(),
                percent: 0,
                done: None,
            })
        });
        let (Ok(xhr), Ok(form)) = (XmlHttpRequest::new(), web_sys::FormData::new()) else {
            return;
        };
        if form
            .append_with_blob_and_filename("berkas", &file, &file.name())
            .is_err()
            || xhr.open_with_async("POST", url, true).is_err()
        {
            return;
        }
        // Every handler is a `Closure<dyn FnMut(web_sys::Event)>`, the one type the
        // main module already has (Leptos's own event listeners): wasm-bindgen
        // describes closure types only in the main module, and a type first seen
        // in this lazily loaded chunk was left as an unresolved import.
        let progress = handler(move |e| {
            if let Some(e) = e.dyn_ref::<ProgressEvent>() {
                if e.length_computable() && e.total() > 0.0 {
                    let percent = (e.loaded() / e.total() * 100.0) as u32;
                    set(sending, slot, |s| s.percent = percent.min(100));
                }
            }
        });
        if let Ok(upload) = xhr.upload() {
            upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        }
        progress.forget();
        let answered = xhr.clone();
        let loaded = handler(move |_| {
            let done = answer(&answered);
            set(sending, slot, |s| {
                s.percent = 100;
                s.done = Some(done);
            });
        });
        xhr.set_onload(Some(loaded.as_ref().unchecked_ref()));
        loaded.forget();
        let failed = handler(move |_| {
            set(sending, slot, |s| s.done = Some(Err(String::from("—"))));
        });
        xhr.set_onerror(Some(failed.as_ref().unchecked_ref()));
        failed.forget();
        let _ = xhr.send_with_opt_form_data(Some(&form));
    }
}

#[cfg(test)]
mod tests {
    use super::UploadConfig;

    #[test]
    fn the_uploader_config_travels_as_one_text() {
        let config = UploadConfig {
            period_id: 3,
            rhk_id: 12,
            index: 0,
            name: "berkas-12-0".into(),
            label: "Berkas".into(),
            uploading: "Mengunggah".into(),
            uploaded: "Tersimpan".into(),
            failed: "Ditolak".into(),
        };
        assert_eq!(UploadConfig::decode(&config.encode()), Some(config));
        assert_eq!(UploadConfig::decode("x"), None);
    }
}
