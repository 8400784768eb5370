//! Who is asking: roles derived from the organisation, and what the browser may
//! know about the signed-in person.

use serde::{Deserialize, Serialize};

/// Roles follow from data (the position tree, acting assignments, admin grants),
/// never from a free-form list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Everyone with an account.
    Pegawai,
    /// Holds (or acts in) a position that has subordinate positions.
    Atasan,
    /// Holds a position two levels above someone: settles appeals, sees ratings.
    AtasanPejabatPenilai,
    /// Granted by another admin: manages the organisation, accounts and imports.
    AdminBkpsdm,
    /// The Bupati and the Sekda: read-only across all units.
    Pimpinan,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Pegawai,
        Role::Atasan,
        Role::AtasanPejabatPenilai,
        Role::AdminBkpsdm,
        Role::Pimpinan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Pegawai => "pegawai",
            Role::Atasan => "atasan",
            Role::AtasanPejabatPenilai => "atasan_pejabat_penilai",
            Role::AdminBkpsdm => "admin_bkpsdm",
            Role::Pimpinan => "pimpinan",
        }
    }
}

/// An acting assignment (PLT/PLH) in force today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingSummary {
    pub kind: String,
    pub position_title: String,
    pub ends_on: String,
}

/// The signed-in person as the pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub position_title: Option<String>,
    pub unit_name: Option<String>,
    pub roles: Vec<Role>,
    pub acting: Vec<ActingSummary>,
    /// Set for new, imported and reset accounts: only the password change is open.
    pub must_change_password: bool,
    pub unread_notifications: i64,
}

impl Viewer {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// How the viewer relates to an employee whose record they open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reach {
    Own,
    /// The viewer supervises the employee's position (or acts in that role).
    Direct,
    /// Further down the viewer's line: read-only.
    Indirect,
    Admin,
    /// Bupati/Sekda office: read-only.
    Pimpinan,
}

/// One employee as shown on their page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeProfile {
    pub id: i64,
    pub nip: Option<String>,
    pub name: String,
    pub sex: String,
    pub birth_date: String,
    pub status: crate::organisation::types::EmployeeStatus,
    pub golongan: Option<String>,
    pub active: bool,
    pub position_id: Option<i64>,
    pub position_title: Option<String>,
    pub position_kind: Option<crate::organisation::types::JabatanKind>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub supervisor: Option<PersonRef>,
    pub is_admin: bool,
    pub has_account: bool,
    pub must_change_password: bool,
    pub acting: Vec<ActingAssignment>,
    pub reach: Reach,
    /// The viewer is an admin BKPSDM: the page offers the admin actions.
    pub can_administer: bool,
    /// For an admin: the positions of the employee's unit, the choices the admin
    /// panel shows before anything is searched (also without JavaScript).
    pub unit_positions: Vec<crate::admin::types::AdminPosition>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    pub position_title: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingAssignment {
    pub id: i64,
    pub kind: String,
    pub position_id: i64,
    pub position_title: String,
    pub unit_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub in_force: bool,
}

/// A row in search results and team lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeRow {
    pub id: i64,
    pub nip: Option<String>,
    pub name: String,
    pub position_title: Option<String>,
    pub unit_name: Option<String>,
    pub active: bool,
}

/// The atasan's people: direct reports (full access) and those further down (read-only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub direct: Vec<EmployeeRow>,
    pub indirect: Vec<EmployeeRow>,
    pub indirect_total: i64,
}

/// Where the browser goes after a successful log-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginOutcome {
    pub target: String,
}
