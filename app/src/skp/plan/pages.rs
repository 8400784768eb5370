//! SKP pages: the years (`/skp`), the owner's editor (`/skp/:year`) with autosave,
//! an unsaved-changes warning and the same rules as the server, and the
//! supervisor's review (`/skp/:year/pegawai/:id`). Submit, return and approve are
//! plain forms, so they work before (or without) the WASM.

use super::api::{get_skp_plan, ReviewSkpPlan, SaveSkpPlan, SubmitSkpPlan};
use super::sections::{
    DocumentLinks, HistorySection, PerilakuSection, RevisionDecision, RevisionRequest,
    WithdrawSubmission,
};
use super::types::{PlanSave, PlanView, RhkSave};
use crate::components::action_form::{ActionForm, FormAction};
use crate::components::form::reload_page;
use crate::components::form::{
    form_error, FormError, BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS, SECONDARY_BUTTON_CLASS,
};
use crate::components::islands::{use_island_ready, IslandRoot, IslandScripts};
use crate::components::params::{employee_param, year_param};
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::error::AppError;
use crate::feedback::pages::FeedbackLink;
use crate::feedback::rules::Subject;
use crate::i18n::{move_tr, tr, I18n};
use crate::penilaian::sections::YearEvaluationsSection;
use crate::realisasi::sections::YearRealisasiSection;
use crate::skp::labels::{
    approach_label, aspek_label, perspektif_label, plan_status_label, rhk_kind_label,
};
use crate::skp::period::api::list_performance_years;
use crate::skp::rules::check_submission;
use crate::skp::types::{Accumulation, IkiDraft, Lampiran, PlanStatus, Problem, RhkKind};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::A;
use std::time::Duration;

#[component]
fn StatusBadge(status: PlanStatus) -> impl IntoView {
    let class = match status {
        PlanStatus::Approved => "bg-emerald-100 text-emerald-900",
        PlanStatus::Submitted => "bg-sky-100 text-sky-900",
        PlanStatus::Returned => "bg-amber-100 text-amber-900",
        PlanStatus::Draft => "bg-slate-100 text-slate-800",
    };
    view! { <span class=format!("rounded-full px-3 py-1 text-sm font-medium {class}") data-testid="skp-status">{plan_status_label(status)}</span> }
}

