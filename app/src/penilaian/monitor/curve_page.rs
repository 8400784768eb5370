//! `/admin/kurva?periode=…`: each unit kerja's finalised predikat for a period
//! against the kurva distribusi of its Predikat Kinerja Organisasi, as a chart
//! per unit and a table, the breaches listed by unit; the Predikat Kinerja
//! Organisasi of each unit for the year is set here (a plain form per unit).

use super::api::get_distribution_monitor;
use super::types::{DistributionMonitor, UnitCurve};
use crate::components::form::{error_from_url, SECONDARY_BUTTON_CLASS};
use crate::components::monitor::PeriodForm;
use crate::components::params::query_id;
use crate::components::{
    format_count, AccessProblem, Bar, BarChart, Legend, Loading, PageHeader, StackedBar, WideTable,
};
use crate::i18n::{move_tr, tr, I18n};
use crate::penilaian::live::PREDIKAT_FILLS;
use crate::penilaian::pages::bound_sentence;
use crate::penilaian::rules::{Predikat, UnitPredikat};
use leptos::prelude::*;
use leptos_meta::Title;

const CARD: &str = "mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

#[component]
pub fn DistributionMonitorPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let period = query_id("periode");
    let monitor = Resource::new(move || period.get(), get_distribution_monitor);
    view! {
        <Title text=tr!(i18n, penilaian_curve_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match monitor.await {
                    Ok(m) => view! { <CurveScreen m /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CurveScreen(m: DistributionMonitor) -> impl IntoView {
    let (Some(year), Some(period)) = (m.year, m.period.clone()) else {
        return view! {
            <PageHeader title=move_tr!(penilaian_curve_title)><p>{move_tr!(penilaian_curve_lead)}</p></PageHeader>
            <p class="rounded-md bg-slate-100 p-3 text-sm" data-testid="monitor-no-year">{move_tr!(monitor_no_year)}</p>
        }
        .into_any();
    };
    let choices = m.periods.iter().map(|p| (p.id, p.name.clone())).collect();
    let without_result = m.units.iter().filter(|u| u.unit_predikat.is_none()).count();
    let breaching: Vec<&UnitCurve> = m.units.iter().filter(|u| !u.breaches.is_empty()).collect();
    let within = m.units.len() - without_result - breaching.len();
    let summary = vec![
        Bar {
            label: tr!(penilaian_curve_units_within),
            value: within as i64,
        },
        Bar {
            label: tr!(penilaian_curve_units_breaching),
            value: breaching.len() as i64,
        },
        Bar {
            label: tr!(penilaian_curve_units_unset),
            value: without_result as i64,
        },
    ];
    let breach_list = breaching
        .iter()
        .map(|u| {
            let lines: Vec<String> = u.breaches.iter().filter_map(|i| u.bounds.get(*i)).map(bound_sentence).collect();
            let result = u.unit_predikat.map(UnitPredikat::name).unwrap_or_default();
            view! {
                <li class="py-2" data-testid="curve-breach-unit">
                    <a href=format!("#unit-{}", u.unit_id) class="font-medium underline">{u.name.clone()}</a>
                    <span class="text-sm text-slate-600">{format!(" ({result})")}</span>
                    <ul class="list-disc pl-5 text-sm text-amber-900">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    let legend = Predikat::ALL
        .iter()
        .map(|p| (p.name().to_owned(), PREDIKAT_FILLS[*p as usize]))
        .collect::<Vec<_>>();
    let set_error = error_from_url("/api/set_unit_result")
        .get_untracked()
        .map(|e| e.to_string());
    view! {
        <PageHeader title=move_tr!(penilaian_curve_title)>
            <p>{move_tr!(penilaian_curve_lead)}</p>
            <p class="mt-1 text-sm"><a href=format!("/admin/penilaian?periode={}", period.id) class="text-emerald-800 underline">{move_tr!(penilaian_monitor_link)}</a></p>
        </PageHeader>
        <PeriodForm action="/admin/kurva" periods=choices current=period.id unit_id=None csv=None />
        {set_error.map(|e| view! { <p class="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="alert">{e}</p> })}
        <div class="mt-4">
            <BarChart title=tr!(penilaian_curve_summary, { "period" => period.name.clone() }) bars=summary test_id="curve-summary" />
        </div>
        <section class=CARD data-testid="curve-breaches">
            <h2 class="font-semibold">{move_tr!(penilaian_curve_breaches)}</h2>
            {if breaching.is_empty() {
                view! { <p class="text-sm text-slate-600">{move_tr!(penilaian_curve_no_breach)}</p> }.into_any()
            } else {
                view! { <ul class="divide-y divide-slate-100">{breach_list}</ul> }.into_any()
            }}
        </section>
        <section class=CARD>
            <h2 class="font-semibold">{tr!(penilaian_curve_table, { "year" => year })}</h2>
            <p class="text-sm text-slate-600">{move_tr!(penilaian_curve_table_hint)}</p>
            <Legend items=legend />
            <WideTable>
                <table class="mt-2 w-full text-left text-sm" data-testid="curve-units">
                    <thead class="bg-slate-50 text-slate-600">
                        <tr>
                            <th class="px-3 py-2">{move_tr!(col_unit)}</th>
                            <th class="px-3 py-2">{move_tr!(penilaian_unit_predikat)}</th>
                            {Predikat::ALL.iter().map(|p| view! { <th class="px-3 py-2 text-right">{p.name()}</th> }).collect_view()}
                            <th class="px-3 py-2">{move_tr!(penilaian_curve_distribution)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {m.units.into_iter().map(|u| view! { <UnitRow u year period_id=period.id /> }).collect_view()}
                    </tbody>
                </table>
            </WideTable>
        </section>
    }
    .into_any()
}

/// One unit: its result (with the form that sets it), its counts and bar, and
/// whether it keeps its curve.
#[component]
fn UnitRow(u: UnitCurve, year: i64, period_id: i64) -> impl IntoView {
    let d = u.distribution;
    let parts = Predikat::ALL
        .iter()
        .map(|p| (i64::from(d.count(*p)), PREDIKAT_FILLS[*p as usize]))
        .collect();
    let verdict = match (u.unit_predikat, u.breaches.is_empty()) {
        (None, _) => view! { <span class="text-xs text-slate-600">{move_tr!(penilaian_curve_unset_short)}</span> }.into_any(),
        (Some(_), true) => view! { <span class="text-xs text-emerald-800" data-testid="curve-unit-within">{move_tr!(penilaian_within)}</span> }.into_any(),
        (Some(_), false) => view! { <span class="text-xs font-medium text-amber-900" data-testid="curve-unit-breach">{tr!(penilaian_curve_breach_count, { "count" => u.breaches.len() })}</span> }.into_any(),
    };
    let label = tr!(penilaian_unit_predikat_for, { "unit" => u.name.clone() });
    view! {
        <tr class="border-t border-slate-100 align-top" id=format!("unit-{}", u.unit_id) data-testid="curve-unit" data-unit=u.unit_id.to_string()>
            <td class="px-3 py-2 font-medium">{u.name.clone()}</td>
            <td class="px-3 py-2">
                <form method="post" action="/api/set_unit_result" class="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="unit_id" value=u.unit_id.to_string() />
                    <input type="hidden" name="year" value=year.to_string() />
                    <input type="hidden" name="periode" value=period_id.to_string() />
                    <select name="predikat" aria-label=label class="rounded-md border border-slate-300 bg-white px-2 py-1" data-testid="curve-unit-predikat">
                        <option value="" selected=u.unit_predikat.is_none() disabled>{move_tr!(penilaian_curve_choose)}</option>
                        {UnitPredikat::ALL.iter().map(|p| view! {
                            <option value=p.code() selected=u.unit_predikat == Some(*p)>{p.name()}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="curve-unit-save">{move_tr!(penilaian_curve_set)}</button>
                </form>
            </td>
            {Predikat::ALL.iter().map(|p| view! {
                <td class="px-3 py-2 text-right tabular-nums">{format_count(i64::from(d.count(*p)))}</td>
            }).collect_view()}
            <td class="px-3 py-2">
                <StackedBar parts class="min-w-24" />
                <span class="block text-xs text-slate-600">{tr!(penilaian_curve_total, { "count" => format_count(i64::from(d.total())) })}</span>
                {verdict}
            </td>
        </tr>
    }
}
