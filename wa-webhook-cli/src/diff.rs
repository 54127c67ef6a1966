//! `wa-webhook spec diff OLD NEW`: what changed between two spec folders (or the spec folder at
//! two git revisions), in Meta's terms, and the semver level it implies.

use crate::spec::{locate, report};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use wa_webhook_codegen::diff::{diff, SpecDiff};
use wa_webhook_codegen::SpecModel;

/// What `spec diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A line per change, `level: place: what`, then the release level.
    Text,
    /// A CHANGELOG entry.
    Markdown,
}

/// Prints the changes from `old` to `new`; each is a folder, or a git revision whose `spec`
/// folder is read. Exit 0 on success, 1 for a side with spec errors, 2 for a side that is
/// neither a folder nor a revision.
pub fn run(old: &str, new: &str, spec: &Path, format: DiffFormat) -> ExitCode {
    let sides = [(old, 0), (new, 1)].map(|(side, n)| Side::open(side, n, spec));
    let [old_side, new_side] = match sides {
        [Ok(old), Ok(new)] => [old, new],
        [Err(e), _] | [_, Err(e)] => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    let (old_model, new_model) = match (old_side.resolve(), new_side.resolve()) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(errors), _) | (_, Err(errors)) => return report(errors),
    };
    let changes = diff(&old_model, &new_model);
    crate::stdout::emit(&match format {
        DiffFormat::Text => text(&changes, old, new),
        DiffFormat::Markdown => changes.markdown(&format!("Unreleased (spec {old} -> {new})")),
    });
    ExitCode::SUCCESS
}

fn text(changes: &SpecDiff, old: &str, new: &str) -> String {
    let mut out = String::new();
    for change in &changes.changes {
        out.push_str(&format!("{change}\n"));
    }
    match changes.level() {
        None => out.push_str(&format!("{old} -> {new}: no change to the types: none\n")),
        Some(level) => out.push_str(&format!(
            "{old} -> {new}: {} change(s): {level}\n",
            changes.changes.len()
        )),
    }
    out
}

/// One side of the comparison: a spec folder on disk, or one written out of a git revision into
/// a temporary folder (removed when dropped).
struct Side {
    dir: PathBuf,
    temporary: Option<PathBuf>,
}

impl Side {
    fn open(side: &str, n: usize, spec: &Path) -> Result<Side, String> {
        let path = Path::new(side);
        if path.is_dir() {
            return Ok(Side {
                dir: path.to_path_buf(),
                temporary: None,
            });
        }
        let commit = git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{side}^{{commit}}"),
        ])
        .map_err(|_| format!("{side}: neither a spec folder nor a git revision"))?;
        let commit = commit.trim();
        let listed = git(&["ls-tree", "-r", "--name-only", commit, "--", &slash(spec)])?;
        if listed.trim().is_empty() {
            return Err(format!(
                "{side}: revision {commit} has no spec folder at {}",
                spec.display()
            ));
        }
        let temporary = std::env::temp_dir().join(format!(
            "wa-webhook-spec-diff-{}-{n}-{}",
            std::process::id(),
            &commit[..12.min(commit.len())]
        ));
        let side_dir = Side {
            dir: temporary.join(spec.file_name().unwrap_or(spec.as_os_str())),
            temporary: Some(temporary),
        };
        for file in listed.lines() {
            let below = Path::new(file)
                .strip_prefix(spec)
                .map_err(|_| format!("{file}: not below {}", spec.display()))?;
            let text = git_bytes(&["show", &format!("{commit}:./{file}")])?;
            let target = side_dir.dir.join(below);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))?;
        }
        Ok(side_dir)
    }

    fn resolve(&self) -> Result<SpecModel, Vec<wa_webhook_codegen::SpecError>> {
        let (root, name) = locate(&self.dir);
        wa_webhook_codegen::resolve(&root, &name)
    }
}

impl Drop for Side {
    fn drop(&mut self) {
        if let Some(dir) = &self.temporary {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A path as git's pathspecs write it.
fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn git(args: &[&str]) -> Result<String, String> {
    String::from_utf8(git_bytes(args)?).map_err(|e| format!("git {}: {e}", args.join(" ")))
}

fn git_bytes(args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("git: cannot run it: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}
