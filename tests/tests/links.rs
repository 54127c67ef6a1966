//! Every relative link of the README and of the guides in `docs/` resolves to a file or folder
//! of the repository (and an anchor to a heading of the file it names), and the README keeps its
//! two commands on its first screen.

use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The Markdown files a user reads: the README, the changelog and every guide.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(ROOT);
    let mut pages = vec![
        root.join("README.md"),
        root.join("CHANGELOG.md"),
        root.join("spec/README.md"),
    ];
    let mut guides: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    guides.sort();
    assert!(!guides.is_empty(), "no guide in docs/");
    pages.extend(guides);
    pages
}

/// The targets of `[text](target)` links outside code blocks and code spans, with their lines.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Code spans hold no links: drop them first.
        let mut plain = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                plain.push_str(part);
            } else {
                plain.push_str("code");
            }
        }
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            out.push((n + 1, after[..end].to_owned()));
            rest = &after[end..];
        }
    }
    out
}

/// The anchors GitHub makes of a page's headings.
fn anchors(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_relative_link_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text =
            std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        for (line, target) in links(&text) {
            if target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            checked += 1;
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let resolved = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            let name = format!(
                "{}:{line}: {target}",
                page.strip_prefix(ROOT).unwrap_or(&page).display()
            );
            if !resolved.exists() {
                broken.push(format!("{name}: no such file"));
            } else if !anchor.is_empty() {
                let text = std::fs::read_to_string(&resolved).unwrap_or_default();
                if !anchors(&text).iter().any(|a| a == anchor) {
                    broken.push(format!("{name}: no heading makes #{anchor}"));
                }
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} relative links found: is the link reader broken?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_link_reader_finds_links_and_skips_code() {
    let text = "see [a](docs/a.md) and `[b](no.md)`\n```\n[c](no.md)\n```\n[d](x.md#y)";
    let found: Vec<String> = links(text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(found, ["docs/a.md", "x.md#y"]);
    assert_eq!(
        anchors("## What a release says\n# `wa-webhook serve`: a receiver"),
        ["what-a-release-says", "wa-webhook-serve-a-receiver"]
    );
}

/// The front page: at most ~200 lines, its two commands (the main job, every test) in its first
/// 60 lines.
#[test]
fn the_readme_is_a_front_page_with_its_commands_first() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    assert!(lines.len() <= 200, "README.md has {} lines", lines.len());
    let first_screen = lines[..60.min(lines.len())].join("\n");
    assert!(
        first_screen.contains("cargo run -p wa-webhook-cli -- check "),
        "the main job"
    );
    assert!(
        first_screen.contains("\nscripts/test\n"),
        "the test command"
    );
    let ci = std::fs::read_to_string(Path::new(ROOT).join(".ci/run")).unwrap();
    assert!(
        ci.contains("\nscripts/test "),
        ".ci/run calls the README's test command"
    );
}
