//! What the monitors share: their address for a period and unit, and the
//! plain GET form that picks the period (with the CSV link beside it).

use super::form::{LABEL_CLASS, SECONDARY_BUTTON_CLASS};
use crate::i18n::move_tr;
use leptos::prelude::*;

/// `path?periode=…&unit=…`, each only when given.
pub fn monitor_href(path: &str, period_id: Option<i64>, unit_id: Option<i64>) -> String {
    let query: Vec<String> = [("periode", period_id), ("unit", unit_id)]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={v}")))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The period picker: `periods` as (id, label), `current` selected; the unit
/// shown is kept; `csv` links the same rows as a download.
#[component]
pub fn PeriodForm(
    action: &'static str,
    periods: Vec<(i64, String)>,
    current: i64,
    unit_id: Option<i64>,
    csv: Option<String>,
) -> impl IntoView {
    view! {
        <form method="get" action=action class="flex flex-wrap items-end gap-3" data-testid="monitor-period-form">
            {unit_id.map(|id| view! { <input type="hidden" name="unit" value=id.to_string() /> })}
            <label class=LABEL_CLASS>
                {move_tr!(monitor_period)}
                <select name="periode" class="rounded-md border border-slate-300 bg-white px-3 py-2" data-testid="monitor-period">
                    {periods.into_iter().map(|(id, label)| view! {
                        <option value=id.to_string() selected=id == current>{label}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class=SECONDARY_BUTTON_CLASS>{move_tr!(monitor_show)}</button>
            {csv.map(|href| view! {
                <a href=href class="py-2 text-sm text-emerald-800 underline" download="" data-testid="monitor-csv">{move_tr!(monitor_csv)}</a>
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::monitor_href;

    #[test]
    fn only_given_parameters_are_in_the_address() {
        assert_eq!(
            monitor_href("/admin/realisasi", None, None),
            "/admin/realisasi"
        );
        assert_eq!(
            monitor_href("/admin/penilaian.csv", Some(3), Some(7)),
            "/admin/penilaian.csv?periode=3&unit=7"
        );
        assert_eq!(
            monitor_href("/admin/kurva", None, Some(7)),
            "/admin/kurva?unit=7"
        );
    }
}
