//! The authorisation tables: every server function and every page, and who may
//! call or open it. Each server
//! function asks `guard::authorize` with its own name, which reads this table, so
//! the table is what runs, not documentation of it. A test walks it as every role
//! and fails when a registered server function is missing here.
//!
//! The role check is the first gate only; functions that return one person's data
//! also check the viewer's reach over that person (own, direct, indirect, admin).

use super::types::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allowed {
    /// No log-in needed: public aggregates and the log-in itself.
    Anyone,
    /// Any signed-in person, even one who must change their password first.
    SignedInEvenBeforePasswordChange,
    /// Any signed-in person; ownership is checked inside the function.
    SignedIn,
    /// Signed in and holding one of these roles.
    Roles(&'static [Role]),
}

#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The server function's endpoint name (its URL is `/api/<endpoint>`).
    pub endpoint: &'static str,
    pub allowed: Allowed,
}

const ADMIN: Allowed = Allowed::Roles(&[Role::AdminBkpsdm]);

pub const SERVER_FUNCTIONS: &[Rule] = &[
    // Public
    rule("get_instance_info", Allowed::Anyone),
    rule("get_organisation_overview", Allowed::Anyone),
    rule("search_units", Allowed::Anyone),
    rule("get_viewer", Allowed::Anyone),
    rule("log_in", Allowed::Anyone),
    // Own account
    rule("log_out", Allowed::SignedInEvenBeforePasswordChange),
    rule("change_password", Allowed::SignedInEvenBeforePasswordChange),
    // People: reach checked per record
    rule("get_employee_profile", Allowed::SignedIn),
    rule("list_notifications", Allowed::SignedIn),
    rule("mark_notifications_read", Allowed::SignedIn),
    rule("open_notification", Allowed::SignedIn),
    rule("get_my_team", Allowed::Roles(&[Role::Atasan])),
    rule(
        "search_employees",
        Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]),
    ),
    rule(
        "get_leadership_overview",
        Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]),
    ),
    rule("list_performance_years", Allowed::SignedIn),
    // SKP: reach and ownership checked per plan
    rule("get_skp_plan", Allowed::SignedIn),
    rule("save_skp_plan", Allowed::SignedIn),
    rule("submit_skp_plan", Allowed::SignedIn),
    rule("withdraw_skp_plan", Allowed::SignedIn),
    rule("review_skp_plan", Allowed::Roles(&[Role::Atasan])),
    rule("get_team_plans", Allowed::Roles(&[Role::Atasan])),
    rule("request_skp_revision", Allowed::SignedIn),
    rule("decide_skp_revision", Allowed::Roles(&[Role::Atasan])),
    rule("save_skp_expectations", Allowed::Roles(&[Role::Atasan])),
    rule("get_skp_matrix", Allowed::SignedIn),
    rule("get_skp_document", Allowed::SignedIn),
    rule(
        "get_skp_cascade",
        Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]),
    ),
    // Realisasi: reach checked per report; writing is the owner's
    rule("get_realisasi", Allowed::SignedIn),
    rule("get_year_realisasi", Allowed::SignedIn),
    rule("get_team_filings", Allowed::Roles(&[Role::Atasan])),
    rule("remove_evidence", Allowed::SignedIn),
    rule("get_filing_monitor", ADMIN),
    // Penilaian: who the caller is to the evaluation is checked per call
    rule("get_evaluation", Allowed::SignedIn),
    rule("acknowledge_evaluation", Allowed::SignedIn),
    rule("file_keberatan", Allowed::SignedIn),
    rule(
        "decide_keberatan",
        Allowed::Roles(&[Role::AtasanPejabatPenilai]),
    ),
    rule("get_team_evaluations", Allowed::Roles(&[Role::Atasan])),
    rule("get_evaluation_document", Allowed::SignedIn),
    rule("get_year_evaluations", Allowed::SignedIn),
    rule(
        "set_unit_result",
        Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]),
    ),
    rule(
        "get_evaluation_monitor",
        Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]),
    ),
    rule(
        "get_distribution_monitor",
        Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]),
    ),
    // Feedback threads: who the caller is to the thread's employee is checked per call
    rule("get_feedback_thread", Allowed::SignedIn),
    rule("post_feedback", Allowed::SignedIn),
    rule("edit_feedback", Allowed::SignedIn),
    rule("hide_feedback", ADMIN),
    rule("request_feedback", Allowed::SignedIn),
    rule("get_feedback_request", Allowed::SignedIn),
    rule("answer_feedback_request", Allowed::SignedIn),
    rule("decline_feedback_request", Allowed::SignedIn),
    // BKPSDM administration
    rule("admin_open_year", ADMIN),
    rule("admin_set_period_open", ADMIN),
    rule("admin_create_employee", ADMIN),
    rule("admin_update_employee", ADMIN),
    rule("admin_reset_password", ADMIN),
    rule("admin_set_admin", ADMIN),
    rule("admin_assign_acting", ADMIN),
    rule("admin_revoke_acting", ADMIN),
    rule("admin_list_units", ADMIN),
    rule("admin_save_unit", ADMIN),
    rule("admin_save_position", ADMIN),
    rule("admin_unit_positions", ADMIN),
    rule("preview_import", ADMIN),
    rule("start_import", ADMIN),
    rule("get_import_job", ADMIN),
    rule("list_audit", ADMIN),
    rule("verify_audit", ADMIN),
];

