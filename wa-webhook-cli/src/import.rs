//! `wa-webhook spec import`: Meta's webhook reference pages (saved as Markdown) against the spec
//! folder: a report of what each page has that the spec lacks, what differs and what the page no
//! longer lists, the additions as a diff per file; `--write` applies them.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wa_webhook_codegen::import::{ImportError, ItemKind};

/// Exit 0 when the spec already covers every page, 1 when it reports something (written with
/// `write`), 2 on a page it cannot read (its line and why), or a spec folder with errors.
pub fn run(spec: &Path, write: bool, paths: &[PathBuf]) -> ExitCode {
    let mut pages = Vec::new();
    for path in paths {
        let text = if path.as_os_str() == "-" {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map(|_| text)
        } else {
            std::fs::read_to_string(path)
        };
        match text {
            Ok(text) => pages.push((path.display().to_string(), text)),
            Err(e) => {
                eprintln!("wa-webhook: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let (root, dir) = crate::spec::locate(spec);
    let imports = match wa_webhook_codegen::import::import(&root, &dir, &pages) {
        Ok(imports) => imports,
        Err(ImportError::Page { page, error }) => {
            eprintln!("wa-webhook: {page}:{error}");
            return ExitCode::from(2);
        }
        Err(ImportError::Spec(errors)) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            eprintln!(
                "wa-webhook: the spec folder (or the additions) has {} error(s)",
                errors.len()
            );
            return ExitCode::from(2);
        }
    };
    let mut text = String::new();
    for (page, file) in &imports.pages {
        text.push_str(&format!("{page}: describes {file}\n"));
    }
    for item in &imports.items {
        let kind = match item.kind {
            ItemKind::Add => "add",
            ItemKind::Differs => "differs",
            ItemKind::NotOnPage => "not on the page",
        };
        let at = if item.path.is_empty() {
            String::new()
        } else {
            format!(" {}", item.path)
        };
        text.push_str(&format!(
            "{}{at}: {kind}: {} ({}:{})\n",
            item.file, item.what, item.page, item.line
        ));
    }
    for note in &imports.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    for (page, error) in &imports.skipped {
        text.push_str(&format!(
            "skipped: {page}:{}: {}\n",
            error.line, error.message
        ));
    }
    if imports.covered() {
        text.push_str("the spec covers every page\n");
        crate::stdout::emit(&text);
        return ExitCode::SUCCESS;
    }
    crate::edits::finish(
        &root,
        text,
        &imports.files,
        &imports.examples_left_out,
        write,
    )
}
