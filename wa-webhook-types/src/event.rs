//! Events in their context: every message, status or other change of a notification, with
//! the account, the business number and the user it concerns.
//!
//! Which keys name the user or the business, what an event says, and which arrays hold
//! events, is said by the specs (parameter roles and `$event`); the generated types answer
//! [`Roles`] and the generated `Change` lists its events, so nothing here knows a particular
//! field.

use crate::change::ChangeDispatch;
use crate::content::{EventError, EventReaction};
use crate::drift::DriftKind;
use crate::identity::UserIdentity;
use crate::inspect::{Inspect, JsonPath};
use crate::items::Item;
use crate::roles::{Role, Roles};
use crate::summary::EventSummary;
use crate::{Change, EventItem, Notification};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What an event is that this version of the crate does not know
/// ([`WebhookEvent::unrecognized`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unrecognized {
    /// A webhook field no spec describes, by name: the change is kept raw
    /// ([`Change::Unrecognized`]).
    Field(String),
    /// A message `type`, or another tagged object's type, no spec describes: its name, and
    /// where the tag is in the item (`type`, `interactive.type`). Kept raw in the item.
    Type {
        /// The type Meta sent.
        name: String,
        /// The tag's path within the item.
        path: String,
    },
}

/// One event of a notification: a message, a status, or a change with no such items, in its
/// context, with what it says ([`text_message`](Self::text_message), [`text`](Self::text),
/// [`reaction`](Self::reaction), [`errors`](Self::errors)), who it concerns
/// ([`user_name`](Self::user_name), [`user`](Self::user)) and a key to drop repeats by.
///
/// ```
/// use wa_webhook_types::{EventItem, Notification};
///
/// let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
///   "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
///     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
///     "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
///     "messages": [{"from": "16505551234", "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ3MDFBRjg0RDk2NTdFMzcxNTRFRAA=",
///       "timestamp": "1749416383", "type": "text", "text": {"body": "Does it come in another color?"}}]}}]}]}"#;
///
/// let notification = Notification::from_slice(body)?;
/// let event = &notification.events()[0];
/// assert_eq!(event.user_name(), Some("Sheena Nelson"));
/// assert_eq!(event.text_message(), Some("Does it come in another color?"));
/// assert_eq!(event.timestamp(), Some(1749416383));
/// assert!(matches!(event.item, EventItem::Message(_)));
/// assert_eq!(event.path, "entry[0].changes[0].value.messages[0]");
/// # Ok::<(), wa_webhook_types::Error>(())
/// ```
///
/// For logs, [`summary`](Self::summary): `Debug` shows every key of the item, a user's phone
/// number and text included.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WebhookEvent<'a> {
    /// The entry's `id`: the WhatsApp Business Account.
    pub entry_id: &'a str,
    /// Where the event is in the body (`entry[0].changes[1].value.messages[0]`).
    pub path: String,
    /// The change's `field`, as received.
    pub field: &'a str,
    /// The business phone number the change concerns, as displayed (from `metadata`).
    pub business_phone: Option<&'a str>,
    /// The business phone number's ID (from `metadata`).
    pub business_phone_id: Option<&'a str>,
    /// The user the event concerns (a message's sender, a status's recipient), completed from
    /// the change's contact of the same BSUID or phone number (profile name, username).
    pub user: Option<UserIdentity<'a>>,
    /// The event itself, typed.
    pub item: EventItem<'a>,
    /// The item's roles (or the change value's, for a change event).
    roles: Option<&'a dyn Roles>,
    /// The event is a copy of a conversation another app owns.
    standby: bool,
}

impl<'a> WebhookEvent<'a> {
    /// A key that is the same each time Meta delivers this event again: a message's ID, a
    /// status's message ID with its status (`wamid...:read`). Meta delivers at least once;
    /// store the keys you handled and drop repeats. `None` for an event without an ID.
    pub fn idempotency_key(&self) -> Option<String> {
        let id = self.role(Role::EventId)?;
        Some(match self.role(Role::EventState) {
            Some(state) => format!("{id}:{state}"),
            None => id.to_owned(),
        })
    }

