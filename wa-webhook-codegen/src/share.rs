//! Rows that share another row's values (`values_of`): two keys with one set of values that
//! differ in meaning, `when` or `deprecated` (a limit before and after a change) get one enum.
//!
//! Run once over the loaded specs, before validation: each sharing row receives the values,
//! renames and enum name of the row it names, and where that row lives in another spec, that
//! spec's file; the named row learns who shares it (for its enum's doc). Every later stage
//! then reads a sharing row as if it listed the values itself, and names its type with
//! [`crate::ast::Parameter::values_from`].

use crate::ast::Spec;
use crate::ctxt::Ctxt;

/// Links every `values_of` row of `specs` (files under `dir`) to the row it names.
pub fn link(cx: &Ctxt, dir: &str, specs: &mut [Spec]) {
    let mut links = Vec::new();
    for (s, spec) in specs.iter().enumerate() {
        for (r, (row, param)) in spec.parameters.iter().enumerate() {
            let Some(target) = &param.values_of else {
                continue;
            };
            let at = format!("parameters.{row}.values_of");
            if param.values.is_some() || !param.rename.0.is_empty() || param.name.is_some() {
                cx.error(&spec.file, &at, "a row with `values_of` takes the values, renames and enum name of the row it names: remove its own `values`, `rename` and `name`");
                continue;
            }
            match find(dir, specs, s, target) {
                Ok((ts, tr)) => {
                    let source = &specs[ts].parameters[tr].1;
                    if !source.makes_value_enum() || source.ty != param.ty {
                        cx.error(
                            &spec.file,
                            &at,
                            format!(
                                "`{target}` must be a `{}` row that lists its own values",
                                param.ty
                            ),
                        );
                    } else {
                        links.push(((s, r), (ts, tr)));
                    }
                }
                Err(why) => cx.error(&spec.file, &at, why),
            }
        }
    }
    for ((s, r), (ts, tr)) in links {
        let (source_row, source) = &specs[ts].parameters[tr];
        let (values, rename) = (source.values.clone(), source.rename.clone());
        let enum_name = crate::name::enum_name(source_row, source);
        let from = (ts != s).then(|| specs[ts].file.clone());
        // The sharing file as `values_of` names files: relative to the spec folder, so that
        // the doc (and so `spec diff`) does not depend on the folder's name.
        let file = &specs[s].file;
        let relative = file
            .strip_prefix(dir)
            .and_then(|f| f.strip_prefix('/'))
            .unwrap_or(file);
        let sharer = match &from {
            None => format!("`<{}>`", specs[s].parameters[r].0),
            Some(_) => format!("`<{}>` of `{relative}`", specs[s].parameters[r].0),
        };
        let param = &mut specs[s].parameters[r].1;
        param.values = values;
        param.rename = rename;
        param.name = Some(enum_name);
        param.values_from = from;
        specs[ts].parameters[tr].1.shared_by.push(sharer);
    }
}

/// The file and row whose `values` list holds the values of the row `row` of `file`, which
/// says `"values_of": target`: where a new value of either key is added (`spec suggest`,
/// `spec import`).
#[cfg(feature = "tools")]
pub fn values_home(dir: &str, file: &str, row: &str, target: Option<&str>) -> (String, String) {
    match target.map(|t| t.split_once('#')) {
        None => (file.to_owned(), row.to_owned()),
        Some(None) => (file.to_owned(), target.unwrap_or(row).to_owned()),
        Some(Some((path, row))) => (format!("{dir}/{path}.json"), row.to_owned()),
    }
}

/// The spec and row `target` names: `ROW` in the same spec, or `path/of/spec#ROW` (the spec's
/// path under `dir`, without `.json`).
fn find(dir: &str, specs: &[Spec], here: usize, target: &str) -> Result<(usize, usize), String> {
    let (s, row) = match target.split_once('#') {
        None => (here, target),
        Some((path, row)) => {
            let file = format!("{dir}/{path}.json");
            let s = specs.iter().position(|spec| spec.file == file).ok_or_else(|| {
                format!("no spec `{file}`: write `ROW` for a row of this spec, or `path#ROW` with the spec's path under `{dir}` without `.json`")
            })?;
            (s, row)
        }
    };
    let rows: Vec<&str> = specs[s]
        .parameters
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    let r = rows.iter().position(|n| *n == row).ok_or_else(|| {
        let hint = crate::name::closest(row, &rows)
            .map(|best| format!("; did you mean `{best}`?"))
            .unwrap_or_default();
        format!("no row `{row}` in `{}`{hint}", specs[s].file)
    })?;
    Ok((s, r))
}
