//! The resolved model: everything the expansion renders, every name final and checked.
//!
//! Validation builds it (`valid::resolve`) once the specs are sound; expansion only renders it.
//! Nothing here refers back to the spec files: names are Rust identifiers, docs are final
//! [`Doc`]s (text, with links to generated items kept as data that each language renders its
//! own way), types are resolved paths, so rendering cannot fail and never looks anything up.

use crate::ast::ParamType;
pub use crate::doc::Doc;

/// Every item the generator emits for one spec folder.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The envelope's structs, at the crate root.
    pub envelope: Vec<Item>,
    /// The `Change` enum: a variant per field.
    pub change: ChangeEnum,
    /// A module per folder or spec file, nested as the files are.
    pub modules: Vec<Module>,
    /// Every example payload of every spec, in file order.
    pub examples: Vec<Example>,
    /// The kinds of event items (`$event` objects), for the `EventItem` enum.
    pub event_items: Vec<EventItemKind>,
}

/// One kind of event item: a struct whose objects are events of their change.
#[derive(Debug, Clone)]
pub struct EventItemKind {
    /// The `EventItem` variant (the struct's name).
    pub ident: String,
    /// Its doc: what the item is and where Meta sends it.
    pub doc: Doc,
    /// The struct.
    pub ty: TypePath,
}

/// One module: a spec file's items, or a folder's modules.
#[derive(Debug, Clone)]
pub struct Module {
    /// The module name.
    pub ident: String,
    /// Its doc comment.
    pub doc: Doc,
    /// Its structs and enums.
    pub items: Vec<Item>,
    /// Modules of the files and folders below it.
    pub children: Vec<Module>,
}

/// A generated type.
#[derive(Debug, Clone)]
pub enum Item {
    /// A struct for a syntax object.
    Struct(Box<Struct>),
    /// An enum for a placeholder with enumerated values.
    Values(ValueEnum),
    /// An enum for a discriminator: a variant per spec of its folder.
    Variants(VariantEnum),
}

impl Item {
    /// The type's name.
    pub fn ident(&self) -> &str {
        match self {
            Item::Struct(s) => &s.ident,
            Item::Values(e) => &e.ident,
            Item::Variants(e) => &e.ident,
        }
    }
}

/// A struct for a syntax object, with its hand-written serde and drift impls.
#[derive(Debug, Clone)]
pub struct Struct {
    /// The type name.
    pub ident: String,
    /// Its doc comment.
    pub doc: Doc,
    /// Where its example payloads are shown (a doc line linking a module's examples), if any.
    pub examples_link: Option<Doc>,
    /// What serde's "expected" message calls it.
    pub expecting: String,
    /// One field per key (the discriminator's key aside), in syntax order.
    pub fields: Vec<Field>,
    /// The discriminator, if the object has one.
    pub dispatch: Option<Dispatch>,
    /// Keys whose values belong to some variants only, checked by the drift walk.
    pub values_by_variant: Vec<ValuesByVariant>,
    /// The keys with a role, and the nested objects that have some.
    pub roles: Roles,
}

/// A key of a discriminated object whose listed values belong to some variants only.
#[derive(Debug, Clone)]
pub struct ValuesByVariant {
    /// The field.
    pub field: FieldRef,
    /// The JSON key.
    pub key: String,
    /// Every value the row lists, as Meta spells them.
    pub listed: Vec<String>,
    /// The variants given values: the variant's ident, whether it holds a payload, and its
    /// values.
    pub variants: Vec<(String, bool, Vec<String>)>,
}

/// How a struct answers which value plays a role: its own keys first, then nested objects,
/// then its variant's payload; and which errors it reports.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// Keys whose row gives a role.
    pub own: Vec<RoleKey>,
    /// Fields holding a single nested object that has roles of its own.
    pub nested: Vec<FieldRef>,
    /// The field holding the variant, if a variant's payload has roles.
    pub kind: Option<String>,
    /// Arrays of errors (items with error roles).
    pub errors: Vec<FieldRef>,
}

impl Roles {
    /// Whether the struct plays no role at all.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
            && self.nested.is_empty()
            && self.kind.is_none()
            && self.errors.is_empty()
    }
}

