//! Roles: which keys say who the user or the business is, what identifies an event or what it
//! says, and which errors it reports; which arrays of a change's value hold its events and the
//! contacts they concern.

use crate::ast::{Kind, Object, ParamType, Shape, Spec};
use crate::model::{struct_name, Model};
use crate::name;
use crate::resolved::{Doc, EventArray, EventItemKind, FieldRef, RoleKey, Roles, TypePath};
use crate::role::{find_role, RoleAbout};

/// The roles of the struct for `object` of `spec`.
pub(super) fn roles(model: &Model, spec: &Spec, object: &Object) -> Roles {
    let mut roles = Roles::default();
    let mut look = Look::new(model);
    for key in &object.keys {
        let field = || FieldRef {
            ident: name::field_name(&key.name),
            optional: key.optional,
        };
        match &key.shape {
            Shape::Placeholder(p) => {
                let Some(param) = spec.parameter(p) else {
                    continue;
                };
                if let Some(folder) = param.variants.as_deref() {
                    if look.variants(folder, Wanted::Any) {
                        roles.kind = Some(name::KIND_FIELD.to_owned());
                    }
                } else if let Some(def) = param.role.as_deref().and_then(find_role) {
                    roles.own.push(RoleKey {
                        role: def.variant.to_owned(),
                        field: name::field_name(&key.name),
                        optional: key.optional,
                        nullable: param.nullable,
                        number: matches!(def.ty, ParamType::Integer | ParamType::Timestamp),
                        order: super::order::value_order(param),
                    });
                }
            }
            shape @ (Shape::Object(_) | Shape::Ref(_)) if look.shape(spec, shape, Wanted::Any) => {
                roles.nested.push(field());
            }
            Shape::Array(inner) if look.shape(spec, inner, Wanted::About(RoleAbout::Error)) => {
                roles.errors.push(field());
            }
            _ => {}
        }
    }
    roles
}

/// Whether a value of `shape` (a variant's payload) has roles: the enum answers for it.
pub(super) fn payload_has_roles(model: &Model, spec: &Spec, shape: &Shape) -> bool {
    Look::new(model).shape(spec, shape, Wanted::Any)
}

/// Which roles a look searches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// Any role, and arrays of errors.
    Any,
    /// Roles about one thing, in the object's own keys, nested objects and variant payloads.
    About(RoleAbout),
}

/// A search for roles through objects, shared pieces and variant payloads, each shared piece
/// and variant folder entered once (a piece may refer to itself).
struct Look<'a> {
    model: &'a Model<'a>,
    visiting: Vec<String>,
}

impl<'a> Look<'a> {
    fn new(model: &'a Model<'a>) -> Self {
        Look {
            model,
            visiting: Vec::new(),
        }
    }

    fn shape(&mut self, spec: &Spec, shape: &Shape, wanted: Wanted) -> bool {
        match shape {
            Shape::Object(object) => self.object(spec, object, wanted),
            Shape::Ref(target) => {
                let model = self.model;
                let Some(shared) = model.shared.get(target.as_str()) else {
                    return false;
                };
                self.entered(format!("shared {target}"), |look| {
                    look.object(shared, &shared.syntax, wanted)
                })
            }
            _ => false,
        }
    }

    fn object(&mut self, spec: &Spec, object: &Object, wanted: Wanted) -> bool {
        object.keys.iter().any(|key| match &key.shape {
            Shape::Placeholder(p) => match spec.parameter(p) {
                Some(param) => match (&param.variants, param.role.as_deref().and_then(find_role)) {
                    (Some(folder), _) => self.variants(folder, wanted),
                    (None, Some(def)) => {
                        wanted == Wanted::Any || wanted == Wanted::About(def.about)
                    }
                    (None, None) => false,
                },
                None => false,
            },
            shape @ (Shape::Object(_) | Shape::Ref(_)) => self.shape(spec, shape, wanted),
            Shape::Array(inner) => {
                wanted == Wanted::Any && self.shape(spec, inner, Wanted::About(RoleAbout::Error))
            }
            _ => false,
        })
    }

    /// Whether the payload of a variant in `folder` has roles.
    fn variants(&mut self, folder: &str, wanted: Wanted) -> bool {
        let model = self.model;
        self.entered(format!("variants {folder}"), |look| {
            model.variants_in(folder).iter().any(|variant| {
                variant
                    .payload()
                    .is_some_and(|key| look.shape(variant, &key.shape, wanted))
            })
        })
    }

    /// `f`, unless `what` is already being looked into.
    fn entered(&mut self, what: String, f: impl FnOnce(&mut Self) -> bool) -> bool {
        if self.visiting.contains(&what) {
            return false;
        }
        self.visiting.push(what);
        let found = f(self);
        self.visiting.pop();
        found
    }
}

