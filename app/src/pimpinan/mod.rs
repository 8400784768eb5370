//! The leadership view (Bupati/Sekda office, read-only): per perangkat daerah the
//! head count, structural positions, vacancies and how many an acting official covers.

use crate::admin::api::get_leadership_overview;
use crate::components::{
    format_count, AccessProblem, Bar, BarChart, Loading, PageHeader, WideTable,
};
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PimpinanPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let overview = Resource::new(|| (), |_| get_leadership_overview());
    view! {
        <Title text=tr!(i18n, pimpinan_title) />
        <PageHeader title=move_tr!(pimpinan_title)>
            <p>{move_tr!(pimpinan_lead)}</p>
            <p class="mt-2 flex flex-wrap gap-4 text-sm">
                <a href="/admin/penilaian" class="text-emerald-800 underline" data-testid="pimpinan-link-penilaian">{move_tr!(penilaian_monitor_title)}</a>
                <a href="/admin/kurva" class="text-emerald-800 underline" data-testid="pimpinan-link-curve">{move_tr!(penilaian_curve_title)}</a>
            </p>
        </PageHeader>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(units) => {
                        let mut vacant: Vec<Bar> = units.iter().filter(|u| u.vacant_positions > 0)
                            .map(|u| Bar { label: u.unit_name.clone(), value: u.vacant_positions }).collect();
                        vacant.sort_by_key(|bar| std::cmp::Reverse(bar.value));
                        vacant.truncate(10);
                        view! {
                            {(!vacant.is_empty()).then(|| view! {
                                <div class="mb-6"><BarChart title=move_tr!(pimpinan_vacant_chart) bars=vacant test_id="vacancy-chart" /></div>
                            })}
                            <WideTable>
                                <table class="w-full text-left text-sm" data-testid="leadership-table">
                                    <thead class="bg-slate-50 text-slate-600"><tr>
                                        <th class="px-3 py-2">{move_tr!(org_col_unit)}</th>
                                        <th class="px-3 py-2 text-right">{move_tr!(org_col_employees)}</th>
                                        <th class="px-3 py-2 text-right">{move_tr!(pimpinan_structural)}</th>
                                        <th class="px-3 py-2 text-right">{move_tr!(pimpinan_vacant)}</th>
                                        <th class="px-3 py-2 text-right">{move_tr!(pimpinan_acting)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {units.into_iter().map(|u| view! {
                                            <tr class="border-t border-slate-100">
                                                <td class="px-3 py-2">{u.unit_name}</td>
                                                <td class="px-3 py-2 text-right tabular-nums">{format_count(u.employees)}</td>
                                                <td class="px-3 py-2 text-right tabular-nums">{format_count(u.structural_positions)}</td>
                                                <td class="px-3 py-2 text-right tabular-nums">{format_count(u.vacant_positions)}</td>
                                                <td class="px-3 py-2 text-right tabular-nums">{format_count(u.covered_by_acting)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </WideTable>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
