//! The CLI's modules form a tree of uses, not a web: no two top-level modules use each other,
//! directly or in a circle, and none reaches back into `main.rs` (which only parses the command
//! line and calls them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`serve` for `serve/sink.rs`); `None` for
/// `main.rs`.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_owned();
    (name != "main").then_some(name)
}

/// The names after each `crate::` in `text`.
fn crate_paths(text: &str) -> BTreeSet<String> {
    text.match_indices("crate::")
        .map(|(at, _)| {
            text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn the_cli_modules_use_each_other_without_a_circle_and_never_main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top_module(&src, f)).collect();
    assert!(modules.len() > 10, "{modules:?}");
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = top_module(&src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for used in crate_paths(&text) {
            assert!(
                modules.contains(&used),
                "{} uses `crate::{used}`, an item of main.rs: move it to a module of its own",
                file.display()
            );
            if used != module {
                uses.entry(module.clone()).or_default().insert(used);
            }
        }
    }
    // Depth-first search for a circle.
    fn visit(
        module: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|m| m == module) {
            panic!(
                "modules use each other in a circle: {}",
                [&path[at..], &[module.to_owned()]].concat().join(" -> ")
            );
        }
        if done.contains(module) {
            return;
        }
        path.push(module.to_owned());
        for used in uses.get(module).into_iter().flatten() {
            visit(used, uses, path, done);
        }
        path.pop();
        done.insert(module.to_owned());
    }
    let mut done = BTreeSet::new();
    for module in &modules {
        visit(module, &uses, &mut Vec::new(), &mut done);
    }
    // The test sees the uses it should: `check` uses `inputs`.
    assert!(uses["check"].contains("inputs"), "{uses:?}");
}
