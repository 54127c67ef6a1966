//! `spec suggest`: the spec edits that would type what captured payloads hold and the spec
//! does not describe. An unknown value becomes an entry of its row's `values`; an unknown key an
//! optional key with rows typed from the values seen; an unknown message type a new variant
//! file; an unknown field a new field file; the payload an example. Descriptions are marked
//! [`infer::TODO`] for the maintainer to write.
//!
//! The result is checked as a whole before it is offered: the edited folder must validate (its
//! new examples fitting their syntax), or the examples are left out, or nothing is offered.

mod finding;
mod infer;
mod plan;
mod walk;

pub use infer::TODO;

use crate::ctxt::SpecError;
pub use crate::edit::FileEdit;
use crate::edit::Folder;
use crate::node::Node;
use finding::{Finding, Presence};
use plan::Plan;
use serde_json::Value;
use std::path::Path;

/// One thing to add, and where it was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Where it was seen first: the payload's name and the JSON path.
    pub seen: String,
    /// How many payloads showed it.
    pub payloads: usize,
    /// The last payload that showed it (the first is in `seen`).
    pub last_seen: String,
    /// The spec file to edit or create, as errors name files (`spec/security.json`).
    pub file: String,
    /// What to add.
    pub what: String,
}

/// What the payloads call for.
#[derive(Debug, Default)]
pub struct Suggestions {
    /// Each edit, the one most payloads showed first (then in the order first seen).
    pub items: Vec<Suggestion>,
    /// The files the edits touch.
    pub files: Vec<FileEdit>,
    /// Why examples were left out, if they were (the edited folder did not validate with them).
    pub examples_left_out: Vec<SpecError>,
    /// What it cannot suggest, with why: the edit would make the folder invalid.
    pub not_suggested: Vec<(Suggestion, SpecError)>,
    /// What does not fit the spec and no edit drafts (an object where the spec has a value, a
    /// number where it has a list of values), with why: for a person to write.
    pub cannot_draft: Vec<(Suggestion, String)>,
}

/// The edits to the spec folder `dir` (relative to `root`) for `payloads` (each JSON text with a
/// name for the report). Errors when the folder itself has errors. No edit is offered that
/// would make the folder invalid: when the edits together do not validate, each is kept only
/// if it validates with those kept before it, and the others are reported in
/// [`Suggestions::not_suggested`] with why. A payload that is not JSON is left out (the caller
/// reads them).
pub fn suggest(
    root: &Path,
    dir: &str,
    payloads: &[(String, String)],
) -> Result<Suggestions, Vec<SpecError>> {
    let folder = Folder::read(root, dir)?;
    let Some(model) = folder.model() else {
        return Ok(Suggestions::default());
    };
    let mut found = Vec::new();
    let mut presence = Presence::new();
    for (name, text) in payloads {
        // Walked as a `Value`; kept as a `Node` for the example, in the payload's key order.
        let (Ok(value), Ok(node)) = (
            serde_json::from_str::<Value>(text),
            serde_json::from_str::<Node>(text),
        ) else {
            continue;
        };
        // Not a notification at all (a test vector, a manifest): nothing to draft from it.
        if value.get("object").is_none() && value.get("entry").is_none() {
            found.push(Found {
                name,
                path: String::new(),
                finding: Finding::Undraftable {
                    file: folder.dir.clone(),
                    why: "not a webhook notification (no `object` and no `entry`): left out"
                        .to_owned(),
                },
                payload: node,
            });
            continue;
        }
        for (path, finding) in walk::findings(&model, &value, &mut presence) {
            found.push(Found {
                name,
                path,
                finding,
                payload: node.clone(),
            });
        }
    }
    let plan = Plan::of(&folder.dir, found.iter(), &presence);
    let cannot_draft = plan.undraftable.clone();
    if plan.items.is_empty() {
        return Ok(Suggestions {
            cannot_draft,
            ..Suggestions::default()
        });
    }
    if let Ok((files, examples_left_out)) = offer(&folder, &plan) {
        return Ok(Suggestions {
            items: plan.items,
            files,
            examples_left_out,
            not_suggested: Vec::new(),
            cannot_draft,
        });
    }
    // Some edit breaks the folder: keep each that validates with those kept before it.
    let mut groups: Vec<String> = Vec::new();
    for f in &found {
        let id = f.finding.identity();
        if !groups.contains(&id) {
            groups.push(id);
        }
    }
    let mut kept: Vec<String> = Vec::new();
    let mut not_suggested = Vec::new();
    for group in groups {
        kept.push(group);
        let trial = Plan::of(
            &folder.dir,
            found
                .iter()
                .filter(|f| kept.contains(&f.finding.identity())),
            &presence,
        );
        if let Err(errors) = offer(&folder, &trial) {
            let group = kept.pop().expect("just pushed");
            let alone = Plan::of(
                &folder.dir,
                found.iter().filter(|f| f.finding.identity() == group),
                &presence,
            );
            if let (Some(item), Some(error)) =
                (alone.items.into_iter().next(), errors.into_iter().next())
            {
                not_suggested.push((item, error));
            }
        }
    }
    let plan = Plan::of(
        &folder.dir,
        found
            .iter()
            .filter(|f| kept.contains(&f.finding.identity())),
        &presence,
    );
    let (files, examples_left_out) = if plan.items.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        offer(&folder, &plan)?
    };
    Ok(Suggestions {
        items: plan.items,
        files,
        examples_left_out,
        not_suggested,
        cannot_draft,
    })
}

/// One finding of one payload.
pub(crate) struct Found<'p> {
    pub(crate) name: &'p str,
    pub(crate) path: String,
    pub(crate) finding: Finding,
    pub(crate) payload: Node,
}

/// The files of `plan` if the edited folder validates: plain names first, then new objects
/// prefixed with their file's name (their plain names may collide with the folder's); without
/// the examples (saying why) only when neither validates with them.
fn offer(folder: &Folder, plan: &Plan) -> Result<(Vec<FileEdit>, Vec<SpecError>), Vec<SpecError>> {
    let mut first_errors = None;
    let mut examples_errors = Vec::new();
    for (examples, prefixed) in [(true, false), (true, true), (false, false), (false, true)] {
        let files = plan.apply(folder, examples, prefixed);
        let errors = folder.check(&files);
        if errors.is_empty() {
            return Ok((
                files,
                if examples {
                    Vec::new()
                } else {
                    examples_errors
                },
            ));
        }
        if examples {
            examples_errors = errors.clone();
        }
        first_errors.get_or_insert(errors);
    }
    Err(first_errors.unwrap_or_default())
}
