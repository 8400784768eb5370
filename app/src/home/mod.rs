//! The home page: what SIKAP is for, and the kabupaten at a glance (aggregates only).

use crate::components::{Bar, BarChart, ErrorNotice, Loading, PageHeader, StatCard};
use crate::i18n::{move_tr, tr, I18n};
use crate::organisation::api::get_organisation_overview;
use crate::organisation::pages::{jabatan_kind_label, status_label};
use crate::organisation::types::{EmployeeStatus, OrganisationOverview};
use crate::shell::layout::use_instance_info;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    // Captured here: page titles are read after rendering, outside this owner.
    let i18n = expect_context::<I18n>();
    let overview = Resource::new(|| (), |_| get_organisation_overview());
    let info = use_instance_info();
    let lead = move || {
        let instansi = info
            .get()
            .and_then(Result::ok)
            .map(|i| i.instansi)
            .unwrap_or_default();
        move_tr!(home_lead, { "instansi" => instansi.clone() })
    };
    view! {
        <Title text=tr!(i18n, home_title) />
        <PageHeader title=move_tr!(app_full_name)>
            <Suspense fallback=Loading>
                <p data-testid="home-lead">{move || lead()}</p>
            </Suspense>
        </PageHeader>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <Overview overview /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
        <CycleSteps />
    }
}

#[component]
fn Overview(overview: OrganisationOverview) -> impl IntoView {
    if overview.employees == 0 {
        return view! { <p class="rounded-lg bg-amber-50 p-4 text-amber-900">{move_tr!(home_empty)}</p> }
            .into_any();
    }
    let pppk = overview
        .by_status
        .iter()
        .find(|c| c.code == EmployeeStatus::Pppk.code())
        .map(|c| c.count)
        .unwrap_or(0);
    let kinds = overview.by_jabatan_kind.clone();
    let statuses = overview.by_status.clone();
    view! {
        <section class="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label=move_tr!(home_title)>
            <StatCard label=move_tr!(home_stat_units) value=overview.units test_id="stat-units" />
            <StatCard label=move_tr!(home_stat_positions) value=overview.positions test_id="stat-positions" />
            <StatCard label=move_tr!(home_stat_employees) value=overview.employees test_id="stat-employees" />
            <StatCard label=move_tr!(home_stat_pppk) value=pppk test_id="stat-pppk" />
        </section>
        <section class="mt-6 grid gap-4 md:grid-cols-2">
            {move || {
                let bars = kinds
                    .iter()
                    .map(|c| Bar { label: jabatan_kind_label(&c.code), value: c.count })
                    .collect();
                view! { <BarChart title=move_tr!(home_by_kind) bars test_id="chart-kind" /> }
            }}
            {move || {
                let bars = statuses
                    .iter()
                    .map(|c| Bar { label: status_label(&c.code), value: c.count })
                    .collect();
                view! { <BarChart title=move_tr!(home_by_status) bars test_id="chart-status" /> }
            }}
        </section>
    }
    .into_any()
}

#[component]
fn CycleSteps() -> impl IntoView {
    view! {
        <section class="mt-8 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 class="text-lg font-semibold">{move_tr!(home_cycle_title)}</h2>
            <ol class="mt-3 list-decimal space-y-1 pl-6 text-slate-700">
                <li>{move_tr!(home_cycle_plan)}</li>
                <li>{move_tr!(home_cycle_do)}</li>
                <li>{move_tr!(home_cycle_rate)}</li>
                <li>{move_tr!(home_cycle_follow)}</li>
            </ol>
        </section>
    }
}
