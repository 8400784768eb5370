//! The organisation page: search the unit tree, head counts per unit and subtree.
//! The search is a GET form, so it works before the WASM loads; after hydration the
//! router submits it without a reload and the results come from a server function.

use super::api::{search_units, validate_unit_query};
use super::types::{EmployeeStatus, JabatanKind, UnitKind, UnitSummary, SEARCH_LIMIT};
use crate::components::{format_count, ErrorNotice, Loading, PageHeader, WideTable};
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

pub fn jabatan_kind_label(code: &str) -> String {
    match JabatanKind::from_code(code) {
        Some(JabatanKind::Jpt) => tr!(kind_jpt),
        Some(JabatanKind::Administrator) => tr!(kind_administrator),
        Some(JabatanKind::Pengawas) => tr!(kind_pengawas),
        Some(JabatanKind::Pelaksana) => tr!(kind_pelaksana),
        Some(JabatanKind::Fungsional) => tr!(kind_fungsional),
        Some(JabatanKind::KepalaDaerah) => tr!(kind_kepala_daerah),
        None => code.to_owned(),
    }
}

pub fn status_label(code: &str) -> String {
    match EmployeeStatus::from_code(code) {
        Some(EmployeeStatus::Pns) => tr!(status_pns),
        Some(EmployeeStatus::Pppk) => tr!(status_pppk),
        Some(EmployeeStatus::NonAsn) => tr!(status_non_asn),
        None => code.to_owned(),
    }
}

pub fn unit_kind_label(code: &str) -> String {
    match UnitKind::from_code(code) {
        Some(UnitKind::Pemda) => tr!(unitkind_pemda),
        Some(UnitKind::PerangkatDaerah) => tr!(unitkind_perangkat_daerah),
        Some(UnitKind::Kecamatan) => tr!(unitkind_kecamatan),
        Some(UnitKind::Bidang) => tr!(unitkind_bidang),
        Some(UnitKind::Seksi) => tr!(unitkind_seksi),
        Some(UnitKind::Upt) => tr!(unitkind_upt),
        None => code.to_owned(),
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    // Captured here: page titles are read after rendering, outside this owner.
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let current = move || query.read().get("q").unwrap_or_default();
    let units = Resource::new(current, |q| async move {
        validate_unit_query(&q)?;
        search_units(q).await
    });
    view! {
        <Title text=tr!(i18n, org_title) />
        <PageHeader title=move_tr!(org_title)>
            <p>{move_tr!(org_lead)}</p>
        </PageHeader>
        <Form method="GET" action="" attr:class="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end" attr:role="search">
            <label class="flex flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
                {move_tr!(org_search_label)}
                <input
                    type="search"
                    name="q"
                    maxlength="100"
                    value=current
                    prop:value=current
                    placeholder=move_tr!(org_search_placeholder)
                    data-testid="unit-search"
                    class="rounded-md border border-slate-300 px-3 py-2 text-base focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/30"
                />
            </label>
            <button type="submit" class="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800">
                {move_tr!(org_search_button)}
            </button>
        </Form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match units.await {
                    Ok(units) => view! { <UnitTable units query=current() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn UnitTable(units: Vec<UnitSummary>, query: String) -> impl IntoView {
    if units.is_empty() {
        return view! {
            <p class="text-slate-600" data-testid="unit-results-empty">
                {move_tr!(org_no_results, { "query" => query.clone() })}
            </p>
        }
        .into_any();
    }
    let count = units.len().to_string();
    let truncated = units.len() >= SEARCH_LIMIT;
    view! {
        <p class="mb-2 text-sm text-slate-500" data-testid="unit-results-count">
            {move_tr!(org_results, { "count" => count.clone() })}
            {truncated.then(|| view! { " " {move_tr!(org_results_truncated)} })}
        </p>
        <WideTable>
            <table class="w-full text-left text-sm" data-testid="unit-results">
                <thead class="bg-slate-100 text-slate-600">
                    <tr>
                        <th scope="col" class="px-3 py-2 font-medium">{move_tr!(org_col_unit)}</th>
                        <th scope="col" class="hidden px-3 py-2 font-medium sm:table-cell">{move_tr!(org_col_kind)}</th>
                        <th scope="col" class="px-3 py-2 text-right font-medium">{move_tr!(org_col_employees)}</th>
                    </tr>
                </thead>
                <tbody>
                    {units
                        .into_iter()
                        .map(|unit| {
                            let kind = unit.kind;
                            view! {
                                <tr class="border-t border-slate-100">
                                    <td class="px-3 py-2">
                                        <span class="font-medium text-slate-900">{unit.name.clone()}</span>
                                        {unit.illustrative.then(|| view! {
                                            <span class="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{move_tr!(org_illustrative)}</span>
                                        })}
                                        {unit.parent_name.clone().map(|p| view! { <span class="block text-xs text-slate-500">{p}</span> })}
                                    </td>
                                    <td class="hidden px-3 py-2 text-slate-600 sm:table-cell">{move || unit_kind_label(kind.code())}</td>
                                    <td class="px-3 py-2 text-right tabular-nums">{format_count(unit.employees)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </WideTable>
    }
    .into_any()
}
