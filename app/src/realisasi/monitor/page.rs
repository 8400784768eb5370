//! `/admin/realisasi?periode=…&unit=…`: who has reported a period's realisasi,
//! per sub-unit as a table with a bar per row, and for a unit everyone by name;
//! the same rows as CSV at `/admin/realisasi.csv`.

use super::api::get_filing_monitor;
use super::types::{FilingCounts, FilingMonitor, MonitorPerson};
use crate::calendar::{format_wib, iso_in_words};
use crate::components::monitor::PeriodForm;
use crate::components::params::query_id;
use crate::components::{
    format_count, AccessProblem, Legend, Loading, PageHeader, StackedBar, StatCard, WideTable,
};
use crate::i18n::{move_tr, tr, I18n};
use crate::realisasi::pages::{filing_status_label, FilingBadge};
use crate::realisasi::types::FilingStatus;
use leptos::prelude::*;
use leptos_meta::Title;

const CARD: &str = "mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

/// The states in the order they are drawn, each with its colour.
const STATES: [(FilingStatus, &str); 3] = [
    (FilingStatus::Filed, "fill-emerald-600"),
    (FilingStatus::Late, "fill-amber-500"),
    (FilingStatus::Missing, "fill-slate-300"),
];

/// The monitor's address for a period and unit (the page, or `.csv`).
pub fn monitor_href(csv: bool, period_id: Option<i64>, unit_id: Option<i64>) -> String {
    let path = if csv {
        "/admin/realisasi.csv"
    } else {
        "/admin/realisasi"
    };
    crate::components::monitor::monitor_href(path, period_id, unit_id)
}

