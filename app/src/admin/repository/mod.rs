//! Admin's SQL, one file a subject. Every function runs on the connection it is
//! given: a write transaction's (`&mut tx`), so that the reads deciding a change
//! happen inside that change's transaction, or one acquired for a request's reads.

pub mod accounts;
pub mod acting;
pub mod employees;
pub mod leadership;
pub mod structure;