    /// The event for a log line: its field, type, state, ID and path, never a phone number, a
    /// name or a user's text; escaped, so that a hostile body cannot forge a line. Log this, not
    /// the event's or its item's `Debug`, which shows every key.
    ///
    /// ```
    /// # let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
    /// #   "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1"},
    /// #   "messages": [{"from": "16505551234", "id": "wamid.X", "timestamp": "1749416383", "type": "text", "text": {"body": "my card number is 4111111111111111"}}]}}]}]}"#;
    /// let notification = wa_webhook_types::Notification::from_slice(body)?;
    /// let event = &notification.events()[0];
    /// assert_eq!(
    ///     event.summary().to_string(),
    ///     "field=messages type=text id=wamid.X path=entry[0].changes[0].value.messages[0]"
    /// );
    /// # Ok::<(), wa_webhook_types::Error>(())
    /// ```
    pub fn summary(&self) -> EventSummary<'_> {
        EventSummary {
            field: self.field,
            kind: self.roles.and_then(|r| r.kind()),
            state: self.role(Role::EventState),
            id: self.role(Role::EventId),
            path: &self.path,
        }
    }

    /// The ID Meta gives what the event is about: a message's ID (wamid); for a status, the ID
    /// of the message whose status it reports (to find the message that failed); a call's ID.
    /// `None` for an event without one (most account changes).
    pub fn id(&self) -> Option<&'a str> {
        self.role(Role::EventId)
    }

    /// Whether this event's state moves what it reports on forward from `previous`, a state
    /// stored for the same message (or call): later in the order Meta's states follow (a
    /// message's `sent`, `delivered`, `read`, `played`), or final (`failed`) when `previous`
    /// is not. Statuses can arrive out of order (a `sent` after its `read`): keep the latest
    /// state per [`id`](Self::id) and drop an update that does not move it forward. `None` for an
    /// event whose state has no order (as the spec row's `order` gives it), or no state.
    ///
    /// ```
    /// # let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
    /// #   "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1"},
    /// #   "statuses": [{"id": "wamid.X", "status": "read", "timestamp": "1749416383", "recipient_id": "16505551234"}]}}]}]}"#;
    /// let notification = wa_webhook_types::Notification::from_slice(body)?;
    /// let read = &notification.events()[0];
    /// assert_eq!(read.moves_forward_from("delivered"), Some(true));
    /// assert_eq!(read.moves_forward_from("failed"), Some(false));
    /// # Ok::<(), wa_webhook_types::Error>(())
    /// ```
    pub fn moves_forward_from(&self, previous: &str) -> Option<bool> {
        let order = self.roles?.state_order()?;
        Some(order.is_after(self.role(Role::EventState)?, previous))
    }

    /// The text the user typed: a text message's body (as the specs' `typed_text` role marks
    /// it). `None` for every other event, buttons and list replies included.
    pub fn text_message(&self) -> Option<&'a str> {
        self.role(Role::TypedText)
    }

    /// The text the user wrote or chose: a text message's body, a button's text, the title of
    /// the reply a user picked (as the specs' `typed_text` and `text` roles mark them).
    pub fn text(&self) -> Option<&'a str> {
        self.text_message().or_else(|| self.role(Role::Text))
    }

    /// The name to show for the user the event concerns, safe to log: the profile name, else
    /// the username, else the BSUID; never a phone number (see
    /// [`UserIdentity::display_name`]). `None` for a user known only by a phone number, and for
    /// an event that concerns no user (most account changes).
    pub fn user_name(&self) -> Option<&'a str> {
        self.user?.display_name()
    }

    /// Like [`user_name`](Self::user_name), falling back to the phone number: for showing the
    /// user to the business, not for logs.
    pub fn user_name_or_phone(&self) -> Option<&'a str> {
        self.user?.display_name_or_phone()
    }

    /// The reaction, for a reaction message (no need to match the item first): the message it
    /// is on and its emoji, `None` when the user removed it (Meta leaves `emoji` out or sends
    /// it empty).
    pub fn reaction(&self) -> Option<EventReaction<'a>> {
        let message_id = self.role(Role::ReactedMessageId)?;
        let emoji = self.role(Role::ReactionEmoji).filter(|e| !e.is_empty());
        Some(EventReaction { message_id, emoji })
    }

    /// The errors the event reports: why a status failed, why a message's content is not
    /// available; for a change event, the value's errors.
    pub fn errors(&self) -> Vec<EventError<'a>> {
        let mut found = Vec::new();
        if let Some(roles) = self.roles {
            roles.errors(&mut found);
        }
        found.into_iter().map(EventError::of).collect()
    }

    /// Whether the event reports errors: a `failed` status always does (Meta says why in
    /// `errors`), and so may a message whose content is not available.
    pub fn is_failure(&self) -> bool {
        !self.errors().is_empty()
    }

    /// For a status that failed: an event with a state (the `event_state` role: a message
    /// status) that reports errors, as Meta's failed statuses do; its errors, each with code and
    /// title. `None` for every other event: a status that reports no error, and a message that
    /// carries errors (it has no state).
    ///
    /// ```
    /// # let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
    /// #   "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1"},
    /// #   "statuses": [{"id": "wamid.X", "status": "failed", "timestamp": "1749416383", "recipient_id": "16505551234",
    /// #     "errors": [{"code": 131049, "title": "This message was not delivered to maintain healthy ecosystem engagement."}]}]}}]}]}"#;
    /// let notification = wa_webhook_types::Notification::from_slice(body)?;
    /// for event in notification.events() {
    ///     for error in event.failed_status().unwrap_or_default() {
    ///         // wamid.X failed: 131049: This message was not ...
    ///         println!("{} failed: {error}", event.id().unwrap_or("?"));
    ///     }
    /// }
    /// # assert_eq!(notification.events()[0].failed_status().unwrap()[0].code, Some(131049));
    /// # assert_eq!(notification.events()[0].id(), Some("wamid.X"));
    /// # Ok::<(), wa_webhook_types::Error>(())
    /// ```
    pub fn failed_status(&self) -> Option<Vec<EventError<'a>>> {
        self.role(Role::EventState)?;
        Some(self.errors()).filter(|errors| !errors.is_empty())
    }

    /// What in the event this version of the crate does not know: a webhook field no spec
    /// describes (the change kept raw), or a message type (or another tagged object's type)
    /// none does, kept raw in the item. `None` for an event typed through; values and keys it
    /// does not list are in [`Notification::drift`], not here.
    pub fn unrecognized(&self) -> Option<Unrecognized> {
        if let EventItem::Change(Change::Unrecognized(change)) = self.item {
            return Some(Unrecognized::Field(change.field().to_owned()));
        }
        let mut drift = Vec::new();
        Inspect::inspect(&self.item, &mut JsonPath::default(), &mut drift);
        drift
            .into_iter()
            .find(|d| d.kind == DriftKind::UnknownType)
            .map(|d| Unrecognized::Type {
                name: d.found,
                path: d.path,
            })
    }

    /// When the event happened, in Unix seconds (a message's or a status's `timestamp`), where
    /// it says: ready to log or store.
    pub fn timestamp(&self) -> Option<i64> {
        self.roles?.integer(Role::EventTime)
    }

    /// When the event happened, as a [`SystemTime`] (see [`timestamp`](Self::timestamp));
    /// `None` also for a time before 1970.
    pub fn time(&self) -> Option<SystemTime> {
        let seconds = u64::try_from(self.timestamp()?).ok()?;
        UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
    }

    /// Whether the event is a copy of a conversation another app (or Meta's business agent)
    /// owns, from a `standby` change: a message, echo or status the app may read, log or keep
    /// in sync, but must not answer, since the thread's owner does.
    pub fn is_standby(&self) -> bool {
        self.standby
    }

    fn role(&self, role: Role) -> Option<&'a str> {
        self.roles?.role(role)
    }
}

