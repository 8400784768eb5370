//! `/admin/impor`: choose a CSV file, see the dry run, apply it with a progress bar.
//! Uploads need the browser's FormData, so the tool is an island that works once
//! its WASM is loaded (the button says so until then).

use super::api::{get_import_job, preview_import, start_import};
use super::types::{ChangeKind, ImportJob, ImportPreview, ImportStart, JobStatus};
use crate::components::form::{BUTTON_CLASS, SECONDARY_BUTTON_CLASS};
use crate::components::islands::{use_island_ready, IslandRoot, IslandScripts};
use crate::components::{format_count, AccessProblem, PageHeader, StatCard, WideTable};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, I18n};
use crate::shell::layout::use_viewer;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use std::time::Duration;
use web_sys::{FormData, HtmlFormElement};

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let viewer = use_viewer();
    view! {
        <Title text=tr!(i18n, import_title) />
        <PageHeader title=move_tr!(import_title)>
            <p>{move_tr!(import_lead)}</p>
            <p class="mt-1 text-sm">
                {move_tr!(import_columns)} " "
                // The CSV's own column names: the same in every language.
                <code>{super::rows::COLUMNS.join(", ")}</code> " "
                <a href="/templat-impor-pegawai.csv" download class="text-emerald-800 underline">{move_tr!(import_template)}</a>
            </p>
        </PageHeader>
        <Suspense>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) if v.has(crate::identity::types::Role::AdminBkpsdm) => view! { <ImportTool /><IslandScripts /> }.into_any(),
                    Ok(Some(_)) => view! { <AccessProblem error=AppError::Forbidden /> }.into_any(),
                    _ => view! { <AccessProblem error=AppError::Unauthenticated /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Choosing the file, the dry run and the progress bar: an island (uploads need
/// the browser's FormData).
#[island(lazy)]
fn ImportTool() -> impl IntoView {
    view! { <IslandRoot><ImportForm /></IslandRoot> }
}

#[component]
fn ImportForm() -> impl IntoView {
    let ready = use_island_ready();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let preview = Action::new_local(|data: &FormData| preview_import(data.clone().into()));
    let start = Action::new_local(|data: &FormData| start_import(data.clone().into()));
    let poll = Action::new_local(|id: &String| get_import_job(id.clone()));
    let job = RwSignal::new(None::<Result<ImportJob, AppError>>);
    Effect::new(move |_| {
        if let Some(result) = poll.value().get() {
            job.set(Some(result));
        }
    });
    Effect::new(move |_| match start.value().get() {
        Some(Ok(ImportStart::Started(started))) => job.set(Some(Ok(started))),
        Some(Err(error)) => job.set(Some(Err(error))),
        _ => {}
    });
    Effect::new(move |_| {
        if let Some(Ok(current)) = job.get() {
            if current.status == JobStatus::Running {
                let id = current.id.clone();
                set_timeout(
                    move || {
                        poll.dispatch_local(id);
                    },
                    Duration::from_millis(400),
                );
            }
        }
    });
    let form_data = move || {
        form_ref
            .get_untracked()
            .and_then(|form: HtmlFormElement| FormData::new_with_form(&form).ok())
    };
    let on_preview = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        job.set(None);
        if let Some(data) = form_data() {
            preview.dispatch_local(data);
        }
    };
    let on_apply = move |_| {
        if let Some(data) = form_data() {
            start.dispatch_local(data);
        }
    };
    let refused = move || match start.value().get() {
        Some(Ok(ImportStart::Refused(preview))) => Some(preview),
        _ => None,
    };
    view! {
        <form node_ref=form_ref on:submit=on_preview class="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:flex-row sm:items-end" data-testid="import-form">
            <label class="flex flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
                {move_tr!(import_file)}
                <input type="file" name="file" accept=".csv,text/csv" required data-testid="import-file" class="rounded-md border border-slate-300 p-2" />
            </label>
            <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="import-preview" disabled=move || !ready.get() || preview.pending().get()>
                {move_tr!(import_dry_run)}
            </button>
        </form>
        {move || preview.pending().get().then(|| view! { <p class="mt-4 animate-pulse text-slate-500" role="status">{move_tr!(import_checking)}</p> })}
        {move || {
            let shown = refused().or_else(|| preview.value().get().and_then(Result::ok));
            shown.map(|p| {
                let can_apply = p.error_count == 0 && (p.new + p.updated + p.new_positions) > 0;
                view! {
                    <PreviewView preview=p />
                    {can_apply.then(|| view! {
                        <button type="button" class=format!("{BUTTON_CLASS} mt-4") data-testid="import-apply" on:click=on_apply
                            disabled=move || start.pending().get() || matches!(job.get(), Some(Ok(ImportJob { status: JobStatus::Running, .. })))>
                            {move_tr!(import_apply)}
                        </button>
                    })}
                }
            })
        }}
        {move || preview.value().get().and_then(Result::err).map(|error| view! { <AccessProblem error /> })}
        {move || job.get().map(|result| match result {
            Ok(job) => Either::Left(view! { <JobView job /> }),
            Err(error) => Either::Right(view! { <AccessProblem error /> }),
        })}
    }
}

#[component]
fn PreviewView(preview: ImportPreview) -> impl IntoView {
    // Outside the view: the translation checker misses a key right after `<tr>`.
    let line_label = move_tr!(import_row_number);
    view! {
        <section class="mt-6" data-testid="import-summary">
            <div class="grid grid-cols-2 gap-3 sm:grid-cols-5">
                <StatCard label=move_tr!(import_rows) value=preview.rows as i64 test_id="import-rows" />
                <StatCard label=move_tr!(import_new) value=preview.new as i64 test_id="import-new" />
                <StatCard label=move_tr!(import_updated) value=preview.updated as i64 test_id="import-updated" />
                <StatCard label=move_tr!(import_unchanged) value=preview.unchanged as i64 test_id="import-unchanged" />
                <StatCard label=move_tr!(import_errors) value=preview.error_count as i64 test_id="import-error-count" />
            </div>
            {(preview.new_positions > 0).then(|| view! {
                <p class="mt-2 text-sm text-slate-600">{move_tr!(import_new_positions, { "count" => format_count(preview.new_positions as i64) })}</p>
            })}
            {(!preview.errors.is_empty()).then(|| view! {
                <h2 class="mt-4 font-semibold text-red-800">{move_tr!(import_error_list)}</h2>
                <WideTable class="rounded-xl border border-red-200 bg-white">
                    <table class="w-full text-left text-sm" data-testid="import-errors">
                        <thead class="bg-red-50 text-red-900">
                            <tr>
                            <th class="px-3 py-2">{line_label}</th>
                            <th class="px-3 py-2">{move_tr!(import_column)}</th>
                            <th class="px-3 py-2">{move_tr!(import_reason)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {preview.errors.iter().map(|e| view! {
                                <tr class="border-t border-red-100">
                                    <td class="px-3 py-2 tabular-nums">{e.line}</td>
                                    <td class="px-3 py-2"><code>{e.column.clone()}</code></td>
                                    <td class="px-3 py-2">{e.message.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </WideTable>
            })}
            {(!preview.changes.is_empty()).then(|| view! {
                <h2 class="mt-4 font-semibold">{move_tr!(import_change_list)}</h2>
                <ul class="mt-1 space-y-1 text-sm" data-testid="import-changes">
                    {preview.changes.iter().map(|c| {
                        let kind = match c.kind { ChangeKind::New => tr!(import_new), ChangeKind::Updated => tr!(import_updated), ChangeKind::Unchanged => tr!(import_unchanged) };
                        view! { <li>{format!("{} · {} {} — {}", kind, c.nip, c.name, c.details.join("; "))}</li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn JobView(job: ImportJob) -> impl IntoView {
    let percent = (job.done * 100).checked_div(job.total).unwrap_or(100);
    match job.status {
        JobStatus::Running => EitherOf3::A(view! {
            <div class="mt-6" data-testid="import-progress">
                <progress class="h-3 w-full" value=job.done.to_string() max=job.total.max(1).to_string()></progress>
                <p class="mt-1 text-sm text-slate-600" role="status">{move_tr!(import_running, { "percent" => percent.to_string() })}</p>
            </div>
        }),
        JobStatus::Failed => EitherOf3::B(view! {
            <p class="mt-6 rounded-md border border-red-200 bg-red-50 p-3 text-red-800" role="alert">{job.failure.clone().unwrap_or_default()}</p>
        }),
        JobStatus::Done => {
            let result = job
                .result
                .clone()
                .unwrap_or_else(|| super::types::ImportResult {
                    created: 0,
                    updated: 0,
                    unchanged: 0,
                    new_positions: 0,
                    millis: 0,
                    issued_passwords: Vec::new(),
                });
            let csv: String = std::iter::once("nip,nama,kata_sandi_sekali_pakai".to_owned())
                .chain(result.issued_passwords.iter().map(|p| {
                    format!(
                        "{},\"{}\",{}",
                        p.nip,
                        p.name.replace('"', "\"\""),
                        p.password
                    )
                }))
                .collect::<Vec<_>>()
                .join("\n");
            let href = format!(
                "data:text/csv;charset=utf-8,{}",
                crate::components::encode_path(&csv)
            );
            EitherOf3::C(view! {
                <section class="mt-6 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-900" data-testid="import-done">
                    <progress class="h-3 w-full" value="1" max="1"></progress>
                    <p class="mt-2 font-semibold">
                        {move_tr!(import_finished, {
                            "created" => result.created.to_string(),
                            "updated" => result.updated.to_string(),
                            "unchanged" => result.unchanged.to_string(),
                            "seconds" => tenths_of_seconds(result.millis),
                        })}
                    </p>
                    {(!result.issued_passwords.is_empty()).then(|| view! {
                        <p class="mt-2 text-sm">{move_tr!(import_passwords_once)}</p>
                        <a href=href download="kata-sandi-sekali-pakai.csv" class="mt-2 inline-block rounded-md bg-emerald-700 px-4 py-2 font-medium text-white" data-testid="import-passwords">
                            {move_tr!(import_passwords_download, { "count" => format_count(result.issued_passwords.len() as i64) })}
                        </a>
                    })}
                </section>
            })
        }
    }
}

/// "1.9" for 1,940 ms (rounded to a tenth), with integer arithmetic: float
/// formatting would add its tables to the WASM.
fn tenths_of_seconds(millis: i64) -> String {
    let tenths = (millis.max(0) + 50) / 100;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_in_tenths_of_seconds() {
        assert_eq!(super::tenths_of_seconds(1_940), "1.9");
        assert_eq!(super::tenths_of_seconds(48), "0.0");
        assert_eq!(super::tenths_of_seconds(50), "0.1");
        assert_eq!(super::tenths_of_seconds(12_000), "12.0");
    }
}
