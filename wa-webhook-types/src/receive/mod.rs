//! Receiving webhooks: everything of this crate that is not a payload type lives here.
//!
//! Always built: [`signature`] (the `X-Hub-Signature-256` check) and [`verification`] (the
//! subscription handshake). With the feature `http` (which every web stack's feature turns on),
//! the receiver's core over the `http` crate's types: the configuration, the handshake's answer,
//! a POST's checks (head, body, signature with secret rotation), and the refusals with their
//! status. The adapters are thin layers over it, each behind its feature: `axum`, `tower`,
//! `actix`; any other stack (AWS Lambda's `lambda_http`) calls `WebhookConfig::receive` with the
//! request it has read. The feature `nats` adds `nats`, a record of events shared by receivers.

#![cfg_attr(
    feature = "http",
    doc = r#"
```
use wa_webhook_types::receive::{Received, WebhookConfig};

let config = WebhookConfig::new("app-secret", "verify-token");
let request = http::Request::get("/webhook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42")
    .body(Vec::new())?;
match config.receive(&request) {
    Ok(Received::Handshake(answer)) => assert_eq!(answer.body(), "42"),
    Ok(Received::Notification(notification, _app)) => { /* handle, then answer 200 */ }
    Err(rejection) => { let _answer = rejection.to_response(); /* 401, 403, 413, ... */ }
    Ok(_) => {}
}
# Ok::<(), http::Error>(())
```
"#
)]

#[cfg(feature = "actix")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "streaming")]
mod body;
#[cfg(feature = "http")]
mod check;
#[cfg(feature = "http")]
mod config;
#[cfg(feature = "http")]
mod handler;
#[cfg(feature = "nats")]
#[cfg_attr(docsrs, doc(cfg(feature = "nats")))]
pub mod nats;
#[cfg(feature = "http")]
mod rejection;
#[cfg(feature = "http")]
mod rejection_log;
#[cfg(any(feature = "streaming", feature = "actix"))]
mod shutdown;
pub mod signature;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;
pub mod verification;

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use check::Received;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use config::{MissingEnvVar, SigningApp, WebhookConfig};
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use handler::NotificationHandler;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use rejection::Rejection;
#[cfg(any(feature = "streaming", feature = "actix"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "axum", feature = "tower", feature = "actix")))
)]
pub use shutdown::shutdown_signal;

#[cfg(feature = "http")]
use http::header;

/// Text a client chose is echoed as plain text a browser must not sniff as anything else.
#[cfg(feature = "http")]
const NOSNIFF: (header::HeaderName, header::HeaderValue) = (
    header::X_CONTENT_TYPE_OPTIONS,
    header::HeaderValue::from_static("nosniff"),
);