/// The object an array of `shape` holds, with the spec it belongs to.
fn item<'a>(model: &'a Model, spec: &'a Spec, shape: &'a Shape) -> Option<(&'a Spec, &'a Object)> {
    let Shape::Array(inner) = shape else {
        return None;
    };
    match &**inner {
        Shape::Object(object) => Some((spec, object)),
        Shape::Ref(target) => model.shared.get(target.as_str()).map(|s| (*s, &s.syntax)),
        _ => None,
    }
}

/// What a field's value holds for events: whether it has roles itself, its event arrays (with
/// the `EventItem` variant of each) and its contact arrays.
pub(super) struct ValueEvents {
    pub(super) value_roles: bool,
    pub(super) events: Vec<EventArray>,
    pub(super) contacts: Vec<Vec<FieldRef>>,
}

pub(super) fn value_events(model: &Model, spec: &Spec) -> ValueEvents {
    let mut found = ValueEvents {
        value_roles: Look::new(model).object(spec, &spec.syntax, Wanted::Any),
        events: Vec::new(),
        contacts: Vec::new(),
    };
    for array in arrays(model, spec, &spec.syntax) {
        if array.object.event {
            found.events.push(EventArray {
                fields: array.fields,
                path: array.keys.join("."),
                item: array.ident,
            });
        } else if Look::new(model).object(array.owner, array.object, Wanted::About(RoleAbout::User))
        {
            found.contacts.push(array.fields);
        }
    }
    found
}

/// An array of objects in a field's value: directly under it, or in an object under it
/// (`standby.messages`), never inside an array's items.
struct ObjectArray<'a> {
    /// The fields from the value to the array.
    fields: Vec<FieldRef>,
    /// Their JSON keys.
    keys: Vec<String>,
    /// The spec that defines the items' object, and the object.
    owner: &'a Spec,
    object: &'a Object,
    /// The items' struct name.
    ident: String,
}

fn arrays<'a>(model: &'a Model, spec: &'a Spec, object: &'a Object) -> Vec<ObjectArray<'a>> {
    let mut out = Vec::new();
    for key in &object.keys {
        let field = FieldRef {
            ident: name::field_name(&key.name),
            optional: key.optional,
        };
        if let Some((owner, item)) = item(model, spec, &key.shape) {
            let is_root = std::ptr::eq(item, &owner.syntax);
            out.push(ObjectArray {
                fields: vec![field],
                keys: vec![key.name.clone()],
                owner,
                object: item,
                ident: struct_name(owner, item, (!is_root).then_some(key)),
            });
        } else if let Shape::Object(inner) = &key.shape {
            for mut nested in arrays(model, spec, inner) {
                nested.fields.insert(0, field.clone());
                nested.keys.insert(0, key.name.clone());
                out.push(nested);
            }
        }
    }
    out
}

/// Every kind of event item in the fields, once each, by struct name, documented with what it
/// is (its spec's summary, for an item that is a whole spec) and where Meta sends it.
pub(super) fn event_item_kinds(model: &Model) -> Vec<EventItemKind> {
    let mut kinds: Vec<(EventItemKind, String, Option<&str>, Vec<String>)> = Vec::new();
    for spec in &model.fields {
        let Kind::Field(field) = &spec.kind else {
            continue;
        };
        for array in arrays(model, spec, &spec.syntax) {
            if !array.object.event {
                continue;
            }
            let place = format!("`{}[]` of the `{field}` field", array.keys.join("."));
            match kinds.iter_mut().find(|(k, ..)| k.ident == array.ident) {
                Some((.., places)) => places.push(place),
                None => {
                    let whole = std::ptr::eq(array.object, &array.owner.syntax);
                    let summary = whole.then_some(array.owner.summary.as_str());
                    let target = format!("{}::{}", array.owner.doc_path(&model.dir), array.ident);
                    let kind = EventItemKind {
                        ty: TypePath {
                            module: array.owner.module_segments(&model.dir),
                            ident: array.ident.clone(),
                        },
                        ident: array.ident,
                        doc: Doc::default(),
                    };
                    kinds.push((kind, target, summary, vec![place]));
                }
            }
        }
    }
    kinds
        .into_iter()
        .map(|(mut kind, target, summary, places)| {
            let sent = format!("Meta sends it as an item of {}.", places.join(", "));
            kind.doc = Doc::text("A ");
            kind.doc.push_link_to(&kind.ident, &target);
            kind.doc.push_text(&match summary {
                Some(summary) if !summary.is_empty() => format!(". {summary} {sent}"),
                _ => format!(". {sent}"),
            });
            kind
        })
        .collect()
}
