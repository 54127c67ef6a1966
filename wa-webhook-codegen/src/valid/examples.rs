//! Example payloads: each is a whole POST body that fits the envelope, the field's syntax and
//! the variant's syntax: every key known, every required key present, every value of the
//! right JSON type, every enumerated value listed.

use super::parameters::fits;
use crate::ast::{Object, ParamType, Shape, Spec};
use crate::ctxt::Ctxt;
use crate::model::Model;
use crate::node::Node;

/// Checks example payloads against the syntax they claim to follow.
pub(super) struct Examples<'a> {
    pub(super) cx: &'a Ctxt,
    pub(super) model: &'a Model<'a>,
    pub(super) file: &'a str,
}

impl Examples<'_> {
    fn error(&self, path: &str, message: String) {
        self.cx.error(self.file, path, message);
    }

    pub(super) fn object(&self, spec: &Spec, object: &Object, node: &Node, path: &str) {
        let Node::Object(entries) = node else {
            return self.error(
                path,
                format!("expected an object, found {}", node.type_name()),
            );
        };
        let mut allowed: Vec<(&Spec, &crate::ast::Key)> =
            object.keys.iter().map(|k| (spec, k)).collect();
        if let Some((disc, folder)) = spec.discriminator(object) {
            let tag = entries.iter().find(|(k, _)| k == disc).map(|(_, v)| v);
            let variants = self.model.variants_in(&folder);
            if tag.is_none() {
                // An optional tag left out: the runtime takes the type from the first payload
                // key present, in the folder's order; so does the check.
                let inferred = variants.iter().find(|v| {
                    v.payload()
                        .is_some_and(|p| entries.iter().any(|(k, _)| p.is_spelled(k)))
                });
                allowed.extend(inferred.and_then(|v| v.payload().map(|k| (*v, k))));
            }
            if let Some(Node::String(tag)) = tag {
                match self
                    .model
                    .variants_in(&folder)
                    .iter()
                    .find(|s| s.name() == tag)
                {
                    Some(variant) => allowed.extend(variant.payload().map(|k| (*variant, k))),
                    None => self.error(
                        &format!("{path}.{disc}"),
                        format!("{tag:?} has no spec in {}/{folder}", self.model.dir),
                    ),
                }
            }
        }
        for (key, value) in entries {
            let at = format!("{path}.{key}");
            match allowed.iter().find(|(_, k)| k.is_spelled(key)) {
                Some((owner, k)) => self.shape(owner, &k.shape, value, &at),
                None => self.error(
                    &at,
                    format!("key `{key}` is not in the syntax of {}", spec.file),
                ),
            }
        }
        for (owner, k) in &allowed {
            if !k.optional && !entries.iter().any(|(key, _)| k.is_spelled(key)) {
                self.error(path, format!("missing key `{}`, which {} marks required (write `\"{}?\"` if it can be absent)", k.name, owner.file, k.name));
            }
        }
    }

    fn shape(&self, spec: &Spec, shape: &Shape, node: &Node, path: &str) {
        match shape {
            Shape::Object(o) => self.object(spec, o, node, path),
            Shape::Ref(target) => {
                if let Some(shared) = self.model.shared.get(target.as_str()) {
                    self.object(shared, &shared.syntax, node, path);
                }
            }
            Shape::Array(inner) => match node {
                Node::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.shape(spec, inner, item, &format!("{path}[{i}]"));
                    }
                }
                other => self.error(
                    path,
                    format!("expected an array, found {}", other.type_name()),
                ),
            },
            Shape::Literal(lit) => {
                if !matches!(node, Node::String(s) if s == lit) {
                    self.error(path, format!("expected the literal {lit:?}, found {node}"));
                }
            }
            Shape::Placeholder(p) => self.placeholder(spec, p, node, path),
        }
    }

    fn placeholder(&self, spec: &Spec, placeholder: &str, node: &Node, path: &str) {
        let Some(param) = spec.parameter(placeholder) else {
            return;
        };
        let Some(ty) = ParamType::from_name(&param.ty) else {
            return;
        };
        if let Err(msg) = fits(ty, param.nullable, node) {
            return self.error(path, msg);
        }
        if let (Some(values), Node::String(s)) = (param.enum_values(), node) {
            if !param.lists(s) {
                let list: Vec<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
                self.error(
                    path,
                    format!(
                        "{node} is not one of {} (<{placeholder}> in {})",
                        list.join(", "),
                        spec.file
                    ),
                );
            }
        }
        if ty == ParamType::Change {
            self.change(node, path);
        }
    }

    fn change(&self, node: &Node, path: &str) {
        let Node::Object(entries) = node else {
            return self.error(
                path,
                format!("a change is an object, found {}", node.type_name()),
            );
        };
        let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
        let (Some(Node::String(field)), Some(value)) = (get("field"), get("value")) else {
            return self.error(
                path,
                "a change has a string `field` and a `value`".to_owned(),
            );
        };
        for (key, _) in entries.iter().filter(|(k, _)| k != "field" && k != "value") {
            self.error(
                &format!("{path}.{key}"),
                format!("key `{key}` is not part of a change (only `field` and `value`)"),
            );
        }
        match self.model.field(field) {
            Some(spec) => self.object(spec, &spec.syntax, value, &format!("{path}.value")),
            None => self.error(
                &format!("{path}.field"),
                format!("no spec describes the field {field:?}"),
            ),
        }
    }
}
