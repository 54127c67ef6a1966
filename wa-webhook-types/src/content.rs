//! What an event says, in the terms an application uses: a reaction, an error.

use crate::roles::{Role, Roles};
use std::fmt;

/// A reaction to a message: the message it is on, and the emoji (none when the user removed
/// the reaction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventReaction<'a> {
    /// The ID (wamid) of the message reacted to.
    pub message_id: &'a str,
    /// The emoji; `None` when the reaction was removed (Meta leaves `emoji` out or empty).
    pub emoji: Option<&'a str>,
}

impl EventReaction<'_> {
    /// Whether the user removed their reaction.
    pub fn is_removed(&self) -> bool {
        self.emoji.is_none()
    }
}

/// An error Meta reports on an event: its code, and its title and details where sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventError<'a> {
    /// Meta's numeric error code (`131050`); Meta's error-codes page lists them.
    pub code: Option<i64>,
    /// The error's short title.
    pub title: Option<&'a str>,
    /// A longer explanation, where Meta sends one.
    pub details: Option<&'a str>,
}

impl<'a> EventError<'a> {
    pub(crate) fn of(roles: &'a dyn Roles) -> Self {
        EventError {
            code: roles.integer(Role::ErrorCode),
            title: roles.role(Role::ErrorTitle),
            details: roles.role(Role::ErrorDetails),
        }
    }
}

/// `131050: This message was not delivered ...` (the code, then the title or the details).
impl fmt::Display for EventError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "{code}")?,
            None => f.write_str("error")?,
        }
        match self.title.or(self.details) {
            Some(text) => write!(f, ": {text}"),
            None => Ok(()),
        }
    }
}
