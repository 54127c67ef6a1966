//! Rust type names are unique in the crate, so that glob imports and the docs read well: the
//! structs made from objects and the enums made from parameter rows never share a name, nor
//! take a name of the runtime's public types (`Error`, `Items`, ...), of the `Change` enum, or
//! of a standard type the public items name as users write them (`String`, `Option`, `Vec`,
//! `Box`). Module names likewise never take a name the runtime gives a module at the root.

use crate::ast::{Kind, ParamType};
use crate::ctxt::Ctxt;
use crate::model::Model;
use crate::name;
use std::collections::BTreeMap;

/// Checks every generated type name against every other and against the reserved ones.
pub(super) fn check_type_names(cx: &Ctxt, model: &Model) {
    let mut names: BTreeMap<String, (String, String)> = BTreeMap::new();
    for spec in model.all() {
        let mut claim = |name: String, what: String, path: &str| {
            let reserved = if name::STD_TYPES.contains(&name.as_str()) {
                Some("Rust's")
            } else if name::RUNTIME_TYPES.contains(&name.as_str())
                || name::ROOT_TYPES.contains(&name.as_str())
            {
                Some("wa-webhook-types'")
            } else {
                None
            };
            if let Some(owner) = reserved {
                cx.error(&spec.file, path, format!("{what} becomes `{name}`, a name of {owner} own `{name}`; give it another (`$name` on an object, `name` on a parameter row)"));
                return;
            }
            if let Some((file, first)) = names.get(&name) {
                let first = if *file == spec.file {
                    first.clone()
                } else {
                    format!("{first} (in {file})")
                };
                cx.error(&spec.file, path, format!("{what} and {first} both become `{name}`; type names are unique in the crate: give one another (`$name` on an object, `name` on a parameter row)"));
                return;
            }
            names.insert(name, (spec.file.clone(), what));
        };
        for (row, param) in &spec.parameters {
            let makes_enum =
                param.makes_value_enum() || param.param_type() == Some(ParamType::Discriminator);
            if makes_enum {
                claim(
                    name::enum_name(row, param),
                    format!("the enum of <{row}>"),
                    &format!("parameters.{row}"),
                );
            }
        }
        crate::model::each_object(spec, &mut |obj, key, path| {
            claim(
                crate::model::struct_name(spec, obj, key),
                format!("the object at `{path}`"),
                path,
            );
        });
    }
}

/// Checks that no spec's top-level module (a field's, or a folder's) takes the name of a module
/// or crate the runtime defines at the crate root (`receive`, `http`, ...).
pub(super) fn check_module_names(cx: &Ctxt, model: &Model) {
    for spec in model.all() {
        let key = match &spec.kind {
            Kind::Envelope => continue,
            Kind::Shared(_) => "shared",
            Kind::Field(_) => "field",
            Kind::Variant(_) => "variant",
        };
        let segments = spec.module_segments(&model.dir);
        let Some(top) = segments.first() else {
            continue;
        };
        if !name::RUNTIME_MODULES.contains(&top.as_str()) {
            continue;
        }
        let what = if segments.len() == 1 {
            format!("its module `{top}`")
        } else {
            format!("the module `{top}` of its folder")
        };
        cx.error(&spec.file, key, format!("{what} would take the name of wa-webhook-types' own `{top}` at the crate root; a spec module cannot be named {}", name::RUNTIME_MODULES.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")));
    }
}