impl Notification {
    /// Every event of every change of every entry, in order, each in its context: the
    /// messages and statuses of a change (with the user they concern), or the change itself
    /// when it holds no such items. A change of a field no spec describes, or whose value does
    /// not fit its spec, is an event too ([`EventItem::Change`] holding
    /// [`Change::Unrecognized`] or [`Change::Invalid`], its value raw). Left out are only the
    /// entries, change objects and array items kept raw with an error ([`Item::Invalid`]):
    /// [`drift`](Self::drift) names each of them as `invalid`.
    pub fn events(&self) -> Vec<WebhookEvent<'_>> {
        let mut out = Vec::new();
        for (e, entry) in self.entry.items().iter().enumerate() {
            let Item::Typed(entry) = entry else { continue };
            for (c, change) in entry.changes.items().iter().enumerate() {
                let Item::Typed(change) = change else {
                    continue;
                };
                let path = format!("entry[{e}].changes[{c}]");
                events_of(&entry.id, change.field(), &change.change, path, &mut out);
            }
        }
        out
    }
}

fn events_of<'a>(
    entry_id: &'a str,
    field: &'a str,
    change: &'a Change,
    path: String,
    out: &mut Vec<WebhookEvent<'a>>,
) {
    let parts = ChangeDispatch::event_parts(change);
    let business = |role| parts.value.and_then(|v| v.role(role));
    let event = |item, path: String, roles: Option<&'a dyn Roles>| {
        let own = roles.map(UserIdentity::of).unwrap_or_default();
        let contact = parts
            .contacts
            .iter()
            .map(|c| UserIdentity::of(*c))
            .find(|c| c.is_same_user(&own));
        let user = contact.map_or(own, |c| own.or(c));
        WebhookEvent {
            entry_id,
            path,
            field,
            business_phone: business(Role::BusinessPhone),
            business_phone_id: business(Role::BusinessPhoneId),
            user: (!user.is_empty()).then_some(user),
            item,
            roles,
            standby: change.is_standby(),
        }
    };
    if parts.items.is_empty() {
        out.push(event(EventItem::Change(change), path, parts.value));
        return;
    }
    for (item, roles, at) in parts.items {
        out.push(event(item, format!("{path}.value.{at}"), Some(roles)));
    }
}
