//! Organisation server functions. Issue-2 scope: public aggregates only (counts per
//! unit and kabupaten), nothing about a person, so no login is needed yet.

use super::types::{InstanceInfo, OrganisationOverview, UnitSummary};
use crate::error::AppError;
use crate::i18n::tr;
use leptos::prelude::*;

/// Longest search text accepted; longer input is refused with a message.
pub const MAX_QUERY_CHARS: usize = 100;

/// Checks a unit search text; shared by the browser (before sending) and the server.
pub fn validate_unit_query(query: &str) -> Result<String, AppError> {
    let query = query.trim();
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::invalid(
            "q",
            tr!(error_query_too_long, { "max" => MAX_QUERY_CHARS }),
        ));
    }
    Ok(query.to_owned())
}

#[server(prefix = "/api", endpoint = "get_instance_info")]
pub async fn get_instance_info() -> Result<InstanceInfo, AppError> {
    let state = crate::platform::state::app_state()?;
    Ok(InstanceInfo {
        instansi: state.settings.instansi.clone(),
        region_code: state.settings.region_code.clone(),
        min_group_size: state.settings.privacy_min_group_size,
    })
}

#[server(prefix = "/api", endpoint = "get_organisation_overview")]
pub async fn get_organisation_overview() -> Result<OrganisationOverview, AppError> {
    let state = crate::platform::state::app_state()?;
    let (db, instansi) = (state.db.clone(), state.settings.instansi.clone());
    let overview = state
        .aggregates
        .organisation
        .get((), move || async move {
            let mut conn = db.read().await?;
            super::repository::overview(&mut conn, &instansi).await
        })
        .await?;
    Ok((*overview).clone())
}

#[server(prefix = "/api", endpoint = "search_units")]
pub async fn search_units(query: String) -> Result<Vec<UnitSummary>, AppError> {
    let query = validate_unit_query(&query)?;
    let state = crate::platform::state::app_state()?;
    let mut conn = state.db.read().await?;
    Ok(super::repository::search_units(&mut conn, &query).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_queries_are_refused_with_an_indonesian_message() {
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        let err = validate_unit_query(&long).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Kata kunci terlalu panjang: paling banyak 100 karakter."
        );
        assert_eq!(validate_unit_query("  Dinas ").unwrap(), "Dinas");
    }
}
