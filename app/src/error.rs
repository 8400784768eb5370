//! The one error type every server function returns. Internal causes are logged on
//! the server with the request id; the browser only learns the id.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// Input the user can fix; the message says what to change, written when the
    /// error is made, in the language of the request (`tr!` on the server reads it).
    Invalid {
        field: String,
        message: String,
    },
    Unauthenticated,
    Forbidden,
    NotFound,
    /// New, imported and reset accounts must choose their own password first.
    MustChangePassword,
    Throttled {
        minutes: i64,
    },
    /// Someone else saved first; the message says what to do, `version` is theirs.
    Conflict {
        message: String,
        version: i64,
    },
    Internal {
        request_id: String,
    },
    /// The request never reached the server function (network, decoding).
    Transport(String),
}

/// The fixed variants speak the language of the page showing them (or of the
/// request, on the server); the others carry the text written for the asker.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::tr;
        let text = match self {
            AppError::Invalid { message, .. } | AppError::Conflict { message, .. } => {
                return f.write_str(message)
            }
            AppError::Unauthenticated => tr!(error_unauthenticated),
            AppError::Forbidden => tr!(error_forbidden),
            AppError::NotFound => tr!(error_not_found),
            AppError::MustChangePassword => tr!(error_must_change_password),
            AppError::Throttled { minutes } => tr!(error_throttled, { "minutes" => minutes }),
            AppError::Internal { request_id } => tr!(error_internal, { "id" => request_id }),
            AppError::Transport(cause) => tr!(error_transport, { "cause" => cause }),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for AppError {}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid { .. } => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::MustChangePassword => 403,
            AppError::NotFound => 404,
            AppError::Throttled { .. } => 429,
            AppError::Conflict { .. } => 409,
            AppError::Internal { .. } | AppError::Transport(_) => 500,
        }
    }

    /// The message for a form field, if this error belongs to `field`.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid { field: f, message } if f == field => Some(message.clone()),
            _ => None,
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

    // `From<sqlx::Error>` lives in `platform::constraints`, beside the table
    // of constraint names it consults.
}
