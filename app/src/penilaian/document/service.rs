//! Gathers one evaluation into the official document, for whoever may read the
//! evaluation (the same view the evaluation page shows, so a draft's ratings
//! reach only its rater), in the page's language (the PDF, rendered outside
//! any page, is Indonesian).

use super::types::{
    DocumentAppeal, DocumentIkiResult, DocumentRhkResult, DocumentValueResult, EvaluationDocument,
};
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::penilaian::pages::rating_label;
use crate::penilaian::repository as repo;
use crate::penilaian::rules::{Predikat, Rating};
use crate::penilaian::types::{AppealOutcome, EvaluationStatus, IkiResult};
use crate::platform::db::now_millis;
use crate::platform::state::AppState;
use crate::realisasi::rules::format_capaian;
use crate::skp::document::service::{pejabat_penilai, place_date};
use crate::skp::labels::aspek_label;

fn rating_text(rating: Option<Rating>) -> String {
    rating.map(rating_label).unwrap_or_default()
}

fn predikat_text(predikat: Option<Predikat>) -> String {
    predikat.map(|p| p.name().to_owned()).unwrap_or_default()
}

/// "118 dokumen (capaian 105%)", or "—" before it is reported.
fn realisasi_text(iki: &IkiResult) -> String {
    if iki.value.is_empty() {
        return "—".to_owned();
    }
    let value = format!("{} {}", iki.value, iki.satuan);
    match iki.capaian {
        Some(c) => {
            tr!(penilaian_doc_realisasi, { "value" => value, "capaian" => format_capaian(c) })
        }
        None => value,
    }
}

/// The document of `employee_id`'s evaluation for `period_id`, if the viewer
/// may read it.
pub async fn document(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    period_id: i64,
) -> Result<EvaluationDocument, AppError> {
    let view = crate::penilaian::service::view(state, user, employee_id, period_id, false).await?;
    let year = view.period.year;
    let plan = crate::skp::document::service::document(state, user, employee_id, year).await?;
    let mut conn = state.db.read().await?;
    let stored = repo::evaluation(&mut conn, employee_id, period_id).await?;
    // Who rated it (before anyone has, whoever supervises today), and above them.
    let rater = stored.as_ref().and_then(|e| e.rated_by);
    let (penilai_id, penilai) = pejabat_penilai(&mut conn, employee_id, rater).await?;
    let atasan_penilai = match penilai_id {
        // The atasan pejabat penilai: who supervises the rater today.
        Some(id) => pejabat_penilai(&mut conn, id, None).await?.1,
        None => None,
    };
    drop(conn);
    let rhk = view
        .rhk
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let planned = plan.rhk.iter().find(|p| p.rhk_id == r.rhk_id);
            DocumentRhkResult {
                number: i + 1,
                kind: planned.map_or_else(String::new, |p| p.kind.clone()),
                context: planned.map_or_else(String::new, |p| p.context.clone()),
                text: r.text.clone(),
                iki: r
                    .iki
                    .iter()
                    .map(|k| DocumentIkiResult {
                        aspek: aspek_label(&k.aspek),
                        indicator: k.indicator.clone(),
                        target: format!("{} {}", k.target, k.satuan),
                        realisasi: realisasi_text(k),
                    })
                    .collect(),
                rating: rating_text(r.rating),
                feedback: r.feedback.clone(),
            }
        })
        .collect();
    let perilaku = view
        .values
        .iter()
        .map(|v| DocumentValueResult {
            name: v.name.clone(),
            guides: v.guides.clone(),
            expectation: v.expectation.clone(),
            rating: rating_text(v.rating),
            feedback: v.feedback.clone(),
        })
        .collect();
    let appeal = view.appeal.as_ref().map(|a| DocumentAppeal {
        reasons: a.reasons.clone(),
        outcome: match a.outcome {
            None => tr!(penilaian_appeal_pending),
            Some(AppealOutcome::Upheld) => tr!(penilaian_appeal_upheld),
            Some(AppealOutcome::Changed) => tr!(penilaian_appeal_changed),
        },
        decision: a.decision.clone().unwrap_or_default(),
        original_predikat: predikat_text(a.original.predikat),
    });
    Ok(EvaluationDocument {
        instansi: plan.instansi,
        year,
        annual: view.annual,
        period_name: view.period.name.clone(),
        period: tr!(date_range, {
            "from" => crate::calendar::iso_in_words(&view.period.starts_on),
            "to" => crate::calendar::iso_in_words(&view.period.ends_on),
        }),
        approach: plan.approach,
        is_jpt: plan.is_jpt,
        finalised: view.status != EvaluationStatus::Draft,
        pegawai: plan.pegawai,
        penilai,
        atasan_penilai,
        unit_predikat: view
            .panel
            .unit_predikat
            .map_or_else(|| "—".to_owned(), |u| u.name().to_owned()),
        rhk,
        hasil_kerja: rating_text(view.hasil_kerja),
        hasil_kerja_reason: view.hasil_kerja_reason.clone(),
        perilaku,
        perilaku_rating: rating_text(view.perilaku),
        predikat: predikat_text(view.predikat),
        periodic: view
            .periodic
            .iter()
            .map(|p| (p.period.clone(), predikat_text(p.predikat)))
            .collect(),
        appeal,
        place_date: place_date(state, view.finalised_at.unwrap_or_else(now_millis)),
        employee_id,
        period_id,
    })
}
