//! Finding and reading spec files: the only stage that touches the file system.

use crate::ast::{self, Kind, RawSpec, Spec};
use crate::ctxt::Ctxt;
use crate::parse;
use std::fs;
use std::path::{Path, PathBuf};

/// Every spec file under a folder, read and parsed, with the paths read (for rebuild tracking).
pub struct Loaded {
    /// Spec files that parsed, sorted by path.
    pub specs: Vec<Spec>,
    /// Every file read, absolute, including ones with errors.
    pub files: Vec<PathBuf>,
}

/// Reads every `*.json` below `root/dir`. Paths in errors are `dir/...`, relative to `root`.
pub fn load(cx: &Ctxt, root: &Path, dir: &str) -> Loaded {
    let mut loaded = Loaded {
        specs: Vec::new(),
        files: Vec::new(),
    };
    let base = root.join(dir);
    if !base.is_dir() {
        let what = if base.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        cx.error(dir, "", format!("spec folder {what}"));
        return loaded;
    }
    let mut paths = Vec::new();
    collect(cx, &base, dir, &mut paths);
    paths.sort();
    if paths.is_empty() {
        cx.error(dir, "", "spec folder holds no *.json spec file");
    }
    for path in paths {
        let rel = relative(root, &path);
        loaded.files.push(path.clone());
        match fs::read_to_string(&path) {
            Ok(text) => {
                if let Some(spec) = read(cx, &rel, &text) {
                    loaded.specs.push(spec);
                }
            }
            Err(e) => cx.error(&rel, "", format!("cannot read: {e}")),
        }
    }
    crate::share::link(cx, dir, &mut loaded.specs);
    loaded
}

fn collect(cx: &Ctxt, dir: &Path, rel: &str, out: &mut Vec<PathBuf>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return cx.error(rel, "", format!("cannot list folder: {e}")),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(cx, &path, rel, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

/// Parses one spec file's text. `file` names it in errors.
pub fn read(cx: &Ctxt, file: &str, text: &str) -> Option<Spec> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let raw: RawSpec = match serde_path_to_error::deserialize(de) {
        Ok(raw) => raw,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let at = (inner.line(), inner.column());
            if inner.is_syntax() || inner.is_eof() {
                let message = format!("not valid JSON: {}", strip_position(&inner.to_string()));
                cx.error_at(file, at, "", message);
            } else {
                let path = if path == "." { String::new() } else { path };
                let message = explain_serde(&path, &inner.to_string());
                cx.error_at(file, at, path, message);
            }
            return None;
        }
    };
    let kind = kind(cx, file, &raw)?;
    Some(parse::spec(cx, file, kind, raw))
}

/// Which kind of spec the identifying key says; exactly one must be present.
fn kind(cx: &Ctxt, file: &str, raw: &RawSpec) -> Option<Kind> {
    let mut kinds = Vec::new();
    if raw.envelope {
        kinds.push(Kind::Envelope);
    }
    if let Some(name) = &raw.shared {
        kinds.push(Kind::Shared(name.clone()));
    }
    if let Some(name) = &raw.field {
        kinds.push(Kind::Field(name.clone()));
    }
    if let Some(name) = &raw.variant {
        kinds.push(Kind::Variant(name.clone()));
    }
    if kinds.len() == 1 {
        return kinds.pop();
    }
    let message = if kinds.is_empty() {
        "says what it describes with exactly one of `field`, `variant`, `shared` or `envelope`; it has none"
    } else {
        "has more than one of `field`, `variant`, `shared` and `envelope`; a file describes one thing"
    };
    cx.error(file, "", message);
    None
}

/// Rewrites serde's message for an unknown key into one that suggests the closest known key.
fn explain_serde(path: &str, message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return strip_position(message);
    };
    let Some((unknown, _)) = rest.split_once('`') else {
        return strip_position(message);
    };
    let known = if path.starts_with("parameters.") {
        ast::PARAMETER_KEYS
    } else if path.starts_with("examples") {
        &["description", "payload"][..]
    } else {
        ast::SPEC_KEYS
    };
    let mut text = format!("unknown key `{unknown}`");
    match crate::name::closest(unknown, known) {
        Some(best) => text.push_str(&format!(", did you mean `{best}`?")),
        None => text.push_str(&format!("; known keys: {}", known.join(", "))),
    }
    text
}

/// serde_json appends " at line L column C"; the position is already in the file prefix.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
