//! Why a webhook request was refused, and the answer that says so.

use super::NOSNIFF;
use crate::log_safe::LogSafe;
use crate::receive::signature::SignatureError;
use http::StatusCode;
use std::fmt;
use std::time::Duration;

/// Why a webhook request was rejected; its response has the matching status and the reason.
#[derive(Debug)]
#[non_exhaustive]
pub enum Rejection {
    /// The body is larger than the limit: 413.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body could not be read: 400.
    Unreadable,
    /// The body did not arrive within [`WebhookConfig::body_timeout`](super::WebhookConfig::body_timeout): 408.
    BodyTimeout {
        /// The time it had.
        after: Duration,
    },
    /// No signature, or a malformed one: 401. A signature that does not match: 403.
    Signature(SignatureError),
    /// The body is signed but is not a webhook notification: 400.
    NotAWebhook(crate::Error),
    /// Neither the handshake's `GET` nor a delivery's `POST`: 405.
    MethodNotAllowed,
    /// A handshake `GET` with the wrong verify token or mode: 403.
    Handshake(crate::receive::verification::HandshakeError),
    /// Not the webhook's path ([`WebhookConfig::path`](super::WebhookConfig::path)): 404.
    /// Logged at `debug` only: scanners probe every path.
    NotFound,
}

impl Rejection {
    /// The HTTP status this rejection answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Rejection::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            Rejection::Unreadable | Rejection::NotAWebhook(_) => StatusCode::BAD_REQUEST,
            Rejection::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Rejection::NotFound => StatusCode::NOT_FOUND,
            Rejection::Handshake(_) => StatusCode::FORBIDDEN,
            Rejection::Signature(SignatureError::Mismatch) => StatusCode::FORBIDDEN,
            Rejection::Signature(_) => StatusCode::UNAUTHORIZED,
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::TooLarge { limit } => write!(f, "body larger than {limit} bytes"),
            Rejection::Unreadable => f.write_str("body could not be read"),
            Rejection::BodyTimeout { after } => {
                write!(f, "body not received within {} ms", after.as_millis())
            }
            Rejection::Signature(e) => e.fmt(f),
            Rejection::NotAWebhook(e) => write!(f, "not a webhook notification: {e}"),
            Rejection::MethodNotAllowed => {
                f.write_str("a webhook answers GET (the handshake) and POST (deliveries)")
            }
            Rejection::NotFound => f.write_str("not the webhook's path"),
            Rejection::Handshake(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Rejection::Signature(e) => Some(e),
            Rejection::NotAWebhook(e) => Some(e),
            Rejection::Handshake(e) => Some(e),
            _ => None,
        }
    }
}

impl Rejection {
    /// The answer: the status and the reason as plain text (which Meta shows to no one: the
    /// adapters log it too).
    pub fn to_response(&self) -> http::Response<String> {
        let mut response = http::Response::new(self.to_string());
        *response.status_mut() = self.status();
        response.headers_mut().extend([NOSNIFF]);
        response
    }

    /// Logs the refusal at `warn` with its status and reason (and the client's address, where
    /// the adapter knows it). A signed body that is no webhook is logged by where it fails, not
    /// by serde's message, which may quote the body's text.
    pub(crate) fn log(&self, peer: Option<std::net::SocketAddr>) {
        let status = self.status().as_u16();
        let reason = match self {
            Rejection::NotAWebhook(e) => format!(
                "not a webhook notification at {} (line {}, column {})",
                LogSafe(if e.path().is_empty() {
                    "(body)"
                } else {
                    e.path()
                }),
                e.line(),
                e.column()
            ),
            other => other.to_string(),
        };
        match (self, peer) {
            (Rejection::NotFound, _) => tracing::debug!(status, ?peer, "not the webhook's path"),
            (Rejection::Handshake(_), _) => {
                tracing::warn!(status, reason, ?peer, "webhook handshake refused")
            }
            (_, Some(peer)) => tracing::warn!(status, reason, %peer, "webhook request rejected"),
            (_, None) => tracing::warn!(status, reason, "webhook request rejected"),
        }
    }
}