#[component]
pub fn FilingMonitorPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let period = query_id("periode");
    let unit = query_id("unit");
    let monitor = Resource::new(
        move || (period.get(), unit.get()),
        |(period, unit)| get_filing_monitor(period, unit),
    );
    view! {
        <Title text=tr!(i18n, monitor_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match monitor.await {
                    Ok(m) => view! { <MonitorScreen m /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A stacked bar of filed, late and missing (SVG: the CSP allows no inline styles).
/// The filing states of `counts` as a stacked bar.
#[component]
fn FilingBar(counts: FilingCounts) -> impl IntoView {
    let parts = STATES
        .iter()
        .map(|(status, fill)| (counts.count(*status), *fill))
        .collect();
    view! { <StackedBar parts class="min-w-24" /> }
}

/// "12 dari 40 (30%)": how many of those who must report have reported.
fn share_text(counts: &FilingCounts) -> String {
    let reported = counts.filed + counts.late;
    let percent = if counts.total() > 0 {
        reported * 100 / counts.total()
    } else {
        0
    };
    tr!(monitor_share, {
        "reported" => format_count(reported),
        "total" => format_count(counts.total()),
        "percent" => percent,
    })
}

#[component]
fn MonitorScreen(m: FilingMonitor) -> impl IntoView {
    let (Some(year), Some(period)) = (m.year, m.period.clone()) else {
        return view! {
            <PageHeader title=move_tr!(monitor_title)><p>{move_tr!(monitor_lead)}</p></PageHeader>
            <p class="rounded-md bg-slate-100 p-3 text-sm" data-testid="monitor-no-year">{move_tr!(monitor_no_year)}</p>
        }
        .into_any();
    };
    let unit_id = m.unit.as_ref().map(|(id, _)| *id);
    let place = m
        .unit
        .as_ref()
        .map_or_else(|| tr!(skp_cascade_kabupaten), |(_, name)| name.clone());
    let title = format!("{} · {place}", tr!(monitor_title));
    let up = match (&m.unit, &m.parent_unit) {
        (Some(_), Some((id, name))) => Some((
            monitor_href(false, Some(period.id), Some(*id)),
            name.clone(),
        )),
        (Some(_), None) => Some((
            monitor_href(false, Some(period.id), None),
            tr!(skp_cascade_kabupaten),
        )),
        _ => None,
    };
    let legend = STATES
        .iter()
        .map(|(status, fill)| (filing_status_label(*status), *fill))
        .collect::<Vec<_>>();
    let deadline = tr!(monitor_deadline, { "period" => period.name.clone(), "deadline" => iso_in_words(&period.deadline) });
    let closed = (!period.open).then(|| view! { <span class="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs">{move_tr!(periods_closed)}</span> });
    let csv = monitor_href(true, Some(period.id), unit_id);
    let period_choices = m
        .periods
        .iter()
        .map(|p| {
            let label = if p.open {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, tr!(periods_closed))
            };
            (p.id, label)
        })
        .collect();
    let people = m.people.clone();
    view! {
        <PageHeader title=Signal::stored(title)>
            <p>{move_tr!(monitor_lead)}</p>
            {up.map(|(href, name)| view! { <p class="mt-1 text-sm"><a href=href class="underline" data-testid="monitor-up">{format!("↑ {name}")}</a></p> })}
        </PageHeader>
        <PeriodForm action="/admin/realisasi" periods=period_choices current=period.id unit_id csv=Some(csv) />
        <p class="mt-2 text-sm text-slate-600">{deadline}{closed}</p>
        <div class="mt-4 grid gap-3 sm:grid-cols-3" data-testid="monitor-total">
            <StatCard label=move_tr!(realisasi_status_filed) value=m.total.filed test_id="monitor-filed" />
            <StatCard label=move_tr!(realisasi_status_late) value=m.total.late test_id="monitor-late" />
            <StatCard label=move_tr!(realisasi_status_missing) value=m.total.missing test_id="monitor-missing" />
        </div>
        <section class=CARD>
            <h2 class="font-semibold">{share_text(&m.total)}</h2>
            <div class="mt-2"><FilingBar counts=m.total /></div>
            <Legend items=legend />
        </section>
        {(!m.groups.is_empty()).then(|| {
            let period_id = period.id;
            view! {
                <section class=CARD>
                    <h2 class="font-semibold">{move_tr!(monitor_units)}</h2>
                    <WideTable>
                        <table class="mt-2 w-full text-left text-sm" data-testid="monitor-units">
                            <thead class="bg-slate-50 text-slate-600">
                                <tr>
                                    <th class="px-3 py-2">{move_tr!(col_unit)}</th>
                                    <th class="px-3 py-2 text-right">{move_tr!(realisasi_status_filed)}</th>
                                    <th class="px-3 py-2 text-right">{move_tr!(realisasi_status_late)}</th>
                                    <th class="px-3 py-2 text-right">{move_tr!(realisasi_status_missing)}</th>
                                    <th class="px-3 py-2">{move_tr!(monitor_reported)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {m.groups.into_iter().map(|g| {
                                    let name = if g.has_sub_units {
                                        view! { <a class="underline" href=monitor_href(false, Some(period_id), Some(g.unit_id))>{g.name.clone()}</a> }.into_any()
                                    } else {
                                        view! { <span>{g.name.clone()}</span> }.into_any()
                                    };
                                    view! {
                                        <tr class="border-t border-slate-100" data-testid="monitor-unit">
                                            <td class="px-3 py-2 font-medium">{name}</td>
                                            <td class="px-3 py-2 text-right tabular-nums">{format_count(g.counts.filed)}</td>
                                            <td class="px-3 py-2 text-right tabular-nums">{format_count(g.counts.late)}</td>
                                            <td class="px-3 py-2 text-right tabular-nums" data-testid="monitor-unit-missing">{format_count(g.counts.missing)}</td>
                                            <td class="px-3 py-2">
                                                <FilingBar counts=g.counts />
                                                <span class="text-xs text-slate-600">{share_text(&g.counts)}</span>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </WideTable>
                </section>
            }
        })}
        {unit_id.is_some().then(|| view! { <People people year period_id=period.id /> })}
    }
    .into_any()
}

#[component]
fn People(people: Vec<MonitorPerson>, year: i64, period_id: i64) -> impl IntoView {
    view! {
        <section class=CARD>
            <h2 class="font-semibold">{move_tr!(monitor_people)}</h2>
            {people.is_empty().then(|| view! { <p class="text-sm text-slate-600">{move_tr!(monitor_people_empty)}</p> })}
            <WideTable>
                <table class="mt-2 w-full text-left text-sm" data-testid="monitor-people">
                    <thead class="bg-slate-50 text-slate-600">
                        <tr>
                            <th class="px-3 py-2">{move_tr!(col_name)}</th>
                            <th class="px-3 py-2">{move_tr!(col_unit)}</th>
                            <th class="px-3 py-2">{move_tr!(monitor_status)}</th>
                            <th class="px-3 py-2">{move_tr!(monitor_filed_at)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {people.into_iter().map(|p| view! {
                            <tr class="border-t border-slate-100" data-testid="monitor-person" data-status=p.status.code()>
                                <td class="px-3 py-2">
                                    <a class="font-medium underline" href=format!("/skp/{year}/pegawai/{}/realisasi/{period_id}", p.employee_id)>{p.name.clone()}</a>
                                    {p.nip.clone().map(|nip| view! { <span class="block text-xs text-slate-500">{nip}</span> })}
                                </td>
                                <td class="px-3 py-2">{p.unit.clone()}</td>
                                <td class="px-3 py-2"><FilingBadge status=p.status /></td>
                                <td class="px-3 py-2 whitespace-nowrap">{p.filed_at.map(format_wib).unwrap_or_else(|| "—".to_owned())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </WideTable>
        </section>
    }
}
