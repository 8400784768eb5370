//! Penilaian where other pages show it: the team's evaluations by period (the
//! team page, the rater's way into each scoring form) and one person's
//! evaluations of a year (the plan pages).

use super::api::{get_team_evaluations, get_year_evaluations};
use super::pages::status_label;
use super::types::{EvaluationCell, EvaluationStatus};
use crate::components::WideTable;
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;

const SECTION_CLASS: &str = "mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

/// The evaluation's page: the viewer's own, or someone else's.
fn evaluation_href(year: i64, employee_id: Option<i64>, period_id: i64) -> String {
    match employee_id {
        None => format!("/skp/{year}/penilaian/{period_id}"),
        Some(id) => format!("/skp/{year}/pegawai/{id}/penilaian/{period_id}"),
    }
}

/// A cell's status in words, with the predikat when the viewer may read it.
#[component]
pub fn EvaluationCellBadge(cell: EvaluationCell) -> impl IntoView {
    let class = match cell.status {
        None => "bg-slate-100 text-slate-700",
        Some(EvaluationStatus::Draft) => "bg-sky-50 text-sky-900",
        Some(EvaluationStatus::Final | EvaluationStatus::Decided) => {
            "bg-emerald-100 text-emerald-900"
        }
        Some(EvaluationStatus::Acknowledged) => "bg-emerald-50 text-emerald-900",
        Some(EvaluationStatus::Appealed) => "bg-amber-100 text-amber-900",
    };
    let label = cell
        .status
        .map_or_else(|| tr!(penilaian_not_started), status_label);
    let code = cell.status.map_or("none", |s| s.code());
    view! {
        <span class=format!("inline-flex flex-col rounded-md px-2 py-1 text-xs font-medium {class}") data-testid="evaluation-cell" data-status=code>
            <span>{label}</span>
            {cell.predikat.map(|p| view! { <span class="font-semibold" data-testid="evaluation-cell-predikat">{p.name()}</span> })}
        </span>
    }
}

/// The direct reports (approved plans) by period, each cell opening the
/// evaluation: the scoring form while it is a draft.
#[component]
pub fn TeamEvaluationsSection() -> impl IntoView {
    let team = Resource::new(|| (), |_| get_team_evaluations());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(team) = team.await else { return ().into_any() };
                let Some(year) = team.year else { return ().into_any() };
                let body = if team.rows.is_empty() {
                    view! { <p class="text-sm text-slate-600">{move_tr!(penilaian_team_empty)}</p> }.into_any()
                } else {
                    let periods = team.periods.clone();
                    view! {
                        <WideTable>
                            <table class="w-full text-left text-sm" data-testid="team-evaluations">
                                <thead class="bg-slate-50 text-slate-600">
                                    <tr>
                                        <th class="px-3 py-2">{move_tr!(col_name)}</th>
                                        {periods.iter().map(|p| view! { <th class="px-3 py-2">{p.name.clone()}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {team.rows.into_iter().map(|row| view! {
                                        <tr class="border-t border-slate-100" data-testid="team-evaluation-row" data-employee=row.employee_id.to_string()>
                                            <td class="px-3 py-2 font-medium">{row.name.clone()}</td>
                                            {row.cells.into_iter().zip(periods.iter()).map(|(cell, period)| {
                                                let href = evaluation_href(year, Some(row.employee_id), cell.period_id);
                                                // The link's text names whose and which, for a list of links read aloud.
                                                let whose = format!("{} · {}: ", row.name, period.name);
                                                view! {
                                                    <td class="px-3 py-2">
                                                        <a href=href class="inline-block" data-testid="team-evaluation-link" data-period=cell.period_id.to_string()>
                                                            <span class="sr-only">{whose}</span>
                                                            <EvaluationCellBadge cell />
                                                        </a>
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </WideTable>
                    }.into_any()
                };
                view! {
                    <section class="mb-6" data-testid="team-penilaian">
                        <h2 class="mb-1 text-lg font-semibold">{move_tr!(penilaian_team_title)}</h2>
                        <p class="mb-2 text-sm text-slate-600">{move_tr!(penilaian_team_hint)}</p>
                        {body}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// A plan's periods and annual evaluation, each with where its evaluation
/// stands. `employee_id` empty: the viewer's own.
#[component]
pub fn YearEvaluationsSection(employee_id: Option<i64>, year: i64) -> impl IntoView {
    let found = Resource::new(
        move || (employee_id, year),
        |(id, year)| get_year_evaluations(id, year),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(found) = found.await else { return ().into_any() };
                if !found.plan_approved {
                    return ().into_any();
                }
                view! {
                    <section class=SECTION_CLASS data-testid="penilaian-year">
                        <h2 class="text-lg font-semibold">{move_tr!(penilaian_year_title)}</h2>
                        <ul class="mt-3 divide-y divide-slate-100">
                            {found.periods.into_iter().zip(found.cells).map(|(period, cell)| {
                                let href = evaluation_href(year, employee_id, period.id);
                                view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="penilaian-year-period">
                                        <span class="font-medium">{period.name.clone()}</span>
                                        <span class="flex items-center gap-3">
                                            <EvaluationCellBadge cell />
                                            <a href=href class="text-sm text-emerald-800 underline" data-testid="penilaian-year-link">
                                                {move_tr!(penilaian_open)}<span class="sr-only">{format!(" · {}", period.name)}</span>
                                            </a>
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
