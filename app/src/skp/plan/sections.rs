//! Parts of a plan page beyond its RHK table: the perilaku kerja with the
//! supervisor's expectations, the revision request and its decision, the version
//! history and the links to the official document. The forms are plain forms (the
//! server answers a post with a redirect back to the page, which shows the new
//! state), except the supervisor's expectations: an island, saved in place.

use super::api::{DecideSkpRevision, RequestSkpRevision, SaveSkpExpectations, WithdrawSkpPlan};
use super::types::{ExpectationText, PlanView, RhkView};
use crate::calendar::format_wib;
use crate::components::action_form::{ActionForm, FormAction};
use crate::components::form::{
    form_error, FormError, BUTTON_CLASS, INPUT_CLASS, SECONDARY_BUTTON_CLASS,
};
use crate::components::islands::{use_island_ready, IslandRoot, IslandScripts};
use crate::i18n::{move_tr, tr};
use crate::identity::types::Reach;
use crate::skp::berakhlak::CoreValue;
use crate::skp::types::PlanStatus;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

const SECTION_CLASS: &str = "mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

/// One BerAKHLAK value as the perilaku section shows it: texts rendered on the
/// server in the page's language, so the island carries no translations.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValueRow {
    pub code: String,
    pub name: String,
    pub guides: Vec<String>,
    pub expectation: String,
}

