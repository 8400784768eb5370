//! The leadership overview: staff, structural positions and vacancies per
//! perangkat daerah, kept between requests.

use crate::admin::repository::leadership as repo;
use crate::admin::types::UnitLeadership;
use crate::calendar::CivilDate;
use crate::platform::db::{now_millis, Db};
use crate::platform::state::AppState;
use std::sync::Arc;

/// [`leadership_overview`] as kept between requests (`platform::aggregates`).
pub async fn kept_leadership_overview(
    state: &AppState,
) -> Result<Arc<Vec<UnitLeadership>>, sqlx::Error> {
    let db = state.db.clone();
    state
        .aggregates
        .leadership
        .get((), move || async move { leadership_overview(&db).await })
        .await
}

/// Per perangkat daerah: employees, structural positions, vacancies and how many
/// of those an acting official covers today (WIB).
pub async fn leadership_overview(db: &Db) -> Result<Vec<UnitLeadership>, sqlx::Error> {
    let today = CivilDate::wib_from_millis(now_millis()).to_iso();
    repo::overview(&mut *db.read().await?, &today).await
}
