//! Gathers one plan into the official SKP document, within the viewer's reach.

use super::types::{DocumentIki, DocumentRhk, DocumentValue, Signatory, SkpDocument};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::identity::roles::SessionUser;
use crate::organisation::pangkat::pangkat_golongan;
use crate::platform::db::{now_millis, Db};
use crate::platform::state::AppState;
use crate::skp::berakhlak::CoreValue;
use crate::skp::plan::service::view;
use sqlx::Row;

fn title_case(code: &str) -> String {
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

async fn signatory(db: &Db, employee_id: i64) -> Result<Signatory, AppError> {
    let row = sqlx::query(
        "SELECT e.name, e.nip, e.golongan, p.title, u.name FROM employees e \
         LEFT JOIN positions p ON p.id = e.position_id LEFT JOIN units u ON u.id = p.unit_id WHERE e.id = $1",
    )
    .bind(employee_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Signatory {
        name: row.try_get(0)?,
        nip: row.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
        pangkat: pangkat_golongan(&row.try_get::<Option<String>, _>(2)?.unwrap_or_default()),
        jabatan: row.try_get::<Option<String>, _>(3)?.unwrap_or_default(),
        unit: row.try_get::<Option<String>, _>(4)?.unwrap_or_default(),
    })
}

/// The document of `employee_id`'s plan for `year`, if the viewer may read it.
pub async fn document(
    state: &AppState,
    user: &SessionUser,
    employee_id: i64,
    year: i64,
) -> Result<SkpDocument, AppError> {
    let db = &state.db;
    let plan = view(state, user, employee_id, year).await?;
    let Some(plan_id) = plan.plan_id else {
        return Err(AppError::NotFound);
    };
    let stamps = sqlx::query("SELECT approved_by, approved_at FROM skp_plans WHERE id = $1")
        .bind(plan_id)
        .fetch_one(db.pool())
        .await?;
    let approved_by: Option<i64> = stamps.try_get(0)?;
    let approved_at: Option<i64> = stamps.try_get(1)?;
    // The official who approved it; before approval, whoever supervises today.
    let penilai_id = match approved_by {
        Some(id) => Some(id),
        None => crate::organisation::supervision::supervisor_of_employee(
            &mut *db.read().await?,
            employee_id,
        )
        .await?
        .map(|boss| boss.employee_id),
    };
    let penilai = match penilai_id {
        Some(id) => Some(signatory(db, id).await?),
        None => None,
    };
    let date = CivilDate::wib_from_millis(approved_at.unwrap_or_else(now_millis));
    let place = state
        .settings
        .instansi
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    let rhk = plan
        .rhk
        .iter()
        .enumerate()
        .map(|(i, r)| DocumentRhk {
            number: i + 1,
            kind: title_case(&r.kind),
            context: r
                .parent_text
                .clone()
                .or_else(|| r.perspektif.as_deref().map(title_case))
                .unwrap_or_default(),
            text: r.text.clone(),
            iki: r
                .iki
                .iter()
                .map(|k| DocumentIki {
                    aspek: title_case(&k.aspek),
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
            guides: value.guides().iter().map(|g| (*g).to_owned()).collect(),
            expectation: plan
                .expectations
                .iter()
                .find(|e| e.value == value.code())
                .map(|e| e.text.clone())
                .unwrap_or_default(),
        })
        .collect();
    Ok(SkpDocument {
        instansi: state.settings.instansi.clone(),
        year,
        period: format!(
            "{} s.d. {}",
            CivilDate::new(year as i32, 1, 1)
                .map(CivilDate::to_indonesian)
                .unwrap_or_default(),
            CivilDate::new(year as i32, 12, 31)
                .map(CivilDate::to_indonesian)
                .unwrap_or_default()
        ),
        approach: title_case(&plan.approach),
        is_jpt: plan.is_jpt,
        status: plan.status.clone(),
        pegawai: signatory(db, employee_id).await?,
        penilai,
        rhk,
        perilaku,
        lampiran: plan.lampiran.clone(),
        place_date: format!("{place}, {}", date.to_indonesian()),
        employee_id,
    })
}
