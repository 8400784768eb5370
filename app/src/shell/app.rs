//! The document shell the server renders and the application root both sides share.

use super::errors::NotFoundPage;
use super::guarded::Guarded;
use super::layout::Layout;
use crate::about::AboutPage;
use crate::admin::import::page::ImportPage;
use crate::admin::pages::{AdminHomePage, AdminUnitsPage};
use crate::audit::pages::AuditPage;
use crate::feedback::pages::FeedbackPage;
use crate::feedback::request_page::FeedbackRequestPage;
use crate::home::HomePage;
use crate::i18n::I18nProvider;
use crate::i18n::{tr, I18n};
use crate::identity::pages::{
    ChangePasswordPage, EmployeePage, EmployeeSearchPage, LoginPage, MyPage, TeamPage,
};
use crate::notifications::pages::NotificationsPage;
use crate::organisation::pages::OrganisationPage;
use crate::penilaian::document::pages::EvaluationDocumentPage;
use crate::penilaian::monitor::curve_page::DistributionMonitorPage;
use crate::penilaian::monitor::page::EvaluationMonitorPage;
use crate::penilaian::pages::{EmployeeEvaluationPage, MyEvaluationPage};
use crate::pimpinan::PimpinanPage;
use crate::realisasi::monitor::page::FilingMonitorPage;
use crate::realisasi::pages::{EmployeeRealisasiPage, MyRealisasiPage};
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
                    <Route path=path!("/") view=|| view! { <Guarded page="/"><HomePage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/organisasi") view=|| view! { <Guarded page="/organisasi"><OrganisationPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/tentang") view=|| view! { <Guarded page="/tentang"><AboutPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/masuk") view=|| view! { <Guarded page="/masuk"><LoginPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/ganti-sandi") view=|| view! { <Guarded page="/ganti-sandi"><ChangePasswordPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/saya") view=|| view! { <Guarded page="/saya"><MyPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/tim") view=|| view! { <Guarded page="/tim"><TeamPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/pegawai") view=|| view! { <Guarded page="/pegawai"><EmployeeSearchPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/pegawai/:id") view=|| view! { <Guarded page="/pegawai/:id"><EmployeePage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/pimpinan") view=|| view! { <Guarded page="/pimpinan"><PimpinanPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=|| view! { <Guarded page="/admin"><AdminHomePage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/organisasi") view=|| view! { <Guarded page="/admin/organisasi"><AdminUnitsPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/impor") view=|| view! { <Guarded page="/admin/impor"><ImportPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=|| view! { <Guarded page="/admin/audit"><AuditPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/periode") view=|| view! { <Guarded page="/admin/periode"><PeriodsPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/realisasi") view=|| view! { <Guarded page="/admin/realisasi"><FilingMonitorPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/penilaian") view=|| view! { <Guarded page="/admin/penilaian"><EvaluationMonitorPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/kurva") view=|| view! { <Guarded page="/admin/kurva"><DistributionMonitorPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp") view=|| view! { <Guarded page="/skp"><SkpIndexPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/pemberitahuan") view=|| view! { <Guarded page="/pemberitahuan"><NotificationsPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/umpan-balik") view=|| view! { <Guarded page="/umpan-balik"><FeedbackPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/umpan-balik/permintaan/:id") view=|| view! { <Guarded page="/umpan-balik/permintaan/:id"><FeedbackRequestPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year") view=|| view! { <Guarded page="/skp/:year"><MyPlanPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/pegawai/:id") view=|| view! { <Guarded page="/skp/:year/pegawai/:id"><ReviewPlanPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/pegawai/:id/dokumen") view=|| view! { <Guarded page="/skp/:year/pegawai/:id/dokumen"><SkpDocumentPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/matriks") view=|| view! { <Guarded page="/skp/:year/matriks"><MatrixPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/realisasi/:period") view=|| view! { <Guarded page="/skp/:year/realisasi/:period"><MyRealisasiPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/pegawai/:id/realisasi/:period") view=|| view! { <Guarded page="/skp/:year/pegawai/:id/realisasi/:period"><EmployeeRealisasiPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/penilaian/:period") view=|| view! { <Guarded page="/skp/:year/penilaian/:period"><MyEvaluationPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/pegawai/:id/penilaian/:period") view=|| view! { <Guarded page="/skp/:year/pegawai/:id/penilaian/:period"><EmployeeEvaluationPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/pegawai/:id/penilaian/:period/dokumen") view=|| view! { <Guarded page="/skp/:year/pegawai/:id/penilaian/:period/dokumen"><EvaluationDocumentPage /></Guarded> } ssr=SsrMode::Async />
                    <Route path=path!("/skp/:year/kaskade") view=|| view! { <Guarded page="/skp/:year/kaskade"><CascadePage /></Guarded> } ssr=SsrMode::Async />
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
