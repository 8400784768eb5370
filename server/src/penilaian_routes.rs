//! The rater's form and its live panel over HTTP, where a server function does
//! not fit: one field per RHK and value (a plain form, also without WASM), and
//! a stream of the unit's distribution.
//!
//! - `POST /penilaian/{period}/pegawai/{id}`: the ratings as the browser posts
//!   them; answers with a redirect back to the page, or, asked for `text/plain`
//!   (the panel's autosave), with `version predikat` or the refusal's message.
//! - `POST /penilaian/{period}/diri`: the employee's self-assessment.
//! - `GET /langsung/penilaian/{period}/pegawai/{id}`: server-sent events, the
//!   unit's finalised counts on connect and after every change of them.
//! - `GET /admin/penilaian.csv?periode=&unit=`: the evaluation monitor's rows.
//!
//! Each checks the authorisation table (`identity::access::ROUTES`) first, the
//! services then check who the asker is to the evaluation.

use crate::route_support::{
    allowed, in_context, monitor_csv, plain_refusal, refusal, unreadable_form, MonitorQuery,
};
use app::error::AppError;
use app::identity::guard::CurrentUser;
use app::penilaian::fields;
use app::penilaian::live::encode_counts;
use app::penilaian::types::{RatingOutcome, RatingSave, SelfSave};
use app::penilaian::{service, workflow};
use app::platform::state::AppState;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use std::collections::BTreeMap;
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;

pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/penilaian/{period}/pegawai/{id}", post(post_ratings))
        .route("/penilaian/{period}/diri", post(post_self_assessment))
        .route("/langsung/penilaian/{period}/pegawai/{id}", get(get_stream))
        .route("/admin/penilaian.csv", get(get_monitor_csv))
}

/// The rater's fields in the shape the workflow saves.
pub fn rating_save(employee_id: i64, period_id: i64, pairs: &[(String, String)]) -> RatingSave {
    let mut rhk: BTreeMap<i64, (String, String)> = BTreeMap::new();
    let mut values: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut save = RatingSave {
        employee_id,
        period_id,
        ..Default::default()
    };
    for (name, value) in pairs {
        let rhk_id = |prefix: &str| {
            name.strip_prefix(prefix)
                .and_then(|r| r.parse::<i64>().ok())
        };
        if let Some(id) = rhk_id(fields::RHK_RATING_PREFIX) {
            rhk.entry(id).or_default().0.clone_from(value);
        } else if let Some(id) = rhk_id(fields::RHK_FEEDBACK_PREFIX) {
            rhk.entry(id).or_default().1.clone_from(value);
        } else if let Some(code) = name.strip_prefix(fields::VALUE_RATING_PREFIX) {
            values
                .entry(code.to_owned())
                .or_default()
                .0
                .clone_from(value);
        } else if let Some(code) = name
            .strip_prefix(fields::VALUE_FEEDBACK_PREFIX)
            .filter(|_| !name.starts_with(fields::SELF_NOTE_PREFIX))
        {
            values
                .entry(code.to_owned())
                .or_default()
                .1
                .clone_from(value);
        } else {
            match name.as_str() {
                fields::VERSION => save.base_version = value.parse().unwrap_or(0),
                fields::ACTION => save.finalise = value == "final",
                fields::HASIL_KERJA => save.hasil_kerja.clone_from(value),
                fields::HASIL_KERJA_REASON => save.hasil_kerja_reason.clone_from(value),
                fields::PERILAKU => save.perilaku.clone_from(value),
                // A predikat (or anything else) sent by a client is not read.
                _ => {}
            }
        }
    }
    save.rhk = rhk.into_iter().map(|(id, (r, f))| (id, r, f)).collect();
    save.values = values.into_iter().map(|(c, (r, f))| (c, r, f)).collect();
    save
}