/// A page and who may open it: the same answers as the server functions, so a
/// page a person may not use is refused before it renders any control.
#[derive(Clone, Copy, Debug)]
pub struct PageRule {
    /// The route as `shell/app.rs` declares it (`/skp/:year/kaskade`).
    pub path: &'static str,
    pub allowed: Allowed,
}

const LEADERS: Allowed = Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]);

pub const PAGES: &[PageRule] = &[
    // Public
    page("/", Allowed::Anyone),
    page("/organisasi", Allowed::Anyone),
    page("/tentang", Allowed::Anyone),
    page("/masuk", Allowed::Anyone),
    // Own account
    page("/ganti-sandi", Allowed::SignedInEvenBeforePasswordChange),
    page("/saya", Allowed::SignedIn),
    page("/pemberitahuan", Allowed::SignedIn),
    page("/umpan-balik", Allowed::SignedIn),
    page("/umpan-balik/permintaan/:id", Allowed::SignedIn),
    // People: reach checked per record
    page("/tim", Allowed::Roles(&[Role::Atasan])),
    page("/pegawai", LEADERS),
    page("/pegawai/:id", Allowed::SignedIn),
    page("/pimpinan", LEADERS),
    // SKP: reach checked per plan
    page("/skp", Allowed::SignedIn),
    page("/skp/:year", Allowed::SignedIn),
    page("/skp/:year/pegawai/:id", Allowed::SignedIn),
    page("/skp/:year/pegawai/:id/dokumen", Allowed::SignedIn),
    page("/skp/:year/matriks", Allowed::SignedIn),
    page("/skp/:year/kaskade", LEADERS),
    page("/skp/:year/realisasi/:period", Allowed::SignedIn),
    page("/skp/:year/penilaian/:period", Allowed::SignedIn),
    page(
        "/skp/:year/pegawai/:id/penilaian/:period",
        Allowed::SignedIn,
    ),
    page(
        "/skp/:year/pegawai/:id/penilaian/:period/dokumen",
        Allowed::SignedIn,
    ),
    page(
        "/skp/:year/pegawai/:id/realisasi/:period",
        Allowed::SignedIn,
    ),
    // BKPSDM administration
    page("/admin", ADMIN),
    page("/admin/organisasi", ADMIN),
    page("/admin/impor", ADMIN),
    page("/admin/audit", ADMIN),
    page("/admin/periode", ADMIN),
    page("/admin/realisasi", ADMIN),
    page("/admin/penilaian", LEADERS),
    page("/admin/kurva", LEADERS),
];

