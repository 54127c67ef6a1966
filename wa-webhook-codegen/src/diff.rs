//! What changed between two spec folders, in Meta's terms, and the semver level it implies for
//! the generated crate.
//!
//! Both folders are compared as resolved models, the types a user's code names: a field (a
//! `Change` variant), an object (a struct) and its keys, a placeholder's values (an enum's
//! variants), a discriminator's tags (message types). Everything generated is
//! `#[non_exhaustive]`, so what is only added is a minor release; what removes an item or
//! changes a Rust type a user may have named (a key made optional or required, a type widened)
//! is a major one; new descriptions and examples are a patch.

use crate::ast::ParamType;
use crate::resolved::{Doc, Field, Item, Module, Resolved, Type, TypePath};
use std::collections::BTreeMap;
use std::fmt;

/// The semver level of a change to `wa-webhook-types`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Documentation or examples only.
    Patch,
    /// Only additions, which `#[non_exhaustive]` types absorb.
    Minor,
    /// Code that uses the types may stop compiling.
    Major,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        })
    }
}

/// One difference between the folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecChange {
    /// What it implies for a release.
    pub level: Level,
    /// Where, as the user's code names it: `security::Value.event`, `Change::Security`.
    pub place: String,
    /// What changed, in words: `value "PIN_DISABLED" added`.
    pub what: String,
}

impl fmt::Display for SpecChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.level, self.place, self.what)
    }
}

/// Every difference, the most breaking first, and the level of the release they call for.
#[derive(Debug, Clone, Default)]
pub struct SpecDiff {
    /// The differences, major before minor before patch, each level in model order.
    pub changes: Vec<SpecChange>,
}

