//! Rust type names: within one module, the structs made from object keys and the enums made
//! from placeholders never share a name, nor hide a standard type the public items name as
//! users write them (`String`, `Option`, `Vec`, `Box`).

use crate::ctxt::Ctxt;
use crate::model::Model;
use crate::name;
use std::collections::BTreeMap;

/// Names must be unique per module: structs from object keys, enums from placeholders.
pub(super) fn check_module_names(cx: &Ctxt, model: &Model) {
    for spec in model.all() {
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        let mut claim = |name: String, what: String, path: &str| {
            if name::STD_TYPES.contains(&name.as_str()) {
                cx.error(&spec.file, path, format!("{what} becomes `{name}`, which would hide Rust's `{name}` in the generated fields; give it a `$name`"));
            }
            if let Some(first) = names.insert(name.clone(), what.clone()) {
                cx.error(
                    &spec.file,
                    path,
                    format!(
                        "{what} and {first} both become `{name}` in the module; give one a `$name`"
                    ),
                );
            }
        };
        for (row, param) in &spec.parameters {
            if param.enum_values().is_some() {
                claim(
                    name::type_name(row),
                    format!("the values of <{row}>"),
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
