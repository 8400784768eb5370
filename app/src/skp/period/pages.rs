//! `/admin/periode`: open a performance year and close or reopen its periods.

use super::api::{list_performance_years, AdminOpenYear, AdminSetPeriodOpen};
use super::types::PerformanceYear;
use crate::components::action_form::{ActionForm, FormAction};
use crate::components::form::{
    form_error, FormError, BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS, SECONDARY_BUTTON_CLASS,
};
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::i18n::{move_tr, tr, I18n};
use crate::skp::periods::Scheme;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn PeriodsPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let open_year = FormAction::<AdminOpenYear>::new();
    let set_open = FormAction::<AdminSetPeriodOpen>::new();
    let years = Resource::new(
        move || (open_year.version().get(), set_open.version().get()),
        |_| list_performance_years(),
    );
    let open_error = form_error(open_year, AdminOpenYear::PATH);
    let next_year = crate::calendar::CivilDate::wib_from_millis(js_now()).year() + 1;
    view! {
        <Title text=tr!(i18n, periods_title) />
        <PageHeader title=move_tr!(periods_title)>
            <p>{move_tr!(periods_lead)}</p>
        </PageHeader>
        <ActionForm action=open_year attr:class="mb-6 flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end">
            <label class=LABEL_CLASS>
                {move_tr!(periods_year)}
                <input type="number" name="year" min="2000" max="2100" value=next_year.to_string() required class=INPUT_CLASS data-testid="open-year" />
            </label>
            <button type="submit" class=BUTTON_CLASS data-testid="open-year-submit">{move_tr!(periods_open_year)}</button>
            <FormError error=open_error fields=&[] />
        </ActionForm>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match years.await {
                    Ok(years) => years.into_iter().map(|y| view! { <YearCard year=y set_open /> }).collect_view().into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn YearCard(year: PerformanceYear, set_open: FormAction<AdminSetPeriodOpen>) -> impl IntoView {
    view! {
        <section class="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid=format!("year-{}", year.year)>
            <h2 class="text-lg font-semibold">{format!("{} · {}", year.year, if year.scheme == Scheme::Monthly { tr!(periods_monthly) } else { tr!(periods_quarterly) })}</h2>
            // A list, not a table: on a phone each period wraps onto two lines and
            // its button stays in reach.
            <ul class="mt-2">
                {year.periods.into_iter().map(|p| {
                    let open = p.open;
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-slate-100 py-2 text-sm" data-testid="period">
                            <div class="min-w-0">
                                <p class="font-medium">
                                    {p.name.clone()} " · "
                                    <span class=if open { "text-emerald-800" } else { "text-slate-500" }>
                                        {if open { move_tr!(periods_open) } else { move_tr!(periods_closed) }}
                                    </span>
                                </p>
                                <p class="tabular-nums text-slate-600">
                                    {format!("{} – {}", p.starts_on, p.ends_on)} " · "
                                    {move_tr!(periods_deadline, { "date" => p.deadline.clone() })}
                                </p>
                            </div>
                            <ActionForm action=set_open>
                                <input type="hidden" name="period_id" value=p.id.to_string() />
                                <input type="hidden" name="open" value=(!open).to_string() />
                                <button type="submit" class=SECONDARY_BUTTON_CLASS>
                                    {if open { move_tr!(periods_close) } else { move_tr!(periods_reopen) }}
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Now (UTC ms) on either side, for the default year in the form.
fn js_now() -> i64 {
    #[cfg(feature = "ssr")]
    {
        crate::platform::db::now_millis()
    }
    #[cfg(not(feature = "ssr"))]
    {
        js_sys_now()
    }
}

#[cfg(not(feature = "ssr"))]
fn js_sys_now() -> i64 {
    leptos::prelude::window()
        .performance()
        .map(|p| (p.time_origin() + p.now()) as i64)
        .unwrap_or(0)
}
