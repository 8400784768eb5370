//! `/admin/penilaian?periode=…&unit=…`: how far each unit's evaluations of a
//! period have come, per sub-unit as a table with a stacked bar per row, and for
//! a unit everyone by name, the late first with their atasan; the same rows as
//! CSV at `/admin/penilaian.csv`.

use super::api::get_evaluation_monitor;
use super::types::{EvaluationMonitor, Stage, StageCounts, StagePerson};
use crate::calendar::iso_in_words;
use crate::components::monitor::{monitor_href, PeriodForm};
use crate::components::params::query_id;
use crate::components::{
    format_count, AccessProblem, Legend, Loading, PageHeader, StackedBar, StatCard, WideTable,
};
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;

const CARD: &str = "mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
const PAGE: &str = "/admin/penilaian";
const CSV: &str = "/admin/penilaian.csv";

/// Each stage's colour in the bars, in order.
const FILLS: [&str; 6] = [
    "fill-slate-300",
    "fill-slate-400",
    "fill-sky-500",
    "fill-emerald-600",
    "fill-emerald-800",
    "fill-amber-500",
];

pub fn stage_label(stage: Stage) -> String {
    match stage {
        Stage::Unreported => tr!(penilaian_stage_unreported),
        Stage::Reported => tr!(penilaian_stage_reported),
        Stage::Rating => tr!(penilaian_stage_rating),
        Stage::Final => tr!(penilaian_stage_final),
        Stage::Acknowledged => tr!(penilaian_stage_acknowledged),
        Stage::Appealed => tr!(penilaian_stage_appealed),
    }
}

