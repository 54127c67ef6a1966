//! axum integration (feature `axum`): [`router`] for the whole receiver, or the pieces it is
//! made of: extractors that verify and parse webhook POSTs ([`Webhook`], [`VerifiedBody`]) and
//! the handler of the subscription handshake ([`handshake`]).
//!
//! ```no_run
//! use wa_webhook_types::receive::axum::{router, Webhook};
//! use wa_webhook_types::receive::WebhookConfig;
//!
//! async fn receive(Webhook(notification): Webhook) {
//!     for change in notification.changes() {
//!         println!("{}", change.field());
//!     }
//! }
//!
//! let app: axum::Router = router(WebhookConfig::new("app-secret", "verify-token"), receive);
//! ```
//!
//! The configuration and the refusals are the framework-neutral core's
//! ([`crate::receive`]): [`WebhookConfig`](crate::receive::WebhookConfig),
//! [`Rejection`](crate::receive::Rejection).
//!
//! Limits: the body is read up to [`WebhookConfig::body_limit`](crate::receive::WebhookConfig::body_limit) bytes (3 MiB by default; larger
//! bodies get 413 before any parsing), and parsing nests at most 128 levels deep (serde_json's
//! limit; deeper bodies get 400).

mod extract;
mod handshake;
mod router;

pub use crate::receive::shutdown_signal;
pub use extract::{SignedWebhook, VerifiedBody, Webhook};
pub use handshake::handshake;
pub use router::{router, router_with_state};
