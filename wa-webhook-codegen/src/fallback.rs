//! What to expand when some spec files have errors: everything that is still sound.
//!
//! The build fails on the spec errors anyway; expanding the sound files (and a minimal envelope
//! if the envelope itself is broken) keeps the compiler from adding a cascade of "cannot find
//! type" errors that would hide the real mistake.

use crate::ast::{Kind, Shape, Spec};
use crate::ctxt::Ctxt;
use crate::{expand, load, valid};
use proc_macro2::TokenStream;
use std::collections::BTreeSet;

/// The smallest envelope the runtime needs (its root, its entries and their changes), as a spec
/// file of its own: the envelope's keys are spec facts, not Rust.
const ENVELOPE: &str = include_str!("fallback_envelope.json");

/// Expands the specs not in `bad` and not depending on one; errors found doing so are dropped
/// (they were reported already, or follow from ones that were).
pub fn expand(dir: &str, specs: &[Spec], bad: &BTreeSet<String>) -> TokenStream {
    let scratch = Ctxt::new();
    let mut sound: Vec<Spec> = specs
        .iter()
        .filter(|s| !bad.contains(&s.file))
        .cloned()
        .collect();
    // Drop, until nothing changes, every spec that refers to a shared piece that is gone.
    loop {
        let shared: BTreeSet<String> = sound
            .iter()
            .filter_map(|s| match &s.kind {
                Kind::Shared(name) => Some(name.clone()),
                _ => None,
            })
            .collect();
        let before = sound.len();
        sound.retain(|spec| refs(spec).iter().all(|r| shared.contains(r)));
        if sound.len() == before {
            break;
        }
    }
    if !sound.iter().any(|s| s.kind == Kind::Envelope) {
        sound.extend(load::read(&scratch, "(fallback envelope)", ENVELOPE));
    }
    // A discriminator whose folder lost every variant still expands, with its catch-all only.
    let tokens = match valid::validate(&scratch, dir, &sound) {
        Some(model) => expand::expand(&valid::resolve(&model)),
        None => TokenStream::new(),
    };
    let _ = scratch.check();
    tokens
}

/// The shared pieces a spec refers to.
fn refs(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Shape> = spec.syntax.keys.iter().map(|k| &k.shape).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            Shape::Ref(target) => out.push(target.clone()),
            Shape::Object(o) => stack.extend(o.keys.iter().map(|k| &k.shape)),
            Shape::Array(inner) => stack.push(inner),
            Shape::Placeholder(_) | Shape::Literal(_) => {}
        }
    }
    out
}