#[component]
pub fn EvaluationMonitorPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let period = query_id("periode");
    let unit = query_id("unit");
    let monitor = Resource::new(
        move || (period.get(), unit.get()),
        |(period, unit)| get_evaluation_monitor(period, unit),
    );
    view! {
        <Title text=tr!(i18n, penilaian_monitor_title) />
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

#[component]
fn StageBar(counts: StageCounts) -> impl IntoView {
    let parts = Stage::ALL
        .iter()
        .map(|s| (counts.count(*s), FILLS[s.index()]))
        .collect();
    view! { <StackedBar parts class="min-w-24" /> }
}

/// "30 dari 40 ditetapkan (75%)".
fn finalised_text(counts: &StageCounts) -> String {
    let total = counts.total();
    let done = counts.finalised();
    let percent = if total > 0 { done * 100 / total } else { 0 };
    tr!(penilaian_monitor_share, {
        "done" => format_count(done),
        "total" => format_count(total),
        "percent" => percent,
    })
}

#[component]
fn MonitorScreen(m: EvaluationMonitor) -> impl IntoView {
    let (Some(year), Some(period)) = (m.year, m.period.clone()) else {
        return view! {
            <PageHeader title=move_tr!(penilaian_monitor_title)><p>{move_tr!(penilaian_monitor_lead)}</p></PageHeader>
            <p class="rounded-md bg-slate-100 p-3 text-sm" data-testid="monitor-no-year">{move_tr!(monitor_no_year)}</p>
        }
        .into_any();
    };
    let unit_id = m.unit.as_ref().map(|(id, _)| *id);
    let place = m
        .unit
        .as_ref()
        .map_or_else(|| tr!(skp_cascade_kabupaten), |(_, name)| name.clone());
    let title = format!("{} · {place}", tr!(penilaian_monitor_title));
    let up = match (&m.unit, &m.parent_unit) {
        (Some(_), Some((id, name))) => {
            Some((monitor_href(PAGE, Some(period.id), Some(*id)), name.clone()))
        }
        (Some(_), None) => Some((
            monitor_href(PAGE, Some(period.id), None),
            tr!(skp_cascade_kabupaten),
        )),
        _ => None,
    };
    let legend = Stage::ALL
        .iter()
        .map(|s| (stage_label(*s), FILLS[s.index()]))
        .collect::<Vec<_>>();
    let choices = m.periods.iter().map(|p| (p.id, p.name.clone())).collect();
    let csv = monitor_href(CSV, Some(period.id), unit_id);
    let due = m.due.as_deref().map(|d| tr!(penilaian_monitor_due, { "period" => period.name.clone(), "due" => iso_in_words(d) }));
    let period_id = period.id;
    view! {
        <PageHeader title=Signal::stored(title)>
            <p>{move_tr!(penilaian_monitor_lead)}</p>
            {up.map(|(href, name)| view! { <p class="mt-1 text-sm"><a href=href class="underline" data-testid="monitor-up">{format!("↑ {name}")}</a></p> })}
            <p class="mt-1 text-sm"><a href=format!("/admin/kurva?periode={period_id}") class="text-emerald-800 underline" data-testid="monitor-to-curve">{move_tr!(penilaian_curve_link)}</a></p>
        </PageHeader>
        <PeriodForm action=PAGE periods=choices current=period.id unit_id csv=Some(csv) />
        <p class="mt-2 text-sm text-slate-600">{due}</p>
        <div class="mt-4 grid gap-3 sm:grid-cols-3" data-testid="monitor-total">
            <StatCard label=move_tr!(penilaian_monitor_evaluated) value=m.total.total() test_id="monitor-evaluated" />
            <StatCard label=move_tr!(penilaian_stage_final_or_later) value=m.total.finalised() test_id="monitor-finalised" />
            <StatCard label=move_tr!(penilaian_monitor_late) value=m.late test_id="monitor-late" />
        </div>
        <section class=CARD>
            <h2 class="font-semibold">{finalised_text(&m.total)}</h2>
            <div class="mt-2"><StageBar counts=m.total /></div>
            <Legend items=legend />
            <ul class="mt-2 grid gap-1 text-sm sm:grid-cols-3" data-testid="monitor-stages">
                {Stage::ALL.iter().map(|s| view! {
                    <li data-stage=s.code()>{stage_label(*s)}": "<span class="tabular-nums font-medium">{format_count(m.total.count(*s))}</span></li>
                }).collect_view()}
            </ul>
        </section>
        {(!m.groups.is_empty()).then(|| view! {
            <section class=CARD>
                <h2 class="font-semibold">{move_tr!(monitor_units)}</h2>
                <WideTable>
                    <table class="mt-2 w-full text-left text-sm" data-testid="monitor-units">
                        <thead class="bg-slate-50 text-slate-600">
                            <tr>
                                <th class="px-3 py-2">{move_tr!(col_unit)}</th>
                                {Stage::ALL.iter().map(|s| view! { <th class="px-3 py-2 text-right">{stage_label(*s)}</th> }).collect_view()}
                                <th class="px-3 py-2">{move_tr!(penilaian_monitor_progress)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {m.groups.into_iter().map(|g| {
                                let name = if g.has_sub_units {
                                    view! { <a class="underline" href=monitor_href(PAGE, Some(period_id), Some(g.unit_id))>{g.name.clone()}</a> }.into_any()
                                } else {
                                    view! { <span>{g.name.clone()}</span> }.into_any()
                                };
                                view! {
                                    <tr class="border-t border-slate-100" data-testid="monitor-unit">
                                        <td class="px-3 py-2 font-medium">{name}</td>
                                        {Stage::ALL.iter().map(|s| view! {
                                            <td class="px-3 py-2 text-right tabular-nums" data-stage=s.code()>{format_count(g.counts.count(*s))}</td>
                                        }).collect_view()}
                                        <td class="px-3 py-2">
                                            <StageBar counts=g.counts />
                                            <span class="text-xs text-slate-600">{finalised_text(&g.counts)}</span>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </WideTable>
            </section>
        })}
        {unit_id.is_some().then(|| view! { <People people=m.people year period_id /> })}
    }
    .into_any()
}

#[component]
fn People(people: Vec<StagePerson>, year: i64, period_id: i64) -> impl IntoView {
    view! {
        <section class=CARD>
            <h2 class="font-semibold">{move_tr!(penilaian_monitor_people)}</h2>
            {people.is_empty().then(|| view! { <p class="text-sm text-slate-600">{move_tr!(monitor_people_empty)}</p> })}
            <WideTable>
                <table class="mt-2 w-full text-left text-sm" data-testid="monitor-people">
                    <thead class="bg-slate-50 text-slate-600">
                        <tr>
                            <th class="px-3 py-2">{move_tr!(col_name)}</th>
                            <th class="px-3 py-2">{move_tr!(col_unit)}</th>
                            <th class="px-3 py-2">{move_tr!(penilaian_monitor_atasan)}</th>
                            <th class="px-3 py-2">{move_tr!(monitor_status)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {people.into_iter().map(|p| view! {
                            <tr class="border-t border-slate-100" data-testid="monitor-person" data-stage=p.stage.code() data-late=p.late.to_string()>
                                <td class="px-3 py-2">
                                    <a class="font-medium underline" href=format!("/skp/{year}/pegawai/{}/penilaian/{period_id}", p.employee_id)>{p.name.clone()}</a>
                                    {p.nip.clone().map(|nip| view! { <span class="block text-xs text-slate-500">{nip}</span> })}
                                </td>
                                <td class="px-3 py-2">{p.unit.clone()}</td>
                                <td class="px-3 py-2">{p.atasan.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                <td class="px-3 py-2">
                                    {stage_label(p.stage)}
                                    {p.late.then(|| view! { <span class="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="monitor-person-late">{move_tr!(penilaian_monitor_late_badge)}</span> })}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </WideTable>
        </section>
    }
}
