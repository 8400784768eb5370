//! Realisasi where other pages show it: the periods of a plan with the report in
//! each (the plan pages), and the team's filing per period (the team page).

use super::api::{get_team_filings, get_year_realisasi};
use super::pages::FilingBadge;
use crate::components::{AccessProblem, WideTable};
use crate::i18n::{move_tr, tr};
use leptos::prelude::*;

const SECTION_CLASS: &str = "mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

/// A plan's periods, each with its report's status and a link to it. `employee_id`
/// empty: the viewer's own.
#[component]
pub fn YearRealisasiSection(employee_id: Option<i64>, year: i64) -> impl IntoView {
    let reports = Resource::new(
        move || (employee_id, year),
        |(id, year)| get_year_realisasi(id, year),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match reports.await {
                    Ok(year_reports) => {
                        let body = if !year_reports.plan_approved {
                            view! { <p class="text-sm text-slate-600" data-testid="realisasi-wait">{move_tr!(realisasi_year_wait)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="mt-3 divide-y divide-slate-100">
                                    {year_reports.periods.into_iter().map(|p| {
                                        let href = match employee_id {
                                            None => format!("/skp/{}/realisasi/{}", p.period.year, p.period.id),
                                            Some(id) => format!("/skp/{}/pegawai/{id}/realisasi/{}", p.period.year, p.period.id),
                                        };
                                        let label = if employee_id.is_none() && p.period.open { tr!(realisasi_open) } else { tr!(realisasi_read) };
                                        view! {
                                            <li class="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="realisasi-period">
                                                <span class="font-medium" data-testid="realisasi-period-name">{p.period.name.clone()}</span>
                                                <span class="flex items-center gap-3">
                                                    <FilingBadge status=p.status />
                                                    <a href=href class="text-sm text-emerald-800 underline" data-testid="realisasi-period-link">{label}</a>
                                                </span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        };
                        view! {
                            <section class=SECTION_CLASS data-testid="realisasi-year">
                                <h2 class="text-lg font-semibold">{move_tr!(realisasi_year_title)}</h2>
                                <p class="text-sm text-slate-600">{move_tr!(realisasi_year_hint)}</p>
                                {body}
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The direct reports (with an approved plan) by period: reported, late or not yet.
#[component]
pub fn TeamFilingsSection() -> impl IntoView {
    let filings = Resource::new(|| (), |_| get_team_filings());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(team) = filings.await else { return ().into_any() };
                let Some(year) = team.year else { return ().into_any() };
                let body = if team.rows.is_empty() {
                    view! { <p class="text-sm text-slate-600">{move_tr!(realisasi_team_empty)}</p> }.into_any()
                } else {
                    let periods = team.periods.clone();
                    view! {
                        <WideTable>
                            <table class="w-full text-left text-sm" data-testid="team-filings">
                                <thead class="bg-slate-50 text-slate-600">
                                    <tr>
                                        <th class="px-3 py-2">{move_tr!(col_name)}</th>
                                        {periods.iter().map(|p| view! { <th class="px-3 py-2">{p.name.clone()}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {team.rows.into_iter().map(|row| view! {
                                        <tr class="border-t border-slate-100" data-testid="team-filing-row">
                                            <td class="px-3 py-2 font-medium">{row.name.clone()}</td>
                                            {row.statuses.iter().zip(periods.iter()).map(|(status, p)| view! {
                                                <td class="px-3 py-2">
                                                    <a href=format!("/skp/{year}/pegawai/{}/realisasi/{}", row.employee_id, p.id)>
                                                        <FilingBadge status=*status />
                                                    </a>
                                                </td>
                                            }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </WideTable>
                    }.into_any()
                };
                view! {
                    <section class="mb-6" data-testid="team-realisasi">
                        <h2 class="mb-2 text-lg font-semibold">{move_tr!(realisasi_team_title)}</h2>
                        {body}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
