//! Administrative changes, one file a subject. Each change runs in one write
//! transaction (`db.write()`) that makes its checks, its writes and its audit
//! record together, so a change and its record are saved together or not at all.

pub mod accounts;
pub mod acting;
pub mod employees;
pub mod leadership;
pub mod structure;
