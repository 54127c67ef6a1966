//! `wa-webhook spec list` and `spec expand`: what the spec folder holds, and what it generates.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wa_webhook_codegen::ast::Kind;
use wa_webhook_codegen::ctxt::Ctxt;

/// Splits `spec` or `path/to/spec` into the root errors are relative to and the folder name.
fn locate(dir: &Path) -> (PathBuf, String) {
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

/// One line per spec file: kind, name, file, parameter and example counts; errors after.
pub fn list(dir: &Path) -> ExitCode {
    let (root, name) = locate(dir);
    let cx = Ctxt::new();
    let loaded = wa_webhook_codegen::load::load(&cx, &root, &name);
    let mut text = String::new();
    for spec in &loaded.specs {
        let kind = match &spec.kind {
            Kind::Envelope => "envelope",
            Kind::Shared(_) => "shared",
            Kind::Field(_) => "field",
            Kind::Variant(_) => "variant",
        };
        text.push_str(&format!(
            "{kind:<8} {:<36} {:<48} {:>3} parameters {:>3} examples\n",
            spec.name(),
            spec.file,
            spec.parameters.len(),
            spec.examples.len()
        ));
    }
    crate::emit(&text);
    report(cx.check().err().unwrap_or_default())
}

/// The generated Rust, pretty-printed; errors instead if the specs have any.
pub fn expand(dir: &Path) -> ExitCode {
    let (root, name) = locate(dir);
    let output = wa_webhook_codegen::generate(&root, &name);
    if !output.errors.is_empty() {
        return report(output.errors);
    }
    match syn::parse2::<syn::File>(output.tokens) {
        Ok(file) => {
            crate::emit(&prettyplease::unparse(&file));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: the generated code does not parse as Rust: {e}");
            ExitCode::from(1)
        }
    }
}

fn report(errors: Vec<wa_webhook_codegen::SpecError>) -> ExitCode {
    for error in &errors {
        eprintln!("error: {error}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
