//! The last step of validation: the sound model resolved into what expansion renders.
//!
//! Every Rust name is made here (from `crate::name`, the same functions the checks use), every
//! type is resolved to a path, every doc is final text. Runs only on specs that passed every
//! check, so each lookup it makes succeeds; where one still would not, the item is left out
//! rather than rendered wrong.

mod enums;
mod order;
mod roles;
mod scope;
mod showcase;
mod union_names;
mod values_by_variant;

use super::{docs, shape};
use crate::ast::{Kind, Spec};
use crate::model::Model;
use crate::resolved::{Doc, Example, Module, Resolved};
use scope::Scope;
use std::collections::BTreeMap;

/// Resolves a validated model.
pub fn resolve(model: &Model) -> Resolved {
    let mut root = Tree::default();
    for spec in model.all().filter(|s| s.kind != Kind::Envelope) {
        let mut node = &mut root;
        for segment in spec.module_segments(&model.dir) {
            node = node.children.entry(segment).or_default();
        }
        node.spec = Some(spec);
    }
    let mut examples: Vec<Example> = model
        .all()
        .flat_map(|spec| {
            spec.examples.iter().map(|example| Example {
                spec: spec.file.clone(),
                description: example.description.clone(),
                json: example.payload.to_json(),
            })
        })
        .collect();
    examples.sort_by(|a, b| a.spec.cmp(&b.spec));
    let mut resolved = Resolved {
        envelope: Scope::new(model, model.envelope).items(),
        change: enums::change_enum(model),
        modules: root
            .children
            .iter()
            .map(|(name, node)| node.module(model, name))
            .collect(),
        examples,
        event_items: roles::event_item_kinds(model),
    };
    union_names::name_unions(&mut resolved);
    resolved
}

/// The module tree: a node per folder or spec file.
#[derive(Default)]
struct Tree<'a> {
    spec: Option<&'a Spec>,
    children: BTreeMap<String, Tree<'a>>,
}

impl Tree<'_> {
    fn module(&self, model: &Model, ident: &str) -> Module {
        let children = self
            .children
            .iter()
            .map(|(name, node)| node.module(model, name))
            .collect();
        let Some(spec) = self.spec else {
            let doc = if self.all(&|k| matches!(k, Kind::Shared(_))) {
                "Pieces that several webhook fields share, each defined once in its own spec file."
                    .to_owned()
            } else if self.all(&|k| matches!(k, Kind::Variant(_))) {
                format!("The variants in the spec folder `{ident}`, one module each.")
            } else {
                format!("Types generated from the spec folder `{ident}`.")
            };
            return Module {
                ident: ident.to_owned(),
                doc: Doc::text(doc),
                items: Vec::new(),
                children,
            };
        };
        let title = match &spec.kind {
            Kind::Field(name) => {
                format!(
                    "Webhook field `{name}`: the `value` of a change with `\"field\": \"{name}\"`."
                )
            }
            Kind::Variant(name) => {
                format!("Variant `{name}`: its payload sits under the key `{name}`.")
            }
            Kind::Shared(name) => {
                format!("Shared piece `{name}`, defined once and used by several fields.")
            }
            Kind::Envelope => "The envelope.".to_owned(),
        };
        Module {
            ident: ident.to_owned(),
            doc: Doc::text(docs::module(&title, shape::line(model, spec), spec)),
            items: Scope::new(model, spec).items(),
            children,
        }
    }

    /// Whether every spec below this node is of a kind that `role` accepts.
    fn all(&self, role: &dyn Fn(&Kind) -> bool) -> bool {
        self.spec.is_none_or(|s| role(&s.kind)) && self.children.values().all(|c| c.all(role))
    }
}
