//! `wa-webhook spec list` and `spec expand`: what the spec folder holds, and what it generates.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Splits `spec` or `path/to/spec` into the root errors are relative to and the folder name.
pub fn locate(dir: &Path) -> (PathBuf, String) {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".to_owned());
    let root = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (root, name)
}

/// One line per spec file: kind, name, file, parameter and example counts; a warning per file
/// with placeholder descriptions `spec suggest` or `spec import` wrote; errors after.
pub fn list(dir: &Path) -> ExitCode {
    let (root, name) = locate(dir);
    let listing = wa_webhook_codegen::list(&root, &name);
    let mut text = String::new();
    let mut todo = 0;
    for file in &listing.files {
        let count =
            std::fs::read_to_string(file).map_or(0, |t| wa_webhook_codegen::edit::todo_count(&t));
        if count > 0 {
            todo += count;
            eprintln!(
                "warning: {}: {count} description(s) still to write (`{}...`)",
                file.display(),
                wa_webhook_codegen::edit::TODO_MARK
            );
        }
    }
    for spec in &listing.specs {
        text.push_str(&format!(
            "{:<8} {:<36} {:<48} {:>3} parameters {:>3} examples\n",
            spec.kind, spec.name, spec.file, spec.parameters, spec.examples
        ));
    }
    if todo > 0 {
        text.push_str(&format!("{todo} description(s) still marked TODO\n"));
    }
    crate::stdout::emit(&text);
    report(listing.errors)
}

/// The generated Rust, pretty-printed; errors instead if the specs have any. `path` is a spec
/// folder (everything it generates) or one spec file (the items of its module only, the folder
/// found as the nearest one above it that holds the envelope).
pub fn expand(path: &Path) -> ExitCode {
    let (dir, only) = if path.is_file() {
        match folder_of(path) {
            Some(dir) => (dir, Some(path)),
            None => {
                eprintln!(
                    "error: {}: no folder above it holds an envelope spec (`\"envelope\": true`)",
                    path.display()
                );
                return ExitCode::from(2);
            }
        }
    } else {
        (path.to_path_buf(), None)
    };
    let (root, name) = locate(&dir);
    let output = wa_webhook_codegen::generate(&root, &name);
    if !output.errors.is_empty() {
        return report(output.errors);
    }
    let file = match syn::parse2::<syn::File>(output.tokens) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("error: the generated code does not parse as Rust: {e}");
            return ExitCode::from(1);
        }
    };
    let file = match only {
        None => file,
        Some(spec) => match items_of(file, &root, &name, spec) {
            Some(file) => file,
            None => {
                eprintln!(
                    "error: {}: no generated module for this file",
                    spec.display()
                );
                return ExitCode::from(1);
            }
        },
    };
    crate::stdout::emit(&prettyplease::unparse(&file));
    ExitCode::SUCCESS
}

/// The nearest folder above `file` that holds the envelope spec.
fn folder_of(file: &Path) -> Option<PathBuf> {
    let is_envelope = |path: &Path| {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .is_some_and(|v| v["envelope"] == true)
    };
    file.ancestors().skip(1).find_map(|dir| {
        let entries = std::fs::read_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .ok()?;
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "json") && is_envelope(&e.path()))
            .then(|| dir.to_path_buf())
    })
}

/// The items generated for one spec file: its module without the modules nested in it, or for
/// the envelope the items at the root.
fn items_of(file: syn::File, root: &Path, dir: &str, spec: &Path) -> Option<syn::File> {
    let listing = wa_webhook_codegen::list(root, dir);
    let wanted = spec.canonicalize().ok()?;
    let spec = listing
        .specs
        .iter()
        .find(|s| root.join(&s.file).canonicalize().ok().as_ref() == Some(&wanted))?;
    let keep = |items: Vec<syn::Item>| -> Vec<syn::Item> {
        items
            .into_iter()
            .filter(|item| !matches!(item, syn::Item::Mod(_)))
            .collect()
    };
    if spec.module.is_empty() {
        return Some(syn::File {
            items: keep(file.items),
            ..file
        });
    }
    let mut items = file.items;
    for segment in &spec.module {
        items = items.into_iter().find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == segment => m.content.map(|(_, items)| items),
            _ => None,
        })?;
    }
    Some(syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: keep(items),
    })
}
pub fn report(errors: Vec<wa_webhook_codegen::SpecError>) -> ExitCode {
    for error in &errors {
        eprintln!("error: {error}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