/// The employee's self-assessment fields.
pub fn self_save(period_id: i64, pairs: &[(String, String)]) -> SelfSave {
    let mut rhk: BTreeMap<i64, (String, String)> = BTreeMap::new();
    for (name, value) in pairs {
        let id = |prefix: &str| {
            name.strip_prefix(prefix)
                .and_then(|r| r.parse::<i64>().ok())
        };
        if let Some(id) = id(fields::SELF_RATING_PREFIX) {
            rhk.entry(id).or_default().0.clone_from(value);
        } else if let Some(id) = id(fields::SELF_NOTE_PREFIX) {
            rhk.entry(id).or_default().1.clone_from(value);
        }
    }
    SelfSave {
        period_id,
        rhk: rhk.into_iter().map(|(id, (r, n))| (id, r, n)).collect(),
    }
}

/// The autosave asks for a short plain answer; a plain form gets a page.
fn wants_text(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.starts_with("text/plain"))
}

/// `version predikat` (`-` while the predikat is open): what the panel needs.
fn text_answer(outcome: &RatingOutcome) -> String {
    let predikat = outcome.predikat.map_or("-", |p| p.code());
    format!("{} {predikat}", outcome.version)
}

/// The page again, saying what the post did.
fn outcome_location(page: &str, asked_final: bool, outcome: &RatingOutcome) -> String {
    let said = if outcome.finalised {
        "final=1"
    } else if asked_final {
        "periksa=1"
    } else {
        "tersimpan=1"
    };
    format!("{page}?{said}")
}

pub async fn post_ratings(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Path((period_id, employee_id)): Path<(i64, i64)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let text = wants_text(&parts.headers);
    let user = match allowed("post_evaluation_form", &current) {
        Ok(user) => user,
        Err(error) if text => return plain_refusal(error),
        Err(error) => return refusal(error),
    };
    // Read only after the gate: a visitor learns nothing of what is expected.
    let Ok(Form(pairs)) = form else {
        return unreadable_form(&state, parts).await;
    };
    let input = rating_save(employee_id, period_id, &pairs);
    let asked_final = input.finalise;
    let result = in_context(&state, parts, async {
        let year = app::realisasi::service::year_of_period(&state, period_id).await?;
        let page = workflow::page_of(year, employee_id, period_id);
        match workflow::save_ratings(&state, &user, input).await {
            Ok(outcome) if text => Ok(text_answer(&outcome)),
            Ok(outcome) => Ok(outcome_location(&page, asked_final, &outcome)),
            Err(AppError::Conflict { .. }) if !text => Ok(format!("{page}?ditolak=konflik")),
            Err(error) => Err(error),
        }
    })
    .await;
    match result {
        Ok(answer) if text => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            answer,
        )
            .into_response(),
        Ok(location) => Redirect::to(&location).into_response(),
        Err(error) => plain_refusal(error),
    }
}

pub async fn post_self_assessment(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Path(period_id): Path<i64>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let user = match allowed("post_self_assessment", &current) {
        Ok(user) => user,
        Err(error) => return refusal(error),
    };
    let Ok(Form(pairs)) = form else {
        return unreadable_form(&state, parts).await;
    };
    let input = self_save(period_id, &pairs);
    let result = in_context(&state, parts, async {
        let year = app::realisasi::service::year_of_period(&state, period_id).await?;
        workflow::save_self_assessment(&state, &user, input).await?;
        Ok::<_, AppError>(format!("{}?diri=1", workflow::own_page_of(year, period_id)))
    })
    .await;
    match result {
        Ok(location) => Redirect::to(&location).into_response(),
        Err(error) => plain_refusal(error),
    }
}

