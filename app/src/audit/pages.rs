//! The audit trail page: newest changes first, each as a sentence with its details
//! folded under it, and a button that verifies the chain.

use super::api::{list_audit, VerifyAudit, AUDIT_PAGE_SIZE};
use super::sentence::sentence;
use super::types::{AuditEntry, ChainReport};
use crate::calendar::format_wib;
use crate::components::action_form::{ActionForm, FormAction};
use crate::components::form::BUTTON_CLASS;
use crate::components::islands::{use_island_ready, IslandRoot, IslandScripts};
use crate::components::{format_count, AccessProblem, Loading, PageHeader};
use crate::i18n::{move_tr, tr, I18n};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let before = move || {
        query
            .read()
            .get("sebelum")
            .and_then(|v| v.parse::<i64>().ok())
    };
    let entries = Resource::new(before, list_audit);
    view! {
        <Title text=tr!(i18n, audit_title) />
        <PageHeader title=move_tr!(audit_title)>
            <p>{move_tr!(audit_lead)}</p>
        </PageHeader>
        <AuditVerify />
        <IslandScripts />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(entries) => view! { <AuditList entries /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Recomputes the hash chain on request and shows the verdict in place.
#[island(lazy)]
fn AuditVerify() -> impl IntoView {
    view! { <IslandRoot><AuditVerifyButton /></IslandRoot> }
}

#[component]
fn AuditVerifyButton() -> impl IntoView {
    let ready = use_island_ready();
    let verify = FormAction::<VerifyAudit>::new();
    view! {
        <ActionForm action=verify attr:class="mb-6">
            <button type="submit" class=BUTTON_CLASS data-testid="audit-verify" disabled=move || !ready.get() || verify.pending().get()>
                {move_tr!(audit_verify)}
            </button>
        </ActionForm>
        {move || verify.pending().get().then(|| view! { <Loading /> })}
        {move || verify.value().get().map(|result| match result {
            Ok(report) => Either::Left(view! { <ChainVerdict report /> }),
            Err(error) => Either::Right(view! { <AccessProblem error /> }),
        })}
    }
}

#[component]
fn ChainVerdict(report: ChainReport) -> impl IntoView {
    let checked = format_count(report.checked);
    match report.first_broken {
        None => Either::Left(view! {
            <p class="mb-6 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-emerald-900" role="status" data-testid="audit-intact">
                {move_tr!(audit_intact, { "count" => checked.clone() })}
            </p>
        }),
        Some(link) => Either::Right(view! {
            <div class="mb-6 rounded-md border border-red-200 bg-red-50 p-3 text-red-900" role="alert" data-testid="audit-broken">
                <p class="font-semibold">{move_tr!(audit_broken, { "id" => link.id.to_string() })}</p>
                <p>{link.reason.clone()}</p>
            </div>
        }),
    }
}

/// The records as a list of sentences, each with its details one click away;
/// nothing wider than a phone.
#[component]
fn AuditList(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="text-slate-600">{move_tr!(list_empty)}</p> }.into_any();
    }
    let older = (entries.len() as i64 == AUDIT_PAGE_SIZE)
        .then(|| entries.last().map(|e| format!("?sebelum={}", e.id)))
        .flatten();
    view! {
        <ol class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="audit-entries">
            {entries.into_iter().map(|entry| view! { <AuditRecord entry /> }).collect_view()}
        </ol>
        {older.map(|href| view! { <a href=href class="mt-3 inline-block text-emerald-800 underline">{move_tr!(audit_older)}</a> })}
    }
    .into_any()
}

#[component]
fn AuditRecord(entry: AuditEntry) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let told = sentence(i18n.language, &entry);
    let record = tr!(i18n, audit_record, {
        "id" => entry.id,
        "action" => entry.action,
        "entity" => entry.entity,
        "entity_id" => entry.entity_id,
    });
    let json = |label: String, text: Option<String>| {
        text.map(|text| {
            view! {
                <p class="mt-2 font-medium text-slate-700">{label}</p>
                <pre class="mt-1 whitespace-pre-wrap rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-800 [overflow-wrap:anywhere]">{text}</pre>
            }
        })
    };
    view! {
        <li class="px-4 py-3" data-testid="audit-entry">
            <p class="text-xs text-slate-500 tabular-nums">{format_wib(entry.at)}</p>
            <p class="mt-1 text-slate-900 [overflow-wrap:anywhere]" data-testid="audit-sentence">{told}</p>
            <details class="mt-1 text-sm">
                <summary class="cursor-pointer text-emerald-800 underline">{tr!(i18n, audit_details)}</summary>
                <p class="mt-2 text-xs text-slate-500 [overflow-wrap:anywhere]">{record}</p>
                {json(tr!(i18n, audit_before), entry.before)}
                {json(tr!(i18n, audit_after), entry.after)}
            </details>
        </li>
    }
}
