//! The roles a parameter row may give its key: what the key means to an application (who the
//! user or the business is, what identifies an event or what it says, an error's parts), each
//! with the runtime `Role` variant it becomes and the type its row must have.

use crate::ast::ParamType;

/// A role a parameter row may give its key.
#[derive(Debug, Clone, Copy)]
pub struct RoleDef {
    /// The role as a spec names it.
    pub name: &'static str,
    /// The runtime `Role` variant.
    pub variant: &'static str,
    /// The type the key must have.
    pub ty: ParamType,
    /// What the role is about.
    pub about: RoleAbout,
}

/// What a role is about: which objects its keys make contacts, events or errors of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleAbout {
    /// Who the user is: an array of objects with such keys holds contacts.
    User,
    /// Who the business is.
    Business,
    /// What the event is or says.
    Event,
    /// An error: an array of objects with such keys holds errors.
    Error,
}

const fn role(
    name: &'static str,
    variant: &'static str,
    ty: ParamType,
    about: RoleAbout,
) -> RoleDef {
    RoleDef {
        name,
        variant,
        ty,
        about,
    }
}

/// The roles a parameter row may give its key.
pub const ROLES: &[RoleDef] = &[
    role(
        "user_phone",
        "UserPhone",
        ParamType::String,
        RoleAbout::User,
    ),
    role("user_id", "UserId", ParamType::String, RoleAbout::User),
    role(
        "user_parent_id",
        "UserParentId",
        ParamType::String,
        RoleAbout::User,
    ),
    role("username", "Username", ParamType::String, RoleAbout::User),
    role("user_name", "UserName", ParamType::String, RoleAbout::User),
    role(
        "business_phone",
        "BusinessPhone",
        ParamType::String,
        RoleAbout::Business,
    ),
    role(
        "business_phone_id",
        "BusinessPhoneId",
        ParamType::String,
        RoleAbout::Business,
    ),
    role("event_id", "EventId", ParamType::String, RoleAbout::Event),
    role(
        "event_state",
        "EventState",
        ParamType::String,
        RoleAbout::Event,
    ),
    role(
        "event_time",
        "EventTime",
        ParamType::Timestamp,
        RoleAbout::Event,
    ),
    role(
        "typed_text",
        "TypedText",
        ParamType::String,
        RoleAbout::Event,
    ),
    role("text", "Text", ParamType::String, RoleAbout::Event),
    role(
        "reaction_emoji",
        "ReactionEmoji",
        ParamType::String,
        RoleAbout::Event,
    ),
    role(
        "reacted_message_id",
        "ReactedMessageId",
        ParamType::String,
        RoleAbout::Event,
    ),
    role(
        "error_code",
        "ErrorCode",
        ParamType::Integer,
        RoleAbout::Error,
    ),
    role(
        "error_title",
        "ErrorTitle",
        ParamType::String,
        RoleAbout::Error,
    ),
    role(
        "error_details",
        "ErrorDetails",
        ParamType::String,
        RoleAbout::Error,
    ),
];

/// The role named `name`.
pub fn find_role(name: &str) -> Option<&'static RoleDef> {
    ROLES.iter().find(|r| r.name == name)
}