/// `GET /langsung/penilaian/{period}/pegawai/{id}`: the counts now, then after
/// every change of the unit's distribution (each re-read asks again whether
/// the asker is still the rater). Keep-alive comments hold proxies open.
pub async fn get_stream(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Path((period_id, employee_id)): Path<(i64, i64)>,
) -> Response {
    let user = match allowed("get_evaluation_stream", &current) {
        Ok(user) => user,
        Err(error) => return plain_refusal(error),
    };
    // Subscribed before the first read, so no change falls between the two.
    let receiver = state.live.subscribe();
    let read = {
        let (state, user, parts) = (state.clone(), user.clone(), parts.clone());
        move || {
            let (state, user, parts) = (state.clone(), user.clone(), parts.clone());
            async move {
                in_context(
                    &state,
                    parts,
                    service::followed_distribution(&state, &user, employee_id, period_id),
                )
                .await
            }
        }
    };
    let (topic, first) = match read().await {
        Ok(found) => found,
        Err(error) => return plain_refusal(error),
    };
    let start = (Some(encode_counts(&first)), receiver);
    let events = futures::stream::unfold(start, move |(pending, mut receiver)| {
        let (read, topic) = (read.clone(), topic.clone());
        async move {
            if let Some(counts) = pending {
                return Some((
                    Ok::<_, Infallible>(Event::default().data(counts)),
                    (None, receiver),
                ));
            }
            loop {
                match receiver.recv().await {
                    Ok(changed) if changed != topic => continue,
                    Ok(_) | Err(RecvError::Lagged(_)) => match read().await {
                        Ok((_, counts)) => {
                            let event = Event::default().data(encode_counts(&counts));
                            return Some((Ok(event), (None, receiver)));
                        }
                        // No longer the rater, or the evaluation is gone: the stream ends.
                        Err(_) => return None,
                    },
                    Err(RecvError::Closed) => return None,
                }
            }
        }
    });
    (
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(events).keep_alive(KeepAlive::default()),
    )
        .into_response()
}

/// `GET /admin/penilaian.csv`: everyone evaluated in the period and unit (the
/// kabupaten without `unit`), with their stage and whether it is late.
pub async fn get_monitor_csv(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    parts: Parts,
    Query(at): Query<MonitorQuery>,
) -> Response {
    use app::penilaian::monitor::{csv, service};
    let load = service::monitor(&state, at.periode, at.unit, true);
    monitor_csv(
        &state,
        &current,
        parts,
        "get_evaluation_monitor",
        load,
        csv::file_name,
        csv::to_csv,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn form_fields_become_the_ratings() {
        let save = rating_save(
            4,
            9,
            &pairs(&[
                ("versi", "3"),
                ("aksi", "final"),
                ("rating-7", "di_atas"),
                ("umpan-7", "Bagus"),
                ("umpan-8", ""),
                ("nilai-berorientasi_pelayanan", "sesuai"),
                ("catatan-berorientasi_pelayanan", "Ramah"),
                ("hasil_kerja", "di_atas"),
                ("alasan_hasil_kerja", ""),
                ("perilaku", "sesuai"),
                ("predikat", "sangat_baik"),
            ]),
        );
        assert_eq!(save.employee_id, 4);
        assert_eq!(save.period_id, 9);
        assert_eq!(save.base_version, 3);
        assert!(save.finalise);
        assert_eq!(
            save.rhk,
            vec![
                (7, "di_atas".into(), "Bagus".into()),
                (8, String::new(), String::new())
            ]
        );
        assert_eq!(
            save.values,
            vec![(
                "berorientasi_pelayanan".into(),
                "sesuai".into(),
                "Ramah".into()
            )]
        );
        assert_eq!(
            (save.hasil_kerja.as_str(), save.perilaku.as_str()),
            ("di_atas", "sesuai")
        );
    }

    #[test]
    fn a_draft_save_is_not_a_finalisation() {
        let save = rating_save(1, 1, &pairs(&[("aksi", "simpan"), ("versi", "x")]));
        assert!(!save.finalise);
        assert_eq!(save.base_version, 0);
    }

    #[test]
    fn self_assessment_fields_are_read_apart() {
        let save = self_save(
            2,
            &pairs(&[("diri-5", "sesuai"), ("catatan-diri-5", "Selesai")]),
        );
        assert_eq!(save.rhk, vec![(5, "sesuai".into(), "Selesai".into())]);
    }
}
