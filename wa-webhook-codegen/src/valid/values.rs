//! One enum per set of values: two rows that list the same values make one enum, the second
//! sharing the first's with `values_of`, so that no two public types hold the same values under
//! two names.

use crate::ast::canonical_value;
use crate::ctxt::Ctxt;
use crate::model::Model;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn check_shared_values(cx: &Ctxt, model: &Model) {
    let mut seen: BTreeMap<BTreeSet<&str>, (&str, &str)> = BTreeMap::new();
    for spec in model.all() {
        for (row, param) in &spec.parameters {
            let Some(values) = param.enum_values().filter(|_| param.makes_value_enum()) else {
                continue;
            };
            let set: BTreeSet<&str> = values.iter().map(|(v, _)| canonical_value(v)).collect();
            match seen.get(&set) {
                Some((file, first)) => {
                    let target = if *file == spec.file {
                        first.to_string()
                    } else {
                        let path = file
                            .strip_prefix(&format!("{}/", model.dir))
                            .unwrap_or(file);
                        format!("{}#{first}", path.trim_end_matches(".json"))
                    };
                    cx.error(
                        &spec.file,
                        format!("parameters.{row}.values"),
                        format!("the same values as `{first}` in {file}: one enum holds them; write `\"values_of\": \"{target}\"` instead of the list (the row keeps its description, `when` and `deprecated`)"),
                    );
                }
                None => {
                    seen.insert(set, (&spec.file, row));
                }
            }
        }
    }
}
