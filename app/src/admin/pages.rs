//! Administration pages: the admin home, the admin panel on an employee's page,
//! and units with their positions.

use super::api::{
    admin_list_units, admin_unit_positions, AdminAssignActing, AdminCreateEmployee,
    AdminResetPassword, AdminRevokeActing, AdminSavePosition, AdminSaveUnit, AdminSetAdmin,
    AdminUpdateEmployee,
};
use super::types::{ActingKind, AdminPosition, AdminUnit};
use crate::components::action_form::{ActionForm, FormAction};
use crate::components::form::{
    form_error, FormError, BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS, SECONDARY_BUTTON_CLASS,
};
use crate::components::islands::{use_island_ready, IslandRoot, IslandScripts};
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, I18n};
use crate::identity::types::EmployeeProfile;
use crate::organisation::pages::jabatan_kind_label;
use crate::organisation::types::{EmployeeStatus, JabatanKind, UnitKind};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

const CARD: &str = "mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

#[component]
pub fn AdminHomePage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let link = |href: &'static str,
                title: Signal<String>,
                body: Signal<String>,
                test: &'static str| {
        view! {
            <A href=href attr:class="block rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-emerald-600" attr:data-testid=test>
                <h2 class="font-semibold text-emerald-800">{title}</h2>
                <p class="mt-1 text-sm text-slate-600">{body}</p>
            </A>
        }
    };
    view! {
        <Title text=tr!(i18n, admin_title) />
        <PageHeader title=move_tr!(admin_title)>
            <p>{move_tr!(admin_lead)}</p>
        </PageHeader>
        <div class="grid gap-4 sm:grid-cols-2">
            {link("/pegawai", move_tr!(admin_employees), move_tr!(admin_employees_body), "admin-link-employees")}
            {link("/admin/organisasi", move_tr!(admin_units), move_tr!(admin_units_body), "admin-link-units")}
            {link("/admin/impor", move_tr!(import_title), move_tr!(admin_import_body), "admin-link-import")}
            {link("/admin/audit", move_tr!(audit_title), move_tr!(admin_audit_body), "admin-link-audit")}
            {link("/admin/periode", move_tr!(periods_title), move_tr!(admin_periods_body), "admin-link-periods")}
            {link("/admin/realisasi", move_tr!(monitor_title), move_tr!(admin_monitor_body), "admin-link-monitor")}
            {link("/admin/penilaian", move_tr!(penilaian_monitor_title), move_tr!(admin_penilaian_body), "admin-link-penilaian")}
            {link("/admin/kurva", move_tr!(penilaian_curve_title), move_tr!(admin_curve_body), "admin-link-curve")}
        </div>
        <NewEmployeeForm />
        <IslandScripts />
    }
}

/// One new employee: sex and birth date are read from the NIP. An island: the
/// position picker searches as one types, and the one-time password shows in place.
#[island(lazy)]
fn NewEmployeeForm() -> impl IntoView {
    view! { <IslandRoot><NewEmployeeFields /></IslandRoot> }
}

