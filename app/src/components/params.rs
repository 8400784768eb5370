//! Route and query parameters that several pages read.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The `:id` of `/skp/:year/pegawai/:id…` pages.
pub fn employee_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()))
}

/// The `:year` of `/skp/:year…` pages; `None` when it is not a year (the page
/// answers 404).
pub fn year_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("year")
            .and_then(|y| y.parse().ok())
            .filter(|y| (2000..=2100).contains(y))
    })
}

/// The `:period` of realisasi and penilaian pages.
pub fn period_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("period").and_then(|p| p.parse().ok()))
}

/// A numeric query parameter (`?periode=12`); `None` when absent or not a number.
pub fn query_id(name: &'static str) -> Memo<Option<i64>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name).and_then(|v| v.parse().ok()))
}
