//! `/skp/:year/pegawai/:id/dokumen`: the SKP in the official layout, for the
//! screen and for paper (navigation hides when printing), with the PDF link.

use super::api::get_skp_document;
use super::types::{DocumentRhk, Signatory, SkpDocument};
use crate::components::form::BUTTON_CLASS;
use crate::components::params::{employee_param, year_param};
use crate::components::{AccessProblem, Loading, WideTable};
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// A cell of an official form (also the evaluation document's).
pub const CELL: &str = "border border-slate-400 px-2 py-1 align-top";

#[component]
pub fn SkpDocumentPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let year = year_param();
    let employee = employee_param();
    let document = Resource::new(
        move || (year.get(), employee.get()),
        |(year, id)| async move {
            match (id, year) {
                (Some(id), Some(year)) => get_skp_document(id, year).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, skp_document) />
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

/// Above an official document: print it (a button shown and wired by a few lines
/// of plain script, no WASM for one button) or download its PDF.
#[component]
pub fn DocumentActions(pdf: String, test_id: &'static str) -> impl IntoView {
    view! {
        <div class="mb-4 flex flex-wrap gap-3 print:hidden">
            <button type="button" class=BUTTON_CLASS hidden data-print>{move_tr!(skp_document_print)}</button>
            <script src="/cetak.js" defer></script>
            <a class="rounded-md border border-emerald-700 px-4 py-2 text-emerald-800" href=pdf download rel="external" data-testid=test_id>{move_tr!(skp_pdf)}</a>
        </div>
    }
}

#[component]
fn Document(doc: SkpDocument) -> impl IntoView {
    let pdf = format!("/skp/{}/pegawai/{}/dokumen.pdf", doc.year, doc.employee_id);
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
    let (utama, tambahan): (Vec<DocumentRhk>, Vec<DocumentRhk>) =
        doc.rhk.iter().cloned().partition(|r| r.kind == "Utama");
    let draft_note = (doc.status != crate::skp::types::PlanStatus::Approved).then(|| view! {
        <p class="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 print:border-slate-400 print:bg-white" data-testid="skp-document-draft">
            {move_tr!(skp_document_not_approved)}
        </p>
    });
    view! {
        <DocumentActions pdf test_id="skp-pdf-link" />
        // Wider than a phone: the document scrolls in its frame, the page does not.
        <WideTable class="print:overflow-visible">
        <article class="mx-auto min-w-[36rem] max-w-5xl bg-white p-6 text-[13px] leading-snug text-black shadow-sm print:p-0 print:shadow-none" data-testid="skp-document">
            {draft_note}
            <header class="text-center font-bold">
                <h1>{tr!(doc_title)}</h1>
                <p>{tr!(doc_approach, { "approach" => doc.approach.to_uppercase() })}</p>
                <p>{heading}</p>
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
            <table class="mt-4 w-full border-collapse" data-testid="skp-document-hasil">
                <thead>
                    <tr><th class=CELL colspan="6">{tr!(doc_hasil)}</th></tr>
                    <tr>
                        <th class=CELL>{tr!(doc_number)}</th>
                        <th class=CELL>{context_title}</th>
                        <th class=CELL>{tr!(doc_rhk)}</th>
                        <th class=CELL>{tr!(doc_aspek)}</th>
                        <th class=CELL>{tr!(doc_iki)}</th>
                        <th class=CELL>{tr!(doc_target)}</th>
                    </tr>
                </thead>
                <tbody>
                    <RhkRows title=tr!(doc_utama) rows=utama />
                    <RhkRows title=tr!(doc_tambahan) rows=tambahan />
                </tbody>
            </table>
            <table class="mt-4 w-full border-collapse">
                <thead>
                    <tr><th class=CELL colspan="3">{tr!(doc_perilaku)}</th></tr>
                    <tr><th class=CELL>{tr!(doc_number)}</th><th class=CELL>{tr!(doc_perilaku_col)}</th><th class=CELL>{tr!(doc_expectation)}</th></tr>
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
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Signatures doc=doc.clone() />
            <section class="mt-6 break-before-page">
                <h2 class="text-center font-bold">{tr!(doc_lampiran)}</h2>
                {[(tr!(doc_dukungan), doc.lampiran.dukungan_sumber_daya.clone()),
                  (tr!(doc_skema), doc.lampiran.skema_pertanggungjawaban.clone()),
                  (tr!(doc_konsekuensi), doc.lampiran.konsekuensi.clone())].into_iter().map(|(title, items)| view! {
                    <h3 class="mt-3 font-bold">{title}</h3>
                    <ol class="list-decimal pl-6">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol>
                }).collect_view()}
            </section>
        </article>
        </WideTable>
    }
}

/// The two identity columns of an official form: the person and who signs beside them.
#[component]
pub fn IdentityRows(pegawai: Signatory, penilai: Signatory) -> impl IntoView {
    let fields = |s: &Signatory| {
        [
            (tr!(doc_name), s.name.clone()),
            ("NIP".to_owned(), s.nip.clone()),
            (tr!(doc_pangkat), s.pangkat.clone()),
            (tr!(doc_jabatan), s.jabatan.clone()),
            (tr!(doc_unit), s.unit.clone()),
        ]
    };
    fields(&pegawai)
        .into_iter()
        .zip(fields(&penilai))
        .enumerate()
        .map(|(i, ((label, left), (_, right)))| {
            view! {
                <tr>
                    <td class=CELL>{i + 1}</td><td class=CELL>{label.clone()}</td><td class=CELL>{left}</td>
                    <td class=CELL>{i + 1}</td><td class=CELL>{label}</td><td class=CELL>{right}</td>
                </tr>
            }
        })
        .collect_view()
}

#[component]
fn RhkRows(title: String, rows: Vec<DocumentRhk>) -> impl IntoView {
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let span = r.iki.len().max(1).to_string();
            let mut iki = r.iki.into_iter();
            let first = iki.next();
            let cells = |k: Option<super::types::DocumentIki>| {
                let k = k.unwrap_or(super::types::DocumentIki {
                    aspek: String::new(),
                    indicator: String::new(),
                    target: String::new(),
                });
                view! { <td class=CELL>{k.aspek}</td><td class=CELL>{k.indicator}</td><td class=CELL>{k.target}</td> }
            };
            view! {
                <tr>
                    <td class=CELL rowspan=span.clone()>{i + 1}</td>
                    <td class=CELL rowspan=span.clone()>{r.context}</td>
                    <td class=CELL rowspan=span data-testid="skp-document-rhk">{r.text}</td>
                    {cells(first)}
                </tr>
                {iki.map(|k| view! { <tr>{cells(Some(k))}</tr> }).collect_view()}
            }
        })
        .collect_view();
    view! {
        <tr><td class=format!("{CELL} font-bold") colspan="6">{title}</td></tr>
        {body}
    }
}

#[component]
fn Signatures(doc: SkpDocument) -> impl IntoView {
    let penilai = doc.penilai.clone().unwrap_or_default();
    view! {
        <div class="mt-8 grid grid-cols-2 gap-8 break-inside-avoid text-center">
            <div>
                <p>"\u{a0}"</p>
                <p>{tr!(doc_sign_pegawai)}</p>
                <div class="h-20"></div>
                <p class="font-bold underline">{doc.pegawai.name.clone()}</p>
                <p>{format!("NIP {}", doc.pegawai.nip)}</p>
            </div>
            <div>
                <p>{doc.place_date.clone()}</p>
                <p>{tr!(doc_sign_penilai)}</p>
                <div class="h-20"></div>
                <p class="font-bold underline">{penilai.name.clone()}</p>
                <p>{format!("NIP {}", penilai.nip)}</p>
            </div>
        </div>
    }
}