/// A key that plays a role.
#[derive(Debug, Clone)]
pub struct RoleKey {
    /// The runtime `Role` variant.
    pub role: String,
    /// The field.
    pub field: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The value is an `Option` (`null` allowed).
    pub nullable: bool,
    /// The value is a number (an `Integer` error code, a `Timestamp`), not text.
    pub number: bool,
    /// The order its values follow, where the row gives one (an event's state).
    pub order: Option<ValueOrder>,
}

/// A field, and whether it is an `Option`.
#[derive(Debug, Clone)]
pub struct FieldRef {
    /// The field.
    pub ident: String,
    /// The field is an `Option`.
    pub optional: bool,
}

/// A struct field for one JSON key.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field name.
    pub ident: String,
    /// The JSON key.
    pub key: String,
    /// Other spellings of the key, and the field that records the one received.
    pub spellings: Option<Spellings>,
    /// Its doc comment.
    pub doc: Doc,
    /// The value's type, before `nullable` and `optional`.
    pub ty: Type,
    /// Meta may send `null`: the slot holds an `Option`.
    pub nullable: bool,
    /// The key may be absent: the field is an `Option`.
    pub optional: bool,
    /// Whether the value can hold drift (an enum, an object, a change).
    pub drifts: bool,
}

/// The spellings of a key Meta writes in several ways.
#[derive(Debug, Clone)]
pub struct Spellings {
    /// The field that records the spelling received.
    pub ident: String,
    /// Its doc comment.
    pub doc: Doc,
    /// Every spelling, the key's name first.
    pub all: Vec<String>,
}

/// A value's Rust type.
#[derive(Debug, Clone)]
pub enum Type {
    /// A scalar: the type a parameter row names (a `Discriminator` row never reaches here; a
    /// `String` row with values is a [`Type::Named`] enum).
    Scalar(ParamType),
    /// A generated struct or enum.
    Named(TypePath),
    /// An array of objects: items isolated from each other.
    Items(Box<Type>),
    /// Any other array.
    Vec(Box<Type>),
    /// A boxed value (an object payload of a variant).
    Boxed(Box<Type>),
    /// An enum whose values Meta spells in several ways, with the spelling received.
    Spelled(Box<Type>),
}

/// A generated type by its path: bare inside its own module, from the crate root elsewhere.
#[derive(Debug, Clone)]
pub struct TypePath {
    /// Module segments from the crate root; empty for a type of the current module.
    pub module: Vec<String>,
    /// The type name.
    pub ident: String,
}

/// An enum for a placeholder's enumerated values, with a catch-all.
#[derive(Debug, Clone)]
pub struct ValueEnum {
    /// The type name.
    pub ident: String,
    /// Its doc comment.
    pub doc: Doc,
    /// A variant per listed value.
    pub variants: Vec<ValueVariant>,
    /// The order the values follow, where the row gives one.
    pub order: Option<ValueOrder>,
}

/// The order a row's values follow (`order`), and the values nothing follows (`final`), each
/// as Meta spells it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueOrder {
    /// First to last.
    pub order: Vec<String>,
    /// The final values.
    pub finals: Vec<String>,
}

/// One listed value.
#[derive(Debug, Clone)]
pub struct ValueVariant {
    /// The variant name.
    pub ident: String,
    /// The value as Meta spells it (and as a value built in Rust is written).
    pub wire: String,
    /// Other spellings Meta sends of the same value (`Failed` beside `FAILED`).
    pub others: Vec<String>,
    /// Its doc comment.
    pub doc: Doc,
}

/// The enum of a discriminator: a variant per spec of its folder, and a catch-all.
#[derive(Debug, Clone)]
pub struct VariantEnum {
    /// The type name.
    pub ident: String,
    /// Its doc comment.
    pub doc: Doc,
    /// The key whose value selects the variant.
    pub tag_key: String,
    /// The variants, sorted by tag.
    pub variants: Vec<Variant>,
}

/// One variant of a discriminator.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The variant name.
    pub ident: String,
    /// The tag value that selects it.
    pub tag: String,
    /// Its doc comment.
    pub doc: Doc,
    /// What it holds, if anything.
    pub payload: Option<Payload>,
}

