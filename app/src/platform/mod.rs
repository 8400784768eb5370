//! Server-only plumbing shared by every domain: settings, database, state, request data.

pub mod aggregates;
pub mod assets;
pub mod cache;
pub mod config;
pub mod constraints;
pub mod csv;
pub mod db;
pub mod headers;
pub mod live;
pub mod progress;
pub mod request;
pub mod secrets;
pub mod state;