/// `/skp`: the performance years, each linking to the caller's plan.
#[component]
pub fn SkpIndexPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let years = Resource::new(|| (), |_| list_performance_years());
    view! {
        <Title text=tr!(i18n, skp_title) />
        <PageHeader title=move_tr!(skp_title)>
            <p>{move_tr!(skp_lead)}</p>
        </PageHeader>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match years.await {
                    Ok(years) if years.is_empty() => view! { <p class="text-slate-600">{move_tr!(skp_no_year)}</p> }.into_any(),
                    Ok(years) => view! {
                        <ul class="space-y-2">
                            {years.into_iter().map(|y| view! {
                                <li class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-emerald-600">
                                    <A href=format!("/skp/{}", y.year) attr:class="block font-medium" attr:data-testid=format!("skp-year-{}", y.year)>
                                        {move_tr!(skp_year_link, { "year" => y.year.to_string() })}
                                    </A>
                                    <OverviewLinks year=y.year />
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The matrix (for supervisors) and the cascade (admin, pimpinan) of a year.
#[component]
fn OverviewLinks(year: i64) -> impl IntoView {
    use crate::identity::types::Role;
    let viewer = crate::shell::layout::use_viewer();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let viewer = viewer.await.ok().flatten();
                let has = |role: Role| viewer.as_ref().is_some_and(|v| v.has(role));
                view! {
                    <p class="mt-1 flex flex-wrap gap-3 text-sm">
                        {has(Role::Atasan).then(|| view! { <A href=format!("/skp/{year}/matriks") attr:class="text-emerald-800 underline" attr:data-testid="skp-link-matrix">{move_tr!(skp_link_matrix)}</A> })}
                        {(has(Role::AdminBkpsdm) || has(Role::Pimpinan)).then(|| view! { <A href=format!("/skp/{year}/kaskade") attr:class="text-emerald-800 underline" attr:data-testid="skp-link-cascade">{move_tr!(skp_link_cascade)}</A> })}
                    </p>
                }
            })}
        </Suspense>
    }
}

/// `/skp/:year`: the signed-in person's own plan.
#[component]
pub fn MyPlanPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year_param();
    let plan = Resource::new(
        move || year.get(),
        |year| async move {
            match year {
                Some(year) => get_skp_plan(None, year).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, skp_my_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(view) => view! { <PlanScreen view /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// `/skp/:year/pegawai/:id`: a subordinate's plan, with the supervisor's decision.
#[component]
pub fn ReviewPlanPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year_param();
    let employee = employee_param();
    let plan = Resource::new(
        move || (year.get(), employee.get()),
        |(year, id)| async move {
            match (id, year) {
                (Some(id), Some(year)) => get_skp_plan(Some(id), year).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, skp_review_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(view) => view! {
                        <PlanHeader view=view.clone() />
                        <PlanTable view=view.clone() feedback=true />
                        <YearRealisasiSection employee_id=Some(view.employee_id) year=view.year />
                        <YearEvaluationsSection employee_id=Some(view.employee_id) year=view.year />
                        <RevisionDecision view=view.clone() />
                        // Expectations first, then the decision that ends the review.
                        <PerilakuSection view=view.clone() />
                        <ReviewForms view=view.clone() />
                        <DocumentLinks view=view.clone() />
                        <HistorySection view />
                    }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PlanHeader(view: PlanView) -> impl IntoView {
    view! {
        <PageHeader title=Signal::stored(format!("SKP {} · {}", view.year, view.employee_name))>
            <p class="flex flex-wrap items-center gap-2">
                <StatusBadge status=view.status />
                <span>{view.position_title.clone().unwrap_or_default()}</span>
                {view.supervisor_name.clone().map(|name| view! { <span class="text-slate-500">{move_tr!(skp_supervisor, { "name" => name.clone() })}</span> })}
            </p>
        </PageHeader>
        {view.return_reason.clone().map(|reason| view! {
            <p class="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900" data-testid="skp-return-reason">
                <strong>{move_tr!(skp_returned_because)}</strong> " " {reason}
            </p>
        })}
    }
}

/// The plan as a read-only table (also what the supervisor reviews).
#[component]
fn PlanTable(
    view: PlanView,
    /// A link to each RHK's feedback thread (pages, not the editor).
    #[prop(optional)]
    feedback: bool,
) -> impl IntoView {
    let parent_head = if view.is_jpt {
        tr!(skp_col_perspektif)
    } else {
        tr!(skp_col_parent)
    };
    let lampiran = [
        (
            tr!(skp_lampiran_dukungan),
            view.lampiran.dukungan_sumber_daya.clone(),
        ),
        (
            tr!(skp_lampiran_skema),
            view.lampiran.skema_pertanggungjawaban.clone(),
        ),
        (
            tr!(skp_lampiran_konsekuensi),
            view.lampiran.konsekuensi.clone(),
        ),
    ];
    view! {
        // From `sm` up a table; on a phone each RHK is a card with its fields named.
        <section class="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="skp-table">
            <table class="block w-full text-left text-sm sm:table">
                <thead class="hidden bg-slate-50 text-slate-600 sm:table-header-group">
                    <tr>
                        <th class="px-3 py-2">"No"</th>
                        <th class="px-3 py-2">{parent_head.clone()}</th>
                        <th class="px-3 py-2">{tr!(skp_col_rhk)}</th>
                        <th class="px-3 py-2">{tr!(skp_col_iki)}</th>
                    </tr>
                </thead>
                <tbody class="block sm:table-row-group">
                    {view.rhk.iter().enumerate().map(|(i, r)| view! {
                        <tr class="block border-t border-slate-100 px-3 py-2 align-top first:border-t-0 sm:table-row sm:px-0 sm:first:border-t">
                            <td class="block py-1 font-semibold sm:table-cell sm:px-3 sm:py-2 sm:font-normal">{i + 1}</td>
                            <td class="block py-1 text-slate-600 sm:table-cell sm:px-3 sm:py-2">
                                <span class=CARD_LABEL_CLASS>{parent_head.clone()}</span>
                                {r.parent_text.clone().or(r.perspektif.as_deref().map(perspektif_label)).unwrap_or_else(|| "—".into())}
                            </td>
                            <td class="block py-1 sm:table-cell sm:px-3 sm:py-2">
                                <span class=CARD_LABEL_CLASS>{tr!(skp_col_rhk)}</span>
                                <span class="mr-1 rounded bg-slate-100 px-1.5 text-xs uppercase">{rhk_kind_label(&r.kind)}</span>
                                {r.text.clone()}
                                {feedback.then(|| view! {
                                    <span class="block"><FeedbackLink subject=Subject::Rhk(r.id) test_id="skp-rhk-feedback" /></span>
                                })}
                            </td>
                            <td class="block py-1 sm:table-cell sm:px-3 sm:py-2">
                                <span class=CARD_LABEL_CLASS>{tr!(skp_col_iki)}</span>
                                <ul>{r.iki.iter().map(|k| view! { <li>{format!("{} — {} {} ({})", k.indicator, k.target, k.satuan, aspek_label(&k.aspek))}</li> }).collect_view()}</ul>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="grid gap-4 border-t border-slate-100 p-3 sm:grid-cols-3">
                {lampiran.into_iter().map(|(title, items)| view! {
                    <div>
                        <h3 class="font-medium">{title}</h3>
                        <ul class="list-disc pl-5 text-sm">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    </div>
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn ReviewForms(view: PlanView) -> impl IntoView {
    let review = FormAction::<ReviewSkpPlan>::new();
    let error = form_error(review, ReviewSkpPlan::PATH);
    if !view.can_review {
        return ().into_any();
    }
    let (id, year) = (view.employee_id, view.year);
    view! {
        <section class="mt-6 grid gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2" data-testid="skp-review">
            <FormError error fields=&[] />
            <ActionForm action=review attr:class="flex flex-col gap-2">
                <input type="hidden" name="employee_id" value=id.to_string() />
                <input type="hidden" name="year" value=year.to_string() />
                <input type="hidden" name="decision" value="kembalikan" />
                <label class=LABEL_CLASS>
                    {move_tr!(skp_return_reason)}
                    <textarea name="reason" rows="3" required class=INPUT_CLASS data-testid="skp-return-text"></textarea>
                </label>
                <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="skp-return">{move_tr!(skp_return)}</button>
            </ActionForm>
            <ActionForm action=review attr:class="flex flex-col justify-end gap-2">
                <input type="hidden" name="employee_id" value=id.to_string() />
                <input type="hidden" name="year" value=year.to_string() />
                <input type="hidden" name="decision" value="setujui" />
                <p class="text-sm text-slate-600">{move_tr!(skp_approve_note)}</p>
                // Approval locks the plan: the browser asks for this tick first
                // (`required`), with or without the WASM.
                <label class="flex items-start gap-2 text-sm text-slate-800">
                    <input type="checkbox" name="confirmed" value="ya" required class="mt-1 size-4 accent-emerald-700" data-testid="skp-approve-confirm" />
                    <span>{move_tr!(skp_approve_confirm)}</span>
                </label>
                <button type="submit" class=BUTTON_CLASS data-testid="skp-approve">{move_tr!(skp_approve)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// The owner's screen: the editor when the plan is editable, else the table.
#[component]
fn PlanScreen(view: PlanView) -> impl IntoView {
    let editable = view.can_edit;
    // No plan in a year that is not open: say so, and nothing else.
    if view.plan_id.is_none() && view.year_open != Some(true) {
        let year = view.year.to_string();
        let text = match view.year_open {
            None => move_tr!(skp_year_not_open, { "year" => year.clone() }),
            Some(_) => move_tr!(skp_year_closed_no_plan, { "year" => year.clone() }),
        };
        return Either::Left(view! {
            <PageHeader title=Signal::stored(tr!(skp_year_link, { "year" => view.year.to_string() }))>
                <p class="rounded-md border border-sky-200 bg-sky-50 p-3 text-sky-900" data-testid="skp-year-state">{text}</p>
            </PageHeader>
            <a href="/skp" class="text-emerald-800 underline">{move_tr!(skp_back_to_years)}</a>
        });
    }
    let closed = (view.year_open == Some(false)).then(|| {
        let year = view.year.to_string();
        view! {
            <p class="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-800" data-testid="skp-year-state">
                {move_tr!(skp_year_closed, { "year" => year.clone() })}
            </p>
        }
    });
    Either::Right(view! {
        <PlanHeader view=view.clone() />
        {closed}
        {view.blocked_reason.clone().map(|reason| view! {
            <p class="mb-4 rounded-md border border-sky-200 bg-sky-50 p-3 text-sky-900" data-testid="skp-blocked">{reason}</p>
        })}
        {if editable {
            let view_json = serde_json::to_string(&view).unwrap_or_default();
            view! { <PlanEditor view_json /><IslandScripts /> }.into_any()
        } else {
            view! { <PlanTable view=view.clone() feedback=true /> }.into_any()
        }}
        {(view.status == PlanStatus::Approved).then(|| view! {
            <YearRealisasiSection employee_id=None year=view.year />
            <YearEvaluationsSection employee_id=None year=view.year />
        })}
        <WithdrawSubmission view=view.clone() />
        <RevisionRequest view=view.clone() />
        <PerilakuSection view=view.clone() />
        <DocumentLinks view=view.clone() />
        <HistorySection view />
    })
}

/// One RHK being edited; `key` stays with the row while others come and go.
#[derive(Clone, Debug, PartialEq)]
struct RowEdit {
    key: u32,
    rhk: RhkSave,
}

fn to_save(
    year: i64,
    base_version: i64,
    approach: &str,
    rows: &[RowEdit],
    lampiran: &[String; 3],
) -> PlanSave {
    let lines = |text: &String| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    PlanSave {
        year,
        base_version,
        approach: approach.to_owned(),
        rhk: rows.iter().map(|r| r.rhk.clone()).collect(),
        lampiran: Lampiran {
            dukungan_sumber_daya: lines(&lampiran[0]),
            skema_pertanggungjawaban: lines(&lampiran[1]),
            konsekuensi: lines(&lampiran[2]),
        },
    }
}

/// The editor is the page's one live part: the rest of the page is plain HTML.
#[island]
fn PlanEditor(
    /// The `PlanView` as JSON, read with the decoder `get_skp_plan`'s answer
    /// already brings (a typed prop carried a second one of its own, 10 KB of
    /// WASM before wasm-opt).
    view_json: String,
) -> impl IntoView {
    let view = serde_json::from_slice::<PlanView>(view_json.as_bytes()).ok();
    view! { <IslandRoot>{view.map(|view| view! { <PlanEditorForm view /> })}</IslandRoot> }
}

#[component]
fn PlanEditorForm(view: PlanView) -> impl IntoView {
    let ready = use_island_ready();
    let year = view.year;
    let is_jpt = view.is_jpt;
    let version = RwSignal::new(view.version);
    let approach = RwSignal::new(view.approach.clone());
    let next_key = StoredValue::new(view.rhk.len() as u32);
    let rows = RwSignal::new(
        view.rhk
            .iter()
            .enumerate()
            .map(|(i, r)| RowEdit {
                key: i as u32,
                rhk: r.to_save(),
            })
            .collect::<Vec<_>>(),
    );
    let lampiran = RwSignal::new([
        view.lampiran.dukungan_sumber_daya.join("\n"),
        view.lampiran.skema_pertanggungjawaban.join("\n"),
        view.lampiran.konsekuensi.join("\n"),
    ]);
    let dirty = RwSignal::new(false);
    let save = ServerAction::<SaveSkpPlan>::new();
    let save_error = Signal::derive(move || save.value().get().and_then(Result::err));
    let current = move || {
        to_save(
            year,
            version.get(),
            &approach.get(),
            &rows.get(),
            &lampiran.get(),
        )
    };
    let problems = Memo::new(move |_| check_submission(&current().as_draft(), is_jpt));
    // A row's messages wait until it is typed in or a save is asked for.
    let attempted = RwSignal::new(false);
    // What to show next to each field: the shared rules, plus the server's answer.
    let field_problems = Signal::derive(move || {
        let mut list = problems.get();
        if let Some(AppError::Invalid { field, message }) = save_error.get() {
            list.insert(0, Problem { field, message });
        }
        list
    });

    let edit = move |f: &dyn Fn(&mut Vec<RowEdit>)| {
        rows.update(|r| f(r));
        dirty.set(true);
    };
    // On a conflict the saved version is fetched and shown beside the unsaved edits.
    let latest = RwSignal::new(None::<PlanView>);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(new_version)) => {
            version.set(new_version);
            dirty.set(false);
            latest.set(None);
        }
        Some(Err(AppError::Conflict { .. })) => {
            leptos::task::spawn_local(async move {
                if let Ok(saved) = get_skp_plan(None, year).await {
                    latest.set(Some(saved));
                }
            });
        }
        _ => {}
    });
    // Autosave three seconds after the last edit.
    let generation = StoredValue::new(0_u64);
    Effect::new(move |_| {
        if !dirty.get() {
            return;
        }
        rows.track();
        lampiran.track();
        approach.track();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            // The editor may be gone by then (submitted, or another page).
            move || {
                if generation.try_get_value() == Some(mine)
                    && dirty.try_get_untracked() == Some(true)
                    && save.pending().try_get_untracked() == Some(false)
                {
                    save.dispatch(SaveSkpPlan { plan: current() });
                }
            },
            Duration::from_secs(3),
        );
    });
    // Leaving with unsaved edits asks first.
    // The listener lives on the window: it goes with the editor.
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty.try_get_untracked() == Some(true) {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        on_cleanup(move || listener.remove());
    }

    let supervisor_rhk = StoredValue::new(view.supervisor_rhk.clone());
    let add_rhk = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        edit(&|r| {
            r.push(RowEdit {
                key,
                rhk: RhkSave {
                    id: None,
                    kind: if r.is_empty() {
                        RhkKind::Utama.code().into()
                    } else {
                        RhkKind::Tambahan.code().into()
                    },
                    text: String::new(),
                    parent_rhk_id: None,
                    perspektif: None,
                    iki: vec![IkiDraft {
                        aspek: "kuantitas".into(),
                        ..Default::default()
                    }],
                },
            })
        });
    };
    let submit = FormAction::<SubmitSkpPlan>::new();
    let submit_error = form_error(submit, SubmitSkpPlan::PATH);
    Effect::new(move |_| {
        if let Some(Ok(())) = submit.value().get() {
            reload_page();
        }
    });

    view! {
        <section class="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="skp-editor">
            // Until the WASM has taken over, typing would be lost: the controls wait.
            {move || (!ready.get()).then(|| view! {
                <p class="mb-3 animate-pulse text-sm text-slate-500" role="status" data-testid="skp-editor-loading">{move_tr!(island_loading)}</p>
            })}
            <fieldset disabled=move || !ready.get() class="contents">
            <label class="flex max-w-xs flex-col gap-1 text-sm font-medium text-slate-700">
                {move_tr!(skp_approach)}
                <select class=INPUT_CLASS prop:value=move || approach.get() on:change=move |ev| { approach.set(event_target_value(&ev)); dirty.set(true); }>
                    <option value="kuantitatif">{approach_label("kuantitatif")}</option>
                    <option value="kualitatif">{approach_label("kualitatif")}</option>
                </select>
            </label>
            <h2 class="mt-4 text-lg font-semibold">{move_tr!(skp_col_rhk)}</h2>
            <For each=move || rows.get() key=|row| (row.key, row.rhk.iki.len()) let:row>
                <RhkEditor row rows dirty is_jpt supervisor_rhk problems=field_problems attempted />
            </For>
            <button type="button" class=format!("{SECONDARY_BUTTON_CLASS} mt-3") on:click=add_rhk data-testid="skp-add-rhk">{move_tr!(skp_add_rhk)}</button>

            <h2 class="mt-6 text-lg font-semibold">{move_tr!(skp_lampiran)}</h2>
            <div class="mt-2 grid gap-3 sm:grid-cols-3">
                {[(0, tr!(skp_lampiran_dukungan)), (1, tr!(skp_lampiran_skema)), (2, tr!(skp_lampiran_konsekuensi))].into_iter().map(|(i, label)| view! {
                    <label class=LABEL_CLASS>
                        {label}
                        <textarea rows="3" class=INPUT_CLASS prop:value=move || lampiran.get()[i].clone()
                            on:input=move |ev| { lampiran.update(|l| l[i] = event_target_value(&ev)); dirty.set(true); }></textarea>
                    </label>
                }).collect_view()}
            </div>
            <p class="mt-1 text-xs text-slate-500">{move_tr!(skp_lampiran_hint)}</p>

            <div class="mt-6 flex flex-wrap items-center gap-3">
                <button type="button" class=BUTTON_CLASS data-testid="skp-save" disabled=move || save.pending().get()
                    on:click=move |_| { attempted.set(true); save.dispatch(SaveSkpPlan { plan: current() }); }>
                    {move_tr!(skp_save)}
                </button>
                <span class="text-sm text-slate-600" role="status" data-testid="skp-save-state">
                    {move || if save.pending().get() { tr!(skp_saving) } else if dirty.get() { tr!(skp_unsaved) } else if version.get() == 0 { tr!(skp_never_saved) } else { tr!(skp_saved) }}
                </span>
            </div>
            {move || save_error.get().map(|error| {
                let conflict = matches!(error, AppError::Conflict { .. });
                view! {
                    <div class="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-red-800" role="alert" data-testid="skp-save-error">
                        <p>{field_label(&error)} {error.to_string()}</p>
                        {conflict.then(|| view! {
                            <button type="button" class=format!("{SECONDARY_BUTTON_CLASS} mt-2") on:click=move |_| reload_page()>
                                {move_tr!(skp_load_latest)}
                            </button>
                        })}
                    </div>
                    {move || latest.get().filter(|_| conflict).map(|saved| view! {
                        <div class="mt-3" data-testid="skp-conflict-saved">
                            <h3 class="font-medium">{move_tr!(skp_conflict_saved, { "version" => saved.version })}</h3>
                            <p class="text-sm text-slate-600">{move_tr!(skp_conflict_hint)}</p>
                            <PlanTable view=saved />
                        </div>
                    })}
                }
            })}
            </fieldset>
        </section>

        <section class="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="skp-submit-box">
            <h2 class="text-lg font-semibold">{move_tr!(skp_submit_title)}</h2>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="mt-2 list-disc pl-5 text-sm text-amber-900" data-testid="skp-problems">
                        {list.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                    </ul>
                })
            }}
            <FormError error=submit_error fields=&[] />
            <ActionForm action=submit attr:class="mt-3">
                <input type="hidden" name="year" value=year.to_string() />
                <input type="hidden" name="base_version" prop:value=move || version.get().to_string() value=view.version.to_string() />
                <button type="submit" class=BUTTON_CLASS data-testid="skp-submit"
                    disabled=move || dirty.get() || !problems.get().is_empty() || submit.pending().get()>
                    {move_tr!(skp_submit)}
                </button>
            </ActionForm>
        </section>
    }
}

/// "RHK 2, indikator 1:" before a message about field `rhk.1.iki.0.target`.
fn field_label(error: &AppError) -> String {
    let AppError::Invalid { field, .. } = error else {
        return String::new();
    };
    let parts: Vec<&str> = field.split('.').collect();
    match parts.as_slice() {
        ["rhk", i, "iki", j, ..] => {
            let (rhk, iki) = (
                i.parse::<usize>().map_or(0, |n| n + 1),
                j.parse::<usize>().map_or(0, |n| n + 1),
            );
            tr!(skp_field_rhk_iki, { "rhk" => rhk, "iki" => iki }) + " "
        }
        ["rhk", i, ..] => {
            tr!(skp_field_rhk, { "rhk" => i.parse::<usize>().map_or(0, |n| n + 1) }) + " "
        }
        _ => String::new(),
    }
}

/// A cell's column name, shown above it where the table is a stack of cards.
const CARD_LABEL_CLASS: &str = "block text-xs font-medium text-slate-500 sm:hidden";

/// A field's visible name above it (the label wraps its control).
const FIELD_LABEL_CLASS: &str = "flex flex-col gap-1 text-xs font-medium text-slate-600";

#[component]
fn RhkEditor(
    row: RowEdit,
    rows: RwSignal<Vec<RowEdit>>,
    dirty: RwSignal<bool>,
    is_jpt: bool,
    supervisor_rhk: StoredValue<Vec<super::types::RhkOption>>,
    problems: Signal<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let key = row.key;
    // A saved RHK speaks at once; a new one after its first edit.
    let touched = RwSignal::new(row.rhk.id.is_some());
    // Messages for this RHK's fields whose name starts with `name` ("text", "iki.0.").
    let notes = move |name: String| {
        if !touched.get() && !attempted.get() {
            return None;
        }
        let messages: Vec<String> = rows
            .with(|r| r.iter().position(|x| x.key == key))
            .map(|i| {
                let field = format!("rhk.{i}.{name}");
                problems.with(|list| {
                    list.iter()
                        .filter(|p| {
                            p.field == field || (name.ends_with('.') && p.field.starts_with(&field))
                        })
                        .map(|p| p.message.clone())
                        .collect()
                })
            })
            .unwrap_or_default();
        (!messages.is_empty()).then(|| {
            view! {
                <ul class="mt-1 text-xs text-red-700" data-testid="skp-field-error">
                    {messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let get = move |f: &dyn Fn(&RhkSave) -> String| {
        rows.with(|r| {
            r.iter()
                .find(|x| x.key == key)
                .map(|x| f(&x.rhk))
                .unwrap_or_default()
        })
    };
    let set = move |f: &dyn Fn(&mut RhkSave)| {
        rows.update(|r| {
            if let Some(x) = r.iter_mut().find(|x| x.key == key) {
                f(&mut x.rhk);
            }
        });
        touched.set(true);
        dirty.set(true);
    };
    let iki_count = row.rhk.iki.len();
    let parent_value = row
        .rhk
        .parent_rhk_id
        .map(|p| p.to_string())
        .unwrap_or_default();
    let perspektif_value = row.rhk.perspektif.clone().unwrap_or_default();
    view! {
        <div class="mt-3 rounded-lg border border-slate-200 p-3" data-testid="skp-rhk">
            <div class="grid gap-2 sm:grid-cols-4">
                <label class=FIELD_LABEL_CLASS>
                    {move_tr!(skp_field_kind)}
                <select class=INPUT_CLASS prop:value=move || get(&|r| r.kind.clone()) on:change=move |ev| { let v = event_target_value(&ev); set(&|r| r.kind = v.clone()); }>
                    <option value=RhkKind::Utama.code()>{move_tr!(skp_utama)}</option>
                    <option value=RhkKind::Tambahan.code()>{move_tr!(skp_tambahan)}</option>
                </select>
                </label>
                <label class=format!("{FIELD_LABEL_CLASS} sm:col-span-3")>
                    {move_tr!(skp_col_rhk)}
                <textarea rows="2" class=INPUT_CLASS placeholder=move_tr!(skp_rhk_placeholder) data-testid="skp-rhk-text"
                    prop:value=move || get(&|r| r.text.clone()) on:input=move |ev| { let v = event_target_value(&ev); set(&|r| r.text = v.clone()); }></textarea>
                </label>
            </div>
            {move || notes("text".into())}
            {if is_jpt {
                Either::Left(view! {
                    <label class=format!("{FIELD_LABEL_CLASS} mt-2")>
                    {move_tr!(skp_col_perspektif)}
                    <select class=INPUT_CLASS prop:value=perspektif_value on:change=move |ev| { let v = event_target_value(&ev); set(&|r| r.perspektif = (!v.is_empty()).then(|| v.clone())); }>
                        <option value="">{move_tr!(skp_choose_perspektif)}</option>
                        <option value="penerima_layanan">{perspektif_label("penerima_layanan")}</option>
                        <option value="proses_bisnis">{perspektif_label("proses_bisnis")}</option>
                        <option value="penguatan_internal">{perspektif_label("penguatan_internal")}</option>
                        <option value="anggaran">{perspektif_label("anggaran")}</option>
                    </select>
                    </label>
                })
            } else {
                Either::Right(view! {
                    <label class=format!("{FIELD_LABEL_CLASS} mt-2")>
                    {move_tr!(skp_col_parent)}
                    <select class=INPUT_CLASS data-testid="skp-rhk-parent" prop:value=parent_value
                        on:change=move |ev| { let v = event_target_value(&ev).parse::<i64>().ok(); set(&|r| r.parent_rhk_id = v); }>
                        <option value="">{move_tr!(skp_choose_parent)}</option>
                        {supervisor_rhk.get_value().into_iter().enumerate().map(|(i, o)| view! { <option value=o.id.to_string()>{o.label(i + 1)}</option> }).collect_view()}
                    </select>
                    </label>
                    // A phone shows a closed picker cut short: the choice in full, below it.
                    <p class="mt-1 text-xs text-slate-600" data-testid="skp-rhk-parent-chosen">
                        {move || {
                            let chosen = get(&|r| r.parent_rhk_id.map(|p| p.to_string()).unwrap_or_default());
                            supervisor_rhk.with_value(|options| {
                                options.iter().enumerate()
                                    .find(|(_, o)| o.id.to_string() == chosen)
                                    .map(|(i, o)| o.label(i + 1))
                            })
                        }}
                    </p>
                    {move || notes("parent_rhk_id".into())}
                })
            }}
            {(0..iki_count).map(|j| view! {
                <div class="mt-2 grid gap-2 sm:grid-cols-6" data-testid="skp-iki">
                    <label class=FIELD_LABEL_CLASS>
                    {move_tr!(skp_field_aspek)}
                    <select class=INPUT_CLASS prop:value=move || get(&|r| r.iki.get(j).map(|k| k.aspek.clone()).unwrap_or_default())
                        on:change=move |ev| { let v = event_target_value(&ev); set(&|r| if let Some(k) = r.iki.get_mut(j) { k.aspek = v.clone() }); }>
                        <option value="kuantitas">{aspek_label("kuantitas")}</option>
                        <option value="kualitas">{aspek_label("kualitas")}</option>
                        <option value="waktu">{aspek_label("waktu")}</option>
                        <option value="biaya">{aspek_label("biaya")}</option>
                    </select>
                    </label>
                    <label class=format!("{FIELD_LABEL_CLASS} sm:col-span-3")>
                    {move_tr!(skp_field_indicator)}
                    <input class=INPUT_CLASS placeholder=move_tr!(skp_iki_placeholder) data-testid="skp-iki-indicator"
                        prop:value=move || get(&|r| r.iki.get(j).map(|k| k.indicator.clone()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); set(&|r| if let Some(k) = r.iki.get_mut(j) { k.indicator = v.clone() }); } />
                    </label>
                    <label class=FIELD_LABEL_CLASS>
                    {move_tr!(skp_target)}
                    <input class=INPUT_CLASS inputmode="decimal" data-testid="skp-iki-target"
                        prop:value=move || get(&|r| r.iki.get(j).map(|k| k.target.clone()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); set(&|r| if let Some(k) = r.iki.get_mut(j) { k.target = v.clone() }); } />
                    </label>
                    <label class=FIELD_LABEL_CLASS>
                    {move_tr!(skp_satuan)}
                    <input class=INPUT_CLASS data-testid="skp-iki-satuan"
                        prop:value=move || get(&|r| r.iki.get(j).map(|k| k.satuan.clone()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); set(&|r| if let Some(k) = r.iki.get_mut(j) { k.satuan = v.clone() }); } />
                    </label>
                    // How a period's target is taken from the year's: each period's share,
                    // or the whole target each period; by default as the aspek suggests.
                    <label class=format!("{FIELD_LABEL_CLASS} sm:col-span-6")>
                    {move_tr!(skp_field_accumulation)}
                    <select class=INPUT_CLASS data-testid="skp-iki-accumulation"
                        prop:value=move || get(&|r| r.iki.get(j).and_then(|k| k.accumulation).map(|a| a.code().to_owned()).unwrap_or_default())
                        on:change=move |ev| { let v = event_target_value(&ev); set(&|r| if let Some(k) = r.iki.get_mut(j) { k.accumulation = Accumulation::from_code(&v) }); }>
                        <option value="">{move_tr!(skp_accumulation_auto)}</option>
                        <option value=Accumulation::Cumulative.code()>{move_tr!(skp_accumulation_cumulative)}</option>
                        <option value=Accumulation::PerPeriod.code()>{move_tr!(skp_accumulation_per_period)}</option>
                    </select>
                    </label>
                </div>
                {move || notes(format!("iki.{j}."))}
            }).collect_view()}
            <div class="mt-2 flex gap-3 text-sm">
                <button type="button" class="text-emerald-800 underline" on:click=move |_| set(&|r| r.iki.push(IkiDraft { aspek: "kualitas".into(), ..Default::default() }))>
                    {move_tr!(skp_add_iki)}
                </button>
                <button type="button" class="text-red-700 underline" on:click=move |_| { rows.update(|r| r.retain(|x| x.key != key)); dirty.set(true); }>
                    {move_tr!(skp_remove_rhk)}
                </button>
            </div>
        </div>
    }
}
