//! Header with navigation and language switch, main area, footer. Plain HTML (links
//! and forms), so it works without WASM. From `sm` up the destinations form a row
//! of tabs; on a phone they sit in a menu panel (`<details>`: opens without any
//! script) with the signed-in person's name and log-out.

use crate::components::action_form::{ActionForm, FormAction};
use crate::i18n::{move_tr, I18n};
use crate::identity::api::{get_viewer, LogOut};
use crate::identity::types::{Role, Viewer};
use crate::organisation::api::get_instance_info;
use crate::organisation::types::InstanceInfo;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The signed-in person (or `None`), loaded once per page for the navigation and
/// the pages; every server function checks access again on its own.
pub type ViewerResource = OnceResource<Result<Option<Viewer>, crate::error::AppError>>;

pub fn use_viewer() -> ViewerResource {
    expect_context::<ViewerResource>()
}

/// Facts about this instance, loaded once per page and shared by every page.
pub type InstanceResource = OnceResource<Result<InstanceInfo, crate::error::AppError>>;

pub fn provide_instance_info() -> InstanceResource {
    let resource = OnceResource::new(get_instance_info());
    provide_context(resource);
    resource
}

pub fn use_instance_info() -> InstanceResource {
    expect_context::<InstanceResource>()
}

/// The instansi name, or the app name while it loads.
#[component]
pub fn InstansiName() -> impl IntoView {
    let info = use_instance_info();
    view! {
        <Suspense fallback=|| "SIKAP">
            {move || Suspend::new(async move {
                info.await.map(|i| i.instansi).unwrap_or_else(|_| "SIKAP".to_owned())
            })}
        </Suspense>
    }
}

/// How a destination looks in the tab row (from `sm` up) and in the phone panel.
const TAB_CLASS: &str = "block whitespace-nowrap rounded-t-md px-3 py-2 text-sm font-medium text-emerald-50 hover:bg-emerald-700 aria-[current=page]:bg-slate-50 aria-[current=page]:text-emerald-900";
const PANEL_LINK_CLASS: &str = "block rounded-md px-3 py-3 text-base font-medium text-emerald-50 hover:bg-emerald-700 aria-[current=page]:bg-slate-50 aria-[current=page]:text-emerald-900";

#[component]
fn NavLink(href: &'static str, label: Signal<String>, class: &'static str) -> impl IntoView {
    view! {
        <li>
            <A href=href attr:class=class>{label}</A>
        </li>
    }
}

/// The path the language form posts to; the server sets the cookie and sends the
/// browser back to the page it came from (`server/src/language.rs`).
pub const LANGUAGE_PATH: &str = "/bahasa";

/// A plain form: switching language reloads the page, rendered in the new language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let next = i18n.language.other().code();
    let location = use_location();
    let back = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    view! {
        <form method="post" action=LANGUAGE_PATH>
            <input type="hidden" name="lang" value=next />
            <input type="hidden" name="next" value=back />
            <button
                type="submit"
                class="rounded-md border border-emerald-200/60 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 focus:outline-none focus:ring-2 focus:ring-white"
                aria-label=move_tr!(lang_switch_label)
                data-testid="lang-switch"
            >
                {move_tr!(lang_switch)}
            </button>
        </form>
    }
}

/// Every destination of the viewer: the public pages, then those of their roles,
/// then log-in for a visitor. The same list in the tab row and the phone panel.
#[component]
fn Destinations(class: &'static str) -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <NavLink href="/" label=move_tr!(nav_home) class />
        <NavLink href="/organisasi" label=move_tr!(nav_organisation) class />
        <NavLink href="/tentang" label=move_tr!(nav_about) class />
        <Suspense>
            {move || Suspend::new(async move {
                let viewer = viewer.await.ok().flatten();
                let has = |role: Role| viewer.as_ref().is_some_and(|v| v.has(role));
                view! {
                    {viewer.is_some().then(|| view! { <NavLink href="/saya" label=move_tr!(nav_me) class /> })}
                    {viewer.is_some().then(|| view! { <NavLink href="/skp" label=move_tr!(nav_skp) class /> })}
                    {has(Role::Atasan).then(|| view! { <NavLink href="/tim" label=move_tr!(nav_team) class /> })}
                    {(has(Role::AdminBkpsdm) || has(Role::Pimpinan)).then(|| view! { <NavLink href="/pegawai" label=move_tr!(nav_employees) class /> })}
                    {has(Role::AdminBkpsdm).then(|| view! { <NavLink href="/admin" label=move_tr!(nav_admin) class /> })}
                    {has(Role::Pimpinan).then(|| view! { <NavLink href="/pimpinan" label=move_tr!(nav_pimpinan) class /> })}
                    {viewer.is_none().then(|| view! { <NavLink href="/masuk" label=move_tr!(nav_login) class /> })}
                }
            })}
        </Suspense>
    }
}