#[component]
fn NewEmployeeFields() -> impl IntoView {
    let ready = use_island_ready();
    let create = FormAction::<AdminCreateEmployee>::new();
    let error = form_error(create, AdminCreateEmployee::PATH);
    view! {
        <section class=CARD data-testid="new-employee">
            <h2 class="text-lg font-semibold">{move_tr!(admin_new_employee)}</h2>
            <p class="mt-1 text-sm text-slate-600">{move_tr!(admin_new_employee_lead)}</p>
            <ActionForm action=create attr:class="mt-3 flex flex-col gap-3">
                <FormError error fields=&[] />
                <div class="grid gap-2 sm:grid-cols-2">
                    <label class=LABEL_CLASS>{move_tr!(col_nip)}
                        <input name="nip" inputmode="numeric" required class=INPUT_CLASS data-testid="new-employee-nip" />
                    </label>
                    <label class=LABEL_CLASS>{move_tr!(col_name)}
                        <input name="name" required class=INPUT_CLASS data-testid="new-employee-name" />
                    </label>
                    <label class=LABEL_CLASS>{move_tr!(profile_status)}
                        <select name="status" class=INPUT_CLASS>
                            <option value=EmployeeStatus::Pns.code()>"PNS"</option>
                            <option value=EmployeeStatus::Pppk.code()>"PPPK"</option>
                        </select>
                    </label>
                    <label class=LABEL_CLASS>{move_tr!(admin_golongan)}<input name="golongan" class=INPUT_CLASS /></label>
                </div>
                <PositionPicker name="position_id" test_id="new-employee-position" />
                <button type="submit" class=BUTTON_CLASS data-testid="new-employee-save" disabled=move || !ready.get() || create.pending().get()>
                    {move_tr!(admin_add)}
                </button>
            </ActionForm>
            {move || create.value().get().and_then(Result::ok).map(|issued| view! {
                <p class="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900" data-testid="new-employee-issued">
                    {move_tr!(admin_issued_password, { "name" => issued.name.clone() })} " "
                    <code class="select-all font-mono text-base font-semibold">{issued.password.clone()}</code> " "
                    <a href=format!("/pegawai/{}", issued.employee_id) class="text-emerald-800 underline">{move_tr!(admin_open_profile)}</a>
                </p>
            })}
        </section>
    }
}

/// Reloads the page after a successful admin action, so every part shows the change.
fn reload_on_success<I, O>(action: FormAction<I>)
where
    I: ServerFn<Output = O, Error = AppError> + 'static,
    O: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            #[cfg(feature = "hydrate")]
            crate::components::form::reload_to(
                window().location().href().unwrap_or_else(|_| "/".into()),
            );
        }
    });
}

