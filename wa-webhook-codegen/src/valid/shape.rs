//! A spec's shape in one line, for its module's docs: where its keys sit in a change's
//! `value`, two levels deep (`value.messages[].reaction.{message_id, emoji?}`).

use crate::ast::{Kind, Object, Shape, Spec};
use crate::model::Model;

/// How deep a shape line opens objects; deeper ones show as `{…}`.
const DEPTH: usize = 2;

/// The shape line of a field (its `value`) or a variant (each place its payload sits), if the
/// spec has one.
pub fn line(model: &Model, spec: &Spec) -> Option<String> {
    match &spec.kind {
        Kind::Field(_) => Some(format!(
            "Shape: `value{}`.",
            object(model, spec, &spec.syntax, 0)
        )),
        Kind::Variant(name) => {
            let mut at = places(model, &spec.folder(&model.dir));
            at.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
            at.dedup();
            let (first, others) = at.split_first()?;
            let mut line = match spec.payload() {
                Some(key) => {
                    let inner = value(model, spec, &key.shape, 1);
                    format!("Shape: `{first}.{name}{}`", opt_mark(key.optional, &inner))
                }
                None => {
                    let tag = spec
                        .syntax
                        .keys
                        .iter()
                        .find(|k| matches!(&k.shape, Shape::Literal(l) if l == name));
                    let tag = tag.map_or("type", |k| k.name.as_str());
                    format!("Shape: `{first}` with `\"{tag}\": \"{name}\"` and no payload")
                }
            };
            if !others.is_empty() {
                let others: Vec<String> = others.iter().map(|o| format!("`{o}`")).collect();
                line.push_str(&format!(" (the same under {})", others.join(", ")));
            }
            Some(line + ".")
        }
        Kind::Shared(_) | Kind::Envelope => None,
    }
}

fn opt_mark(optional: bool, inner: &str) -> String {
    if optional {
        format!("?{inner}")
    } else {
        inner.to_owned()
    }
}

/// `.{a, b?, c[], d.{…}}`: an object's keys, opened up to [`DEPTH`].
fn object(model: &Model, spec: &Spec, object: &Object, depth: usize) -> String {
    if depth >= DEPTH {
        return ".{…}".to_owned();
    }
    let mut keys: Vec<String> = object
        .keys
        .iter()
        .map(|key| {
            let inner = value(model, spec, &key.shape, depth + 1);
            format!("{}{}", key.name, opt_mark(key.optional, &inner))
        })
        .collect();
    if spec.discriminator(object).is_some() {
        keys.push("…".to_owned()); // the payload, under the key the type names
    }
    format!(".{{{}}}", keys.join(", "))
}

/// What follows a key: `[]` for an array (its items not opened), an object's keys, nothing for
/// a scalar.
fn value(model: &Model, spec: &Spec, shape: &Shape, depth: usize) -> String {
    match shape {
        Shape::Object(o) => object(model, spec, o, depth),
        Shape::Ref(target) => match model.shared.get(target.as_str()) {
            Some(shared) => object(model, shared, &shared.syntax, depth),
            None => String::new(),
        },
        Shape::Array(_) => "[]".to_owned(),
        Shape::Placeholder(_) | Shape::Literal(_) => String::new(),
    }
}

/// Where the objects choosing a variant of `folder` sit, from a change's `value`
/// (`value.messages[]`), through shared pieces and other variants' payloads.
fn places(model: &Model, folder: &str) -> Vec<String> {
    let mut walk = Walk {
        model,
        folder,
        visiting: Vec::new(),
        found: Vec::new(),
    };
    for field in &model.fields {
        walk.object(field, &field.syntax, "value");
    }
    walk.found
}

/// A search for the places of one variant folder, each shared piece and folder entered once.
struct Walk<'a> {
    model: &'a Model<'a>,
    folder: &'a str,
    visiting: Vec<String>,
    found: Vec<String>,
}

impl Walk<'_> {
    fn object(&mut self, spec: &Spec, object: &Object, at: &str) {
        if let Some((_, own)) = spec.discriminator(object) {
            if own == self.folder {
                self.found.push(at.to_owned());
            } else if !self.visiting.contains(&own) {
                // A nested discriminator: its variants' payloads may choose from the folder.
                let model = self.model;
                self.visiting.push(own.clone());
                for variant in model.variants_in(&own) {
                    if let Some(key) = variant.payload() {
                        self.shape(variant, &key.shape, &format!("{at}.{}", key.name));
                    }
                }
                self.visiting.pop();
            }
        }
        for key in &object.keys {
            self.shape(spec, &key.shape, &format!("{at}.{}", key.name));
        }
    }

    fn shape(&mut self, spec: &Spec, shape: &Shape, at: &str) {
        match shape {
            Shape::Object(o) => self.object(spec, o, at),
            Shape::Array(inner) => self.shape(spec, inner, &format!("{at}[]")),
            Shape::Ref(target) => {
                let model = self.model;
                let label = format!("shared {target}");
                if let Some(shared) = model.shared.get(target.as_str()) {
                    if !self.visiting.contains(&label) {
                        self.visiting.push(label);
                        self.object(shared, &shared.syntax, at);
                        self.visiting.pop();
                    }
                }
            }
            Shape::Placeholder(_) | Shape::Literal(_) => {}
        }
    }
}
