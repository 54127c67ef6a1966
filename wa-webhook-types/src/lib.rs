//! Typed, documented, forward-compatible types for every WhatsApp Cloud API webhook payload.
//!
//! Parse the body Meta POSTs (the raw bytes, as the signature covers them) and take its
//! events: every message, status and other change with its account, business number and user.
//!
//! ```
//! use wa_webhook_types::{EventItem, Notification};
//!
//! let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
//!   "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
//!     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
//!     "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
//!     "messages": [{"from": "16505551234", "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ3MDFBRjg0RDk2NTdFMzcxNTRFRAA=",
//!       "timestamp": "1749416383", "type": "reaction",
//!       "reaction": {"message_id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTg3NjZGNjk4RDFGMjM4RjIA", "emoji": "\ud83d\udc4d"}}]}}]}]}"#;
//!
//! let notification = Notification::from_slice(body)?;
//! for event in notification.events() {
//!     let who = event.user_name().unwrap_or("someone");
//!     if let Some(text) = event.text_message() {
//!         println!("{who} wrote {} bytes", text.len()); // the words go to your app, not a log
//!     } else if let Some(reaction) = event.reaction() {
//!         assert_eq!((who, reaction.emoji), ("Sheena Nelson", Some("👍")));
//!     } else if let EventItem::MessageStatus(status) = event.item {
//!         println!("{} is {} ({:?})", status.id, status.status, event.errors());
//!     }
//! }
//! // Anything the spec does not know, by JSON path (nothing here).
//! assert!(notification.drift().is_empty());
//! # Ok::<(), wa_webhook_types::Error>(())
//! ```
//!
//! What an event says: [`WebhookEvent::text_message`], [`WebhookEvent::text`],
//! [`WebhookEvent::reaction`], [`WebhookEvent::errors`]; who it concerns:
//! [`WebhookEvent::user_name`] and [`UserIdentity`]; a key to drop Meta's repeated deliveries:
//! [`RecentEvents`] (feature `nats`: shared by instances behind a load balancer); a line for logs, with no phone number and no user's text:
//! [`WebhookEvent::summary`] (a drift's `Display` is as safe; `Debug` of anything parsed is
//! not). Each webhook field is a module (`messages`, `security`, ...) whose page
//! shows its example payloads; [`Notification::changes`] gives each change typed as
//! [`Change`].
//!
//! The payload types are the modules named for webhook fields (and `messages`, `shared`); the
//! receiver is one module, [`receive`].
//!
//! With the feature `axum`, [`receive::axum::router`] is the whole receiver (the handshake, the
//! signature, the body limit, rejections logged through `tracing`):
//!
//! ```toml
//! wa-webhook-types = { path = "../wa-webhook/wa-webhook-types", features = ["axum"] }
//! ```
//!
//! The other web stacks have their features too: `tower` (a `tower::Service`, for hyper and
//! any tower stack), `actix` (an actix-web resource), and `http`, the receiver's core over the
//! `http` crate's types (`receive::WebhookConfig::receive`: a whole request in one call, for
//! AWS Lambda and the like). Without any, [`receive::signature::verify`] checks the
//! `X-Hub-Signature-256` header and [`receive::verification`] answers the subscription handshake.
//!
//! The types are generated from the spec files in `spec/` (one per Meta reference page) by
//! `wa-webhook-macros`. Every enum has a catch-all that keeps unknown values, every struct keeps
//! unknown keys in `extra`, and an unknown field or message type is kept raw: a payload with
//! something new from Meta still parses, nothing is lost, and [`Notification::drift`] says what
//! was new. Serializing a parsed [`Notification`] gives back JSON equal to what was received.
//!
//! Every payload type also implements `serde::Deserialize`, to be embedded in your own types. It
//! reads strictly: an array item that does not fit fails the value, where [`from_slice`] keeps
//! it raw as an [`Item::Invalid`]. Each read carries its own state by argument, so two parses
//! (nested, or on one thread one after the other) never see each other's.

// Without the feature the module is not built: the link goes to its page on docs.rs.
#![cfg_attr(not(feature = "axum"), doc = "")]
#![cfg_attr(
    not(feature = "axum"),
    doc = "[`receive::axum::router`]: https://docs.rs/wa-webhook-types/latest/wa_webhook_types/receive/axum/fn.router.html"
)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as wa_webhook_types;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod change;
mod content;
mod de;
mod drift;
mod error;
mod error_path;
mod event;
mod examples;
mod extra;
mod identity;
mod inspect;
mod items;
mod log_safe;
mod notification;
mod pass;
pub mod receive;
mod recent;
mod replay;
mod roles;
mod scalar;
mod scan;
mod spelled;
mod summary;
mod unlisted;
mod wa_string;

pub use change::{InvalidChange, UnknownChange, UnknownVariant};
pub use content::{EventError, EventReaction};
pub use drift::{Drift, DriftKind, DriftPlace, PathStep};
pub use error::{Error, ValueError};
pub use event::{Unrecognized, WebhookEvent};
pub use examples::Example;
pub use extra::Extra;
/// The `http` crate the receiver's core ([`receive`]) and the tower adapter speak.
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use http;
pub use identity::UserIdentity;
pub use items::{InvalidItem, Item, Items};
pub use log_safe::LogSafe;
pub use notification::from_slice;
pub use recent::{EventClaim, RecentEvents};
pub use replay::ReplayWindowError;
pub use scalar::{Integer, Number, TextOrNumber, Timestamp};
/// The serde_json this crate parses with: `Json` fields hold its `Value`, raw parts its `RawValue`.
pub use serde_json;
pub use spelled::Spelled;
pub use summary::EventSummary;
pub use unlisted::UnlistedValue;
pub use wa_string::WaString;

wa_webhook_macros::generate!("spec");

/// The README's Rust snippets, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeSnippets;

/// The receiving guide's Rust snippets, likewise.
#[cfg(doctest)]
#[doc = include_str!("../../docs/receiving.md")]
struct ReceivingGuideSnippets;