/// The payload of a variant: the value under the key named like the tag.
#[derive(Debug, Clone)]
pub struct Payload {
    /// The JSON key.
    pub key: String,
    /// The visitor's slot for it.
    pub slot: String,
    /// Its type as the enum holds it (boxed, optional as the spec says).
    pub ty: Type,
    /// The payload may be absent.
    pub optional: bool,
    /// Whether it can hold drift.
    pub drifts: bool,
    /// Whether it has roles: the enum answers for it.
    pub roles: bool,
}

/// How a struct with a discriminator picks its variant in one pass.
#[derive(Debug, Clone)]
pub struct Dispatch {
    /// The discriminator's key.
    pub tag_key: String,
    /// The variant enum (of the same module).
    pub enum_ident: String,
    /// The field holding the variant.
    pub kind_ident: String,
    /// Its doc comment.
    pub kind_doc: Doc,
    /// For an optional tag: the field recording that it was left out, and its doc.
    pub omitted: Option<(String, Doc)>,
    /// The variant (its payload optional or absent) that holds when neither the tag nor a
    /// payload key is present; without one, such an object does not fit.
    pub default: Option<String>,
    /// The variants, as in the enum.
    pub variants: Vec<Variant>,
    /// The names of the union's members in the other languages.
    #[cfg_attr(not(feature = "tools"), allow(dead_code))]
    pub union: UnionNames,
}

/// What a discriminated object is in languages with union types (TypeScript, Python): one type
/// per variant over the common keys. Their names, made once for every renderer, none taking a
/// name already taken (`TextMessage`, else `TextMessageVariant`).
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(feature = "tools"), allow(dead_code))]
pub struct UnionNames {
    /// The keys every variant has (`MessageCommon`).
    pub common: String,
    /// A member per variant, as in [`Dispatch::variants`] (`TextMessage`).
    pub variants: Vec<String>,
    /// The member without the tag, where the tag may be left out (`UntaggedMessage`).
    pub untagged: Option<String>,
    /// The member with a tag this version does not know (`UnrecognizedMessage`).
    pub unrecognized: String,
}

/// The `Change` enum of the envelope.
#[derive(Debug, Clone)]
pub struct ChangeEnum {
    /// A variant per field, sorted by field name.
    pub variants: Vec<ChangeVariant>,
    /// The name of the change of a field this version does not know, in the other languages
    /// (`UnknownChange`).
    #[cfg_attr(not(feature = "tools"), allow(dead_code))]
    pub unknown_name: String,
}

/// One webhook field.
#[derive(Debug, Clone)]
pub struct ChangeVariant {
    /// The variant name.
    pub ident: String,
    /// The name of its change type in the other languages (`SecurityChange`).
    #[cfg_attr(not(feature = "tools"), allow(dead_code))]
    pub union_name: String,
    /// The field name.
    pub field: String,
    /// Other names of the field.
    pub aliases: Vec<String>,
    /// Its doc comment.
    pub doc: Doc,
    /// The type of the change's value.
    pub value: TypePath,
    /// Whether the value itself has roles (the business it concerns).
    pub value_roles: bool,
    /// Arrays of the value whose items are events.
    pub events: Vec<EventArray>,
    /// Arrays of the value whose items name users (the contacts events are matched with): the
    /// fields from the value to each.
    pub contacts: Vec<Vec<FieldRef>>,
    /// Its events are copies an app must not answer (a `standby` field).
    pub standby: bool,
}

/// An array of a field's value whose items are events.
#[derive(Debug, Clone)]
pub struct EventArray {
    /// The fields from the value to the array (one, or more for an array in a nested object).
    pub fields: Vec<FieldRef>,
    /// Its JSON path from the value (`messages`, `standby.messages`), for the event's path.
    pub path: String,
    /// The `EventItem` variant of its items.
    pub item: String,
}

/// One example payload, for `EXAMPLES`.
#[derive(Debug, Clone)]
pub struct Example {
    /// The spec file it comes from.
    pub spec: String,
    /// What it shows.
    pub description: String,
    /// The payload, compact JSON.
    pub json: String,
}
