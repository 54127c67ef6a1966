//! The validated whole: every spec file in its role, as the expansion consumes it.

use crate::ast::{Key, Kind, Object, ParamType, Shape, Spec};
use crate::name;
use std::collections::BTreeMap;

/// All spec files of one folder, grouped by role. Built by `valid::validate`.
pub struct Model<'a> {
    /// The spec folder as the invoking crate names it (`spec`).
    pub dir: String,
    /// The envelope: the POST body around the changes.
    pub envelope: &'a Spec,
    /// Shared pieces by name.
    pub shared: BTreeMap<&'a str, &'a Spec>,
    /// Webhook fields, sorted by field name.
    pub fields: Vec<&'a Spec>,
    /// Variant specs by the folder a `Discriminator` names, sorted by name.
    pub variants: BTreeMap<String, Vec<&'a Spec>>,
}

impl<'a> Model<'a> {
    /// Every spec: the envelope, shared pieces, fields, then variants by folder.
    pub fn all(&self) -> impl Iterator<Item = &'a Spec> + '_ {
        std::iter::once(self.envelope)
            .chain(self.shared.values().copied())
            .chain(self.fields.iter().copied())
            .chain(self.variants.values().flatten().copied())
    }

    /// The specs whose files sit in `folder` (relative to the spec folder).
    pub fn variants_in(&self, folder: &str) -> &[&'a Spec] {
        self.variants.get(folder).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The field spec for `name`, by the field's name or one of its aliases.
    pub fn field(&self, name: &str) -> Option<&'a Spec> {
        self.fields
            .iter()
            .copied()
            .find(|s| s.name() == name || s.aliases.iter().any(|a| a == name))
    }
}

impl Spec {
    /// The name the spec claims: field name, variant name, shared name, or `envelope`.
    pub fn name(&self) -> &str {
        match &self.kind {
            Kind::Envelope => "envelope",
            Kind::Shared(n) | Kind::Field(n) | Kind::Variant(n) => n,
        }
    }

    /// The folder of this file relative to the spec folder `dir` (`messages` for
    /// `spec/messages/reaction.json`, empty for `spec/security.json`).
    pub fn folder(&self, dir: &str) -> String {
        let rel = self
            .file
            .strip_prefix(dir)
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or(&self.file);
        match rel.rsplit_once('/') {
            Some((folder, _)) => folder.to_owned(),
            None => String::new(),
        }
    }

    /// The module path of this spec from the crate root, as name segments: its folder's
    /// segments, then its own name (`["messages", "reaction"]` for `spec/messages/reaction.json`).
    pub fn module_segments(&self, dir: &str) -> Vec<String> {
        self.folder(dir)
            .split('/')
            .filter(|s| !s.is_empty())
            .map(name::field_name)
            .chain(std::iter::once(name::field_name(self.name())))
            .collect()
    }

    /// This spec's module as an intra-doc link target: `crate::messages::reaction`.
    pub fn doc_path(&self, dir: &str) -> String {
        let mut path = String::from("crate");
        for segment in self.module_segments(dir) {
            path.push_str("::");
            path.push_str(&name::ident(&segment).to_string());
        }
        path
    }

    /// The parameter type of a placeholder, if its row exists and names a known type.
    pub fn param_type(&self, placeholder: &str) -> Option<ParamType> {
        self.parameter(placeholder)?.param_type()
    }

    /// For a variant spec: the key holding its payload (the key named like the variant), if
    /// it has one.
    pub fn payload(&self) -> Option<&crate::ast::Key> {
        self.syntax.key(self.name())
    }

    /// The discriminator key of `object` and the folder of its variants, if it has one.
    pub fn discriminator<'o>(&self, object: &'o Object) -> Option<(&'o str, String)> {
        object.keys.iter().find_map(|key| match &key.shape {
            Shape::Placeholder(p) if self.param_type(p) == Some(ParamType::Discriminator) => {
                let folder = self.parameter(p)?.variants.clone()?;
                Some((key.name.as_str(), folder))
            }
            _ => None,
        })
    }
}

/// Visits every object of `spec` that becomes a struct, with the key it sits under (`None` at
/// the root) and its path in the file.
pub fn each_object<'s>(spec: &'s Spec, f: &mut dyn FnMut(&'s Object, Option<&'s Key>, &'s str)) {
    match &spec.kind {
        Kind::Variant(_) => {
            if let Some(payload) = spec.payload() {
                visit(payload, &payload.shape, f);
            }
        }
        _ => {
            f(&spec.syntax, None, "syntax");
            for key in &spec.syntax.keys {
                visit(key, &key.shape, f);
            }
        }
    }
}

fn visit<'s>(
    key: &'s Key,
    shape: &'s Shape,
    f: &mut dyn FnMut(&'s Object, Option<&'s Key>, &'s str),
) {
    match shape {
        Shape::Object(object) => {
            f(object, Some(key), &key.path);
            for inner in &object.keys {
                visit(inner, &inner.shape, f);
            }
        }
        Shape::Array(inner) => visit(key, inner, f),
        Shape::Placeholder(_) | Shape::Literal(_) | Shape::Ref(_) => {}
    }
}

/// The Rust name of the struct for `object`, found under `key` (`None` at the root).
pub fn struct_name(spec: &Spec, object: &Object, key: Option<&Key>) -> String {
    if let Some(name) = &object.name {
        return name.clone();
    }
    match (key, &spec.kind) {
        (Some(key), _) if matches!(key.shape, Shape::Array(_)) => name::item_type_name(&key.name),
        (Some(key), _) => name::type_name(&key.name),
        (None, Kind::Envelope) => "Notification".to_owned(),
        (None, Kind::Field(n)) => format!("{}Value", name::type_name(n)),
        (None, Kind::Shared(n) | Kind::Variant(n)) => name::type_name(n),
    }
}
