//! Penilaian pages: the employee's own evaluation for a period
//! (`/skp/:year/penilaian/:period`) and someone else's
//! (`/skp/:year/pegawai/:id/penilaian/:period`): the rater's scoring form, or
//! the result to read, acknowledge, appeal or decide.
//!
//! Every form is a plain post (the ratings to `/penilaian/{period}/pegawai/{id}`,
//! the steps after to their server functions), so all of it works without WASM;
//! the `ScoringPanel` island beside the form adds the live predikat, the live
//! distribution and the autosave.

use super::api::get_evaluation;
use super::fields;
use super::live::{
    count_text, panel_state, predikat_of, PanelConfig, ScoringPanel, PREDIKAT_FILLS,
};
use super::rules::{Amount, Bound, Predikat, Rating};
use super::types::{
    AppealOutcome, EvaluationRole, EvaluationStatus, EvaluationView, PeriodicResult, RhkScore,
    ValueScore,
};
use crate::calendar::{format_wib, iso_in_words};
use crate::components::draft::{DraftConfig, DraftKeeper};
use crate::components::form::{
    error_from_url, page_has, page_value, BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS,
    SECONDARY_BUTTON_CLASS,
};
use crate::components::islands::IslandScripts;
use crate::components::params::{employee_param, period_param, year_param};
use crate::components::{AccessProblem, Loading, PageHeader, WideTable};
use crate::error::AppError;
use crate::feedback::pages::FeedbackLink;
use crate::feedback::rules::Subject;
use crate::i18n::{move_tr, tr, I18n};
use crate::realisasi::rules::format_capaian;
use crate::skp::labels::{aspek_label, rhk_kind_label};
use leptos::prelude::*;
use leptos_meta::Title;

const CARD_CLASS: &str = "mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5";
const FORM_ID: &str = "penilaian-form";
const PANEL_ID: &str = "penilaian-panel";
/// The longest text a field takes (`service::MAX_TEXT_CHARS`).
const MAX_TEXT: &str = "2000";

/// `/skp/:year/penilaian/:period`: the signed-in person's own evaluation.
#[component]
pub fn MyEvaluationPage() -> impl IntoView {
    evaluation_page(None)
}

/// `/skp/:year/pegawai/:id/penilaian/:period`: a report's, as rater or reader.
#[component]
pub fn EmployeeEvaluationPage() -> impl IntoView {
    evaluation_page(Some(employee_param()))
}