/// A unit chosen by searching, then one of its positions. The first choices
/// (`positions`, of the employee's unit) come with the page, so the form works the same
/// before the WASM and without it; searching asks the server as one types. (No
/// `<Transition>`: its asynchronous rendering was the largest part of the admin
/// islands' code.)
#[component]
fn PositionPicker(
    #[prop(optional)] positions: Vec<AdminPosition>,
    name: &'static str,
    #[prop(optional)] selected: Option<i64>,
    test_id: &'static str,
) -> impl IntoView {
    let units = RwSignal::new(Vec::<AdminUnit>::new());
    let positions = RwSignal::new(positions);
    // Answers may come back out of order: only the latest question's is shown.
    let asked = StoredValue::new(0_u32);
    let search = move |query: String| {
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let found = if query.trim().chars().count() < 2 {
                Vec::new()
            } else {
                admin_list_units(query).await.unwrap_or_default()
            };
            if asked.get_value() == mine {
                units.set(found);
            }
        });
    };
    let choose_unit = move |unit: Option<i64>| {
        leptos::task::spawn_local(async move {
            let list = match unit {
                Some(id) => admin_unit_positions(id).await.unwrap_or_default(),
                None => Vec::new(),
            };
            positions.set(list);
        });
    };
    view! {
        <div class="grid gap-2 sm:grid-cols-2">
            <label class=LABEL_CLASS>
                {move_tr!(picker_unit_search)}
                <input type="search" class=INPUT_CLASS data-testid=format!("{test_id}-unit-search")
                    on:input=move |ev| search(event_target_value(&ev)) />
            </label>
            {move || {
                let found = units.get();
                (!found.is_empty()).then(|| view! {
                    <label class=LABEL_CLASS>
                        {move_tr!(picker_unit)}
                        <select class=INPUT_CLASS data-testid=format!("{test_id}-unit")
                            on:change=move |ev| choose_unit(event_target_value(&ev).parse().ok())>
                            <option value="">"—"</option>
                            {found.into_iter().map(|u| view! { <option value=u.id.to_string()>{format!("{} · {}", u.code, u.name)}</option> }).collect_view()}
                        </select>
                    </label>
                })
            }}
            <label class=format!("{LABEL_CLASS} sm:col-span-2")>
                {move_tr!(picker_position)}
                <select name=name class=INPUT_CLASS data-testid=test_id>
                    <option value="">"—"</option>
                    {move || positions.get().into_iter().filter(|p| p.active).map(|p| {
                        let label = format!("{} ({}){}", p.title, jabatan_kind_label(&p.kind),
                            if p.holders.is_empty() { format!(" · {}", tr!(picker_vacant)) } else { format!(" · {}", p.holders.join(", ")) });
                        view! { <option value=p.id.to_string() selected=selected == Some(p.id)>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}

/// Admin actions on an employee's page (an island: the position picker searches
/// as one types, and a reset password shows in place).
#[island(lazy)]
pub fn EmployeeAdminPanel(profile: EmployeeProfile) -> impl IntoView {
    view! { <IslandRoot><EmployeeAdminForms profile /></IslandRoot> }
}

#[component]
fn EmployeeAdminForms(profile: EmployeeProfile) -> impl IntoView {
    let ready = use_island_ready();
    let update = FormAction::<AdminUpdateEmployee>::new();
    let reset = FormAction::<AdminResetPassword>::new();
    let set_admin = FormAction::<AdminSetAdmin>::new();
    let assign = FormAction::<AdminAssignActing>::new();
    let revoke = FormAction::<AdminRevokeActing>::new();
    reload_on_success(update);
    reload_on_success(set_admin);
    reload_on_success(assign);
    reload_on_success(revoke);
    let update_error = form_error(update, AdminUpdateEmployee::PATH);
    let admin_error = form_error(set_admin, AdminSetAdmin::PATH);
    let assign_error = form_error(assign, AdminAssignActing::PATH);
    let id = profile.id;
    let status = profile.status;
    view! {
        <section class=CARD data-testid="admin-panel">
            <h2 class="text-lg font-semibold">{move_tr!(admin_edit_employee)}</h2>
            <ActionForm action=update attr:class="mt-3 flex flex-col gap-3">
                <input type="hidden" name="employee_id" value=id.to_string() />
                <FormError error=update_error fields=&[] />
                <label class=LABEL_CLASS>{move_tr!(col_name)}
                    <input name="name" value=profile.name.clone() class=INPUT_CLASS data-testid="admin-name" />
                </label>
                <div class="grid gap-2 sm:grid-cols-2">
                    <label class=LABEL_CLASS>{move_tr!(profile_status)}
                        <select name="status" class=INPUT_CLASS>
                            <option value=EmployeeStatus::Pns.code() selected=status == EmployeeStatus::Pns>"PNS"</option>
                            <option value=EmployeeStatus::Pppk.code() selected=status == EmployeeStatus::Pppk>"PPPK"</option>
                        </select>
                    </label>
                    <label class=LABEL_CLASS>{move_tr!(admin_golongan)}
                        <input name="golongan" value=profile.golongan.clone().unwrap_or_default() class=INPUT_CLASS />
                    </label>
                </div>
                <PositionPicker positions=profile.unit_positions.clone() name="position_id" selected=profile.position_id.unwrap_or(-1) test_id="admin-position" />
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="active" checked=profile.active data-testid="admin-active" />
                    {move_tr!(admin_active)}
                </label>
                <button type="submit" class=BUTTON_CLASS data-testid="admin-save-employee" disabled=move || !ready.get()>{move_tr!(admin_save)}</button>
            </ActionForm>
        </section>

        <section class=CARD>
            <h2 class="text-lg font-semibold">{move_tr!(admin_access)}</h2>
            <p class="mt-1 text-sm text-slate-600">
                {if profile.is_admin { move_tr!(admin_is_admin) } else { move_tr!(admin_not_admin) }}
            </p>
            <FormError error=admin_error fields=&[] />
            <div class="mt-3 flex flex-wrap gap-2">
                <ActionForm action=set_admin>
                    <input type="hidden" name="employee_id" value=id.to_string() />
                    <input type="hidden" name="grant" value=(!profile.is_admin).to_string() />
                    <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="admin-toggle-admin">
                        {if profile.is_admin { move_tr!(admin_revoke_admin) } else { move_tr!(admin_grant_admin) }}
                    </button>
                </ActionForm>
                <ActionForm action=reset>
                    <input type="hidden" name="employee_id" value=id.to_string() />
                    <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="admin-reset-password">{move_tr!(admin_reset_password)}</button>
                </ActionForm>
            </div>
            {move || reset.value().get().map(|result| match result {
                Ok(issued) => Either::Left(view! {
                    <p class="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900" data-testid="issued-password">
                        {move_tr!(admin_issued_password, { "name" => issued.name.clone() })} " "
                        <code class="select-all font-mono text-base font-semibold">{issued.password.clone()}</code>
                    </p>
                }),
                Err(error) => Either::Right(view! { <AccessProblem error /> }),
            })}
        </section>

        <section class=CARD>
            <h2 class="text-lg font-semibold">{move_tr!(admin_acting)}</h2>
            <ul class="mt-2 space-y-2 text-sm">
                {profile.acting.clone().into_iter().map(|a| {
                    let label = format!("{} {} — {} ({})", a.kind.to_uppercase(), a.position_title, a.unit_name, tr!(date_range, { "from" => a.starts_on, "to" => a.ends_on }));
                    view! {
                        <li class="flex flex-wrap items-center gap-2">
                            <span>{label}</span>
                            <ActionForm action=revoke>
                                <input type="hidden" name="assignment_id" value=a.id.to_string() />
                                <button type="submit" class="text-red-700 underline">{move_tr!(admin_revoke)}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionForm action=assign attr:class="mt-3 flex flex-col gap-3">
                <input type="hidden" name="employee_id" value=id.to_string() />
                <FormError error=assign_error fields=&[] />
                <PositionPicker name="position_id" test_id="acting-position" />
                <div class="grid gap-2 sm:grid-cols-3">
                    <label class=LABEL_CLASS>{move_tr!(admin_acting_kind)}
                        <select name="kind" class=INPUT_CLASS>
                            <option value=ActingKind::Plh.code()>{move_tr!(admin_acting_plh)}</option>
                            <option value=ActingKind::Plt.code()>{move_tr!(admin_acting_plt)}</option>
                        </select>
                    </label>
                    <label class=LABEL_CLASS>{move_tr!(admin_acting_from)}<input type="date" name="starts_on" required class=INPUT_CLASS /></label>
                    <label class=LABEL_CLASS>{move_tr!(admin_acting_until)}<input type="date" name="ends_on" required class=INPUT_CLASS /></label>
                </div>
                <button type="submit" class=BUTTON_CLASS>{move_tr!(admin_acting_assign)}</button>
            </ActionForm>
        </section>
    }
}

/// `/admin/organisasi`: find a unit, edit it, add sub-units and positions.
#[component]
pub fn AdminUnitsPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let selected = move || query.read().get("unit").and_then(|u| u.parse::<i64>().ok());
    let units = Resource::new(search, admin_list_units);
    view! {
        <Title text=tr!(i18n, admin_units) />
        <PageHeader title=move_tr!(admin_units)>
            <p>{move_tr!(admin_units_body)}</p>
        </PageHeader>
        <Form method="GET" action="" attr:class="mb-4 flex items-end gap-2" attr:role="search">
            <label class=format!("{LABEL_CLASS} flex-1")>
                {move_tr!(admin_unit_search_label)}
                <input type="search" name="q" value=search prop:value=search class=INPUT_CLASS data-testid="admin-unit-search" />
            </label>
            <button type="submit" class=BUTTON_CLASS>{move_tr!(org_search_button)}</button>
        </Form>
        <div class="grid gap-6 lg:grid-cols-3">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match units.await {
                        Ok(units) => {
                            let chosen = selected();
                            let detail = chosen.and_then(|id| units.iter().find(|u| u.id == id).cloned());
                            let query = search();
                            view! {
                                <ul class="max-h-[70vh] overflow-y-auto rounded-xl border border-slate-200 bg-white text-sm shadow-sm" data-testid="admin-unit-list">
                                    {units.into_iter().map(|u| {
                                        let href = format!("?q={}&unit={}", crate::components::encode_path(&query), u.id);
                                        view! {
                                            <li class="border-b border-slate-100">
                                                <A href=href attr:class="block px-3 py-2 hover:bg-emerald-50">
                                                    <span class="text-slate-500">{u.code.clone()}</span> " " {u.name.clone()}
                                                    {(!u.active).then(|| view! { " " <em class="text-slate-500">{move_tr!(profile_inactive)}</em> })}
                                                </A>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <div class="lg:col-span-2">
                                    {detail.map(|unit| view! { <UnitEditor unit /> })}
                                </div>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <AccessProblem error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

fn unit_kind_options(current: &str) -> impl IntoView {
    UnitKind::ALL
        .iter()
        .filter(|k| **k != UnitKind::Pemda)
        .map(|k| k.code())
        .map(|k| view! { <option value=k selected=current == k>{crate::organisation::pages::unit_kind_label(k)}</option> })
        .collect_view()
}

fn jabatan_options(current: &str) -> impl IntoView {
    JabatanKind::ALL
        .iter()
        .filter(|k| **k != JabatanKind::KepalaDaerah)
        .map(|k| k.code())
        .map(|k| view! { <option value=k selected=current == k>{jabatan_kind_label(k)}</option> })
        .collect_view()
}

#[component]
fn UnitEditor(unit: AdminUnit) -> impl IntoView {
    let save_unit = FormAction::<AdminSaveUnit>::new();
    let save_position = FormAction::<AdminSavePosition>::new();
    let unit_error = form_error(save_unit, AdminSaveUnit::PATH);
    let position_error = form_error(save_position, AdminSavePosition::PATH);
    let unit_id = unit.id;
    let positions = Resource::new(move || unit_id, admin_unit_positions);
    let parent_positions = Resource::new(
        move || unit.parent_id,
        |parent| async move {
            match parent {
                Some(id) => admin_unit_positions(id).await,
                None => Ok(Vec::new()),
            }
        },
    );
    view! {
        <section class="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="unit-editor">
            <h2 class="text-lg font-semibold">{unit.name.clone()}</h2>
            <p class="text-sm text-slate-500">{unit.code.clone()} " · " {unit.parent_name.clone().unwrap_or_default()}</p>
            <FormError error=unit_error fields=&[] />
            <ActionForm action=save_unit attr:class="mt-3 grid gap-2 sm:grid-cols-2">
                <input type="hidden" name="unit_id" value=unit.id.to_string() />
                <input type="hidden" name="parent_id" value=unit.parent_id.map(|p| p.to_string()).unwrap_or_default() />
                <label class=LABEL_CLASS>{move_tr!(admin_unit_name)}<input name="name" value=unit.name.clone() class=INPUT_CLASS /></label>
                <label class=LABEL_CLASS>{move_tr!(org_col_kind)}<select name="kind" class=INPUT_CLASS>{unit_kind_options(&unit.kind)}</select></label>
                <label class="flex items-center gap-2 text-sm"><input type="checkbox" name="active" checked=unit.active />{move_tr!(admin_active)}</label>
                <button type="submit" class=BUTTON_CLASS>{move_tr!(admin_save)}</button>
            </ActionForm>
            <details class="mt-4">
                <summary class="cursor-pointer font-medium text-emerald-800">{move_tr!(admin_add_subunit)}</summary>
                <ActionForm action=save_unit attr:class="mt-2 grid gap-2 sm:grid-cols-2">
                    <input type="hidden" name="unit_id" value="" />
                    <input type="hidden" name="parent_id" value=unit.id.to_string() />
                    <input type="hidden" name="active" value="on" />
                    <label class=LABEL_CLASS>{move_tr!(admin_unit_name)}<input name="name" class=INPUT_CLASS data-testid="new-unit-name" /></label>
                    <label class=LABEL_CLASS>{move_tr!(org_col_kind)}<select name="kind" class=INPUT_CLASS>{unit_kind_options("seksi")}</select></label>
                    <button type="submit" class=BUTTON_CLASS data-testid="new-unit-save">{move_tr!(admin_add)}</button>
                </ActionForm>
            </details>
        </section>
        <section class=CARD>
            <h2 class="text-lg font-semibold">{move_tr!(admin_positions)}</h2>
            <FormError error=position_error fields=&[] />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let own = positions.await.unwrap_or_default();
                    let above = parent_positions.await.unwrap_or_default();
                    let parents: Vec<(i64, String)> = own.iter().chain(above.iter()).filter(|p| p.active)
                        .map(|p| (p.id, p.title.clone())).collect();
                    let parent_options = |current: Option<i64>| parents.iter().map(|(id, title)| {
                        view! { <option value=id.to_string() selected=current == Some(*id)>{title.clone()}</option> }
                    }).collect_view();
                    let existing = own.into_iter().map(|p| {
                        let options = parent_options(p.parent_id);
                        view! {
                                <li class="rounded-md border border-slate-100 p-3">
                                    <p class="text-sm text-slate-500">{if p.holders.is_empty() { tr!(picker_vacant) } else { p.holders.join(", ") }}</p>
                                    <ActionForm action=save_position attr:class="mt-1 grid gap-2 sm:grid-cols-4">
                                        <input type="hidden" name="position_id" value=p.id.to_string() />
                                        <input type="hidden" name="unit_id" value=unit_id.to_string() />
                                        <label class=format!("{LABEL_CLASS} sm:col-span-2")>{move_tr!(admin_position_title)}<input name="title" value=p.title.clone() class=INPUT_CLASS /></label>
                                        <label class=LABEL_CLASS>{move_tr!(org_col_kind)}<select name="kind" class=INPUT_CLASS>{jabatan_options(&p.kind)}</select></label>
                                        <label class=LABEL_CLASS>{move_tr!(admin_position_parent)}<select name="parent_id" class=INPUT_CLASS>{options}</select></label>
                                        <label class="flex items-center gap-2 text-sm"><input type="checkbox" name="active" checked=p.active />{move_tr!(admin_active)}</label>
                                        <button type="submit" class=SECONDARY_BUTTON_CLASS>{move_tr!(admin_save)}</button>
                                    </ActionForm>
                                </li>
                        }
                    }).collect_view();
                    let new_options = parent_options(None);
                    view! {
                        <ul class="mt-2 space-y-3">
                            {existing}
                        </ul>
                        <h3 class="mt-4 font-medium">{move_tr!(admin_add_position)}</h3>
                        <ActionForm action=save_position attr:class="mt-1 grid gap-2 sm:grid-cols-4">
                            <input type="hidden" name="position_id" value="" />
                            <input type="hidden" name="unit_id" value=unit_id.to_string() />
                            <input type="hidden" name="active" value="on" />
                            <label class=format!("{LABEL_CLASS} sm:col-span-2")>{move_tr!(admin_position_title)}<input name="title" class=INPUT_CLASS data-testid="new-position-title" /></label>
                            <label class=LABEL_CLASS>{move_tr!(org_col_kind)}<select name="kind" class=INPUT_CLASS>{jabatan_options(JabatanKind::Pelaksana.code())}</select></label>
                            <label class=LABEL_CLASS>{move_tr!(admin_position_parent)}<select name="parent_id" class=INPUT_CLASS>{new_options}</select></label>
                            <button type="submit" class=BUTTON_CLASS data-testid="new-position-save">{move_tr!(admin_add)}</button>
                        </ActionForm>
                    }
                })}
            </Transition>
        </section>
    }
}
