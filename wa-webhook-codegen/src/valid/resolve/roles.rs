//! Roles: which keys say who the user or the business is, or what identifies an event, and
//! which arrays of a change's value hold its events and the contacts they concern.

use crate::ast::{Object, Shape, Spec, ROLES};
use crate::model::{struct_name, Model};
use crate::name;
use crate::resolved::{EventItemKind, FieldRef, RoleKey, Roles, TypePath};

/// The roles of the struct for `object` of `spec`.
pub(super) fn roles(model: &Model, spec: &Spec, object: &Object) -> Roles {
    let mut roles = Roles::default();
    for key in &object.keys {
        match &key.shape {
            Shape::Placeholder(p) => {
                let Some(param) = spec.parameter(p) else {
                    continue;
                };
                let role = param
                    .role
                    .as_deref()
                    .and_then(|r| ROLES.iter().find(|(n, _)| *n == r));
                if let Some((_, variant)) = role {
                    roles.own.push(RoleKey {
                        role: (*variant).to_owned(),
                        field: name::field_name(&key.name),
                        optional: key.optional,
                        nullable: param.nullable,
                    });
                }
            }
            Shape::Object(_) | Shape::Ref(_) if has_roles(model, spec, &key.shape) => {
                roles.nested.push(FieldRef {
                    ident: name::field_name(&key.name),
                    optional: key.optional,
                });
            }
            _ => {}
        }
    }
    roles
}

/// Whether a value of `shape` has a role, in its own keys or a nested single object.
fn has_roles(model: &Model, spec: &Spec, shape: &Shape) -> bool {
    has_roles_within(model, spec, shape, &mut Vec::new())
}

/// The same, with the shared pieces already being looked into (a piece may refer to itself).
fn has_roles_within<'a>(
    model: &'a Model,
    spec: &'a Spec,
    shape: &'a Shape,
    visiting: &mut Vec<&'a str>,
) -> bool {
    match shape {
        Shape::Object(object) => object_has_roles(model, spec, object, visiting),
        Shape::Ref(target) => {
            let Some(shared) = model.shared.get(target.as_str()) else {
                return false;
            };
            if visiting.contains(&target.as_str()) {
                return false;
            }
            visiting.push(target);
            let found = object_has_roles(model, shared, &shared.syntax, visiting);
            visiting.pop();
            found
        }
        _ => false,
    }
}

fn object_has_roles<'a>(
    model: &'a Model,
    spec: &'a Spec,
    object: &'a Object,
    visiting: &mut Vec<&'a str>,
) -> bool {
    object.keys.iter().any(|key| match &key.shape {
        Shape::Placeholder(p) => spec.parameter(p).is_some_and(|p| p.role.is_some()),
        shape @ (Shape::Object(_) | Shape::Ref(_)) => {
            has_roles_within(model, spec, shape, visiting)
        }
        _ => false,
    })
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
    pub(super) events: Vec<(FieldRef, String, String)>,
    pub(super) contacts: Vec<FieldRef>,
}

pub(super) fn value_events(model: &Model, spec: &Spec) -> ValueEvents {
    let root = &spec.syntax;
    let mut found = ValueEvents {
        value_roles: object_has_roles(model, spec, root, &mut Vec::new()),
        events: Vec::new(),
        contacts: Vec::new(),
    };
    for key in &root.keys {
        let Some((owner, object)) = item(model, spec, &key.shape) else {
            continue;
        };
        let field = FieldRef {
            ident: name::field_name(&key.name),
            optional: key.optional,
        };
        let is_root = std::ptr::eq(object, &owner.syntax);
        if object.event {
            let item_key = (!is_root).then_some(key);
            found.events.push((
                field,
                key.name.clone(),
                struct_name(owner, object, item_key),
            ));
        } else if object_has_roles(model, owner, object, &mut Vec::new()) {
            found.contacts.push(field);
        }
    }
    found
}

/// Every kind of event item in the fields, once each, by struct name.
pub(super) fn event_item_kinds(model: &Model) -> Vec<EventItemKind> {
    let mut kinds: Vec<EventItemKind> = Vec::new();
    for spec in &model.fields {
        for key in &spec.syntax.keys {
            let Some((owner, object)) = item(model, spec, &key.shape) else {
                continue;
            };
            if !object.event {
                continue;
            }
            let is_root = std::ptr::eq(object, &owner.syntax);
            let ident = struct_name(owner, object, (!is_root).then_some(key));
            if kinds.iter().all(|k| k.ident != ident) {
                kinds.push(EventItemKind {
                    ty: TypePath {
                        module: owner.module_segments(&model.dir),
                        ident: ident.clone(),
                    },
                    ident,
                });
            }
        }
    }
    kinds
}
