//! The frame around every page: document shell, routes, header, navigation, footer,
//! and the 404 and error pages.

pub mod app;
pub mod errors;
pub mod guarded;
pub mod layout;
