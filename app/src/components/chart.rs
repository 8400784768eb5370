//! A horizontal bar chart in plain HTML: readable on a phone, printable, and
//! announced to screen readers as a list of label/value pairs.

use super::format_count;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
}

#[component]
pub fn BarChart(
    #[prop(into)] title: Signal<String>,
    bars: Vec<Bar>,
    #[prop(into)] test_id: String,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let total: i64 = bars.iter().map(|b| b.value).sum();
    view! {
        <figure class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid=test_id>
            <figcaption class="mb-3 font-semibold text-slate-800">{title}</figcaption>
            <ul class="space-y-3">
                {bars
                    .into_iter()
                    .map(|bar| {
                        let width = (bar.value as f64 / max as f64 * 100.0).max(1.0);
                        let share = if total > 0 { bar.value as f64 * 100.0 / total as f64 } else { 0.0 };
                        view! {
                            <li class="text-sm">
                                <div class="flex items-baseline justify-between gap-2">
                                    <span class="truncate text-slate-700">{bar.label.clone()}</span>
                                    <span class="shrink-0 tabular-nums text-slate-600">
                                        {format_count(bar.value)} " (" {format!("{share:.0}")} "%)"
                                    </span>
                                </div>
                                // SVG geometry, not an inline style: the CSP allows no inline styles.
                                <svg class="mt-1 block h-3 w-full rounded bg-slate-100" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                                    <rect class="fill-emerald-600" width=format!("{width:.1}") height="1" />
                                </svg>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </figure>
    }
}

/// A stacked bar of counts (`(count, fill class)` in order), full width; an SVG,
/// since the CSP allows no inline styles. Decorative: the counts are also text.
#[component]
pub fn StackedBar(
    parts: Vec<(i64, &'static str)>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let total = parts.iter().map(|(n, _)| *n).sum::<i64>().max(1) as f64;
    let mut x = 0.0;
    let rects = parts
        .into_iter()
        .map(|(count, fill)| {
            let width = count as f64 / total * 100.0;
            let rect = view! { <rect class=fill x=format!("{x:.2}") width=format!("{width:.2}") height="1" /> };
            x += width;
            rect
        })
        .collect_view();
    view! {
        <svg class=format!("block h-3 w-full rounded bg-slate-100 {class}") viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">{rects}</svg>
    }
}

/// The key of a [`StackedBar`]: a swatch of each fill with its label.
#[component]
pub fn Legend(items: Vec<(String, &'static str)>) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|(label, fill)| view! {
            <span class="inline-flex items-center gap-1">
                <svg class="h-3 w-3" viewBox="0 0 1 1" aria-hidden="true"><rect class=fill width="1" height="1" /></svg>
                {label}
            </span>
        })
        .collect_view();
    view! { <p class="mt-2 flex flex-wrap gap-3 text-xs">{items}</p> }
}
