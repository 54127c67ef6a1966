//! Spec edits proposed by `spec suggest` and `spec import`: shown as unified diffs, written with
//! `--write`.

use std::path::Path;
use wa_webhook_codegen::edit::FileEdit;

/// A unified diff per file (`/dev/null` for a new one).
pub fn diffs(edits: &[FileEdit]) -> String {
    let mut text = String::new();
    for edit in edits {
        let old = edit.old.as_deref().unwrap_or("");
        let header = if edit.old.is_some() {
            edit.file.clone()
        } else {
            "/dev/null".to_owned()
        };
        text.push_str(
            &similar::TextDiff::from_lines(old, &edit.new)
                .unified_diff()
                .context_radius(2)
                .header(&header, &edit.file)
                .to_string(),
        );
    }
    text
}

/// Writes every edited file (folders created as needed), relative to `root`.
pub fn write(root: &Path, edits: &[FileEdit]) -> Result<(), String> {
    for edit in edits {
        let path = root.join(&edit.file);
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &edit.new))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Ends a report that proposes `edits`: why examples were left out (if they were), the diffs,
/// and with `write` the files written; prints it and exits 1 (2 when a file cannot be written).
pub fn finish(
    root: &Path,
    mut text: String,
    edits: &[FileEdit],
    examples_left_out: &[wa_webhook_codegen::SpecError],
    write: bool,
) -> std::process::ExitCode {
    for error in examples_left_out {
        text.push_str(&format!(
            "examples left out, they would not validate: {error}\n"
        ));
    }
    text.push_str(&diffs(edits));
    if write {
        if let Err(e) = self::write(root, edits) {
            crate::stdout::emit(&text);
            eprintln!("wa-webhook: {e}");
            return std::process::ExitCode::from(2);
        }
        text.push_str(&format!(
            "wrote {} file(s); rewrite each `{}...` description and rebuild\n",
            edits.len(),
            wa_webhook_codegen::edit::TODO_MARK
        ));
    }
    crate::stdout::emit(&text);
    std::process::ExitCode::from(1)
}
