//! Who a user is, as Meta names them: phone number, business-scoped user ID, username.

use crate::roles::{Role, Roles};

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
    /// The identity the roles name. An empty string names no one: some bodies send
    /// `"from": ""` or `"wa_id": ""` instead of leaving the key out, and the user is then known
    /// by the keys that are set (the BSUID), as when the key is absent.
    pub(crate) fn of(roles: &'a dyn Roles) -> Self {
        let role = |role| roles.role(role).filter(|s| !s.is_empty());
        UserIdentity {
            phone: role(Role::UserPhone),
            bsuid: role(Role::UserId),
            parent_bsuid: role(Role::UserParentId),
            username: role(Role::Username),
            name: role(Role::UserName),
        }
    }

    /// A stable key to store the user under: the BSUID where Meta sent one (as Meta advises),
    /// else the phone number, else the username.
    pub fn key(&self) -> Option<&'a str> {
        self.bsuid.or(self.phone).or(self.username)
    }

    /// The name to show for the user, safe to log: the profile name, else the username, else
    /// the BSUID; never the phone number (`None` for a user known only by it).
    pub fn display_name(&self) -> Option<&'a str> {
        self.name.or(self.username).or(self.bsuid)
    }

    /// Like [`display_name`](Self::display_name), falling back to the phone number last: for
    /// showing a user to the business, not for logs.
    pub fn display_name_or_phone(&self) -> Option<&'a str> {
        self.display_name().or(self.phone)
    }

    /// Whether both name the same user: the same BSUID, or the same phone number.
    pub fn is_same_user(&self, other: &UserIdentity<'_>) -> bool {
        let same = |a: Option<&str>, b: Option<&str>| a.is_some() && a == b;
        same(self.bsuid, other.bsuid) || same(self.phone, other.phone)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.key().is_none() && self.name.is_none()
    }

    /// This identity, with what it lacks taken from `other`.
    pub(crate) fn or(self, other: UserIdentity<'a>) -> Self {
        UserIdentity {
            phone: self.phone.or(other.phone),
            bsuid: self.bsuid.or(other.bsuid),
            parent_bsuid: self.parent_bsuid.or(other.parent_bsuid),
            username: self.username.or(other.username),
            name: self.name.or(other.name),
        }
    }
}
