//! Events in their context: every message, status or other change of a notification, with
//! the account, the business number and the user it concerns.
//!
//! Which keys name the user or the business, and which arrays hold events, is said by the
//! specs (parameter roles and `$event`); the generated types answer [`Roles`] and the generated
//! `Change` lists its events, so nothing here knows a particular field.

use crate::drift::JsonPath;
use crate::items::Item;
use crate::{Change, EventItem, Notification};

/// What a key means to an application, as a spec row's `role` says.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The user's phone number (`wa_id`, `from`, `recipient_id`).
    UserPhone,
    /// The user's business-scoped user ID.
    UserId,
    /// The user's parent business-scoped user ID.
    UserParentId,
    /// The user's username.
    Username,
    /// The user's profile name.
    UserName,
    /// The business phone number, as displayed.
    BusinessPhone,
    /// The business phone number's ID.
    BusinessPhoneId,
    /// What identifies an event (a message ID).
    EventId,
    /// The state an event reports (a status), part of its idempotency key.
    EventState,
}

/// Implemented by every generated type that has keys with a role.
#[doc(hidden)]
pub trait Roles {
    /// The value playing `role`, if the object has one.
    fn role(&self, role: Role) -> Option<&str>;
}

/// What a change holds for events: generated for `Change`.
#[doc(hidden)]
pub struct EventParts<'a> {
    /// The change's value, if it has roles (the business it concerns).
    pub value: Option<&'a dyn Roles>,
    /// The objects naming users, that events are matched with.
    pub contacts: Vec<&'a dyn Roles>,
    /// The events, each with its roles and its path in the value (`messages[0]`).
    pub items: Vec<(EventItem<'a>, &'a dyn Roles, String)>,
}

/// A WhatsApp user as Meta names them: a phone number, a business-scoped user ID (BSUID, with
/// its parent where Meta sends one), a username, or several; and the profile name when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct UserIdentity<'a> {
    /// The phone number (`wa_id`), unless the user's number may not be shared.
    pub phone: Option<&'a str>,
    /// The business-scoped user ID (`US.13491208655302741918`).
    pub bsuid: Option<&'a str>,
    /// The parent business-scoped user ID, for businesses enrolled in parent IDs.
    pub parent_bsuid: Option<&'a str>,
    /// The username, if the user adopted one.
    pub username: Option<&'a str>,
    /// The profile name.
    pub name: Option<&'a str>,
}

impl<'a> UserIdentity<'a> {
    fn of(roles: &'a dyn Roles) -> Self {
        UserIdentity {
            phone: roles.role(Role::UserPhone),
            bsuid: roles.role(Role::UserId),
            parent_bsuid: roles.role(Role::UserParentId),
            username: roles.role(Role::Username),
            name: roles.role(Role::UserName),
        }
    }

    /// A stable key to store the user under: the BSUID where Meta sent one (as Meta advises),
    /// else the phone number, else the username.
    pub fn key(&self) -> Option<&'a str> {
        self.bsuid.or(self.phone).or(self.username)
    }

    /// The name to show for the user: the profile name, else the username, else the key.
    pub fn display_name(&self) -> Option<&'a str> {
        self.name.or(self.username).or(self.key())
    }

    /// Whether both name the same user: the same BSUID, or the same phone number.
    pub fn is_same_user(&self, other: &UserIdentity<'_>) -> bool {
        let same = |a: Option<&str>, b: Option<&str>| a.is_some() && a == b;
        same(self.bsuid, other.bsuid) || same(self.phone, other.phone)
    }

    fn is_empty(&self) -> bool {
        self.key().is_none() && self.name.is_none()
    }

    /// This identity, with what it lacks taken from `other`.
    fn or(self, other: UserIdentity<'a>) -> Self {
        UserIdentity {
            phone: self.phone.or(other.phone),
            bsuid: self.bsuid.or(other.bsuid),
            parent_bsuid: self.parent_bsuid.or(other.parent_bsuid),
            username: self.username.or(other.username),
            name: self.name.or(other.name),
        }
    }
}

/// One event of a notification: a message, a status, or a change with no such items, in its
/// context.
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
    id: Option<&'a str>,
    state: Option<&'a str>,
}

impl WebhookEvent<'_> {
    /// A key that is the same each time Meta delivers this event again: a message's ID, a
    /// status's message ID with its status (`wamid...:read`). Meta delivers at least once;
    /// store the keys you handled and drop repeats. `None` for an event without an ID.
    pub fn idempotency_key(&self) -> Option<String> {
        let id = self.id?;
        Some(match self.state {
            Some(state) => format!("{id}:{state}"),
            None => id.to_owned(),
        })
    }
}

impl Notification {
    /// Every event of every change of every entry, in order, each in its context: the
    /// messages and statuses of a change (with the user they concern), or the change itself
    /// when it holds no such items. Entries and changes kept raw are left out (they are in the
    /// drift report).
    pub fn events(&self) -> Vec<WebhookEvent<'_>> {
        let mut out = Vec::new();
        for (e, entry) in self.entry.items().iter().enumerate() {
            let Item::Typed(entry) = entry else { continue };
            for (c, change) in entry.changes.items().iter().enumerate() {
                let Item::Typed(change) = change else {
                    continue;
                };
                let mut path = JsonPath::default();
                path.push_key("entry");
                path.push_index(e);
                path.push_key("changes");
                path.push_index(c);
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
    path: JsonPath,
    out: &mut Vec<WebhookEvent<'a>>,
) {
    let parts = change.event_parts();
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
            id: roles.and_then(|r| r.role(Role::EventId)),
            state: roles.and_then(|r| r.role(Role::EventState)),
        }
    };
    if parts.items.is_empty() {
        out.push(event(
            EventItem::Change(change),
            path.as_str().to_owned(),
            None,
        ));
        return;
    }
    for (item, roles, at) in parts.items {
        let mut path = path.clone();
        path.push_key("value");
        path.push_path(&at);
        out.push(event(item, path.as_str().to_owned(), Some(roles)));
    }
}
