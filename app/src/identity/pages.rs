//! Log-in, password change, the employee page (own, team member, or refused), the
//! atasan's team and the employee search.

use super::api::{
    change_password, get_employee_profile, get_my_team, log_in, search_employees,
    validate_employee_query, ChangePassword, LogIn,
};
use super::password::check_new_password;
use super::types::{EmployeeProfile, EmployeeRow, Reach, Role};
use crate::admin::pages::EmployeeAdminPanel;
use crate::components::action_form::{ActionForm, FormAction};
use crate::components::form::{form_error, reload_to, Field, FormError, BUTTON_CLASS, INPUT_CLASS};
use crate::components::islands::{IslandRoot, IslandScripts};
use crate::components::{format_count, AccessProblem, ErrorNotice, Loading, PageHeader, WideTable};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, I18n};
use crate::organisation::pages::{jabatan_kind_label, status_label};
use crate::penilaian::sections::TeamEvaluationsSection;
use crate::realisasi::sections::TeamFilingsSection;
use crate::shell::layout::use_viewer;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let action = FormAction::<LogIn>::new();
    let error = form_error(action, LogIn::PATH);
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();
    // A plain form post: the server sets the session cookie and redirects.
    let _ = log_in;
    view! {
        <Title text=tr!(i18n, login_title) />
        <div class="mx-auto max-w-md">
            <PageHeader title=move_tr!(login_title)>
                <p>{move_tr!(login_lead)}</p>
            </PageHeader>
            <ActionForm action attr:class="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" attr:data-testid="login-form">
                <input type="hidden" name="next" value=next />
                <FormError error fields=&["nip"] />
                <Field label=move_tr!(login_nip) name="nip" autocomplete="username" inputmode="numeric" required=true test_id="login-nip" error />
                <Field label=move_tr!(login_password) name="password" kind="password" autocomplete="current-password" required=true test_id="login-password" error />
                <button type="submit" class=BUTTON_CLASS data-testid="login-submit">
                    {move_tr!(login_submit)}
                </button>
            </ActionForm>
            <p class="mt-4 text-sm text-slate-600">{move_tr!(login_help)}</p>
        </div>
    }
}

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let viewer = use_viewer();
    view! {
        <Title text=tr!(i18n, password_title) />
        <div class="mx-auto max-w-md">
            <PageHeader title=move_tr!(password_title)>
                <p>{move_tr!(password_lead)}</p>
            </PageHeader>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match viewer.await {
                        Ok(Some(viewer)) => view! {
                            {viewer.must_change_password.then(|| view! {
                                <p class="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900" data-testid="must-change-notice">
                                    {move_tr!(password_must_change)}
                                </p>
                            })}
                            <PasswordForm nip=viewer.nip.clone() />
                            <IslandScripts />
                        }.into_any(),
                        Ok(None) => view! { <AccessProblem error=AppError::Unauthenticated /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The password form, checking the new password while it is typed. Without the
/// WASM it is a plain form; the server applies the same rules.
#[island(lazy)]
fn PasswordForm(nip: String) -> impl IntoView {
    view! { <IslandRoot><PasswordFields nip /></IslandRoot> }
}

#[component]
fn PasswordFields(nip: String) -> impl IntoView {
    let action = FormAction::<ChangePassword>::new();
    let server_error = form_error(action, ChangePassword::PATH);
    let _ = change_password;
    let (new_password, set_new_password) = signal(String::new());
    let (confirm, set_confirm) = signal(String::new());
    Effect::new(move |_| {
        if let Some(Ok(outcome)) = action.value().get() {
            reload_to(outcome.target);
        }
    });
    let live_error = Signal::derive(move || {
        let typed = new_password.get();
        if typed.is_empty() {
            return None;
        }
        let confirm = confirm.get();
        // The birth date is checked on the server (it is not sent to the browser).
        let confirm = if confirm.is_empty() {
            typed.clone()
        } else {
            confirm
        };
        check_new_password(&typed, &confirm, &nip, None)
            .err()
            .map(|p| AppError::invalid(p.field(), p.message()))
    });
    let error = Signal::derive(move || server_error.get().or_else(|| live_error.get()));
    view! {
        <ActionForm action attr:class="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" attr:data-testid="password-form">
            <FormError error fields=&["current", "new_password", "confirm"] />
            <Field label=move_tr!(password_current) name="current" kind="password" autocomplete="current-password" required=true test_id="password-current" error />
            <div on:input=move |ev| set_new_password.set(event_target_value(&ev))>
                <Field label=move_tr!(password_new) name="new_password" kind="password" autocomplete="new-password" required=true test_id="password-new" error />
            </div>
            <div on:input=move |ev| set_confirm.set(event_target_value(&ev))>
                <Field label=move_tr!(password_confirm) name="confirm" kind="password" autocomplete="new-password" required=true test_id="password-confirm" error />
            </div>
            <p class="text-sm text-slate-600">{move_tr!(password_rules)}</p>
            <button type="submit" class=BUTTON_CLASS data-testid="password-submit" disabled=move || action.pending().get()>
                {move_tr!(password_submit)}
            </button>
        </ActionForm>
    }
}

/// `/saya`: the signed-in person's own page.
#[component]
pub fn MyPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let viewer = use_viewer();
    let changed = use_query_map().with_untracked(|q| q.get("sandi").is_some());
    let profile = Resource::new(
        || (),
        move |_| async move {
            match viewer.await {
                Ok(Some(v)) => get_employee_profile(v.employee_id).await,
                Ok(None) => Err(AppError::Unauthenticated),
                Err(e) => Err(e),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, me_title) />
        {changed.then(|| view! {
            <p class="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-emerald-900" role="status" data-testid="password-changed">
                {move_tr!(password_changed)}
            </p>
        })}
        <ProfileView profile />
    }
}

/// `/pegawai/:id`: an employee's page, for those within reach; others are refused.
#[component]
pub fn EmployeePage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let profile = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_employee_profile(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=tr!(i18n, employee_title) />
        <ProfileView profile />
    }
}

#[component]
fn ProfileView(profile: Resource<Result<EmployeeProfile, AppError>>) -> impl IntoView {
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => view! { <ProfileCard profile /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn reach_label(reach: Reach) -> String {
    match reach {
        Reach::Own => tr!(reach_own),
        Reach::Direct => tr!(reach_direct),
        Reach::Indirect => tr!(reach_indirect),
        Reach::Admin => tr!(reach_admin),
        Reach::Pimpinan => tr!(reach_pimpinan),
    }
}

#[component]
fn ProfileCard(profile: EmployeeProfile) -> impl IntoView {
    let row = |label: Signal<String>, value: String, test: &'static str| {
        view! {
            <div class="flex flex-col border-b border-slate-100 py-2 sm:flex-row sm:gap-4">
                <dt class="w-48 shrink-0 text-sm text-slate-500">{label}</dt>
                <dd class="text-slate-900" data-testid=test>{value}</dd>
            </div>
        }
    };
    let dash = || "—".to_owned();
    let admin_panel = profile
        .can_administer
        .then(|| view! { <EmployeeAdminPanel profile=profile.clone() /><IslandScripts /> });
    view! {
        <PageHeader title=Signal::stored(profile.name.clone())>
            <p data-testid="profile-reach">{reach_label(profile.reach)}</p>
        </PageHeader>
        <section class="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="profile">
            <dl>
                {row(move_tr!(profile_nip), profile.nip.clone().unwrap_or_else(dash), "profile-nip")}
                {row(move_tr!(profile_position), profile.position_title.clone().unwrap_or_else(dash), "profile-position")}
                {row(move_tr!(profile_kind), profile.position_kind.map(|k| jabatan_kind_label(k.code())).unwrap_or_else(dash), "profile-kind")}
                {row(move_tr!(profile_unit), profile.unit_name.clone().unwrap_or_else(dash), "profile-unit")}
                {row(move_tr!(profile_status), format!("{} {}", status_label(profile.status.code()), profile.golongan.clone().unwrap_or_default()), "profile-status")}
                {row(move_tr!(profile_supervisor), profile.supervisor.as_ref().map(|s| format!("{} ({})", s.name, s.position_title.clone().unwrap_or_default())).unwrap_or_else(dash), "profile-supervisor")}
                {(!profile.active).then(|| row(move_tr!(profile_state), tr!(profile_inactive), "profile-state"))}
            </dl>
            {(!profile.acting.is_empty()).then(|| view! {
                <h2 class="mt-4 font-semibold">{move_tr!(profile_acting)}</h2>
                <ul class="mt-1 list-disc pl-5 text-sm">
                    {profile.acting.iter().map(|a| view! {
                        <li>{format!("{} {} — {} ({})", a.kind.to_uppercase(), a.position_title, a.unit_name, tr!(date_range, { "from" => a.starts_on, "to" => a.ends_on }))}</li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        {admin_panel}
    }
}

/// The direct reports' SKP status this year, each linking to the review page.
#[component]
fn TeamPlansSection() -> impl IntoView {
    let plans = Resource::new(|| (), |_| crate::skp::plan::api::get_team_plans());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let Ok(plans) = plans.await else { return ().into_any() };
                let Some(year) = plans.year else { return ().into_any() };
                view! {
                    <section class="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="team-plans">
                        <h2 class="font-semibold">{move_tr!(team_plans, { "year" => year.to_string() })}</h2>
                        <ul class="mt-2 divide-y divide-slate-100 text-sm">
                            {plans.rows.into_iter().map(|r| {
                                let status = r.status.map(crate::skp::labels::plan_status_label).unwrap_or_else(|| tr!(team_plan_none));
                                let waiting = r.status == Some(crate::skp::types::PlanStatus::Submitted);
                                view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                        <A href=format!("/skp/{year}/pegawai/{}", r.employee_id) attr:class="text-emerald-800 underline">{r.name.clone()}</A>
                                        <span class=if waiting { "font-semibold text-sky-800" } else { "text-slate-600" }>{status}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
                .into_any()
            })}
        </Transition>
    }
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let team = Resource::new(|| (), |_| get_my_team());
    view! {
        <Title text=tr!(i18n, team_title) />
        <PageHeader title=move_tr!(team_title)>
            <p>{move_tr!(team_lead)}</p>
        </PageHeader>
        <TeamPlansSection />
        <TeamFilingsSection />
        <TeamEvaluationsSection />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(team) => {
                        let more = team.indirect_total - team.indirect.len() as i64;
                        view! {
                            <h2 class="mb-2 text-lg font-semibold">{move_tr!(team_direct)}</h2>
                            <EmployeeTable rows=team.direct test_id="team-direct" />
                            <h2 class="mb-2 mt-6 text-lg font-semibold">
                                {move_tr!(team_indirect, { "count" => format_count(team.indirect_total) })}
                            </h2>
                            <EmployeeTable rows=team.indirect test_id="team-indirect" />
                            {(more > 0).then(|| view! {
                                <p class="mt-2 text-sm text-slate-500">{move_tr!(team_more, { "count" => format_count(more) })}</p>
                            })}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn EmployeeTable(rows: Vec<EmployeeRow>, test_id: &'static str) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="text-slate-600" data-testid=test_id>{move_tr!(list_empty)}</p> }
            .into_any();
    }
    view! {
        <WideTable>
            <table class="w-full text-left text-sm" data-testid=test_id>
                <thead class="bg-slate-50 text-slate-600">
                    <tr>
                        <th class="px-3 py-2">{move_tr!(col_name)}</th>
                        <th class="px-3 py-2">{move_tr!(col_nip)}</th>
                        <th class="px-3 py-2">{move_tr!(col_position)}</th>
                        <th class="px-3 py-2">{move_tr!(col_unit)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr class="border-t border-slate-100">
                            <td class="px-3 py-2">
                                <A href=format!("/pegawai/{}", r.id) attr:class="text-emerald-800 underline">{r.name.clone()}</A>
                                {(!r.active).then(|| view! { " " <span class="text-xs text-slate-500">{move_tr!(profile_inactive)}</span> })}
                            </td>
                            <td class="px-3 py-2 tabular-nums">{r.nip.clone().unwrap_or_default()}</td>
                            <td class="px-3 py-2">{r.position_title.clone().unwrap_or_default()}</td>
                            <td class="px-3 py-2">{r.unit_name.clone().unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </WideTable>
    }
    .into_any()
}

/// `/pegawai`: search by name or NIP across the tree (admin BKPSDM, pimpinan).
#[component]
pub fn EmployeeSearchPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let current = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(current, |q| async move {
        if q.trim().is_empty() {
            return Ok(None);
        }
        validate_employee_query(&q)?;
        search_employees(q).await.map(Some)
    });
    view! {
        <Title text=tr!(i18n, search_title) />
        <PageHeader title=move_tr!(search_title)>
            <p>{move_tr!(search_lead)}</p>
        </PageHeader>
        <Form method="GET" action="" attr:class="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end" attr:role="search">
            <label class="flex flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
                {move_tr!(search_label)}
                <input type="search" name="q" maxlength="100" value=current prop:value=current data-testid="employee-search" class=INPUT_CLASS />
            </label>
            <button type="submit" class=BUTTON_CLASS>{move_tr!(org_search_button)}</button>
        </Form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(Some(rows)) => view! { <EmployeeTable rows test_id="employee-results" /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(error @ AppError::Invalid { .. }) => view! { <ErrorNotice error /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Whether the viewer holds `role` (for navigation; the server checks again).
pub fn viewer_has(viewer: &Option<super::types::Viewer>, role: Role) -> bool {
    viewer.as_ref().is_some_and(|v| v.has(role))
}
