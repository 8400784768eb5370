//! Gathers one plan into the official SKP document, within the viewer's reach, in
//! the page's language (the PDF, rendered outside any page, is Indonesian).

use super::repository;
use super::types::{DocumentIki, DocumentRhk, DocumentValue, Signatory, SkpDocument};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::organisation::pangkat::pangkat_golongan;
use crate::organisation::supervision::supervisor_of_employee;
use crate::platform::db::{now_millis, Conn};
use crate::platform::state::AppState;
use crate::skp::berakhlak::CoreValue;
use crate::skp::labels::{approach_label, aspek_label, perspektif_label};
use crate::skp::plan::service::view;
use crate::skp::plan::types::ExpectationText;

/// "Utama" from "utama": the RHK kind as the PDF template sorts by it.
pub fn title_case(code: &str) -> String {
    code.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An employee as a signature block names them.
pub async fn signatory(conn: &mut Conn, employee_id: i64) -> Result<Signatory, AppError> {
    let row = repository::signatory(conn, employee_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Signatory {
        name: row.name,
        nip: row.nip.unwrap_or_default(),
        pangkat: pangkat_golongan(&row.golongan.unwrap_or_default()),
        jabatan: row.jabatan.unwrap_or_default(),
        unit: row.unit.unwrap_or_default(),
    })
}

/// Who signs a document of `employee_id` as the pejabat penilai: `chosen` (who
/// approved, who rated) or, while there is none, whoever supervises them today.
pub async fn pejabat_penilai(
    conn: &mut Conn,
    employee_id: i64,
    chosen: Option<i64>,
) -> Result<(Option<i64>, Option<Signatory>), AppError> {
    let id = match chosen {
        Some(id) => Some(id),
        None => supervisor_of_employee(conn, employee_id)
            .await?
            .map(|s| s.employee_id),
    };
    let signs = match id {
        Some(id) => Some(signatory(conn, id).await?),
        None => None,
    };
    Ok((id, signs))
}

/// "Kepahiang, 28 November 2026": where and when a document is signed (the
/// place is the instansi's last word).
pub fn place_date(state: &AppState, at: i64) -> String {
    let place = state
        .settings
        .instansi
        .rsplit(' ')
        .next()
        .unwrap_or_default();
    format!("{place}, {}", CivilDate::wib_from_millis(at).to_words())
}

/// The document of `employee_id`'s plan for `year`, if the viewer may read it.
pub async fn document(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
) -> Result<SkpDocument, AppError> {
    let plan = view(state, user, employee_id, year).await?;
    let Some(plan_id) = plan.plan_id else {
        return Err(AppError::NotFound);
    };
    let mut conn = state.db.read().await?;
    let approval = repository::approval(&mut conn, plan_id).await?;
    // The official who approved it; before approval, whoever supervises today.
    let (_, penilai) = pejabat_penilai(&mut conn, employee_id, approval.approved_by).await?;
    let pegawai = signatory(&mut conn, employee_id).await?;
    let place_date = place_date(state, approval.approved_at.unwrap_or_else(now_millis));
    let rhk = plan
        .rhk
        .iter()
        .enumerate()
        .map(|(i, r)| DocumentRhk {
            rhk_id: r.id,
            number: i + 1,
            kind: title_case(&r.kind),
            context: r
                .parent_text
                .clone()
                .or_else(|| r.perspektif.as_deref().map(perspektif_label))
                .unwrap_or_default(),
            text: r.text.clone(),
            iki: r
                .iki
                .iter()
                .map(|k| DocumentIki {
                    aspek: aspek_label(&k.aspek),
                    indicator: k.indicator.clone(),
                    target: format!("{} {}", k.target, k.satuan),
                })
                .collect(),
        })
        .collect();
    let perilaku = CoreValue::ALL
        .iter()
        .map(|value| DocumentValue {
            name: value.name().to_owned(),
            guides: value.guides().to_vec(),
            expectation: ExpectationText::for_value(&plan.expectations, value.code()),
        })
        .collect();
    Ok(SkpDocument {
        instansi: state.settings.instansi.clone(),
        year,
        period: tr!(date_range, {
            "from" => CivilDate::new(year as i32, 1, 1).map(CivilDate::to_words).unwrap_or_default(),
            "to" => CivilDate::new(year as i32, 12, 31).map(CivilDate::to_words).unwrap_or_default(),
        }),
        approach: approach_label(&plan.approach),
        is_jpt: plan.is_jpt,
        status: plan.status,
        pegawai,
        penilai,
        rhk,
        perilaku,
        lampiran: plan.lampiran.clone(),
        place_date,
        employee_id,
    })
}
