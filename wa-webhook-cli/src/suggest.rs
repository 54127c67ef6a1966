//! `wa-webhook spec suggest`: from captured payloads, the spec edits that would type what the
//! spec does not describe, printed as a diff per file; `--write` applies them.

use crate::inputs;
use std::path::Path;
use std::process::ExitCode;

/// Exit 0 when the spec already covers every payload, 1 when it suggests something (written
/// with `write`) or says what it cannot suggest (an edit that would make the folder invalid,
/// never offered), 2 on a usage error, a payload that is not JSON, or a spec folder with errors.
pub fn run(spec: &Path, write: bool, paths: &inputs::PayloadPaths) -> ExitCode {
    let files = match paths.files() {
        Ok(files) => files,
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    let mut payloads = Vec::new();
    let mut unreadable = false;
    for file in files {
        for body in inputs::bodies(file.as_deref()) {
            let text = body.bytes.and_then(|bytes| {
                let text = String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
                serde_json::from_str::<serde::de::IgnoredAny>(&text)
                    .map_err(|e| format!("not JSON: {e}"))?;
                Ok(text)
            });
            // Where and when: the report's first and last payload of an edit say both.
            let name = match body.received_at_ms.and_then(received_at) {
                Some(at) => format!("{} (received {at})", body.name),
                None => body.name.clone(),
            };
            match text {
                Ok(text) => payloads.push((name, text)),
                Err(e) => {
                    eprintln!("wa-webhook: {}: {e}", body.name);
                    unreadable = true;
                }
            }
        }
    }
    if unreadable {
        return ExitCode::from(2);
    }
    let (root, dir) = crate::spec::locate(spec);
    let suggestions = match wa_webhook_codegen::suggest::suggest(&root, &dir, &payloads) {
        Ok(suggestions) => suggestions,
        Err(errors) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            eprintln!(
                "wa-webhook: the spec folder (or the suggested edits) has {} error(s)",
                errors.len()
            );
            return ExitCode::from(2);
        }
    };
    if suggestions.items.is_empty()
        && suggestions.not_suggested.is_empty()
        && suggestions.cannot_draft.is_empty()
    {
        crate::stdout::emit("the spec describes everything in these payloads\n");
        return ExitCode::SUCCESS;
    }
    let mut text = String::new();
    for (item, why) in &suggestions.cannot_draft {
        text.push_str(&format!(
            "{}: cannot draft an edit (seen in {}): {why}\n",
            item.file, item.seen
        ));
    }
    for item in &suggestions.items {
        let seen = match item.payloads {
            0 | 1 => format!("seen in {}", item.seen),
            n => format!(
                "seen in {n} payloads: first {}, last {}",
                item.seen, item.last_seen
            ),
        };
        text.push_str(&format!("{}: add {} ({seen})\n", item.file, item.what));
    }
    for (item, why) in &suggestions.not_suggested {
        text.push_str(&format!(
            "{}: cannot suggest {} (seen in {}): the folder would not validate: {why}\n",
            item.file, item.what, item.seen
        ));
    }
    crate::edits::finish(
        &root,
        text,
        &suggestions.files,
        &suggestions.examples_left_out,
        write,
    )
}

/// `ms` since the Unix epoch as an RFC 3339 time in UTC (`2026-12-05T08:00:00.123Z`).
fn received_at(ms: u64) -> Option<String> {
    let nanos = i128::from(ms) * 1_000_000;
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
    at.format(&time::format_description::well_known::Rfc3339)
        .ok()
}
