//! The document shell the server renders and the application root both sides share.

use super::errors::NotFoundPage;
use super::layout::Layout;
use crate::about::AboutPage;
use crate::admin::import::page::ImportPage;
use crate::admin::pages::{AdminHomePage, AdminUnitsPage};
use crate::audit::pages::AuditPage;
use crate::home::HomePage;
use crate::i18n::I18nProvider;
use crate::i18n::{tr, I18n};
use crate::identity::pages::{
    ChangePasswordPage, EmployeePage, EmployeeSearchPage, LoginPage, MyPage, TeamPage,
};
use crate::notifications::pages::NotificationsPage;
use crate::organisation::pages::OrganisationPage;
use crate::pimpinan::PimpinanPage;
use crate::skp::document::pages::SkpDocumentPage;
use crate::skp::overview::pages::{CascadePage, MatrixPage};
use crate::skp::period::pages::PeriodsPage;
use crate::skp::plan::pages::{MyPlanPage, ReviewPlanPage, SkpIndexPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the application, rendered on the server only.
///
/// Pages are plain HTML; the islands on a page bring the WASM loader with them
/// (`components::islands`), so a page without one downloads no WASM.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::platform::headers::set_page_security_policy();
    // Only islands hydrate; the rest of the page needs no hydration markers.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let stylesheet = stylesheet_href(&options);
    view! {
        <!DOCTYPE html>
        // `lang` comes from `<Html>` in `Document` (the page's language); a second one
        // here made the tag carry the attribute twice.
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=stylesheet />
                <AutoReload options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nProvider>
            <Document />
        </I18nProvider>
    }
}

#[component]
fn Document() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <Html {..} lang=i18n.language.code() />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Meta name="description" content=tr!(i18n, app_full_name) />
        <Title formatter=|page: String| format!("{page} · SIKAP") text=tr!(i18n, app_full_name) />
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    // Async: the server waits for the data and sends whole pages, so
                    // they read correctly before (or without) the WASM.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/organisasi") view=OrganisationPage ssr=SsrMode::Async />
                    <Route path=path!("/tentang") view=AboutPage ssr=SsrMode::Async />
                    <Route path=path!("/masuk") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/ganti-sandi") view=ChangePasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/saya") view=MyPage ssr=SsrMode::Async />
                    <Route path=path!("/tim") view=TeamPage ssr=SsrMode::Async />
                    <Route path=path!("/pegawai") view=EmployeeSearchPage ssr=SsrMode::Async />
                    <Route path=path!("/pegawai/:id") view=EmployeePage ssr=SsrMode::Async />
                    <Route path=path!("/pimpinan") view=PimpinanPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/organisasi") view=AdminUnitsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/impor") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/periode") view=PeriodsPage ssr=SsrMode::Async />
                    <Route path=path!("/skp") view=SkpIndexPage ssr=SsrMode::Async />
                    <Route path=path!("/pemberitahuan") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year") view=MyPlanPage ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/pegawai/:id") view=ReviewPlanPage ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/pegawai/:id/dokumen") view=SkpDocumentPage ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/matriks") view=MatrixPage ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/kaskade") view=CascadePage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The stylesheet under its content-hashed name when the build hashed it.
fn stylesheet_href(options: &LeptosOptions) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::platform::assets::stylesheet_href(&options.output_name, &options.site_pkg_dir)
            .to_owned()
    }
    #[cfg(not(feature = "ssr"))]
    format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
}