/// The log-out button (a form: the server ends the session and sends the browser
/// home, also without JS).
#[component]
fn LogOutButton(test_id: &'static str) -> impl IntoView {
    let action = FormAction::<LogOut>::new();
    view! {
        <ActionForm action>
            <button type="submit" data-testid=test_id class="rounded-md border border-emerald-200/60 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700">
                {move_tr!(nav_logout)}
            </button>
        </ActionForm>
    }
}

/// The phone's menu: a button that opens a panel with every destination, and for a
/// signed-in person their name and log-out. Hidden from `sm` up, where the tab row
/// and the account box show the same.
#[component]
fn PhoneMenu() -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <details class="sm:hidden" data-testid="phone-menu">
            <summary
                class="flex cursor-pointer list-none items-center gap-1 rounded-md border border-emerald-200/60 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-700 [&::-webkit-details-marker]:hidden"
                data-testid="phone-menu-button"
            >
                <span aria-hidden="true">"☰"</span>
                {move_tr!(nav_menu)}
            </summary>
            <div class="absolute inset-x-0 top-full z-20 border-t border-emerald-700 bg-emerald-800 px-4 pb-4 shadow-lg">
                <Suspense>
                    {move || Suspend::new(async move {
                        viewer.await.ok().flatten().map(|v| view! {
                            <div class="flex items-center justify-between gap-3 border-b border-emerald-700 py-3">
                                <span class="min-w-0 break-words text-sm text-emerald-50" data-testid="phone-viewer-name">{v.name.clone()}</span>
                                <LogOutButton test_id="phone-logout" />
                            </div>
                        })
                    })}
                </Suspense>
                <nav aria-label=move_tr!(nav_main) class="pt-2">
                    <ul class="flex flex-col gap-1">
                        <Destinations class=PANEL_LINK_CLASS />
                    </ul>
                </nav>
            </div>
        </details>
    }
}

/// The unread count beside the bell (also made by `public/pemberitahuan.js`).
const UNREAD_BADGE_CLASS: &str =
    "ml-1 rounded-full bg-amber-400 px-1.5 text-xs font-bold text-emerald-950";

/// The signed-in person's name and the log-out button (a form: works without JS).
#[component]
fn AccountBox() -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                viewer.await.ok().flatten().map(|v| view! {
                    <div class="flex min-w-0 items-center gap-2">
                        <span class="hidden truncate text-sm text-emerald-100 sm:inline" data-testid="viewer-name">{v.name.clone()}</span>
                        <a href="/pemberitahuan" class="relative rounded-md px-2 py-1.5 text-sm text-white hover:bg-emerald-700" data-testid="notifications-link"
                            aria-label=move_tr!(notifications_title) data-badge-class=UNREAD_BADGE_CLASS>
                            "🔔"
                            {(v.unread_notifications > 0).then(|| view! {
                                <span class=UNREAD_BADGE_CLASS data-testid="notifications-unread">
                                    {v.unread_notifications}
                                </span>
                            })}
                        </a>
                        // Keeps the count live (a few hundred bytes, no WASM).
                        <script src="/pemberitahuan.js" defer></script>
                        <div class="hidden sm:block"><LogOutButton test_id="logout" /></div>
                    </div>
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    provide_instance_info();
    provide_context::<ViewerResource>(OnceResource::new(get_viewer()));
    view! {
        <div class="flex min-h-screen flex-col">
            <a href="#konten" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
                {move_tr!(skip_to_content)}
            </a>
            <header class="relative bg-emerald-800 text-white shadow">
                <div class="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 pt-3">
                    <a href="/" class="flex min-w-0 items-baseline gap-2">
                        <span class="text-xl font-bold tracking-wide">"SIKAP"</span>
                        <span class="truncate text-sm text-emerald-100"><InstansiName /></span>
                    </a>
                    <div class="flex shrink-0 items-center gap-2">
                        <AccountBox />
                        <LanguageSwitch />
                        <PhoneMenu />
                    </div>
                </div>
                <nav aria-label=move_tr!(nav_main) class="mx-auto hidden max-w-6xl px-2 pt-2 sm:block">
                    <ul class="flex flex-wrap gap-1">
                        <Destinations class=TAB_CLASS />
                    </ul>
                </nav>
                <div class="h-3 sm:hidden"></div>
            </header>
            <main id="konten" class="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
                {children()}
            </main>
            <footer class="border-t border-slate-200 bg-white">
                <p class="mx-auto max-w-6xl px-4 py-4 text-sm text-slate-500">
                    <span><InstansiName /></span>
                    " · "
                    <span>{move_tr!(app_full_name)}</span>
                </p>
            </footer>
        </div>
    }
}
