//! Where the commands read payloads from: files, folders (every `*.json` and `*.jsonl` below,
//! less what `--exclude` leaves out), `-` for standard input, `nats://HOST:PORT/STREAM` for the
//! stream `serve` writes; a `.jsonl` file holds one body per line, bare or as a `serve` record.

use crate::record;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The payloads a command reads: its paths, and what to leave out of the folders among them.
#[derive(clap::Args)]
pub struct PayloadPaths {
    /// Leave out the files found in a folder whose name, or path below the folder, matches this
    /// glob (`manifest.json`, `expected/*`); repeatable. Files named on the command line are
    /// always read.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Files, folders (every *.json and *.jsonl below them), `-` for standard input, or
    /// `nats://HOST:PORT/STREAM` (the JetStream stream `serve` writes).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

impl PayloadPaths {
    /// Where the bodies are, in order: `None` for standard input. A path that does not exist, a
    /// folder with no payload file, or a glob that does not parse is an error (a usage error for
    /// the commands).
    pub fn files(&self) -> Result<Vec<Option<PathBuf>>, String> {
        let mut exclude = GlobSetBuilder::new();
        for pattern in &self.exclude {
            let glob = Glob::new(pattern).map_err(|e| format!("--exclude {pattern:?}: {e}"))?;
            exclude.add(glob);
        }
        let exclude = exclude.build().map_err(|e| format!("--exclude: {e}"))?;
        files(&self.paths, &exclude)
    }
}

/// Where the bodies of `paths` are, in order: `None` for standard input. A path that does not
/// exist, or a folder with no payload file, is an error (a usage error for the commands). Files
/// found in a folder are left out when their name or path below the folder matches `exclude`.
pub fn files(paths: &[PathBuf], exclude: &GlobSet) -> Result<Vec<Option<PathBuf>>, String> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(None);
        } else if is_stream(path) {
            inputs.push(Some(path.clone()));
        } else if path.is_dir() {
            let mut found = Vec::new();
            collect(path, &mut found);
            found.retain(|file| {
                let below = file.strip_prefix(path).unwrap_or(file);
                let name = file.file_name().map(Path::new).unwrap_or(below);
                !exclude.is_match(below) && !exclude.is_match(name)
            });
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "{}: no *.json or *.jsonl file in this folder{}",
                    path.display(),
                    if exclude.is_empty() {
                        ""
                    } else {
                        " that --exclude leaves in"
                    }
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

/// One body: its name (`file`, `file:line`, `-` or `nats://HOST:PORT/STREAM#SEQ`) and its bytes,
/// or why they cannot be read.
pub struct Body {
    /// Where it is.
    pub name: String,
    /// The body, exactly.
    pub bytes: Result<Vec<u8>, String>,
    /// When a receiver stored it, in milliseconds since the Unix epoch, where it says so (a
    /// `serve` record, a stream message). `spec suggest` names a body by it.
    #[cfg_attr(not(feature = "spec"), allow(dead_code))]
    pub received_at_ms: Option<u64>,
}

/// Whether `path` names a NATS stream (`nats://...`) rather than a file.
fn is_stream(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.starts_with("nats://"))
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
            received_at_ms: None,
        }];
    };
    let name = path.display().to_string();
    if is_stream(path) {
        return stream_bodies(&name);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"));
    if path.extension().is_none_or(|e| e != "jsonl") {
        return vec![Body {
            name,
            bytes,
            received_at_ms: None,
        }];
    }
    let bytes = match bytes {
        Err(e) => {
            return vec![Body {
                name,
                bytes: Err(e),
                received_at_ms: None,
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
        .map(|line| {
            let name = [name.as_str(), ":", itoa::Buffer::new().format(line.number)].concat();
            if !line.bytes.starts_with(record::PREFIX) {
                return Body {
                    name,
                    bytes: Ok(line.bytes.to_vec()),
                    received_at_ms: None,
                };
            }
            // A `serve` record: the body it holds, and when it was received.
            match serde_json::from_slice::<record::Record>(line.bytes) {
                Ok(record) => Body {
                    name,
                    bytes: record
                        .body_bytes()
                        .map_err(|e| format!("not a record: {e}")),
                    received_at_ms: Some(record.received_at_ms),
                },
                Err(e) => Body {
                    name,
                    bytes: Err(format!("not a record: {e}")),
                    received_at_ms: None,
                },
            }
        })
        .collect()
}

/// The bodies of the stream `url`, named `url#SEQ`; a stream that cannot be read is one body
/// saying why.
fn stream_bodies(url: &str) -> Vec<Body> {
    read_stream(url).unwrap_or_else(|e| {
        vec![Body {
            name: url.to_owned(),
            bytes: Err(e),
            received_at_ms: None,
        }]
    })
}

/// Every message of the stream at `url`, each a body named `URL#SEQ`.
#[cfg(feature = "nats")]
fn read_stream(url: &str) -> Result<Vec<Body>, String> {
    crate::stream_input::messages(url).map(|messages| {
        messages
            .into_iter()
            .map(|m| Body {
                name: format!("{url}#{}", m.seq),
                bytes: m.bytes,
                received_at_ms: m.stored_at_ms,
            })
            .collect()
    })
}

/// Without the feature `nats`, no stream can be read.
#[cfg(not(feature = "nats"))]
fn read_stream(_url: &str) -> Result<Vec<Body>, String> {
    Err("reading a NATS stream needs wa-webhook built with its feature `nats`".to_owned())
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
