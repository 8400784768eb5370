//! `/skp/:year/matriks`: the supervisor's Matriks Peran Hasil, and
//! `/skp/:year/kaskade?unit=…`: the cascade tree with plan status per unit.

use super::api::{get_skp_cascade, get_skp_matrix};
use super::types::{CascadeNode, CascadeView, MatrixView, StatusCounts};
use crate::components::params::{query_id, year_param};
use crate::components::{
    format_count, AccessProblem, Legend, Loading, PageHeader, StackedBar, WideTable,
};
use crate::i18n::{move_tr, tr, I18n};
use crate::skp::labels::plan_status_label;
use crate::skp::types::PlanStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn MatrixPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year_param();
    let employee = query_id("pegawai");
    let matrix = Resource::new(
        move || (year.get(), employee.get()),
        |(year, employee)| async move {
            match year {
                Some(year) => get_skp_matrix(employee, year).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, skp_matrix_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match matrix.await {
                    Ok(m) => view! { <MatrixTable m /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MatrixTable(m: MatrixView) -> impl IntoView {
    let title = format!("{} · {} {}", tr!(skp_matrix_title), m.name, m.year);
    let unsupported = m.rows.iter().filter(|r| r.unsupported()).count();
    let without_plan = m.columns.iter().filter(|c| c.status.is_none()).count();
    let empty = if m.rows.is_empty() {
        Some(tr!(skp_matrix_no_rhk))
    } else if m.columns.is_empty() {
        Some(tr!(skp_matrix_no_team))
    } else {
        None
    };
    view! {
        <PageHeader title=Signal::stored(title)>
            <p>{move_tr!(skp_matrix_lead)}</p>
            <p class="mt-1 text-sm" data-testid="skp-matrix-summary">
                {move_tr!(skp_matrix_summary, { "unsupported" => unsupported, "without_plan" => without_plan })}
            </p>
        </PageHeader>
        {empty.map(|text| view! { <p class="mb-4 text-slate-600">{text}</p> })}
        <WideTable>
            <table class="min-w-full text-left text-sm" data-testid="skp-matrix">
                <thead class="bg-slate-50 align-bottom text-slate-700">
                    <tr>
                        <th class="sticky left-0 bg-slate-50 px-3 py-2">{tr!(skp_matrix_own_rhk)}</th>
                        {m.columns.iter().map(|c| {
                            let missing = c.status.is_none();
                            let class = if missing { "min-w-48 bg-red-50 px-3 py-2 text-red-900" } else { "min-w-48 px-3 py-2" };
                            let status = c.status.map(plan_status_label).unwrap_or_else(|| tr!(skp_matrix_no_plan));
                            view! {
                                <th class=class data-testid="skp-matrix-column" data-missing=missing.to_string()>
                                    <a class="underline" href=format!("/skp/{}/pegawai/{}", m.year, c.employee_id)>{c.name.clone()}</a>
                                    <span class="block text-xs font-normal">{c.position_title.clone().unwrap_or_default()}</span>
                                    <span class="block text-xs font-normal">{status}</span>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {m.rows.iter().map(|r| {
                        let lonely = r.unsupported();
                        let class = if lonely { "border-t border-slate-100 bg-amber-50 align-top" } else { "border-t border-slate-100 align-top" };
                        let warning = lonely.then(|| view! { <span class="mt-1 block text-xs font-medium text-amber-900">{tr!(skp_matrix_unsupported)}</span> });
                        view! {
                            <tr class=class data-testid="skp-matrix-row" data-unsupported=lonely.to_string()>
                                <th class="sticky left-0 bg-inherit px-3 py-2 font-normal">
                                    <span class="mr-1 rounded bg-slate-100 px-1.5 text-xs uppercase">{crate::skp::labels::rhk_kind_label(r.kind.code())}</span>
                                    {r.text.clone()}
                                    {warning}
                                </th>
                                {r.cells.iter().map(|cell| view! {
                                    <td class="px-3 py-2">
                                        <ul class="list-disc pl-4">{cell.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                                    </td>
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </WideTable>
    }
}

#[component]
pub fn CascadePage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year_param();
    let unit = query_id("unit");
    let cascade = Resource::new(
        move || (year.get(), unit.get()),
        |(year, unit)| async move {
            match year {
                Some(year) => get_skp_cascade(year, unit).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, skp_cascade_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match cascade.await {
                    Ok(c) => view! { <CascadeScreen c /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The five plan states in the order a plan moves through them (`None`: no plan
/// yet), with their colours.
const STATES: [(Option<PlanStatus>, &str); 5] = [
    (Some(PlanStatus::Approved), "fill-emerald-600"),
    (Some(PlanStatus::Submitted), "fill-sky-500"),
    (Some(PlanStatus::Returned), "fill-amber-500"),
    (Some(PlanStatus::Draft), "fill-slate-400"),
    (None, "fill-red-300"),
];

fn state_label(state: Option<PlanStatus>) -> String {
    state
        .map(plan_status_label)
        .unwrap_or_else(|| tr!(skp_cascade_none))
}

/// The plan states of `counts` as a stacked bar.
#[component]
fn StatusBar(counts: StatusCounts) -> impl IntoView {
    let parts = STATES
        .iter()
        .map(|(state, fill)| (counts.count(*state), *fill))
        .collect();
    view! { <StackedBar parts /> }
}

#[component]
fn CountsLine(counts: StatusCounts) -> impl IntoView {
    view! {
        <p class="text-xs text-slate-600">
            {STATES.iter().map(|(state, _)| format!("{}: {}", state_label(*state), format_count(counts.count(*state)))).collect::<Vec<_>>().join(" · ")}
        </p>
    }
}

#[component]
fn CascadeScreen(c: CascadeView) -> impl IntoView {
    let year = c.year;
    let title = match &c.unit {
        Some((_, name)) => format!("{} · {name} {year}", tr!(skp_cascade_title)),
        None => format!(
            "{} · {} {year}",
            tr!(skp_cascade_title),
            tr!(skp_cascade_kabupaten)
        ),
    };
    // Only the whole kabupaten's count includes the regional head.
    let whole_kabupaten = c.unit.is_none();
    let up = match (&c.unit, &c.parent_unit) {
        (Some(_), Some((id, name))) => {
            Some((format!("/skp/{year}/kaskade?unit={id}"), name.clone()))
        }
        (Some(_), None) => Some((format!("/skp/{year}/kaskade"), tr!(skp_cascade_kabupaten))),
        _ => None,
    };
    let legend = STATES
        .iter()
        .map(|(state, fill)| (state_label(*state), *fill))
        .collect::<Vec<_>>();
    view! {
        <PageHeader title=Signal::stored(title)>
            <p>{move_tr!(skp_cascade_lead)}</p>
            {up.map(|(href, name)| view! { <p class="mt-1 text-sm"><A href=href attr:class="underline">{format!("↑ {name}")}</A></p> })}
        </PageHeader>
        <section class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="skp-cascade-total">
            <h2 class="font-semibold">{format!("{} · {} {}", tr!(skp_cascade_progress), format_count(c.total.total()), tr!(skp_cascade_employees))}</h2>
            <div class="mt-2"><StatusBar counts=c.total.clone() /></div>
            <CountsLine counts=c.total.clone() />
            {whole_kabupaten.then(|| view! { <p class="mt-1 text-xs text-slate-500" data-testid="skp-cascade-counts-note">{move_tr!(skp_cascade_counts_note)}</p> })}
            <Legend items=legend />
        </section>
        {(!c.units.is_empty()).then(move || view! {
            <section class="mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <h2 class="font-semibold">{tr!(skp_cascade_units)}</h2>
                <ul class="mt-2 space-y-3" data-testid="skp-cascade-units">
                    {c.units.into_iter().map(|u| view! {
                        <li data-testid="skp-cascade-unit">
                            <A href=format!("/skp/{year}/kaskade?unit={}", u.unit_id) attr:class="text-sm font-medium underline">{u.name.clone()}</A>
                            <StatusBar counts=u.counts.clone() />
                            <CountsLine counts=u.counts.clone() />
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!c.pending.is_empty()).then(move || view! {
            <section class="mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="skp-cascade-pending">
                <h2 class="font-semibold">{tr!(skp_cascade_pending)}</h2>
                <ul class="mt-2 divide-y divide-slate-100 text-sm">
                    {c.pending.into_iter().map(|p| view! {
                        <li class="flex justify-between gap-2 py-1">
                            <a class="underline" href=format!("/skp/{year}/pegawai/{}", p.employee_id)>{p.name.clone()}</a>
                            <span class="text-slate-600">{p.position_title.clone().unwrap_or_default()} " · " {p.status.map(plan_status_label).unwrap_or_else(|| tr!(skp_cascade_none))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 class="font-semibold">{tr!(skp_cascade_tree)}</h2>
            {c.roots.is_empty().then(|| view! { <p class="text-sm text-slate-600">{tr!(skp_cascade_empty)}</p> })}
            <ul class="mt-2 text-sm" data-testid="skp-cascade-tree">
                {c.roots.into_iter().map(|n| view! { <Node n depth=0 year /> }).collect_view()}
            </ul>
            {(c.hidden_rhk > 0).then(|| view! { <p class="mt-2 text-xs text-slate-600">{move_tr!(skp_cascade_hidden, { "count" => c.hidden_rhk })}</p> })}
        </section>
    }
}

#[component]
fn Node(n: CascadeNode, depth: usize, year: i64) -> impl IntoView {
    let text = view! { <span data-testid="skp-cascade-rhk">{n.text.clone()}</span> };
    // The owner's link stays outside <summary>: a link inside it is a control inside
    // a control (axe, nested-interactive).
    let owner = view! {
        <span class="text-xs text-slate-600">
            " — " <a class="underline" href=format!("/skp/{year}/pegawai/{}", n.employee_id)>{n.employee_name.clone()}</a>
            {n.position_title.clone().map(|t| format!(", {t}"))} " · " {plan_status_label(n.status)}
        </span>
    };
    if n.children.is_empty() {
        return view! { <li class="py-0.5 pl-5">{text}{owner}</li> }.into_any();
    }
    let children = n
        .children
        .into_iter()
        .map(|c| view! { <Node n=c depth=depth + 1 year /> }.into_any())
        .collect_view();
    view! {
        <li class="py-0.5">
            <details open=depth < 1>
                <summary class="cursor-pointer">{text}</summary>
                <p class="pl-4">{owner}</p>
                <ul class="ml-3 border-l border-slate-200 pl-2">{children}</ul>
            </details>
        </li>
    }
    .into_any()
}