fn evaluation_page(employee: Option<Memo<Option<i64>>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year_param();
    let period = period_param();
    let periksa = page_has("periksa");
    let evaluation = Resource::new(
        move || (year.get(), period.get(), employee.map(|e| e.get())),
        move |(year, period, employee)| async move {
            match (year, period, employee) {
                (Some(_), Some(period), None) => get_evaluation(None, period, None).await,
                (Some(_), Some(period), Some(Some(id))) => {
                    get_evaluation(Some(id), period, Some(periksa)).await
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, penilaian_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match evaluation.await {
                    Ok(view) if view.period.year == year.get_untracked().unwrap_or_default() => {
                        view! { <EvaluationScreen view /> }.into_any()
                    }
                    Ok(_) => view! { <AccessProblem error=AppError::NotFound /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi".
pub fn rating_label(rating: Rating) -> String {
    match rating {
        Rating::DiAtas => tr!(penilaian_rating_di_atas),
        Rating::Sesuai => tr!(penilaian_rating_sesuai),
        Rating::DiBawah => tr!(penilaian_rating_di_bawah),
    }
}

fn rating_or_none(rating: Option<Rating>) -> String {
    rating.map_or_else(|| tr!(penilaian_not_yet), rating_label)
}

pub fn status_label(status: EvaluationStatus) -> String {
    match status {
        EvaluationStatus::Draft => tr!(penilaian_status_draft),
        EvaluationStatus::Final => tr!(penilaian_status_final),
        EvaluationStatus::Acknowledged => tr!(penilaian_status_acknowledged),
        EvaluationStatus::Appealed => tr!(penilaian_status_appealed),
        EvaluationStatus::Decided => tr!(penilaian_status_decided),
    }
}

#[component]
pub fn EvaluationBadge(status: EvaluationStatus) -> impl IntoView {
    let class = match status {
        EvaluationStatus::Draft => "bg-slate-100 text-slate-800",
        EvaluationStatus::Final | EvaluationStatus::Decided => "bg-emerald-100 text-emerald-900",
        EvaluationStatus::Acknowledged => "bg-sky-100 text-sky-900",
        EvaluationStatus::Appealed => "bg-amber-100 text-amber-900",
    };
    view! {
        <span class=format!("whitespace-nowrap rounded-full px-3 py-1 text-sm font-medium {class}") data-testid="penilaian-status" data-status=status.code()>
            {status_label(status)}
        </span>
    }
}

/// "Sangat Baik + Baik paling banyak 70%": one bound of the curve in words.
pub fn bound_sentence(bound: &Bound) -> String {
    let names = bound
        .predikats
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(" + ");
    let amount = match bound.amount {
        Amount::Percent(p) => format!("{p}%"),
        Amount::People(n) => tr!(penilaian_people, { "count" => n }),
    };
    if bound.at_most {
        tr!(penilaian_bound_at_most, { "predikats" => names, "amount" => amount })
    } else {
        tr!(penilaian_bound_at_least, { "predikats" => names, "amount" => amount })
    }
}

#[component]
fn EvaluationScreen(view: EvaluationView) -> impl IntoView {
    let own = view.role == EvaluationRole::Employee;
    let title = if own {
        tr!(penilaian_heading_own, { "period" => view.period.name })
    } else {
        tr!(penilaian_heading_other, { "period" => view.period.name, "name" => view.employee_name })
    };
    let year = view.period.year;
    let (plan_link, realisasi_link) = if own {
        (
            format!("/skp/{year}"),
            format!("/skp/{year}/realisasi/{}", view.period.id),
        )
    } else {
        (
            format!("/skp/{year}/pegawai/{}", view.employee_id),
            format!(
                "/skp/{year}/pegawai/{}/realisasi/{}",
                view.employee_id, view.period.id
            ),
        )
    };
    let document = view.evaluation_id.filter(|_| view.status != EvaluationStatus::Draft).map(|_| {
        let page = format!("/skp/{year}/pegawai/{}/penilaian/{}/dokumen", view.employee_id, view.period.id);
        let pdf = format!("{page}.pdf");
        view! {
            <a href=page class="text-sm text-emerald-800 underline" data-testid="penilaian-document-link">{move_tr!(penilaian_doc_link)}</a>
            <a href=pdf download rel="external" class="text-sm text-emerald-800 underline" data-testid="penilaian-pdf">{move_tr!(penilaian_document)}</a>
        }
    });
    let realisasi = (!view.annual).then(|| view! {
        <a href=realisasi_link class="text-sm text-emerald-800 underline">{move_tr!(penilaian_to_realisasi)}</a>
    });
    // The thread of this evaluation, for the people in it (not other readers).
    let feedback = (view.role != EvaluationRole::Reader).then(|| {
        let subject = Subject::Evaluasi {
            employee: view.employee_id,
            period: view.period.id,
        };
        view! { <FeedbackLink subject test_id="penilaian-feedback" /> }
    });
    let position = view.position_title.clone().unwrap_or_default();
    let body = if view.can_rate {
        view! { <ScoringForm view=view.clone() /> }.into_any()
    } else {
        view! { <ResultScreen view=view.clone() /> }.into_any()
    };
    view! {
        <PageHeader title=title>
            <p>{position}</p>
        </PageHeader>
        <div class="flex flex-wrap items-center gap-3">
            <EvaluationBadge status=view.status />
            <a href=plan_link class="text-sm text-emerald-800 underline">{move_tr!(realisasi_back_to_plan)}</a>
            {realisasi}
            {document}
            {feedback}
        </div>
        <Outcome view=view.clone() />
        {view.annual.then(|| view! {
            <PeriodicTable periodic=view.periodic.clone() />
            <p class="mt-2 text-sm text-slate-600" data-testid="penilaian-annual-official">{move_tr!(penilaian_annual_official)}</p>
        })}
        {body}
    }
}

/// What the last post did, and what finalising still needs.
#[component]
fn Outcome(view: EvaluationView) -> impl IntoView {
    let note = |key: &str| -> Option<String> {
        page_has(key).then(|| match key {
            "tersimpan" => tr!(penilaian_saved),
            "final" => tr!(penilaian_finalised),
            "diri" => tr!(penilaian_self_saved),
            "dibaca" => tr!(penilaian_acknowledged),
            "keberatan" => tr!(penilaian_appeal_filed),
            _ => tr!(penilaian_decided),
        })
    };
    let notes: Vec<String> = [
        "tersimpan",
        "final",
        "diri",
        "dibaca",
        "keberatan",
        "diputuskan",
    ]
    .into_iter()
    .filter_map(note)
    .collect();
    let refused = (page_value("ditolak").as_deref() == Some("konflik")).then(|| view! {
        <p class="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="penilaian-conflict">{move_tr!(penilaian_conflict_reloaded)}</p>
    });
    let errors: Vec<String> = [
        "/api/acknowledge_evaluation",
        "/api/file_keberatan",
        "/api/decide_keberatan",
    ]
    .into_iter()
    .filter_map(|path| error_from_url(path).get_untracked())
    .map(|e| e.to_string())
    .collect();
    let problems = (!view.problems.is_empty()).then(|| view! {
        <div class="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="alert" data-testid="penilaian-problems">
            <p class="font-medium">{move_tr!(penilaian_problems_title)}</p>
            <ul class="list-disc pl-5">
                {view.problems.iter().map(|p| view! { <li><a class="underline" href=format!("#{}", p.field)>{p.message.clone()}</a></li> }).collect_view()}
            </ul>
        </div>
    });
    view! {
        {notes.into_iter().map(|n| view! {
            <p class="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="penilaian-notice">{n}</p>
        }).collect_view()}
        {refused}
        {errors.into_iter().map(|e| view! {
            <p class="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="penilaian-error">{e}</p>
        }).collect_view()}
        {problems}
    }
}

/// The texts the live panel writes, in the order of `live::text`.
fn panel_texts() -> Vec<String> {
    let mut texts: Vec<String> = [Rating::DiAtas, Rating::Sesuai, Rating::DiBawah]
        .map(rating_label)
        .into();
    texts.extend([
        tr!(penilaian_not_yet),
        tr!(penilaian_suggestion, { "rating" => "{rating}" }),
        tr!(penilaian_counted, { "total" => "{total}" }),
        tr!(penilaian_autosave_saving),
        tr!(penilaian_autosave_saved, { "at" => "{at}" }),
        tr!(penilaian_autosave_failed),
        tr!(penilaian_live_updated),
    ]);
    texts
}

/// The predikat panel and the unit's kurva distribusi, as the server renders
/// them from what is saved (right without WASM); the `ScoringPanel` island
/// writes into the parts marked `data-live` as ratings change.
#[component]
fn ScoringPanelView(view: EvaluationView) -> impl IntoView {
    let year = view.period.year;
    let mine = predikat_of(view.hasil_kerja, view.perilaku);
    let (d, broken) = panel_state(view.panel.others, mine, &view.panel.bounds);
    let suggestion = view.leader.map(|(_, r)| r).or(view.suggested_hasil_kerja);
    let unit_result = match view.panel.unit_predikat {
        Some(p) => tr!(penilaian_unit_result, { "year" => year, "predikat" => p.name() }),
        None => tr!(penilaian_unit_result_none, { "year" => year }),
    };
    let has_curve = !view.panel.bounds.is_empty();
    view! {
        <div class="rounded-xl border border-emerald-200 bg-emerald-50 p-4" data-testid="predikat-panel">
            <h2 class="text-sm font-medium text-emerald-900">{move_tr!(penilaian_predikat)}</h2>
            <output class="mt-1 block text-2xl font-bold text-emerald-950" aria-live="polite" data-live="predikat" data-testid="predikat-live">
                {mine.map_or_else(|| tr!(penilaian_not_yet), |p| p.name().to_owned())}
            </output>
            <dl class="mt-2 grid grid-cols-2 gap-1 text-sm">
                <dt class="text-slate-600">{move_tr!(penilaian_hasil_kerja)}</dt>
                <dd class="font-medium" data-live="hasil-kerja" data-testid="hasil-kerja-live">{rating_or_none(view.hasil_kerja)}</dd>
                <dt class="text-slate-600">{move_tr!(penilaian_perilaku)}</dt>
                <dd class="font-medium" data-live="perilaku">{rating_or_none(view.perilaku)}</dd>
            </dl>
            <p class="mt-2 text-sm text-emerald-900" data-live="suggestion" data-testid="suggestion-live">
                {tr!(penilaian_suggestion, { "rating" => rating_or_none(suggestion) })}
            </p>
            <p class="mt-1 text-xs text-slate-600" aria-live="polite" data-live="autosave" data-testid="autosave-note"></p>
        </div>
        <div class="mt-4 rounded-xl border border-slate-200 bg-white p-4" data-testid="distribution-panel">
            <h2 class="text-sm font-medium text-slate-800">{tr!(penilaian_distribution_title, { "unit" => view.panel.unit_name.clone() })}</h2>
            <p class="text-xs text-slate-600">{unit_result}</p>
            <ul class="mt-3 space-y-2" data-testid="distribution-bars">
                {Predikat::ALL.iter().map(|&p| view! {
                    <li class="text-sm" data-predikat=p.code()>
                        <div class="flex justify-between">
                            <span>{p.name()}</span>
                            <span class="tabular-nums" data-live="count" data-testid="distribution-count">{count_text(&d, p)}</span>
                        </div>
                        // SVG geometry, not an inline style: the CSP allows no inline styles.
                        <svg class="mt-1 block h-2 w-full rounded bg-slate-100" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                            <rect class=PREDIKAT_FILLS[p as usize] data-live="bar" width=d.percent(p).max(1).to_string() height="1" />
                        </svg>
                    </li>
                }).collect_view()}
            </ul>
            <p class="mt-2 text-xs text-slate-600" data-live="total" data-testid="distribution-total">
                {tr!(penilaian_counted, { "total" => d.total() })}
            </p>
            <p class="mt-2 text-sm text-emerald-800" data-live="within" data-testid="curve-within" hidden=!(has_curve && broken.is_empty())>
                {move_tr!(penilaian_within)}
            </p>
            <div class="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" role="status" data-live="breach" data-testid="curve-breach" hidden=broken.is_empty()>
                <p class="font-medium">{move_tr!(penilaian_breach_title)}</p>
                <ul class="list-disc pl-5">
                    {view.panel.bounds.iter().enumerate().map(|(i, bound)| view! {
                        <li data-bound=i.to_string() hidden=!broken.contains(&i)>{bound_sentence(bound)}</li>
                    }).collect_view()}
                </ul>
            </div>
            <p class="mt-2 text-xs text-sky-800" aria-live="polite" data-live="live-note" data-testid="distribution-live-note"></p>
        </div>
    }
}

/// A radio group of the three ratings; `current` is checked.
#[component]
fn RatingChoice(
    name: String,
    legend: String,
    current: Option<Rating>,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    view! {
        <fieldset id=name.clone() class="mt-3" data-testid=test_id>
            <legend class="text-sm font-medium text-slate-700">{legend}</legend>
            <div class="mt-1 flex flex-wrap gap-2">
                {[Rating::DiAtas, Rating::Sesuai, Rating::DiBawah].into_iter().map(|r| {
                    let id = fields::choice_id(&name, r.code());
                    view! {
                        <label for=id.clone() class="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50">
                            <input type="radio" id=id.clone() name=name.clone() value=r.code() checked=current == Some(r) class="h-4 w-4 accent-emerald-700" />
                            {rating_label(r)}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// An RHK's heading and, per IKI, what was planned and delivered.
#[component]
fn RhkFacts(rhk: RhkScore, n: usize) -> impl IntoView {
    let kind = if rhk.utama { "utama" } else { "tambahan" };
    let none = tr!(realisasi_none);
    view! {
        <h2 class="font-semibold">
            <span class="mr-2 text-slate-500">{format!("{n}.")}</span>
            {rhk.text.clone()}
            <span class="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{rhk_kind_label(kind)}</span>
        </h2>
        <WideTable class="mt-1">
            <table class="w-full min-w-[32rem] text-left text-sm">
                <thead class="text-xs text-slate-500">
                    <tr>
                        <th class="py-1 pr-2 font-medium">{move_tr!(penilaian_iki)}</th>
                        <th class="py-1 pr-2 font-medium">{move_tr!(realisasi_target)}</th>
                        <th class="py-1 pr-2 font-medium">{move_tr!(realisasi_value)}</th>
                        <th class="py-1 pr-2 font-medium">{move_tr!(realisasi_capaian)}</th>
                        <th class="py-1 font-medium">{move_tr!(penilaian_evidence)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rhk.iki.into_iter().map(|iki| {
                        let value = if iki.value.is_empty() { none.clone() } else { format!("{} {}", iki.value, iki.satuan) };
                        let account = (!iki.account.is_empty()).then(|| view! { <p class="text-xs text-slate-600">{iki.account.clone()}</p> });
                        view! {
                            <tr class="border-t border-slate-100 align-top" data-testid="penilaian-iki">
                                <td class="py-1 pr-2">{iki.indicator.clone()}<span class="block text-xs text-slate-500">{aspek_label(&iki.aspek)}</span>{account}</td>
                                <td class="py-1 pr-2 tabular-nums">{format!("{} {}", iki.target, iki.satuan)}</td>
                                <td class="py-1 pr-2 tabular-nums">{value}</td>
                                <td class="py-1 pr-2 font-semibold tabular-nums">{iki.capaian.map_or_else(|| "—".to_owned(), format_capaian)}</td>
                                <td class="py-1 tabular-nums">{iki.evidence}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </WideTable>
    }
}

/// What the employee wrote about an RHK, beside the rater's rating.
#[component]
fn SelfAssessmentNote(rhk: RhkScore) -> impl IntoView {
    rhk.self_rating.map(|rating| view! {
        <p class="mt-2 rounded-md bg-sky-50 p-2 text-sm text-sky-900" data-testid="penilaian-self-view">
            {tr!(penilaian_self_by_employee, { "rating" => rating_label(rating) })}
            {(!rhk.self_note.is_empty()).then(|| format!(": {}", rhk.self_note))}
        </p>
    })
}

#[component]
fn ValueHeading(value: ValueScore) -> impl IntoView {
    let expectation = (!value.expectation.is_empty()).then(|| view! {
        <p class="mt-1 text-sm text-slate-700">{tr!(penilaian_expectation, { "text" => value.expectation.clone() })}</p>
    });
    view! {
        <h3 class="font-medium">{value.name.clone()}</h3>
        <ul class="mt-1 list-disc pl-5 text-xs text-slate-600">
            {value.guides.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}
        </ul>
        {expectation}
    }
}

/// The rater's form: per RHK and per value a rating and umpan balik, then the
/// two overall ratings; the live panel beside it.
#[component]
fn ScoringForm(view: EvaluationView) -> impl IntoView {
    let action = format!("/penilaian/{}/pegawai/{}", view.period.id, view.employee_id);
    let stream = format!(
        "/langsung/penilaian/{}/pegawai/{}",
        view.period.id, view.employee_id
    );
    let leader_note = view.leader.map(|(unit, rating)| view! {
        <p class="mt-2 rounded-md bg-sky-50 p-2 text-sm text-sky-900" data-testid="penilaian-leader">
            {tr!(penilaian_leader_note, { "predikat" => unit.name(), "rating" => rating_label(rating) })}
        </p>
    });
    let suggestion = view.leader.map(|(_, r)| r).or(view.suggested_hasil_kerja);
    let draft_key = format!("sikap-penilaian-{}-{}", view.employee_id, view.period.id);
    view! {
        <div class="mt-2 lg:grid lg:grid-cols-[1fr_20rem] lg:gap-6">
            <form id=FORM_ID method="post" action=action.clone() data-testid="penilaian-form">
                <input type="hidden" name=fields::VERSION value=view.version.to_string() />
                <DraftKeeper config=DraftConfig {
                form_id: FORM_ID.to_owned(),
                key: draft_key,
                version: view.version,
                offer_older: page_value("ditolak").is_some(),
                offer: tr!(realisasi_draft_offer, { "at" => "{at}" }),
                restore: tr!(realisasi_draft_restore),
                discard: tr!(realisasi_draft_discard),
            }.encode() />
                <h2 class="mt-4 text-lg font-semibold">{move_tr!(penilaian_rhk_section)}</h2>
                {view.rhk.iter().cloned().enumerate().map(|(n, rhk)| {
                    let name = fields::rhk_rating(rhk.rhk_id);
                    let feedback = fields::rhk_feedback(rhk.rhk_id);
                    view! {
                        <section class=CARD_CLASS data-testid="penilaian-rhk">
                            <RhkFacts rhk=rhk.clone() n=n + 1 />
                            <SelfAssessmentNote rhk=rhk.clone() />
                            <RatingChoice name legend=tr!(penilaian_rhk_rating) current=rhk.rating test_id="penilaian-rhk-rating" />
                            <label class=format!("{LABEL_CLASS} mt-3")>
                                {tr!(penilaian_feedback_hint)}
                                <textarea maxlength=MAX_TEXT id=feedback.clone() name=feedback rows="2" class=INPUT_CLASS data-testid="penilaian-rhk-feedback">{rhk.feedback.clone()}</textarea>
                            </label>
                        </section>
                    }
                }).collect_view()}
                <section class=CARD_CLASS data-testid="penilaian-hasil-kerja">
                    <RatingChoice name=fields::HASIL_KERJA.to_owned() legend=tr!(penilaian_hasil_kerja) current=view.hasil_kerja test_id="penilaian-hasil-kerja-rating" />
                    {leader_note}
                    <p class="mt-2 text-sm text-slate-600">{tr!(penilaian_suggestion, { "rating" => rating_or_none(suggestion) })}</p>
                    <label class=format!("{LABEL_CLASS} mt-3")>
                        {tr!(penilaian_hasil_kerja_reason_hint)}
                        <textarea maxlength=MAX_TEXT id=fields::HASIL_KERJA_REASON name=fields::HASIL_KERJA_REASON rows="2" class=INPUT_CLASS>{view.hasil_kerja_reason.clone()}</textarea>
                    </label>
                </section>
                <h2 class="mt-6 text-lg font-semibold">{move_tr!(penilaian_values_section)}</h2>
                {view.values.iter().map(|value| {
                    let name = fields::value_rating(&value.code);
                    let feedback = fields::value_feedback(&value.code);
                    view! {
                        <section class=CARD_CLASS data-testid="penilaian-value">
                            <ValueHeading value=value.clone() />
                            <RatingChoice name legend=tr!(penilaian_value_rating) current=value.rating test_id="penilaian-value-rating" />
                            <label class=format!("{LABEL_CLASS} mt-3")>
                                {tr!(penilaian_feedback_hint)}
                                <textarea maxlength=MAX_TEXT id=feedback.clone() name=feedback rows="2" class=INPUT_CLASS>{value.feedback.clone()}</textarea>
                            </label>
                        </section>
                    }
                }).collect_view()}
                <section class=CARD_CLASS data-testid="penilaian-perilaku">
                    <RatingChoice name=fields::PERILAKU.to_owned() legend=tr!(penilaian_perilaku) current=view.perilaku test_id="penilaian-perilaku-rating" />
                </section>
                <p class="mt-4 text-sm text-slate-600">{move_tr!(penilaian_finalise_hint)}</p>
                <div class="sticky bottom-0 mt-2 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
                    // The predikat in view on a phone, where the panel is below the form.
                    <p class="w-full text-sm lg:hidden" aria-hidden="true">
                        {move_tr!(penilaian_predikat)}": "
                        <strong data-live="predikat-bar" data-testid="predikat-bar">
                            {predikat_of(view.hasil_kerja, view.perilaku).map_or_else(|| tr!(penilaian_not_yet), |p| p.name().to_owned())}
                        </strong>
                    </p>
                    <button type="submit" name=fields::ACTION value="simpan" class=SECONDARY_BUTTON_CLASS data-testid="penilaian-save">{move_tr!(penilaian_save)}</button>
                    <button type="submit" name=fields::ACTION value="final" class=BUTTON_CLASS data-testid="penilaian-finalise">{move_tr!(penilaian_finalise)}</button>
                </div>
            </form>
            <aside id=PANEL_ID class="mt-4 lg:sticky lg:top-4 lg:self-start">
                <ScoringPanelView view=view.clone() />
                <ScoringPanel config=PanelConfig {
                    form_id: FORM_ID.to_owned(),
                    panel_id: PANEL_ID.to_owned(),
                    save_url: action,
                    stream_url: stream,
                    others: view.panel.others,
                    leader: view.leader.map(|(_, r)| r),
                    rhk_utama: view.rhk.iter().map(|r| (r.rhk_id, r.utama)).collect(),
                    bounds: view.panel.bounds.clone(),
                    texts: panel_texts(),
                }.encode() />
            </aside>
        </div>
        <IslandScripts />
    }
}

/// The evaluation as the employee and readers see it, with the steps each may take.
#[component]
fn ResultScreen(view: EvaluationView) -> impl IntoView {
    if view.status == EvaluationStatus::Draft {
        let self_form = view
            .can_self_assess
            .then(|| view! { <SelfAssessmentForm view=view.clone() /> });
        let self_read =
            (!view.can_self_assess && view.role == EvaluationRole::Employee).then(|| {
                view.rhk
                    .iter()
                    .cloned()
                    .map(|rhk| view! { <SelfAssessmentNote rhk /> })
                    .collect_view()
            });
        return view! {
            <p class="mt-4 rounded-md border border-slate-300 bg-slate-100 p-3 text-sm" role="status" data-testid="penilaian-waiting">{move_tr!(penilaian_waiting)}</p>
            {self_form}
            {self_read}
        }
        .into_any();
    }
    let finalised = match (&view.rated_by, view.finalised_at) {
        (Some(name), Some(at)) => {
            Some(tr!(penilaian_rated_by, { "name" => name.clone(), "at" => format_wib(at) }))
        }
        _ => None,
    };
    let acknowledged = view
        .acknowledged_at
        .map(|at| tr!(penilaian_acknowledged_at, { "at" => format_wib(at) }));
    view! {
        <section class=CARD_CLASS data-testid="penilaian-result">
            <p class="text-sm text-slate-600">{move_tr!(penilaian_predikat)}</p>
            <p class="text-2xl font-bold text-emerald-950" data-testid="penilaian-predikat">{view.predikat.map_or_else(|| tr!(penilaian_not_yet), |p| p.name().to_owned())}</p>
            <dl class="mt-2 grid gap-1 text-sm sm:grid-cols-2">
                <dt class="text-slate-600">{move_tr!(penilaian_hasil_kerja)}</dt>
                <dd class="font-medium" data-testid="penilaian-hasil-kerja-value">{rating_or_none(view.hasil_kerja)}</dd>
                <dt class="text-slate-600">{move_tr!(penilaian_perilaku)}</dt>
                <dd class="font-medium" data-testid="penilaian-perilaku-value">{rating_or_none(view.perilaku)}</dd>
            </dl>
            {(!view.hasil_kerja_reason.is_empty()).then(|| view! {
                <p class="mt-2 text-sm">{tr!(penilaian_reason_read, { "text" => view.hasil_kerja_reason.clone() })}</p>
            })}
            <p class="mt-2 text-xs text-slate-600">{finalised}</p>
            <p class="text-xs text-slate-600" data-testid="penilaian-acknowledged-at">{acknowledged}</p>
        </section>
        <AfterRating view=view.clone() />
        <h2 class="mt-6 text-lg font-semibold">{move_tr!(penilaian_rhk_section)}</h2>
        {view.rhk.iter().cloned().enumerate().map(|(n, rhk)| view! {
            <section class=CARD_CLASS data-testid="penilaian-rhk">
                <RhkFacts rhk=rhk.clone() n=n + 1 />
                <SelfAssessmentNote rhk=rhk.clone() />
                <p class="mt-2 text-sm"><span class="font-medium">{move_tr!(penilaian_rhk_rating)}": "</span>{rating_or_none(rhk.rating)}</p>
                {(!rhk.feedback.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm" data-testid="penilaian-feedback">{rhk.feedback.clone()}</p> })}
            </section>
        }).collect_view()}
        <h2 class="mt-6 text-lg font-semibold">{move_tr!(penilaian_values_section)}</h2>
        {view.values.iter().map(|value| view! {
            <section class=CARD_CLASS data-testid="penilaian-value">
                <ValueHeading value=value.clone() />
                <p class="mt-2 text-sm"><span class="font-medium">{move_tr!(penilaian_value_rating)}": "</span>{rating_or_none(value.rating)}</p>
                {(!value.feedback.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm">{value.feedback.clone()}</p> })}
            </section>
        }).collect_view()}
    }
    .into_any()
}

/// Acknowledge, keberatan, the decision, and both versions once decided.
#[component]
fn AfterRating(view: EvaluationView) -> impl IntoView {
    let id = view.evaluation_id.unwrap_or_default().to_string();
    let acknowledge = view.can_acknowledge.then(|| view! {
        <form method="post" action="/api/acknowledge_evaluation" class="mt-4">
            <input type="hidden" name="evaluation_id" value=id.clone() />
            <button type="submit" class=BUTTON_CLASS data-testid="penilaian-acknowledge">{move_tr!(penilaian_acknowledge)}</button>
        </form>
    });
    let appeal_form = view.can_appeal.then(|| view! {
        <form method="post" action="/api/file_keberatan" class=CARD_CLASS data-testid="penilaian-appeal-form">
            <h2 class="font-semibold">{move_tr!(penilaian_appeal_title)}</h2>
            <p class="mt-1 text-sm text-slate-600">{tr!(penilaian_appeal_hint, { "until" => view.appeal_until.as_deref().map(iso_in_words).unwrap_or_default() })}</p>
            <input type="hidden" name="evaluation_id" value=id.clone() />
            <label class=format!("{LABEL_CLASS} mt-3")>
                {move_tr!(penilaian_appeal_reasons)}
                <textarea maxlength=MAX_TEXT name=fields::APPEAL_REASONS rows="3" required class=INPUT_CLASS data-testid="penilaian-appeal-reasons"></textarea>
            </label>
            <button type="submit" class=format!("{SECONDARY_BUTTON_CLASS} mt-3") data-testid="penilaian-appeal">{move_tr!(penilaian_appeal_submit)}</button>
        </form>
    });
    let history = view.appeal.clone().map(|appeal| {
        let outcome = match appeal.outcome {
            None => tr!(penilaian_appeal_pending),
            Some(AppealOutcome::Upheld) => tr!(penilaian_appeal_upheld),
            Some(AppealOutcome::Changed) => tr!(penilaian_appeal_changed),
        };
        let decided = match (&appeal.decided_by, appeal.decided_at) {
            (Some(name), Some(at)) => Some(tr!(penilaian_decided_by, { "name" => name.clone(), "at" => format_wib(at) })),
            _ => None,
        };
        let predikat = |p: Option<Predikat>| p.map_or_else(|| tr!(penilaian_not_yet), |p| p.name().to_owned());
        let original = appeal.original.clone();
        view! {
            <section class=CARD_CLASS data-testid="penilaian-appeal-history">
                <h2 class="font-semibold">{move_tr!(penilaian_appeal_title)}</h2>
                <p class="text-xs text-slate-600">{tr!(penilaian_appeal_filed_at, { "at" => format_wib(appeal.filed_at) })}</p>
                <p class="mt-1 whitespace-pre-line text-sm">{appeal.reasons.clone()}</p>
                <p class="mt-3 font-medium" data-testid="penilaian-appeal-outcome">{outcome}</p>
                {appeal.decision.clone().map(|d| view! { <p class="whitespace-pre-line text-sm">{d}</p> })}
                <p class="text-xs text-slate-600">{decided}</p>
                <div class="mt-3 overflow-x-auto">
                    <table class="w-full text-left text-sm" data-testid="penilaian-versions">
                        <thead class="text-xs text-slate-500">
                            <tr><th class="py-1 pr-2"></th><th class="py-1 pr-2 font-medium">{move_tr!(penilaian_version_original)}</th><th class="py-1 font-medium">{move_tr!(penilaian_version_current)}</th></tr>
                        </thead>
                        <tbody>
                            <tr class="border-t border-slate-100"><th class="py-1 pr-2 font-medium">{move_tr!(penilaian_hasil_kerja)}</th><td class="py-1 pr-2">{rating_or_none(original.hasil_kerja)}</td><td class="py-1">{rating_or_none(view.hasil_kerja)}</td></tr>
                            <tr class="border-t border-slate-100"><th class="py-1 pr-2 font-medium">{move_tr!(penilaian_perilaku)}</th><td class="py-1 pr-2">{rating_or_none(original.perilaku)}</td><td class="py-1">{rating_or_none(view.perilaku)}</td></tr>
                            <tr class="border-t border-slate-100"><th class="py-1 pr-2 font-medium">{move_tr!(penilaian_predikat)}</th><td class="py-1 pr-2" data-testid="penilaian-original-predikat">{predikat(original.predikat)}</td><td class="py-1" data-testid="penilaian-current-predikat">{predikat(view.predikat)}</td></tr>
                        </tbody>
                    </table>
                </div>
            </section>
        }
    });
    let decide = view.can_decide.then(|| view! {
        <form method="post" action="/api/decide_keberatan" class=CARD_CLASS data-testid="penilaian-decide-form">
            <h2 class="font-semibold">{move_tr!(penilaian_decide_title)}</h2>
            <input type="hidden" name="evaluation_id" value=id.clone() />
            <fieldset class="mt-2 flex flex-wrap gap-3">
                <label class="flex min-h-11 items-center gap-2 text-sm"><input type="radio" name="hasil" value="tetap" checked class="h-4 w-4 accent-emerald-700" data-testid="penilaian-decide-keep" />{move_tr!(penilaian_decide_keep)}</label>
                <label class="flex min-h-11 items-center gap-2 text-sm"><input type="radio" name="hasil" value="ubah" class="h-4 w-4 accent-emerald-700" data-testid="penilaian-decide-change" />{move_tr!(penilaian_decide_change)}</label>
            </fieldset>
            <RatingChoice name=fields::HASIL_KERJA.to_owned() legend=tr!(penilaian_hasil_kerja) current=view.hasil_kerja test_id="penilaian-decide-hasil-kerja" />
            <RatingChoice name=fields::PERILAKU.to_owned() legend=tr!(penilaian_perilaku) current=view.perilaku test_id="penilaian-decide-perilaku" />
            <label class=format!("{LABEL_CLASS} mt-3")>
                {move_tr!(penilaian_decision)}
                <textarea maxlength=MAX_TEXT name=fields::DECISION rows="3" required class=INPUT_CLASS data-testid="penilaian-decision"></textarea>
            </label>
            <button type="submit" class=format!("{BUTTON_CLASS} mt-3") data-testid="penilaian-decide">{move_tr!(penilaian_decide_submit)}</button>
        </form>
    });
    view! { {acknowledge}{history}{appeal_form}{decide} }
}

/// The employee's self-assessment per RHK, before the rater starts.
#[component]
fn SelfAssessmentForm(view: EvaluationView) -> impl IntoView {
    let action = format!("/penilaian/{}/diri", view.period.id);
    view! {
        <form method="post" action=action class="mt-4" data-testid="penilaian-self-form">
            <h2 class="text-lg font-semibold">{move_tr!(penilaian_self_title)}</h2>
            <p class="text-sm text-slate-600">{move_tr!(penilaian_self_hint)}</p>
            {view.rhk.iter().cloned().enumerate().map(|(n, rhk)| {
                let note = fields::self_note(rhk.rhk_id);
                view! {
                    <section class=CARD_CLASS>
                        <RhkFacts rhk=rhk.clone() n=n + 1 />
                        <RatingChoice name=fields::self_rating(rhk.rhk_id) legend=tr!(penilaian_self_rating) current=rhk.self_rating test_id="penilaian-self-rating" />
                        <label class=format!("{LABEL_CLASS} mt-3")>
                            {move_tr!(penilaian_self_note)}
                            <textarea maxlength=MAX_TEXT id=note.clone() name=note rows="2" class=INPUT_CLASS>{rhk.self_note.clone()}</textarea>
                        </label>
                    </section>
                }
            }).collect_view()}
            <button type="submit" class=format!("{BUTTON_CLASS} mt-4") data-testid="penilaian-self-save">{move_tr!(penilaian_self_save)}</button>
        </form>
    }
}

/// The annual evaluation: the year's periodic predikat side by side.
#[component]
fn PeriodicTable(periodic: Vec<PeriodicResult>) -> impl IntoView {
    view! {
        <section class=CARD_CLASS data-testid="penilaian-periodic">
            <h2 class="font-semibold">{move_tr!(penilaian_periodic_title)}</h2>
            <div class="mt-2 grid gap-2 sm:grid-cols-4">
                {periodic.into_iter().map(|p| view! {
                    <div class="rounded-md border border-slate-200 p-2 text-sm">
                        <p class="text-xs text-slate-500">{p.period.clone()}</p>
                        <p class="font-semibold">{p.predikat.map_or_else(|| tr!(penilaian_not_yet), |x| x.name().to_owned())}</p>
                        <p class="text-xs text-slate-600">{p.status.map(status_label).unwrap_or_default()}</p>
                    </div>
                }).collect_view()}
            </div>
        </section>
    }
}
