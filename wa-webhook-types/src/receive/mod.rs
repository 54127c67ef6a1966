//! The receiver's core over the `http` crate's types (feature `http`, which every web stack's
//! feature turns on): the configuration, the handshake's answer, a POST's checks (head, body,
//! signature with secret rotation), and the refusals with their status. The adapters for axum
//! ([`crate::axum`]) and tower ([`crate::tower`]) are thin layers over it; any other stack
//! (actix-web, AWS Lambda's `lambda_http`) calls [`WebhookConfig::receive`] with the request it
//! has read.
//!
//! ```
//! use wa_webhook_types::receive::{Received, WebhookConfig};
//!
//! let config = WebhookConfig::new("app-secret", "verify-token");
//! let request = http::Request::get("/webhook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42")
//!     .body(Vec::new())?;
//! match config.receive(&request) {
//!     Ok(Received::Handshake(answer)) => assert_eq!(answer.body(), "42"),
//!     Ok(Received::Notification(notification, _app)) => { /* handle, then answer 200 */ }
//!     Err(rejection) => { let _answer = rejection.to_response(); /* 401, 403, 413, ... */ }
//!     Ok(_) => {}
//! }
//! # Ok::<(), http::Error>(())
//! ```

#[cfg(feature = "streaming")]
mod body;
mod check;
mod config;
mod handler;
mod rejection;
mod rejection_log;
#[cfg(any(feature = "streaming", feature = "actix"))]
mod shutdown;

pub use check::Received;
pub use config::{MissingEnvVar, SigningApp, WebhookConfig};
pub use handler::NotificationHandler;
pub use rejection::Rejection;
#[cfg(any(feature = "streaming", feature = "actix"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "axum", feature = "tower", feature = "actix")))
)]
pub use shutdown::shutdown_signal;

use http::header;

/// Text a client chose is echoed as plain text a browser must not sniff as anything else.
const NOSNIFF: (header::HeaderName, header::HeaderValue) = (
    header::X_CONTENT_TYPE_OPTIONS,
    header::HeaderValue::from_static("nosniff"),
);
