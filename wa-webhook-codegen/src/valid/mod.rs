//! Validation: every check on the specs, in one stage, before anything is expanded.
//!
//! Each error names the file and the key path and says what was meant where that helps. All
//! errors are collected; expansion runs only on a folder that passed. One file per kind of rule:
//!
//! - `roles`: each file describes one thing, and no two files claim the same name;
//! - `syntax`: the Syntax block's placeholders, refs, docs, Rust field names and variant shapes;
//! - `parameters`: each row's type, values, renames and example;
//! - `names`: Rust type names are unique in the crate, module names clear of the runtime's;
//! - `values`: no two enums list the same values (one shares the other's, `values_of`);
//! - `examples`: each example payload fits the syntax it claims to follow.
//!
//! Then `resolve` turns the sound model into [`crate::resolved::Resolved`], naming everything
//! with the same functions the checks used (`docs` writes the doc text, `shape` the one-line
//! shape of a field or variant).

mod docs;
mod examples;
mod names;
mod parameters;
mod resolve;
mod roles;
mod shape;
mod syntax;
mod values;

pub use resolve::resolve;

use crate::ast::Spec;
use crate::ctxt::Ctxt;
use crate::model::Model;

/// Checks every spec and groups them into a [`Model`]. `None` if there is no usable envelope.
pub fn validate<'a>(cx: &Ctxt, dir: &str, specs: &'a [Spec]) -> Option<Model<'a>> {
    let model = roles::group(cx, dir, specs)?;
    for spec in specs {
        syntax::check_spec(cx, &model, spec);
    }
    syntax::check_tags(cx, &model);
    syntax::check_values_by_variant(cx, &model);
    names::check_type_names(cx, &model);
    names::check_module_names(cx, &model);
    values::check_shared_values(cx, &model);
    for spec in specs {
        for (i, example) in spec.examples.iter().enumerate() {
            let path = format!("examples[{i}].payload");
            let checker = examples::Examples {
                cx,
                model: &model,
                file: &spec.file,
            };
            checker.object(
                model.envelope,
                &model.envelope.syntax,
                &example.payload,
                &path,
            );
        }
    }
    Some(model)
}