impl SpecDiff {
    /// The release the changes call for; `None` when the folders type the same.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// A CHANGELOG entry: a heading with the level, then the breaking changes, the additions and
    /// the documentation changes as lists.
    pub fn markdown(&self, title: &str) -> String {
        let mut out = format!("## {title}\n\n");
        let Some(level) = self.level() else {
            out.push_str("The spec types the same payloads as before: nothing to release.\n");
            return out;
        };
        out.push_str(&format!("Semver: **{level}**.\n"));
        for (level, heading) in [
            (Level::Major, "Breaking"),
            (Level::Minor, "Added"),
            (Level::Patch, "Documentation"),
        ] {
            let mut lines = self.changes.iter().filter(|c| c.level == level).peekable();
            if lines.peek().is_none() {
                continue;
            }
            out.push_str(&format!("\n### {heading}\n\n"));
            for change in lines {
                out.push_str(&format!("- `{}`: {}\n", change.place, change.what));
            }
        }
        out
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &crate::SpecModel, new: &crate::SpecModel) -> SpecDiff {
    let (old, new) = (&old.resolved, &new.resolved);
    let mut changes = Vec::new();
    fields(old, new, &mut changes);
    let (old_items, new_items) = (items(old), items(new));
    let new_index: BTreeMap<&str, &Item> = new_items
        .iter()
        .map(|(path, item)| (path.as_str(), *item))
        .collect();
    let old_index: BTreeMap<&str, &Item> = old_items
        .iter()
        .map(|(path, item)| (path.as_str(), *item))
        .collect();
    for (path, old_item) in &old_items {
        match new_index.get(path.as_str()) {
            None => changes.push(change(Level::Major, path, removed(old_item))),
            Some(new_item) => item(path, old_item, new_item, &mut changes),
        }
    }
    for (path, new_item) in &new_items {
        if !old_index.contains_key(path.as_str()) {
            changes.push(change(Level::Minor, path, added(new_item)));
        }
    }
    let (old_examples, new_examples) = (old.examples.len(), new.examples.len());
    if old_examples != new_examples {
        let what = format!("{old_examples} -> {new_examples} example payloads");
        changes.push(change(Level::Patch, "EXAMPLES", what));
    }
    // Stable: model order within a level.
    changes.sort_by_key(|c| std::cmp::Reverse(c.level));
    SpecDiff { changes }
}

fn change(level: Level, place: &str, what: String) -> SpecChange {
    SpecChange {
        level,
        place: place.to_owned(),
        what,
    }
}

/// Webhook fields: the `Change` variants, by field name.
fn fields(old: &Resolved, new: &Resolved, out: &mut Vec<SpecChange>) {
    let by_field = |r: &Resolved| {
        r.change
            .variants
            .iter()
            .map(|v| (v.field.clone(), v.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let (old_fields, new_fields) = (by_field(old), by_field(new));
    for (field, was) in &old_fields {
        let place = format!("Change::{}", was.ident);
        let Some(now) = new_fields.get(field) else {
            out.push(change(
                Level::Major,
                &place,
                format!("field `{field}` removed"),
            ));
            continue;
        };
        if now.ident != was.ident {
            let what = format!("field `{field}` renamed to `Change::{}`", now.ident);
            out.push(change(Level::Major, &place, what));
        }
        if type_path(&now.value) != type_path(&was.value) {
            let what = format!(
                "the value of field `{field}` is now `{}` (was `{}`)",
                type_path(&now.value),
                type_path(&was.value)
            );
            out.push(change(Level::Major, &place, what));
        }
        for alias in &now.aliases {
            if !was.aliases.contains(alias) {
                let what = format!("field `{field}` also accepted as `{alias}`");
                out.push(change(Level::Minor, &place, what));
            }
        }
        for alias in &was.aliases {
            if !now.aliases.contains(alias) {
                let what = format!("field `{field}` no longer accepted as `{alias}`");
                out.push(change(Level::Major, &place, what));
            }
        }
        if now.standby != was.standby {
            let what = format!(
                "field `{field}` standby: {} -> {}",
                was.standby, now.standby
            );
            out.push(change(Level::Major, &place, what));
        }
        if now.doc != was.doc {
            out.push(change(Level::Patch, &place, "description changed".into()));
        }
    }
    for (field, now) in &new_fields {
        if !old_fields.contains_key(field) {
            let place = format!("Change::{}", now.ident);
            out.push(change(
                Level::Minor,
                &place,
                format!("field `{field}` added"),
            ));
        }
    }
}

/// Every generated type by its path from the crate root (`security::Value`), in model order.
fn items(resolved: &Resolved) -> Vec<(String, &Item)> {
    fn walk<'a>(prefix: &str, module: &'a Module, out: &mut Vec<(String, &'a Item)>) {
        let prefix = format!("{prefix}{}::", module.ident);
        for item in &module.items {
            out.push((format!("{prefix}{}", item.ident()), item));
        }
        for child in &module.children {
            walk(&prefix, child, out);
        }
    }
    let mut out: Vec<_> = resolved
        .envelope
        .iter()
        .map(|item| (item.ident().to_owned(), item))
        .collect();
    for module in &resolved.modules {
        walk("", module, &mut out);
    }
    out
}

fn added(item: &Item) -> String {
    match item {
        Item::Struct(_) => "object added".into(),
        Item::Values(e) => format!("placeholder with {} values added", e.variants.len()),
        Item::Variants(e) => format!("`{}` discriminator added", e.tag_key),
    }
}

fn removed(item: &Item) -> String {
    match item {
        Item::Struct(_) => "object removed".into(),
        Item::Values(_) => "placeholder's values removed".into(),
        Item::Variants(e) => format!("`{}` discriminator removed", e.tag_key),
    }
}

/// One type present on both sides.
fn item(path: &str, old: &Item, new: &Item, out: &mut Vec<SpecChange>) {
    let (old_doc, new_doc) = (item_doc(old), item_doc(new));
    match (old, new) {
        (Item::Struct(was), Item::Struct(now)) => {
            for field in &was.fields {
                let place = format!("{path}.{}", field.key);
                match now.fields.iter().find(|f| f.key == field.key) {
                    None => out.push(change(Level::Major, &place, "key removed".into())),
                    Some(now) => key(&place, field, now, out),
                }
            }
            for field in &now.fields {
                if !was.fields.iter().any(|f| f.key == field.key) {
                    let place = format!("{path}.{}", field.key);
                    let what = if field.optional {
                        format!("optional key added (`{}`)", rust_type(field))
                    } else {
                        format!(
                            "required key added (`{}`): a body without it is kept raw",
                            rust_type(field)
                        )
                    };
                    out.push(change(Level::Minor, &place, what));
                }
            }
        }
        (Item::Values(was), Item::Values(now)) => {
            for value in &was.variants {
                let place = format!("{path}::{}", value.ident);
                match now.variants.iter().find(|v| v.wire == value.wire) {
                    None => {
                        let what = format!("value {:?} removed", value.wire);
                        out.push(change(Level::Major, &place, what));
                    }
                    Some(now) if now.ident != value.ident => {
                        let what = format!("value {:?} renamed to `{}`", value.wire, now.ident);
                        out.push(change(Level::Major, &place, what));
                    }
                    Some(now) => {
                        for spelling in &now.others {
                            if !value.others.contains(spelling) {
                                let what =
                                    format!("value {:?} also accepted as {spelling:?}", value.wire);
                                out.push(change(Level::Minor, &place, what));
                            }
                        }
                        if now.doc != value.doc {
                            let what = "description changed".into();
                            out.push(change(Level::Patch, &place, what));
                        }
                    }
                }
            }
            for value in &now.variants {
                if !was.variants.iter().any(|v| v.wire == value.wire) {
                    let place = format!("{path}::{}", value.ident);
                    let what = format!("value {:?} added", value.wire);
                    out.push(change(Level::Minor, &place, what));
                }
            }
            let order =
                |o: &crate::resolved::ValueOrder| format!("{:?}, final {:?}", o.order, o.finals);
            match (&was.order, &now.order) {
                (None, Some(now)) => {
                    let what =
                        format!("order added ({}): `ORDER`, `FINAL`, `is_after`", order(now));
                    out.push(change(Level::Minor, path, what));
                }
                (Some(_), None) => {
                    let what = "order removed: `ORDER`, `FINAL` and `is_after` are gone".into();
                    out.push(change(Level::Major, path, what));
                }
                (Some(was), Some(now)) if was != now => {
                    let what = format!(
                        "order changed ({} -> {}): `is_after` answers differently",
                        order(was),
                        order(now)
                    );
                    out.push(change(Level::Major, path, what));
                }
                _ => {}
            }
        }
        (Item::Variants(was), Item::Variants(now)) => {
            let tag = &now.tag_key;
            for variant in &was.variants {
                let place = format!("{path}::{}", variant.ident);
                let payload = |v: &crate::resolved::Variant| {
                    v.payload
                        .as_ref()
                        .map(|p| (p.key.clone(), type_name(&p.ty), p.optional))
                };
                match now.variants.iter().find(|v| v.tag == variant.tag) {
                    None => {
                        let what = format!("`{tag}` {:?} removed", variant.tag);
                        out.push(change(Level::Major, &place, what));
                    }
                    Some(now) if now.ident != variant.ident => {
                        let what = format!("`{tag}` {:?} renamed to `{}`", variant.tag, now.ident);
                        out.push(change(Level::Major, &place, what));
                    }
                    Some(now) if payload(now) != payload(variant) => {
                        let what = format!("the payload of `{tag}` {:?} changed", variant.tag);
                        out.push(change(Level::Major, &place, what));
                    }
                    Some(_) => {}
                }
            }
            for variant in &now.variants {
                if !was.variants.iter().any(|v| v.tag == variant.tag) {
                    let place = format!("{path}::{}", variant.ident);
                    let what = format!("`{tag}` {:?} added", variant.tag);
                    out.push(change(Level::Minor, &place, what));
                }
            }
        }
        _ => {
            let what = format!("now {} (was {})", kind(new), kind(old));
            out.push(change(Level::Major, path, what));
            return;
        }
    }
    if old_doc.rust() != new_doc.rust() {
        out.push(change(Level::Patch, path, "description changed".into()));
    }
}

fn item_doc(item: &Item) -> &Doc {
    match item {
        Item::Struct(s) => &s.doc,
        Item::Values(e) => &e.doc,
        Item::Variants(e) => &e.doc,
    }
}

fn kind(item: &Item) -> &'static str {
    match item {
        Item::Struct(_) => "an object",
        Item::Values(_) => "a placeholder with values",
        Item::Variants(_) => "a discriminator",
    }
}

/// One key present on both sides of an object.
fn key(place: &str, was: &Field, now: &Field, out: &mut Vec<SpecChange>) {
    let (old_type, new_type) = (rust_type(was), rust_type(now));
    if was.optional != now.optional {
        let what = if now.optional {
            format!("required -> optional (`{old_type}` -> `{new_type}`)")
        } else {
            format!("optional -> required (`{old_type}` -> `{new_type}`)")
        };
        out.push(change(Level::Major, place, what));
    } else if was.nullable != now.nullable {
        let what = if now.nullable {
            format!("may now be null (`{old_type}` -> `{new_type}`)")
        } else {
            format!("no longer null (`{old_type}` -> `{new_type}`)")
        };
        out.push(change(Level::Major, place, what));
    } else if old_type != new_type {
        let what = format!("type changed (`{old_type}` -> `{new_type}`)");
        out.push(change(Level::Major, place, what));
    }
    if was.ident != now.ident {
        let what = format!("field renamed `{}` -> `{}`", was.ident, now.ident);
        out.push(change(Level::Major, place, what));
    }
    let spellings = |f: &Field| {
        f.spellings
            .as_ref()
            .map(|s| s.all.clone())
            .unwrap_or_default()
    };
    for spelling in spellings(now) {
        if spelling != now.key && !spellings(was).contains(&spelling) {
            let what = format!("also accepted as `{spelling}`");
            out.push(change(Level::Minor, place, what));
        }
    }
    if was.doc != now.doc {
        out.push(change(Level::Patch, place, "description changed".into()));
    }
}

/// A field's type as a user's code names it.
fn rust_type(field: &Field) -> String {
    let mut ty = type_name(&field.ty);
    if field.nullable {
        ty = format!("Option<{ty}>");
    }
    if field.optional {
        ty = format!("Option<{ty}>");
    }
    ty
}

fn type_name(ty: &Type) -> String {
    match ty {
        Type::Scalar(scalar) => match scalar {
            ParamType::String | ParamType::Discriminator => "WaString",
            ParamType::Integer => "Integer",
            ParamType::Number => "Number",
            ParamType::Boolean => "bool",
            ParamType::Timestamp => "Timestamp",
            ParamType::Text => "TextOrNumber",
            ParamType::Json => "serde_json::Value",
            ParamType::Change => "EntryChange",
        }
        .to_owned(),
        Type::Named(path) => type_path(path),
        Type::Items(inner) => format!("Items<{}>", type_name(inner)),
        Type::Vec(inner) => format!("Vec<{}>", type_name(inner)),
        Type::Boxed(inner) => format!("Box<{}>", type_name(inner)),
        Type::Spelled(inner) => format!("Spelled<{}>", type_name(inner)),
    }
}

fn type_path(path: &TypePath) -> String {
    let mut out = String::new();
    for segment in &path.module {
        out.push_str(segment);
        out.push_str("::");
    }
    out.push_str(&path.ident);
    out
}
