//! `/skp/:year/pegawai/:id/penilaian/:period/dokumen`: the Dokumen Evaluasi
//! Kinerja Pegawai in the official layout, for the screen and for paper
//! (navigation hides when printing), with the PDF link.

use super::api::get_evaluation_document;
use super::types::{DocumentRhkResult, EvaluationDocument};
use crate::components::params::{employee_param, period_param};
use crate::components::{AccessProblem, Loading, WideTable};
use crate::i18n::{move_tr, tr, I18n};
use crate::skp::document::pages::{DocumentActions, IdentityRows, CELL};
use crate::skp::document::types::Signatory;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EvaluationDocumentPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let employee = employee_param();
    let period = period_param();
    let document = Resource::new(
        move || (employee.get(), period.get()),
        |(id, period)| async move {
            match (id, period) {
                (Some(id), Some(period)) => get_evaluation_document(id, period).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, penilaian_doc_page) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match document.await {
                    Ok(doc) => view! { <Document doc /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// "RATING HASIL KERJA: SESUAI EKSPEKTASI" as a line of the form.
#[component]
fn Verdict(label: String, value: String, #[prop(optional)] test_id: &'static str) -> impl IntoView {
    let value = if value.is_empty() {
        "—".to_owned()
    } else {
        value.to_uppercase()
    };
    view! {
        <p class="mt-2"><span class="font-bold">{format!("{label}: ")}</span><span data-testid=test_id>{value}</span></p>
    }
}

#[component]
fn Document(doc: EvaluationDocument) -> impl IntoView {
    let pdf = format!(
        "/skp/{}/pegawai/{}/penilaian/{}/dokumen.pdf",
        doc.year, doc.employee_id, doc.period_id
    );
    let heading = if doc.is_jpt {
        tr!(doc_heading_jpt)
    } else {
        tr!(doc_heading_other)
    };
    let context_title = if doc.is_jpt {
        tr!(doc_context_jpt)
    } else {
        tr!(doc_context_other)
    };
    let draft_note = (!doc.finalised).then(|| view! {
        <p class="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 print:border-slate-400 print:bg-white" data-testid="penilaian-document-draft">
            {move_tr!(penilaian_doc_draft)}
        </p>
    });
    let (utama, tambahan): (Vec<DocumentRhkResult>, Vec<DocumentRhkResult>) =
        doc.rhk.iter().cloned().partition(|r| r.kind == "Utama");
    let periodic = (!doc.periodic.is_empty()).then(|| view! {
        <table class="mt-4 w-full border-collapse" data-testid="penilaian-document-periodic">
            <thead><tr><th class=CELL colspan="2">{tr!(penilaian_doc_periodic)}</th></tr></thead>
            <tbody>
                {doc.periodic.iter().map(|(period, predikat)| view! {
                    <tr><td class=CELL>{period.clone()}</td><td class=CELL>{if predikat.is_empty() { "—".to_owned() } else { predikat.clone() }}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    });
    let appeal = doc.appeal.clone().map(|a| {
        view! {
            <section class="mt-4 break-inside-avoid" data-testid="penilaian-document-appeal">
                <h2 class="font-bold">{tr!(penilaian_doc_appeal)}</h2>
                <p class="whitespace-pre-line">{a.reasons}</p>
                <p class="mt-1 font-bold">{a.outcome}</p>
                <p class="whitespace-pre-line">{a.decision}</p>
                <p>{tr!(penilaian_doc_original_predikat, { "predikat" => a.original_predikat })}</p>
            </section>
        }
    });
    view! {
        <DocumentActions pdf test_id="penilaian-document-pdf" />
        <WideTable class="print:overflow-visible">
        <article class="mx-auto min-w-[36rem] max-w-5xl bg-white p-6 text-[13px] leading-snug text-black shadow-sm print:p-0 print:shadow-none" data-testid="penilaian-document">
            {draft_note}
            <header class="text-center font-bold">
                <h1>{tr!(penilaian_doc_title)}</h1>
                <p>{tr!(doc_approach, { "approach" => doc.approach.to_uppercase() })}</p>
                <p>{heading}</p>
                <p>{tr!(penilaian_doc_period_kind, { "period" => doc.period_name.to_uppercase() })}</p>
            </header>
            <div class="mt-3 flex justify-between gap-4">
                <p>{doc.instansi.to_uppercase()}</p>
                <p>{tr!(doc_period, { "period" => doc.period.to_uppercase() })}</p>
            </div>
            <table class="mt-2 w-full border-collapse">
                <thead>
                    <tr>
                        <th class=CELL>{tr!(doc_number)}</th><th class=CELL colspan="2">{tr!(doc_pegawai)}</th>
                        <th class=CELL>{tr!(doc_number)}</th><th class=CELL colspan="2">{tr!(doc_penilai)}</th>
                    </tr>
                </thead>
                <tbody>
                    <IdentityRows pegawai=doc.pegawai.clone() penilai=doc.penilai.clone().unwrap_or_default() />
                </tbody>
            </table>
            <Verdict label=tr!(penilaian_doc_unit_result) value=doc.unit_predikat.clone() />
            <table class="mt-4 w-full border-collapse" data-testid="penilaian-document-hasil">
                <thead>
                    <tr><th class=CELL colspan="8">{tr!(doc_hasil)}</th></tr>
                    <tr>
                        <th class=CELL>{tr!(doc_number)}</th>
                        <th class=CELL>{context_title}</th>
                        <th class=CELL>{tr!(doc_rhk)}</th>
                        <th class=CELL>{tr!(doc_aspek)}</th>
                        <th class=CELL>{tr!(doc_iki)}</th>
                        <th class=CELL>{tr!(doc_target)}</th>
                        <th class=CELL>{tr!(penilaian_doc_realisasi_col)}</th>
                        <th class=CELL>{tr!(penilaian_doc_feedback_col)}</th>
                    </tr>
                </thead>
                <tbody>
                    <ResultRows title=tr!(doc_utama) rows=utama />
                    <ResultRows title=tr!(doc_tambahan) rows=tambahan />
                </tbody>
            </table>
            <Verdict label=tr!(penilaian_doc_hasil_kerja) value=doc.hasil_kerja.clone() test_id="penilaian-document-hasil-kerja" />
            {(!doc.hasil_kerja_reason.is_empty()).then(|| view! { <p>{tr!(penilaian_reason_read, { "text" => doc.hasil_kerja_reason.clone() })}</p> })}
            <table class="mt-4 w-full border-collapse">
                <thead>
                    <tr><th class=CELL colspan="4">{tr!(doc_perilaku)}</th></tr>
                    <tr>
                        <th class=CELL>{tr!(doc_number)}</th><th class=CELL>{tr!(doc_perilaku_col)}</th>
                        <th class=CELL>{tr!(doc_expectation)}</th><th class=CELL>{tr!(penilaian_doc_feedback_col)}</th>
                    </tr>
                </thead>
                <tbody>
                    {doc.perilaku.iter().enumerate().map(|(i, v)| view! {
                        <tr>
                            <td class=CELL>{i + 1}</td>
                            <td class=CELL>
                                <strong>{v.name.clone()}</strong>
                                <ul class="list-disc pl-5">{v.guides.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}</ul>
                            </td>
                            <td class=CELL>{v.expectation.clone()}</td>
                            <td class=CELL><Feedback rating=v.rating.clone() feedback=v.feedback.clone() /></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Verdict label=tr!(penilaian_doc_perilaku) value=doc.perilaku_rating.clone() />
            <Verdict label=tr!(penilaian_doc_predikat) value=doc.predikat.clone() test_id="penilaian-document-predikat" />
            {periodic}
            {appeal}
            <Signatures doc=doc.clone() />
        </article>
        </WideTable>
    }
}

/// A rating and its umpan balik in one cell.
#[component]
fn Feedback(rating: String, feedback: String) -> impl IntoView {
    view! {
        {(!rating.is_empty()).then(|| view! { <p class="font-medium">{rating}</p> })}
        <p class="whitespace-pre-line">{feedback}</p>
    }
}

#[component]
fn ResultRows(title: String, rows: Vec<DocumentRhkResult>) -> impl IntoView {
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let span = r.iki.len().max(1).to_string();
            let mut iki = r.iki.into_iter();
            let first = iki.next();
            let cells = |k: Option<super::types::DocumentIkiResult>| match k {
                Some(k) => view! { <td class=CELL>{k.aspek}</td><td class=CELL>{k.indicator}</td><td class=CELL>{k.target}</td><td class=CELL>{k.realisasi}</td> }.into_any(),
                None => view! { <td class=CELL></td><td class=CELL></td><td class=CELL></td><td class=CELL></td> }.into_any(),
            };
            view! {
                <tr>
                    <td class=CELL rowspan=span.clone()>{i + 1}</td>
                    <td class=CELL rowspan=span.clone()>{r.context}</td>
                    <td class=CELL rowspan=span.clone() data-testid="penilaian-document-rhk">{r.text}</td>
                    {cells(first)}
                    <td class=CELL rowspan=span><Feedback rating=r.rating feedback=r.feedback /></td>
                </tr>
                {iki.map(|k| view! { <tr>{cells(Some(k))}</tr> }).collect_view()}
            }
        })
        .collect_view();
    view! {
        <tr><td class=format!("{CELL} font-bold") colspan="8">{title}</td></tr>
        {body}
    }
}

#[component]
fn SignatureBlock(top: String, role: String, who: Signatory) -> impl IntoView {
    view! {
        <div>
            <p>{if top.is_empty() { "\u{a0}".to_owned() } else { top }}</p>
            <p>{role}</p>
            <div class="h-20"></div>
            <p class="font-bold underline">{who.name.clone()}</p>
            <p>{format!("NIP {}", who.nip)}</p>
        </div>
    }
}

#[component]
fn Signatures(doc: EvaluationDocument) -> impl IntoView {
    view! {
        <div class="mt-8 grid grid-cols-2 gap-8 break-inside-avoid text-center">
            <SignatureBlock top=String::new() role=tr!(doc_sign_pegawai) who=doc.pegawai.clone() />
            <SignatureBlock top=doc.place_date.clone() role=tr!(doc_sign_penilai) who=doc.penilai.clone().unwrap_or_default() />
            {doc.annual.then(|| view! {
                <div class="col-span-2 mx-auto w-1/2">
                    <SignatureBlock top=String::new() role=tr!(penilaian_doc_sign_atasan) who=doc.atasan_penilai.clone().unwrap_or_default() />
                </div>
            })}
        </div>
    }
}