/// The seven BerAKHLAK values with their guides and the supervisor's expectation;
/// a form for the direct supervisor while the plan is not yet approved.
#[component]
pub fn PerilakuSection(view: PlanView) -> impl IntoView {
    let rows: Vec<ValueRow> = CoreValue::ALL
        .into_iter()
        .map(|value| ValueRow {
            code: value.code().to_owned(),
            name: value.name().to_owned(),
            guides: value.guides().into(),
            expectation: ExpectationText::for_value(&view.expectations, value.code()),
        })
        .collect();
    let body = if view.can_write_expectations {
        let labels = ExpectationLabels {
            field: tr!(skp_expectation_label),
            save: tr!(skp_expectations_save),
            saved: tr!(skp_expectations_saved),
        };
        view! {
            <ExpectationsForm employee_id=view.employee_id year=view.year rows labels />
            <IslandScripts />
        }
        .into_any()
    } else {
        let none = tr!(skp_expectation_none);
        view! {
            <ul>
                {rows.into_iter().map(|row| {
                    let said = if row.expectation.is_empty() {
                        view! { <p class="text-sm text-slate-500">{none.clone()}</p> }.into_any()
                    } else {
                        view! { <p class="text-sm" data-testid="skp-expectation-text">{row.expectation.clone()}</p> }.into_any()
                    };
                    view! { <ValueItem row>{said}</ValueItem> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class=SECTION_CLASS data-testid="skp-perilaku">
            <h2 class="text-lg font-semibold">{move_tr!(skp_perilaku)}</h2>
            <p class="text-sm text-slate-600">{move_tr!(skp_perilaku_hint)}</p>
            {body}
        </section>
    }
}

/// A value's name and guides, then what is said about it.
#[component]
fn ValueItem(row: ValueRow, children: Children) -> impl IntoView {
    view! {
        <li class="border-t border-slate-100 py-3">
            <h3 class="font-medium">{row.name}</h3>
            <ul class="list-disc pl-5 text-xs text-slate-600">
                {row.guides.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
            </ul>
            {children()}
        </li>
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExpectationLabels {
    field: String,
    save: String,
    saved: String,
}

/// The supervisor's expectations form. An island, so saving it does not reload the
/// page: a return reason typed in the decision form below stays where it is.
/// Without the WASM it is a plain form (the server redirects back).
#[island(lazy)]
fn ExpectationsForm(
    employee_id: i64,
    year: i64,
    rows: Vec<ValueRow>,
    labels: ExpectationLabels,
) -> impl IntoView {
    view! {
        <IslandRoot>
            <ExpectationsFields employee_id year rows labels />
        </IslandRoot>
    }
}

#[component]
fn ExpectationsFields(
    employee_id: i64,
    year: i64,
    rows: Vec<ValueRow>,
    labels: ExpectationLabels,
) -> impl IntoView {
    let ready = use_island_ready();
    let save = FormAction::<SaveSkpExpectations>::new();
    let error = form_error(save, SaveSkpExpectations::PATH);
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let (field_label, saved_text) = (labels.field, labels.saved);
    view! {
        <ActionForm action=save attr:class="flex flex-col">
            <input type="hidden" name="employee_id" value=employee_id.to_string() />
            <input type="hidden" name="year" value=year.to_string() />
            <ul>
                {rows.into_iter().map(|row| {
                    let id = format!("skp-expectation-{}", row.code);
                    let (code, text, label) = (row.code.clone(), row.expectation.clone(), field_label.clone());
                    view! {
                        <ValueItem row>
                            <label for=id.clone() class="mt-2 block text-sm font-medium text-slate-700">{label}</label>
                            <textarea id=id.clone() name=code rows="2" class=INPUT_CLASS maxlength="1000" data-testid=id>{text}</textarea>
                        </ValueItem>
                    }
                }).collect_view()}
            </ul>
            <FormError error fields=&[] />
            <div class="flex flex-wrap items-center gap-3">
                <button type="submit" class=BUTTON_CLASS data-testid="skp-expectations-save" disabled=move || !ready.get() || save.pending().get()>
                    {labels.save}
                </button>
                <p role="status" class="text-sm text-emerald-800" data-testid="skp-expectations-state">
                    {move || saved().then(|| saved_text.clone())}
                </p>
            </div>
        </ActionForm>
    }
}

/// While the supervisor has not decided, the owner may take the submission back
/// to change it (the plan becomes a draft again).
#[component]
pub fn WithdrawSubmission(view: PlanView) -> impl IntoView {
    let withdraw = FormAction::<WithdrawSkpPlan>::new();
    let error = form_error(withdraw, WithdrawSkpPlan::PATH);
    if !view.can_withdraw {
        return ().into_any();
    }
    view! {
        <section class=SECTION_CLASS data-testid="skp-withdraw">
            <h2 class="text-lg font-semibold">{move_tr!(skp_withdraw_title)}</h2>
            <p class="text-sm text-slate-600">{move_tr!(skp_withdraw_hint)}</p>
            <FormError error fields=&[] />
            <ActionForm action=withdraw attr:class="mt-2">
                <input type="hidden" name="year" value=view.year.to_string() />
                <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="skp-withdraw-send">{move_tr!(skp_withdraw_send)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// The owner's request to change an approved plan, or the pending request.
#[component]
pub fn RevisionRequest(view: PlanView) -> impl IntoView {
    let request = FormAction::<RequestSkpRevision>::new();
    let error = form_error(request, RequestSkpRevision::PATH);
    if let Some(reason) = view.revision_reason.clone() {
        return view! {
            <p class="mt-6 rounded-md border border-sky-200 bg-sky-50 p-3 text-sky-900" data-testid="skp-revision-pending">
                <strong>{move_tr!(skp_revision_pending)}</strong> " " {reason}
            </p>
        }
        .into_any();
    }
    if !view.can_request_revision {
        return ().into_any();
    }
    view! {
        <section class=SECTION_CLASS data-testid="skp-revision-request">
            <h2 class="text-lg font-semibold">{move_tr!(skp_revision_title)}</h2>
            <p class="text-sm text-slate-600">{move_tr!(skp_revision_hint)}</p>
            <FormError error fields=&[] />
            <ActionForm action=request attr:class="mt-2 flex flex-col gap-2">
                <input type="hidden" name="year" value=view.year.to_string() />
                <textarea name="reason" rows="3" required class=INPUT_CLASS aria-label=move_tr!(skp_revision_title) data-testid="skp-revision-reason"></textarea>
                <button type="submit" class=format!("{SECONDARY_BUTTON_CLASS} self-start") data-testid="skp-revision-send">{move_tr!(skp_revision_send)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// The supervisor grants or refuses a pending revision request.
#[component]
pub fn RevisionDecision(view: PlanView) -> impl IntoView {
    let decide = FormAction::<DecideSkpRevision>::new();
    let error = form_error(decide, DecideSkpRevision::PATH);
    if !view.can_decide_revision {
        return ().into_any();
    }
    let (id, year) = (view.employee_id, view.year);
    let form = move |decision: &'static str, label: String, class: &'static str| {
        view! {
            <ActionForm action=decide>
                <input type="hidden" name="employee_id" value=id.to_string() />
                <input type="hidden" name="year" value=year.to_string() />
                <input type="hidden" name="decision" value=decision />
                <button type="submit" class=class data-testid=format!("skp-revision-{decision}")>{label}</button>
            </ActionForm>
        }
    };
    view! {
        <section class=SECTION_CLASS data-testid="skp-revision-decision">
            <h2 class="text-lg font-semibold">{move_tr!(skp_revision_decide_title)}</h2>
            <p class="text-sm">{view.revision_reason.clone().unwrap_or_default()}</p>
            <FormError error fields=&[] />
            <div class="mt-3 flex flex-wrap gap-3">
                {form("setujui", tr!(skp_revision_grant), BUTTON_CLASS)}
                {form("tolak", tr!(skp_revision_refuse), SECONDARY_BUTTON_CLASS)}
            </div>
        </section>
    }
    .into_any()
}

/// Every snapshot of the plan, newest first, each readable in full.
#[component]
pub fn HistorySection(view: PlanView) -> impl IntoView {
    if view.history.is_empty() {
        return ().into_any();
    }
    let history = view.history;
    let count = history.len();
    view! {
        <section class=SECTION_CLASS data-testid="skp-history">
            <h2 class="text-lg font-semibold">{move_tr!(skp_history)}</h2>
            <ol class="mt-2">
                {(0..count).map(|i| {
                    let v = history[i].clone();
                    // Newest first: the previous version is the next entry.
                    let changed = history.get(i + 1).map(|older| change_list(&older.rhk, &v.rhk));
                    view! {
                    <li class="border-t border-slate-100 py-2" data-testid="skp-history-entry">
                        <details>
                            <summary class="cursor-pointer text-sm">
                                {tr!(skp_history_entry, {
                                    "version" => count - i,
                                    "status" => crate::skp::labels::plan_status_label(v.status),
                                    "by" => v.by_name.clone().unwrap_or_default(),
                                    "at" => format_wib(v.at_millis),
                                })}
                            </summary>
                            {v.note.clone().map(|n| view! { <p class="mt-1 text-sm text-slate-600">{history_note(v.status, n)}</p> })}
                            {changed}
                            <ol class="mt-1 list-decimal pl-5 text-sm">
                                {v.rhk.into_iter().map(|r| view! {
                                    <li>{r.text}<ul class="list-disc pl-5 text-slate-600">
                                        {r.iki.into_iter().map(|k| view! { <li>{format!("{} — {} {}", k.indicator, k.target, k.satuan)}</li> }).collect_view()}
                                    </ul></li>
                                }).collect_view()}
                            </ol>
                        </details>
                    </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// What a version's note is: the reason it was returned, or the revision request
/// granted (stored with an Indonesian prefix before the reason alone was kept).
fn history_note(status: PlanStatus, note: String) -> String {
    let label = match status {
        PlanStatus::Returned => tr!(skp_returned_because),
        PlanStatus::Draft => tr!(skp_history_revision_granted),
        _ => return note,
    };
    let reason = note.strip_prefix("Revisi disetujui: ").unwrap_or(&note);
    format!("{label} {reason}")
}

/// What a snapshot changed from the one before it, in words.
fn change_list(older: &[RhkView], newer: &[RhkView]) -> impl IntoView {
    use super::history::{changes, Change};
    let list = changes(older, newer);
    if list.is_empty() {
        return view! { <p class="mt-1 text-sm text-slate-500">{tr!(skp_history_unchanged)}</p> }
            .into_any();
    }
    let line = |change: Change| match change {
        Change::RhkAdded(text) => tr!(skp_change_rhk_added, { "text" => text }),
        Change::RhkRemoved(text) => tr!(skp_change_rhk_removed, { "text" => text }),
        Change::RhkReworded { from, to } => {
            tr!(skp_change_rhk_reworded, { "from" => from, "to" => to })
        }
        Change::IkiAdded { rhk, iki } => tr!(skp_change_iki_added, { "rhk" => rhk, "iki" => iki }),
        Change::IkiRemoved { rhk, iki } => {
            tr!(skp_change_iki_removed, { "rhk" => rhk, "iki" => iki })
        }
        Change::IkiChanged { rhk, from, to } => {
            tr!(skp_change_iki_changed, { "rhk" => rhk, "from" => from, "to" => to })
        }
    };
    view! {
        <div class="mt-1 rounded-md bg-amber-50 p-2 text-sm text-amber-950" data-testid="skp-history-changes">
            <p class="font-medium">{tr!(skp_history_changes)}</p>
            <ul class="list-disc pl-5">{list.into_iter().map(|c| view! { <li>{line(c)}</li> }).collect_view()}</ul>
        </div>
    }
    .into_any()
}

/// Links to the printable SKP document and its PDF.
#[component]
pub fn DocumentLinks(view: PlanView) -> impl IntoView {
    if view.plan_id.is_none() {
        return ().into_any();
    }
    let base = format!("/skp/{}/pegawai/{}/dokumen", view.year, view.employee_id);
    let cascade = view
        .unit_id
        .filter(|_| matches!(view.reach, Reach::Admin | Reach::Pimpinan))
        .map(|unit| {
            view! {
                <a class="text-emerald-800 underline" href=format!("/skp/{}/kaskade?unit={unit}", view.year) data-testid="skp-unit-cascade">
                    {move_tr!(skp_link_cascade)}
                </a>
            }
        });
    view! {
        <p class="mt-6 flex flex-wrap gap-3 text-sm">
            <a class="text-emerald-800 underline" href=base.clone() data-testid="skp-document-link">{move_tr!(skp_document)}</a>
            <a class="text-emerald-800 underline" href=format!("{base}.pdf") download rel="external" data-testid="skp-pdf-link">{move_tr!(skp_pdf)}</a>
            {cascade}
        </p>
    }
    .into_any()
}
