//! Roles: every file describes exactly one thing (the envelope, a shared piece, a field, a
//! variant), and no name (or alias of a field) is claimed by two files.

use crate::ast::{Kind, Spec};
use crate::ctxt::Ctxt;
use crate::model::Model;
use std::collections::BTreeMap;

/// Sorts specs into roles; reports a name claimed twice.
pub(super) fn group<'a>(cx: &Ctxt, dir: &str, specs: &'a [Spec]) -> Option<Model<'a>> {
    let mut envelope: Option<&Spec> = None;
    let mut shared = BTreeMap::new();
    let mut fields: Vec<&Spec> = Vec::new();
    let mut variants: BTreeMap<String, Vec<&Spec>> = BTreeMap::new();
    let mut claimed: BTreeMap<(u8, &str), &str> = BTreeMap::new();
    for spec in specs {
        let (role, what) = match &spec.kind {
            Kind::Envelope => (0, "the envelope"),
            Kind::Shared(_) => (1, "shared piece"),
            Kind::Field(_) => (2, "webhook field"),
            Kind::Variant(_) => (3, "variant"),
        };
        if let Some(first) = claimed.insert((role, spec.name()), &spec.file) {
            let claim = if role == 0 {
                what.to_owned()
            } else {
                format!("{what} `{}`", spec.name())
            };
            cx.error(
                &spec.file,
                "",
                format!(
                    "{claim} is already described by {first}; one spec file per {}",
                    if role == 0 { "folder" } else { what }
                ),
            );
            continue;
        }
        match &spec.kind {
            Kind::Envelope => envelope = Some(spec),
            Kind::Shared(n) => {
                shared.insert(n.as_str(), spec);
            }
            Kind::Field(_) => fields.push(spec),
            Kind::Variant(_) => variants.entry(spec.folder(dir)).or_default().push(spec),
        }
    }
    // Other names of a field claim after every name, so the alias is what gets reported.
    for spec in &fields {
        for alias in &spec.aliases {
            if let Some(first) = claimed.insert((2, alias), &spec.file) {
                cx.error(
                    &spec.file,
                    "aliases",
                    format!("`{alias}` names the webhook field described by {first}; an alias is another name of this field only"),
                );
            }
        }
    }
    fields.sort_by(|a, b| a.name().cmp(b.name()));
    for list in variants.values_mut() {
        list.sort_by(|a, b| a.name().cmp(b.name()));
    }
    let Some(envelope) = envelope else {
        if !specs.is_empty() {
            cx.error(
                dir,
                "",
                "no envelope spec (a file with `\"envelope\": true`) in the folder",
            );
        }
        return None;
    };
    Some(Model {
        dir: dir.to_owned(),
        envelope,
        shared,
        fields,
        variants,
    })
}
