//! Typed, documented, forward-compatible types for every WhatsApp Cloud API webhook payload.
//!
//! ```
//! use wa_webhook_types::{Change, Notification};
//!
//! # let body = wa_webhook_types::EXAMPLES.iter().find(|e| e.spec.ends_with("security.json")).unwrap().json.as_bytes();
//! let notification: Notification = wa_webhook_types::from_slice(body)?;
//! for change in notification.changes() {
//!     match change {
//!         Change::Security(value) => println!("security event {}", value.event),
//!         other => println!("not handled: {}", other.field()),
//!     }
//! }
//! // Anything the spec does not know, by JSON path (empty here).
//! assert!(notification.drift().is_empty());
//! # Ok::<(), wa_webhook_types::Error>(())
//! ```
//!
//! Applications usually take [`Notification::events`]: every message, status and other change
//! with its account, business number and user ([`UserIdentity`]), what it says
//! ([`WebhookEvent::text`], [`WebhookEvent::reaction`], [`WebhookEvent::errors`]) and a key to
//! drop Meta's repeated deliveries by ([`RecentEvents`]).
//!
//! The types are generated from the spec files in `spec/` (one per Meta reference page) by
//! `wa-webhook-macros`. Every enum has a catch-all that keeps unknown values, every struct keeps
//! unknown keys in `extra`, and an unknown field or message type is kept raw: a payload with
//! something new from Meta still parses, nothing is lost, and [`Notification::drift`] says what
//! was new. Serializing a parsed [`Notification`] gives back JSON equal to what was received.

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as wa_webhook_types;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
mod change;
mod content;
mod de;
pub mod drift;
mod error;
mod event;
mod examples;
mod extra;
mod identity;
mod items;
mod notification;
mod pass;
mod recent;
mod replay;
mod roles;
mod scalar;
pub mod signature;
mod spelled;
pub mod verification;

pub use change::{EntryChange, InvalidChange, UnknownChange, UnknownVariant};
/// The string type of every text field: owned like `String` and dereferencing to `str`, but
/// holding up to 24 bytes (phone numbers, names, most values) without an allocation.
pub use compact_str::CompactString;
pub use content::{EventError, EventReaction};
pub use drift::{Drift, DriftKind};
pub use error::{Error, ValueError};
pub use event::WebhookEvent;
pub use examples::Example;
pub use extra::Extra;
pub use identity::UserIdentity;
pub use items::{InvalidItem, Item, Items};
pub use notification::from_slice;
pub use recent::RecentEvents;
pub use replay::ReplayWindowError;
pub use scalar::{Integer, Number, TextOrNumber, Timestamp};
/// The serde_json this crate parses with: `Json` fields hold its `Value`, raw parts its `RawValue`.
pub use serde_json;
pub use spelled::Spelled;

wa_webhook_macros::generate!("spec");

/// The README's Rust snippets, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeSnippets;
