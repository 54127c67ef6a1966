//! Roles: what a key means to an application (who the user or the business is, what
//! identifies an event or what it says, which errors it reports), as the spec rows' `role`
//! says. The generated types answer [`Roles`]; events are built from the answers.

use crate::items::Items;
use crate::EventItem;
use std::fmt::Debug;
use std::panic::RefUnwindSafe;

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
    /// When the event happened, in Unix seconds.
    EventTime,
    /// The text a user typed (a text message's body).
    TypedText,
    /// Text a user chose (a button's text, a list reply's title).
    Text,
    /// A reaction's emoji.
    ReactionEmoji,
    /// The message a reaction is on.
    ReactedMessageId,
    /// An error's numeric code.
    ErrorCode,
    /// An error's title.
    ErrorTitle,
    /// An error's details.
    ErrorDetails,
}

/// Implemented by every generated type that has keys with a role, or holds such objects.
/// (`Sync` and `RefUnwindSafe`, so that events holding `&dyn Roles` are `Send` and can be held
/// across an `.await` in an axum handler.)
#[doc(hidden)]
pub trait Roles: Debug + Sync + RefUnwindSafe {
    /// The text value playing `role`, if the object has one.
    fn role(&self, _role: Role) -> Option<&str> {
        None
    }

    /// The number playing `role` (an error code, a time in Unix seconds), if the object has one.
    fn integer(&self, _role: Role) -> Option<i64> {
        None
    }

    /// Appends the errors the object reports (each an object with error roles).
    fn errors<'a>(&'a self, _out: &mut Vec<&'a dyn Roles>) {}

    /// The type a tagged object's discriminator names (a message's `type`), as Meta spells it.
    fn kind(&self) -> Option<&str> {
        None
    }

    /// The order its state's values follow (the `event_state` key's row gives `order`).
    fn state_order(&self) -> Option<ValueOrder> {
        None
    }
}

/// The order a row's values follow, as its `order` and `final` give them: generated enums'
/// `is_after`, and [`WebhookEvent::moves_forward_from`](crate::WebhookEvent::moves_forward_from).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueOrder {
    /// First to last.
    pub order: &'static [&'static str],
    /// The values nothing follows.
    pub finals: &'static [&'static str],
}

impl ValueOrder {
    /// Whether `value` comes after `previous`: it is final and `previous` is not, or both are
    /// in the order and `value` later. Nothing comes after a final value; a value the order
    /// does not hold comes after nothing, and every value in it comes after one it does not.
    pub fn is_after(&self, value: &str, previous: &str) -> bool {
        let place = |v: &str| self.order.iter().position(|o| *o == v);
        if value == previous || self.finals.contains(&previous) {
            return false;
        }
        if self.finals.contains(&value) {
            return true;
        }
        match (place(value), place(previous)) {
            (Some(value), Some(previous)) => value > previous,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

impl<T: Roles> Roles for Box<T> {
    fn role(&self, role: Role) -> Option<&str> {
        T::role(self, role)
    }

    fn integer(&self, role: Role) -> Option<i64> {
        T::integer(self, role)
    }

    fn errors<'a>(&'a self, out: &mut Vec<&'a dyn Roles>) {
        T::errors(self, out)
    }

    fn kind(&self) -> Option<&str> {
        T::kind(self)
    }

    fn state_order(&self) -> Option<ValueOrder> {
        T::state_order(self)
    }
}

impl<T: Roles> Roles for Option<T> {
    fn role(&self, role: Role) -> Option<&str> {
        self.as_ref()?.role(role)
    }

    fn integer(&self, role: Role) -> Option<i64> {
        self.as_ref()?.integer(role)
    }

    fn errors<'a>(&'a self, out: &mut Vec<&'a dyn Roles>) {
        if let Some(value) = self {
            value.errors(out);
        }
    }

    fn kind(&self) -> Option<&str> {
        self.as_ref()?.kind()
    }

    fn state_order(&self) -> Option<ValueOrder> {
        self.as_ref()?.state_order()
    }
}

/// An array of errors, present or not: generated `Roles::errors` lists its typed items.
#[doc(hidden)]
pub trait ErrorArray {
    /// Appends each typed item (an item kept raw is in the drift report instead).
    fn push_into<'a>(&'a self, out: &mut Vec<&'a dyn Roles>);
}

impl<T: Roles> ErrorArray for Items<T> {
    fn push_into<'a>(&'a self, out: &mut Vec<&'a dyn Roles>) {
        out.extend(self.iter().map(|e| e as &dyn Roles));
    }
}

impl<T: Roles> ErrorArray for Option<Items<T>> {
    fn push_into<'a>(&'a self, out: &mut Vec<&'a dyn Roles>) {
        if let Some(items) = self {
            items.push_into(out);
        }
    }
}

/// What a change holds for events: generated for `Change`.
#[doc(hidden)]
pub struct EventParts<'a> {
    /// The change's value, if it has roles (the business it concerns, its errors).
    pub value: Option<&'a dyn Roles>,
    /// The objects naming users, that events are matched with.
    pub contacts: Vec<&'a dyn Roles>,
    /// The events, each with its roles and its path in the value (`messages[0]`).
    pub items: Vec<(EventItem<'a>, &'a dyn Roles, String)>,
}