/// A route outside Leptos (`server/src/router.rs`): files, forms with files,
/// PDFs. Each handler checks its line here first, then reach per record.
#[derive(Clone, Copy, Debug)]
pub struct RouteRule {
    /// The name the handler checks (`check(name, user)`).
    pub name: &'static str,
    pub method: &'static str,
    /// The route as the router declares it.
    pub path: &'static str,
    pub allowed: Allowed,
}

pub const ROUTES: &[RouteRule] = &[
    route(
        "get_skp_document",
        "GET",
        "/skp/{year}/pegawai/{id}/dokumen.pdf",
        Allowed::SignedIn,
    ),
    route(
        "post_realisasi_form",
        "POST",
        "/realisasi/{period}",
        Allowed::SignedIn,
    ),
    route(
        "post_evidence_file",
        "POST",
        "/realisasi/{period}/bukti",
        Allowed::SignedIn,
    ),
    route("get_evidence_file", "GET", "/bukti/{id}", Allowed::SignedIn),
    route(
        "post_evaluation_form",
        "POST",
        "/penilaian/{period}/pegawai/{id}",
        Allowed::Roles(&[Role::Atasan]),
    ),
    route(
        "post_self_assessment",
        "POST",
        "/penilaian/{period}/diri",
        Allowed::SignedIn,
    ),
    route(
        "get_evaluation_stream",
        "GET",
        "/langsung/penilaian/{period}/pegawai/{id}",
        Allowed::Roles(&[Role::Atasan]),
    ),
    route(
        "get_evaluation_document",
        "GET",
        "/skp/{year}/pegawai/{id}/penilaian/{period}/dokumen.pdf",
        Allowed::SignedIn,
    ),
    route("get_filing_monitor", "GET", "/admin/realisasi.csv", ADMIN),
    route(
        "get_evaluation_monitor",
        "GET",
        "/admin/penilaian.csv",
        Allowed::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]),
    ),
    route(
        "get_evidence_file",
        "GET",
        "/bukti/sha256/{hash}",
        Allowed::SignedIn,
    ),
    route(
        "get_notification_stream",
        "GET",
        "/langsung/pemberitahuan",
        Allowed::SignedIn,
    ),
    route(
        "get_feedback_stream",
        "GET",
        "/langsung/umpan-balik",
        Allowed::SignedIn,
    ),
];

const fn route(
    name: &'static str,
    method: &'static str,
    path: &'static str,
    allowed: Allowed,
) -> RouteRule {
    RouteRule {
        name,
        method,
        path,
        allowed,
    }
}

pub fn page_rule(path: &str) -> Option<&'static PageRule> {
    PAGES.iter().find(|p| p.path == path)
}

const fn page(path: &'static str, allowed: Allowed) -> PageRule {
    PageRule { path, allowed }
}

const fn rule(endpoint: &'static str, allowed: Allowed) -> Rule {
    Rule { endpoint, allowed }
}

/// The rule of a server function or, failing that, of a route's handler.
pub fn rule_for(endpoint: &str) -> Option<Rule> {
    SERVER_FUNCTIONS
        .iter()
        .find(|r| r.endpoint == endpoint)
        .copied()
        .or_else(|| {
            ROUTES.iter().find(|r| r.name == endpoint).map(|r| Rule {
                endpoint: r.name,
                allowed: r.allowed,
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_listed_once() {
        let mut names: Vec<&str> = SERVER_FUNCTIONS.iter().map(|r| r.endpoint).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "an endpoint is listed twice");
    }

    /// Every route the router declares has its line in `PAGES`, and no more.
    #[test]
    fn every_route_has_a_page_rule() {
        let router = include_str!("../shell/app.rs");
        let mut routes: Vec<&str> = router
            .split("path!(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let mut pages: Vec<&str> = PAGES.iter().map(|p| p.path).collect();
        routes.sort_unstable();
        pages.sort_unstable();
        assert_eq!(routes, pages);
    }
}
