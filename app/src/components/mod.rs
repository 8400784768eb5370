//! Shared UI pieces: page headers, cards, charts, notices.

mod access;
pub mod action_form;
mod chart;
pub mod draft;
pub mod form;
pub mod islands;
pub mod monitor;
mod notice;
pub mod params;
mod wide_table;

pub use access::{encode_path, AccessProblem};
pub use chart::{Bar, BarChart, Legend, StackedBar};
pub use notice::{ErrorNotice, Loading};
pub use wide_table::WideTable;

use leptos::prelude::*;

#[component]
pub fn PageHeader(#[prop(into)] title: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <header class="mb-6">
            <h1 class="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
            <div class="mt-2 max-w-3xl text-slate-600">{children()}</div>
        </header>
    }
}

/// One headline number with its label.
#[component]
pub fn StatCard(
    #[prop(into)] label: Signal<String>,
    value: i64,
    #[prop(into)] test_id: String,
) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <p class="text-sm text-slate-500">{label}</p>
            <p class="mt-1 text-2xl font-semibold tabular-nums text-emerald-800" data-testid=test_id>
                {format_count(value)}
            </p>
        </div>
    }
}

/// Thousands separated the Indonesian way: 3.000, 100.000.
pub fn format_count(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if value < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::format_count;

    #[test]
    fn counts_use_dots_between_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(3000), "3.000");
        assert_eq!(format_count(100000), "100.000");
        assert_eq!(format_count(-1234567), "-1.234.567");
    }
}
