//! Every route of `shell/app.rs` and who may open it: the policy `pages.rs` checks
//! against `identity::access::PAGES`, and the pages `english.rs` renders in English.

use app::identity::types::Role;

pub enum Who {
    Anyone,
    SignedIn,
    Roles(&'static [Role]),
}

pub const LEADERS: Who = Who::Roles(&[Role::AdminBkpsdm, Role::Pimpinan]);
pub const ADMIN: Who = Who::Roles(&[Role::AdminBkpsdm]);

/// Every route of `shell/app.rs` and who may open it.
pub const POLICY: &[(&str, Who)] = &[
    ("/", Who::Anyone),
    ("/organisasi", Who::Anyone),
    ("/tentang", Who::Anyone),
    ("/masuk", Who::Anyone),
    ("/ganti-sandi", Who::SignedIn),
    ("/saya", Who::SignedIn),
    ("/pemberitahuan", Who::SignedIn),
    // Opened on the employee's evaluation thread (see `url_of`); the supervision
    // line and the admin only: pimpinan is refused (`pages.rs`).
    ("/umpan-balik", Who::SignedIn),
    // Opened with an id no request has (`pages.rs`: 404 for everyone signed in).
    ("/umpan-balik/permintaan/:id", Who::SignedIn),
    ("/tim", Who::Roles(&[Role::Atasan])),
    ("/pegawai", LEADERS),
    ("/pegawai/:id", Who::SignedIn),
    ("/pimpinan", LEADERS),
    ("/skp", Who::SignedIn),
    ("/skp/:year", Who::SignedIn),
    ("/skp/:year/pegawai/:id", Who::SignedIn),
    ("/skp/:year/pegawai/:id/dokumen", Who::SignedIn),
    ("/skp/:year/matriks", Who::SignedIn),
    ("/skp/:year/kaskade", LEADERS),
    ("/skp/:year/realisasi/:period", Who::SignedIn),
    ("/skp/:year/pegawai/:id/realisasi/:period", Who::SignedIn),
    ("/skp/:year/penilaian/:period", Who::SignedIn),
    ("/skp/:year/pegawai/:id/penilaian/:period", Who::SignedIn),
    (
        "/skp/:year/pegawai/:id/penilaian/:period/dokumen",
        Who::SignedIn,
    ),
    ("/admin", ADMIN),
    ("/admin/organisasi", ADMIN),
    ("/admin/impor", ADMIN),
    ("/admin/audit", ADMIN),
    ("/admin/periode", ADMIN),
    ("/admin/realisasi", ADMIN),
    ("/admin/penilaian", LEADERS),
    ("/admin/kurva", LEADERS),
];

/// The address a test opens for `route`: its parameters filled in, and a thread
/// page on `employee`'s evaluation thread of `period`.
pub fn url_of(route: &str, year: impl std::fmt::Display, employee: i64, period: i64) -> String {
    if route == "/umpan-balik" {
        return format!("/umpan-balik?subjek=evaluasi:{employee}:{period}");
    }
    route
        .replace(":year", &year.to_string())
        .replace(":id", &employee.to_string())
        .replace(":period", &period.to_string())
}

impl Who {
    /// Whether someone signed in (or not) with `roles` may open the page.
    pub fn admits(&self, signed_in: bool, roles: &[Role]) -> bool {
        match self {
            Who::Anyone => true,
            Who::SignedIn => signed_in,
            Who::Roles(allowed) => allowed.iter().any(|r| roles.contains(r)),
        }
    }
}

/// Who walks the routes: a visitor (no cookie, no role), then each demo account
/// logged in, with the roles its data gives it.
pub type Visitor = (&'static str, Option<String>, Vec<Role>);

pub async fn visitors(
    state: &app::platform::state::AppState,
    router: &axum::Router,
    demo: &super::Demo,
) -> Vec<Visitor> {
    let mut visitors: Vec<Visitor> = vec![("visitor", None, Vec::new())];
    for (name, (id, nip)) in [
        ("pegawai", &demo.pegawai),
        ("atasan", &demo.atasan),
        ("admin", &demo.admin),
        ("pimpinan", &demo.pimpinan),
    ] {
        let cookie = super::log_in(router, nip, app::demo::DEMO_PASSWORD).await;
        let mut conn = state.db.read().await.unwrap();
        let user = app::identity::roles::load_user(&mut conn, *id, String::new(), 0)
            .await
            .unwrap()
            .unwrap();
        visitors.push((name, Some(cookie), user.viewer.roles.clone()));
    }
    visitors
}
