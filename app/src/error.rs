//! The one error type every server function returns. Internal causes are logged on
//! the server with the request id; the browser only learns the id.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Input the user can fix; the message says what to change, in Indonesian.
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("Anda harus masuk terlebih dahulu.")]
    Unauthenticated,
    #[error("Anda tidak berhak mengakses data ini.")]
    Forbidden,
    #[error("Data tidak ditemukan.")]
    NotFound,
    #[error("Terjadi kesalahan pada server. Kode permintaan: {request_id}.")]
    Internal { request_id: String },
    /// The request never reached the server function (network, decoding).
    #[error("Gagal menghubungi server: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::AppError;

    impl AppError {
        /// Logs the real cause with the request id and returns what the user may see.
        pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
            let request_id = crate::platform::request::current_request_id();
            tracing::error!(%request_id, context, error = %cause, "internal error");
            AppError::Internal { request_id }
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(error: sqlx::Error) -> Self {
            AppError::internal("database", error)
        }
    }
}
