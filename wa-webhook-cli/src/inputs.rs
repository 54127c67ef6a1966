//! Where the commands read payloads from: files, folders (every `*.json` and `*.jsonl` below),
//! `-` for standard input; a `.jsonl` file holds one body per line, bare or as a `serve` record.

use crate::record;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Where the bodies of `paths` are, in order: `None` for standard input. A path that does not
/// exist, or a folder with no payload file, is an error (a usage error for the commands).
pub fn files(paths: &[PathBuf]) -> Result<Vec<Option<PathBuf>>, String> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(None);
        } else if path.is_dir() {
            let mut found = Vec::new();
            collect(path, &mut found);
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "{}: no *.json or *.jsonl file in this folder",
                    path.display()
                ));
            }
            inputs.extend(found.into_iter().map(Some));
        } else if path.exists() {
            inputs.push(Some(path.clone()));
        } else {
            return Err(format!("{}: no such file or folder", path.display()));
        }
    }
    Ok(inputs)
}

/// One body: its name (`file`, `file:line` or `-`) and its bytes, or why they cannot be read.
pub struct Body {
    /// Where it is.
    pub name: String,
    /// The body, exactly.
    pub bytes: Result<Vec<u8>, String>,
}

/// The bodies of one input. A torn last line of a `.jsonl` file (a write a crash interrupted,
/// never acknowledged) is skipped with a note on standard error.
pub fn bodies(input: Option<&Path>) -> Vec<Body> {
    let Some(path) = input else {
        let mut bytes = Vec::new();
        let read = io::stdin().read_to_end(&mut bytes).map(|_| bytes);
        return vec![Body {
            name: "-".to_owned(),
            bytes: read.map_err(|e| format!("cannot read: {e}")),
        }];
    };
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"));
    if path.extension().is_none_or(|e| e != "jsonl") {
        return vec![Body { name, bytes }];
    }
    let bytes = match bytes {
        Err(e) => {
            return vec![Body {
                name,
                bytes: Err(e),
            }]
        }
        Ok(bytes) => bytes,
    };
    let (lines, torn) = record::lines(&bytes);
    if let Some(torn) = torn {
        eprintln!(
            "wa-webhook: {name}:{}: torn last line skipped ({} bytes without a newline: a write a crash interrupted, never acknowledged)",
            torn.number,
            torn.bytes.len()
        );
    }
    lines
        .iter()
        .map(|line| Body {
            name: [name.as_str(), ":", itoa::Buffer::new().format(line.number)].concat(),
            bytes: if line.bytes.starts_with(record::PREFIX) {
                // A `serve` record: the body it holds.
                serde_json::from_slice::<record::Record>(line.bytes)
                    .map_err(|e| e.to_string())
                    .and_then(|r| r.body_bytes())
                    .map_err(|e| format!("not a record: {e}"))
            } else {
                Ok(line.bytes.to_vec())
            },
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonl")
        {
            out.push(path);
        }
    }
}
