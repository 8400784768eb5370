//! Realisasi pages: the owner's form for a period (`/skp/:year/realisasi/:period`)
//! and the same report as supervisors and the admin read it
//! (`/skp/:year/pegawai/:id/realisasi/:period`).
//!
//! The form is a plain multipart form posted to `/realisasi/{period}` (files
//! included), so it works without WASM; the islands in `live.rs` add capaian
//! while typing, a copy of unsaved text in the browser, and uploads with progress.

use super::api::get_realisasi;
use super::fields::{
    account_field, action_field, file_field, link_field, reason_field, target_field, value_field,
    NOT_STARTED_ANCHOR,
};
use super::live::{IkiNumbers, NumberLabels, UploadConfig, Uploader};
use super::rules::format_capaian;
use super::types::{EvidenceItem, FilingStatus, IkiReport, ReportView, RhkReport};
use crate::calendar::{format_wib, iso_in_words};
use crate::components::draft::{DraftConfig, DraftKeeper};
use crate::components::form::{
    page_has, page_value as query_value_of_page, BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::components::islands::IslandScripts;
use crate::components::params::{employee_param, period_param, year_param};
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::error::AppError;
use crate::feedback::pages::FeedbackLink;
use crate::feedback::rules::Subject;
use crate::i18n::{move_tr, tr, I18n};
use crate::identity::types::Reach;
use crate::skp::labels::{aspek_label, rhk_kind_label};
use leptos::prelude::*;
use leptos_meta::Title;

const CARD_CLASS: &str = "mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5";

/// `/skp/:year/realisasi/:period`: the signed-in person's own report.
#[component]
pub fn MyRealisasiPage() -> impl IntoView {
    report_page(None)
}

/// `/skp/:year/pegawai/:id/realisasi/:period`: someone else's, read-only.
#[component]
pub fn EmployeeRealisasiPage() -> impl IntoView {
    report_page(Some(employee_param()))
}

fn report_page(employee: Option<Memo<Option<i64>>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year_param();
    let period = period_param();
    let periksa = page_has("periksa");
    let report = Resource::new(
        move || (year.get(), period.get(), employee.map(|e| e.get())),
        move |(year, period, employee)| async move {
            match (year, period, employee) {
                (Some(_), Some(period), None) => get_realisasi(None, period, Some(periksa)).await,
                (Some(_), Some(period), Some(Some(id))) => {
                    get_realisasi(Some(id), period, None).await
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, realisasi_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(view) if view.period.year == year.get_untracked().unwrap_or_default() => {
                        view! { <ReportScreen view /> }.into_any()
                    }
                    Ok(_) => view! { <AccessProblem error=AppError::NotFound /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// "Dilaporkan", "Terlambat", "Belum dilaporkan".
pub fn filing_status_label(status: FilingStatus) -> String {
    match status {
        FilingStatus::Filed => tr!(realisasi_status_filed),
        FilingStatus::Late => tr!(realisasi_status_late),
        FilingStatus::Missing => tr!(realisasi_status_missing),
    }
}

#[component]
pub fn FilingBadge(status: FilingStatus) -> impl IntoView {
    let class = match status {
        FilingStatus::Filed => "bg-emerald-100 text-emerald-900",
        FilingStatus::Late => "bg-amber-100 text-amber-900",
        FilingStatus::Missing => "bg-slate-100 text-slate-800",
    };
    let label = filing_status_label(status);
    view! {
        <span class=format!("whitespace-nowrap rounded-full px-3 py-1 text-sm font-medium {class}") data-testid="realisasi-status" data-status=status.code()>
            {label}
        </span>
    }
}

#[component]
fn ReportScreen(view: ReportView) -> impl IntoView {
    let title = if view.reach == Reach::Own {
        tr!(realisasi_heading_own, { "period" => view.period.name })
    } else {
        tr!(realisasi_heading_other, { "period" => view.period.name, "name" => view.employee_name })
    };
    let plan_link = if view.reach == Reach::Own {
        format!("/skp/{}", view.period.year)
    } else {
        format!("/skp/{}/pegawai/{}", view.period.year, view.employee_id)
    };
    let filed = view.filed_at.map(|at| {
        let key = if view.status == FilingStatus::Late {
            tr!(realisasi_filed_late_at, { "at" => format_wib(at) })
        } else {
            tr!(realisasi_filed_at, { "at" => format_wib(at) })
        };
        view! { <p class="text-sm text-slate-600" data-testid="realisasi-filed-at">{key}</p> }
    });
    let closed = (!view.period.open).then(|| {
        view! {
            <p class="mt-3 rounded-md border border-slate-300 bg-slate-100 p-3 text-sm" role="status" data-testid="realisasi-closed">
                {tr!(realisasi_closed, { "period" => view.period.name })}
            </p>
        }
    });
    let late = (view.can_edit && view.past_deadline && view.filed_at.is_none()).then(|| {
        view! {
            <p class="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status" data-testid="realisasi-past-deadline">
                {tr!(realisasi_past_deadline, { "deadline" => iso_in_words(&view.period.deadline) })}
            </p>
        }
    });
    let not_started = (view.can_edit && view.not_started).then(|| {
        view! {
            <p id=NOT_STARTED_ANCHOR class="mt-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900" role="status" data-testid="realisasi-not-started">
                {tr!(realisasi_not_started, { "start" => iso_in_words(&view.period.starts_on) })}
            </p>
        }
    });
    let threads = Threads::of(&view);
    let body = if view.can_edit {
        view! { <ReportForm view=view.clone() /> }.into_any()
    } else {
        view! {
            <div data-testid="realisasi-read">
                {view.rhk.iter().cloned().enumerate().map(|(n, rhk)| view! { <RhkRead rhk n=n + 1 threads /> }).collect_view()}
            </div>
        }
        .into_any()
    };
    let span = tr!(realisasi_period_span, {
        "from" => iso_in_words(&view.period.starts_on),
        "to" => iso_in_words(&view.period.ends_on),
        "deadline" => iso_in_words(&view.period.deadline),
    });
    view! {
        <PageHeader title=title>
            <p>{span}</p>
        </PageHeader>
        <div class="flex flex-wrap items-center gap-3">
            <FilingBadge status=view.status />
            {filed}
            <a href=plan_link class="text-sm text-emerald-800 underline">{move_tr!(realisasi_back_to_plan)}</a>
        </div>
        {closed}
        {late}
        {not_started}
        <Outcome view=view.clone() />
        {body}
    }
}

/// What the last post did, and what is still wrong.
#[component]
fn Outcome(view: ReportView) -> impl IntoView {
    let saved = page_has("tersimpan").then(|| view! {
        <p class="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="realisasi-saved">{move_tr!(realisasi_saved)}</p>
    });
    let filed = page_has("dilaporkan").then(|| view! {
        <p class="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="realisasi-filed">{move_tr!(realisasi_filed)}</p>
    });
    let refused = (!view.refused.is_empty()).then(|| view! {
        <div class="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="realisasi-refused">
            <p class="font-medium">{move_tr!(realisasi_refused_title)}</p>
            <ul class="list-disc pl-5">{view.refused.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
        </div>
    });
    // A form refused before anything was saved: the page shows why (the latest
    // version, a closed period), and the browser still has what was typed.
    let not_saved = match query_value_of_page("ditolak").as_deref() {
        Some("konflik") => Some(tr!(realisasi_conflict_reloaded)),
        Some("periode") => Some(tr!(realisasi_not_saved)),
        _ => None,
    }
    .map(|message| view! {
        <p class="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="realisasi-not-saved">{message}</p>
    });
    let problems = (!view.problems.is_empty()).then(|| view! {
        <div class="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="alert" data-testid="realisasi-problems">
            <p class="font-medium">{move_tr!(realisasi_problems_title)}</p>
            <ul class="list-disc pl-5">
                {view.problems.iter().map(|p| view! { <li><a class="underline" href=format!("#{}", p.field)>{p.message.clone()}</a></li> }).collect_view()}
            </ul>
        </div>
    });
    view! { {not_saved}{saved}{filed}{refused}{problems} }
}

/// The owner's form: one plain multipart form, with the evidence removals as
/// forms of their own after it (forms cannot nest; each remove button names its
/// form).
#[component]
fn ReportForm(view: ReportView) -> impl IntoView {
    let action = format!("/realisasi/{}", view.period.id);
    let removals: Vec<EvidenceItem> = view
        .rhk
        .iter()
        .flat_map(|r| r.iki.iter().flat_map(|i| i.evidence.clone()))
        .collect();
    let kualitatif = view.approach == "kualitatif";
    let threads = Threads::of(&view);
    let problems = view.problems.clone();
    let limits = tr!(realisasi_file_limits, { "max" => view.max_files, "mb" => view.max_file_mb });
    let draft_key = format!("sikap-realisasi-{}-{}", view.employee_id, view.period.id);
    let upload = UploadConfig {
        period_id: view.period.id,
        label: tr!(realisasi_files),
        uploading: tr!(realisasi_uploading),
        uploaded: tr!(realisasi_uploaded),
        failed: tr!(realisasi_upload_failed),
        ..UploadConfig::default()
    };
    view! {
        <form id="realisasi-form" method="post" action=action enctype="multipart/form-data" class="mt-2" data-testid="realisasi-form">
            <input type="hidden" name="versi" value=view.version.to_string() />
            <DraftKeeper config=DraftConfig {
                form_id: "realisasi-form".to_owned(),
                key: draft_key,
                version: view.version,
                offer_older: query_value_of_page("ditolak").is_some(),
                offer: tr!(realisasi_draft_offer, { "at" => "{at}" }),
                restore: tr!(realisasi_draft_restore),
                discard: tr!(realisasi_draft_discard),
            }.encode() />
            {view.rhk.iter().cloned().enumerate().map(|(n, rhk)| {
                let problems = problems.clone();
                let limits = limits.clone();
                let upload = upload.clone();
                view! {
                    <section class=CARD_CLASS data-testid="realisasi-rhk">
                        <RhkHeading rhk=rhk.clone() n=n + 1 />
                        <label class=format!("{LABEL_CLASS} mt-3")>
                            {move_tr!(realisasi_action)}
                            <textarea id=action_field(rhk.rhk_id) name=action_field(rhk.rhk_id) rows="2" class=INPUT_CLASS data-testid="realisasi-action"
                                placeholder=tr!(realisasi_action_placeholder)>{rhk.action.clone()}</textarea>
                        </label>
                        {rhk.iki.into_iter().map(|iki| {
                            let field_problem = |field: &str| problems.iter().find(|p| p.field == field).map(|p| p.message.clone());
                            let value_problem = field_problem(&value_field(iki.rhk_id, iki.index));
                            let target_problem = field_problem(&target_field(iki.rhk_id, iki.index))
                                .or_else(|| field_problem(&reason_field(iki.rhk_id, iki.index)));
                            view! {
                                <div class="mt-4 border-t border-slate-100 pt-4" data-testid="realisasi-iki">
                                    <IkiHeading iki=iki.clone() threads />
                                    <IkiNumbers rhk_id=iki.rhk_id index=iki.index aspek=iki.aspek.clone() kualitatif
                                        default_target=iki.default_target.clone() target=iki.target.clone() target_reason=iki.target_reason.clone()
                                        value=iki.value.clone() satuan=iki.satuan.clone() capaian=iki.capaian labels=NumberLabels::new()
                                        value_problem target_problem />
                                    <label class=format!("{LABEL_CLASS} mt-3")>
                                        {move_tr!(realisasi_account)}
                                        <textarea id=account_field(iki.rhk_id, iki.index) name=account_field(iki.rhk_id, iki.index) rows="2" class=INPUT_CLASS
                                            data-testid="realisasi-account">{iki.account.clone()}</textarea>
                                    </label>
                                    <EvidenceList items=iki.evidence.clone() removable=true threads />
                                    <fieldset class="mt-3 rounded-md border border-dashed border-slate-300 p-3">
                                        <legend class="px-1 text-sm font-medium text-slate-700">{move_tr!(realisasi_evidence_add)}</legend>
                                        <p class="text-xs text-slate-600">{limits.clone()}</p>
                                        <Uploader config=UploadConfig {
                                            rhk_id: iki.rhk_id,
                                            index: iki.index,
                                            name: file_field(iki.rhk_id, iki.index),
                                            ..upload.clone()
                                        }.encode() />
                                        <label class=format!("{LABEL_CLASS} mt-2")>
                                            {move_tr!(realisasi_link)}
                                            <input type="url" name=link_field(iki.rhk_id, iki.index) class=INPUT_CLASS placeholder="https://" data-testid="realisasi-link" />
                                        </label>
                                    </fieldset>
                                </div>
                            }
                        }).collect_view()}
                    </section>
                }
            }).collect_view()}
            <div class="sticky bottom-0 mt-4 flex flex-wrap gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
                <button type="submit" name="intent" value="simpan" class=SECONDARY_BUTTON_CLASS data-testid="realisasi-save">{move_tr!(realisasi_save)}</button>
                <button type="submit" name="intent" value="lapor" class=BUTTON_CLASS data-testid="realisasi-file">{move_tr!(realisasi_file)}</button>
            </div>
        </form>
        {removals.into_iter().map(|item| view! {
            <form id=format!("hapus-{}", item.id) method="post" action="/api/remove_evidence" class="hidden">
                <input type="hidden" name="evidence_id" value=item.id.to_string() />
            </form>
        }).collect_view()}
        <IslandScripts />
    }
}

#[component]
fn RhkHeading(rhk: RhkReport, n: usize) -> impl IntoView {
    view! {
        <h2 class="font-semibold">
            <span class="mr-2 text-slate-500">{format!("{n}.")}</span>
            {rhk.text.clone()}
            <span class="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{rhk_kind_label(&rhk.kind)}</span>
        </h2>
    }
}

#[component]
fn IkiHeading(iki: IkiReport, threads: Option<Threads>) -> impl IntoView {
    let thread = threads.map(|t| {
        let subject = Subject::Realisasi {
            employee: t.employee,
            period: t.period,
            rhk: iki.rhk_id,
            iki: iki.index,
        };
        view! { <FeedbackLink subject test_id="realisasi-feedback" /> }
    });
    view! {
        <p class="text-sm font-medium" data-testid="realisasi-indicator">{iki.indicator.clone()}</p>
        <p class="text-xs text-slate-600">
            {tr!(realisasi_iki_facts, {
                "aspek" => aspek_label(&iki.aspek),
                "target" => iki.annual_target,
                "satuan" => iki.satuan,
                "share" => iki.default_target,
            })}
            " · "
            {match iki.accumulation {
                super::rules::Accumulation::Cumulative => tr!(realisasi_cumulative),
                super::rules::Accumulation::PerPeriod => tr!(realisasi_per_period),
            }}
        </p>
        {thread}
    }
}

/// Where the threads of a saved report are, for those who may open them (the
/// employee's supervision line and the admin); `None` before the first save.
#[derive(Clone, Copy)]
struct Threads {
    employee: i64,
    period: i64,
}

impl Threads {
    fn of(view: &ReportView) -> Option<Self> {
        let in_line = matches!(
            view.reach,
            Reach::Own | Reach::Direct | Reach::Indirect | Reach::Admin
        );
        (in_line && view.version > 0).then_some(Self {
            employee: view.employee_id,
            period: view.period.id,
        })
    }
}

/// An RHK as supervisors read it: rencana aksi, each IKI's numbers, account
/// and evidence.
#[component]
fn RhkRead(rhk: RhkReport, n: usize, threads: Option<Threads>) -> impl IntoView {
    let none = tr!(realisasi_none);
    view! {
        <section class=CARD_CLASS data-testid="realisasi-rhk">
            <RhkHeading rhk=rhk.clone() n />
            <p class="mt-2 text-sm"><span class="font-medium">{move_tr!(realisasi_action)}": "</span>
                {if rhk.action.is_empty() { none.clone() } else { rhk.action.clone() }}</p>
            {rhk.iki.into_iter().map(|iki| {
                let capaian = iki.capaian.map_or_else(|| "—".to_owned(), format_capaian);
                let value = if iki.value.is_empty() { none.clone() } else { format!("{} {}", iki.value, iki.satuan) };
                let reason = (!iki.target_reason.is_empty()).then(|| view! {
                    <p class="text-xs text-slate-600">{tr!(realisasi_target_changed, { "reason" => iki.target_reason.clone() })}</p>
                });
                view! {
                    <div class="mt-4 border-t border-slate-100 pt-4" data-testid="realisasi-iki">
                        <IkiHeading iki=iki.clone() threads />
                        <dl class="mt-2 grid grid-cols-3 gap-2 text-sm">
                            <div><dt class="text-xs text-slate-500">{move_tr!(realisasi_target)}</dt><dd>{format!("{} {}", iki.target, iki.satuan)}</dd></div>
                            <div><dt class="text-xs text-slate-500">{move_tr!(realisasi_value)}</dt><dd data-testid="realisasi-value">{value}</dd></div>
                            <div><dt class="text-xs text-slate-500">{move_tr!(realisasi_capaian)}</dt><dd class="font-semibold" data-testid="realisasi-capaian">{capaian}</dd></div>
                        </dl>
                        {reason}
                        <p class="mt-2 whitespace-pre-line text-sm">{iki.account.clone()}</p>
                        <EvidenceList items=iki.evidence.clone() removable=false threads />
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

/// Human size: "2,4 MB", "18 KB".
fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{} MB",
            super::rules::format_amount((bytes as f64 / 1048576.0 * 10.0).round() / 10.0)
        )
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[component]
fn EvidenceList(
    items: Vec<EvidenceItem>,
    removable: bool,
    threads: Option<Threads>,
) -> impl IntoView {
    if items.is_empty() {
        return None;
    }
    Some(view! {
        <ul class="mt-3 space-y-2" data-testid="evidence-list">
            {items.into_iter().map(|item| {
                let link = match (&item.url, &item.sha256) {
                    (Some(url), _) => view! {
                        <a href=url.clone() rel="noopener noreferrer" target="_blank" class="break-all text-emerald-800 underline" data-testid="evidence-link">{item.label.clone()}</a>
                    }.into_any(),
                    (None, Some(_)) if item.openable => view! {
                        <a href=format!("/bukti/{}", item.id) class="break-all text-emerald-800 underline" data-testid="evidence-file">{item.label.clone()}</a>
                    }.into_any(),
                    _ => view! { <span>{item.label.clone()}</span> }.into_any(),
                };
                let preview = item.previewable.then(|| view! {
                    <a href=format!("/bukti/{}?lihat=1", item.id) target="_blank" rel="noopener noreferrer" class="text-xs text-emerald-800 underline">{move_tr!(realisasi_preview)}</a>
                });
                let facts = item.sha256.clone().map(|hash| view! {
                    <p class="text-xs text-slate-500">
                        {item.kind.clone().unwrap_or_default().to_uppercase()}" · "{size_text(item.size.unwrap_or_default())}" · SHA-256 "
                        <code class="break-all" data-testid="evidence-sha256">{hash}</code>
                    </p>
                });
                let shared = item.shared.then(|| {
                    let who = if item.also_used_by.is_empty() {
                        tr!(evidence_shared_unnamed)
                    } else {
                        tr!(evidence_shared_named, { "names" => item.also_used_by.join(", ") })
                    };
                    view! { <p class="mt-1 rounded bg-red-50 px-2 py-1 text-xs font-medium text-red-900" role="note" data-testid="evidence-shared">{who}</p> }
                });
                let remove = removable.then(|| view! {
                    <button type="submit" form=format!("hapus-{}", item.id) class="text-xs text-red-800 underline" data-testid="evidence-remove">
                        {move_tr!(realisasi_evidence_remove)}
                    </button>
                });
                view! {
                    <li class="rounded-md border border-slate-200 p-2 text-sm" data-testid="evidence-item">
                        <div class="flex flex-wrap items-center gap-x-3 gap-y-1">
                            {link}{preview}{remove}
                            {threads.map(|_| view! { <FeedbackLink subject=Subject::Bukti(item.id) test_id="evidence-feedback" /> })}
                        </div>
                        {facts}
                        {shared}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}
