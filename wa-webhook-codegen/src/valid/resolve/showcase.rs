//! Where a type's example payloads are shown: the module page of its own spec when that spec
//! has examples, else of the nearest spec whose payloads hold it (a shared piece's user, a
//! variant's discriminator), so that every struct page links to a payload it appears in.

use crate::ast::{Object, ParamType, Shape, Spec};
use crate::model::Model;
use crate::resolved::Doc;

/// The doc line pointing at the example payloads holding `spec`'s types, if any spec shows one.
pub(super) fn examples_link(model: &Model, spec: &Spec) -> Option<Doc> {
    let mut at = spec;
    // Each step goes to a spec holding the last; the bound stops a cycle of shared pieces.
    for _ in 0..8 {
        if !at.examples.is_empty() {
            let module = at.module_segments(&model.dir).join("::");
            let mut doc = Doc::text("Example payloads: the ");
            doc.push_link_to(&module, &format!("crate::{module}#examples"));
            doc.push_text(" module.");
            return Some(doc);
        }
        at = holder(model, at)?;
    }
    None
}

/// A spec whose payloads hold `spec`'s: one that `$ref`s it (a shared piece) or whose
/// discriminator lists it (a variant). The first with examples of its own, else the first.
fn holder<'a>(model: &Model<'a>, spec: &Spec) -> Option<&'a Spec> {
    let folder = spec.folder(&model.dir);
    let holders: Vec<&'a Spec> = model
        .all()
        .filter(|s| s.file != spec.file)
        .filter(|s| match &spec.kind {
            crate::ast::Kind::Shared(name) => refers(&s.syntax, name),
            crate::ast::Kind::Variant(_) => s.parameters.iter().any(|(_, p)| {
                p.param_type() == Some(ParamType::Discriminator)
                    && p.variants.as_deref() == Some(folder.as_str())
            }),
            _ => false,
        })
        .collect();
    holders
        .iter()
        .find(|s| !s.examples.is_empty())
        .or(holders.first())
        .copied()
}

fn refers(object: &Object, shared: &str) -> bool {
    object.keys.iter().any(|k| shape_refers(&k.shape, shared))
}

fn shape_refers(shape: &Shape, shared: &str) -> bool {
    match shape {
        Shape::Ref(name) => name == shared,
        Shape::Object(object) => refers(object, shared),
        Shape::Array(inner) => shape_refers(inner, shared),
        Shape::Placeholder(_) | Shape::Literal(_) => false,
    }
}
