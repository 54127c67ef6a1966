//! The findings of every payload merged into edits of the spec folder: one edit per new thing
//! (a value, a key typed from every value seen, a variant file, a field file), with the first
//! payload that showed something in a file as its example.

use super::finding::{Finding, Presence, Step, Widening};
use super::infer::{self, TODO};
use super::{Found, Suggestion};
use crate::edit::{examples, get_mut, parameter_names, push_example, FileEdit, Folder};
use crate::node::Node;
use crate::pieces::shared_pieces;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A value seen, and the listed value it is another spelling of, if it is.
type NewValue = (String, Option<String>);

/// An object of a spec file: the file and the steps to it.
type ObjectAt = (String, Vec<Step>);

/// The findings of every payload, merged: one edit per new thing, with every value seen.
#[derive(Default)]
pub(super) struct Plan {
    /// The spec folder, as file names start.
    dir: String,
    pub(super) items: Vec<Suggestion>,
    /// New values per row (file and placeholder), each with the listed value it is another
    /// spelling of, if it is.
    values: BTreeMap<(String, String), Vec<NewValue>>,
    keys: BTreeMap<ObjectAt, Vec<(String, Vec<Value>)>>,
    types: BTreeMap<(String, String, String), Vec<Option<Value>>>,
    fields: BTreeMap<String, Vec<Value>>,
    /// Required keys to make optional, by object.
    absent: BTreeMap<ObjectAt, Vec<String>>,
    /// Rows to widen, by file and placeholder.
    widen: BTreeMap<(String, String), Vec<Widening>>,
    /// What no edit drafts, with why: said, never offered.
    pub(super) undraftable: Vec<(Suggestion, String)>,
    /// The first payload that showed something, per file: its example.
    examples: BTreeMap<String, (String, Node)>,
}

impl Plan {
    /// The plan for `found`, in a folder whose files start with `dir`; `presence` says how
    /// often each required key was there, for the keys to make optional.
    pub(super) fn of<'f, 'p: 'f>(
        dir: &str,
        found: impl Iterator<Item = &'f Found<'p>>,
        presence: &Presence,
    ) -> Plan {
        let mut plan = Plan {
            dir: dir.to_owned(),
            ..Plan::default()
        };
        // How many payloads showed each finding, and the last one.
        let mut seen: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        let mut identities = Vec::new();
        for f in found {
            let identity = f.finding.identity();
            let entry = seen.entry(identity.clone()).or_insert((0, f.name));
            if entry.0 == 0 || entry.1 != f.name {
                entry.0 += 1;
                entry.1 = f.name;
            }
            let before = plan.items.len();
            plan.add(f.name, &f.path, f.finding.clone(), &f.payload);
            if plan.items.len() > before {
                identities.push(identity);
            }
        }
        for (item, identity) in plan.items.iter_mut().zip(&identities) {
            if let Some((payloads, last)) = seen.get(identity) {
                item.payloads = *payloads;
                item.last_seen = (*last).to_owned();
            }
        }
        // The edit most payloads call for first (stable: then in the order first seen).
        plan.items
            .sort_by_key(|item| std::cmp::Reverse(item.payloads));
        for item in &mut plan.items {
            if let Some((_, (had, lacked))) = presence.iter().find(|((file, object, key), _)| {
                *file == item.file && item.what == absent_what(object, key)
            }) {
                item.what = format!(
                    "{} (left out by {lacked}, there in {had} of the objects seen)",
                    item.what
                );
            }
        }
        plan
    }

    /// Merges a finding of payload `name` at JSON `path`.
    fn add(&mut self, name: &str, path: &str, finding: Finding, payload: &Node) {
        let (file, what) = match finding {
            Finding::Value {
                file,
                placeholder,
                value,
                spelling_of,
            } => {
                let values = self
                    .values
                    .entry((file.clone(), placeholder.clone()))
                    .or_default();
                if values.iter().any(|(v, _)| *v == value) {
                    return;
                }
                values.push((value.clone(), spelling_of.clone()));
                let what = match spelling_of {
                    Some(of) => format!(
                        "spelling {value:?} of the value {of:?} of row {placeholder} (one value, written back as received)"
                    ),
                    None => format!("value {value:?} in the `values` of row {placeholder}"),
                };
                (file, what)
            }
            Finding::Key {
                file,
                object,
                key,
                value,
            } => {
                let keys = self.keys.entry((file.clone(), object)).or_default();
                match keys.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, values)) => {
                        values.push(value);
                        return;
                    }
                    None => keys.push((key.clone(), vec![value])),
                }
                (
                    file,
                    format!("optional key `{key}`, typed from the values seen"),
                )
            }
            Finding::Type {
                folder,
                tag_key,
                tag,
                payload: inner,
            } => {
                let file = self.file(&[&folder, &tag]);
                let seen = self
                    .types
                    .entry((folder, tag_key.clone(), tag.clone()))
                    .or_default();
                seen.push(inner);
                if seen.len() > 1 {
                    return;
                }
                (file, format!("new variant `{tag_key}: {tag}`"))
            }
            Finding::Field { field, value } => {
                let seen = self.fields.entry(field.clone()).or_default();
                seen.push(value);
                if seen.len() > 1 {
                    return;
                }
                (self.file(&[&field]), format!("new webhook field `{field}`"))
            }
            Finding::Absent { file, object, key } => {
                let what = absent_what(&object, &key);
                let keys = self.absent.entry((file.clone(), object)).or_default();
                if keys.contains(&key) {
                    return;
                }
                keys.push(key);
                (file, what)
            }
            Finding::Widen {
                file,
                placeholder,
                to,
            } => {
                let ways = self
                    .widen
                    .entry((file.clone(), placeholder.clone()))
                    .or_default();
                if ways.contains(&to) {
                    return;
                }
                ways.push(to);
                let what = match to {
                    Widening::Text => format!("`\"type\": \"Text\"` to row {placeholder} (a string or a number, as received)"),
                    Widening::Nullable => format!("`\"nullable\": true` to row {placeholder}"),
                };
                (file, what)
            }
            Finding::Undraftable { file, why } => {
                if !self
                    .undraftable
                    .iter()
                    .any(|(s, w)| s.file == file && *w == why)
                {
                    let seen = if path.is_empty() {
                        name.to_owned()
                    } else {
                        format!("{name}: {path}")
                    };
                    let item = Suggestion {
                        seen,
                        payloads: 1,
                        last_seen: name.to_owned(),
                        file,
                        what: "an edit for what does not fit".to_owned(),
                    };
                    self.undraftable.push((item, why));
                }
                return;
            }
        };
        self.examples
            .entry(file.clone())
            .or_insert((name.to_owned(), payload.clone()));
        self.items.push(Suggestion {
            seen: format!("{name}: {path}"),
            payloads: 1,
            last_seen: name.to_owned(),
            file,
            what,
        });
    }

    /// A new spec file's name: `spec/messages/x.json` for `["messages", "x"]`.
    fn file(&self, parts: &[&str]) -> String {
        format!("{}/{}.json", self.dir, parts.join("/"))
    }

    /// Every file edited or created, from the folder's current texts.
    pub(super) fn apply(&self, folder: &Folder, examples: bool, prefixed: bool) -> Vec<FileEdit> {
        let prefix = |file: &str| {
            prefixed.then(|| {
                let stem = Path::new(file).file_stem().and_then(|s| s.to_str());
                crate::name::type_name(stem.unwrap_or_default())
            })
        };
        let node = |file: &str| folder.node(file);
        let roots: Vec<Node> = folder.texts.keys().filter_map(|f| node(f)).collect();
        let pieces = shared_pieces(&roots);
        let mut edited: BTreeMap<String, Node> = BTreeMap::new();
        for ((file, placeholder), values) in &self.values {
            let Some(mut root) = edited.remove(file).or_else(|| node(file)) else {
                continue;
            };
            if let Some(Node::Object(list)) =
                get_mut(&mut root, &["parameters", placeholder, "values"])
            {
                for (value, spelling_of) in values {
                    match list
                        .iter_mut()
                        .find(|(k, _)| Some(k) == spelling_of.as_ref())
                    {
                        Some((written, _)) => written.push_str(&format!("|{value}")),
                        None => list.push((value.clone(), Node::String(TODO.to_owned()))),
                    }
                }
            }
            edited.insert(file.clone(), root);
        }
        for ((file, object), keys) in &self.keys {
            let Some(mut root) = edited.remove(file).or_else(|| node(file)) else {
                continue;
            };
            let mut rows = infer::Rows::new(parameter_names(&root), prefix(file), &pieces);
            let parent = object.iter().rev().find_map(|s| match s {
                Step::Key(k) if k != "syntax" => Some(k.trim_end_matches('?').to_owned()),
                _ => None,
            });
            let mut added = Vec::new();
            for (key, values) in keys {
                let seen: Vec<&Value> = values.iter().collect();
                let syntax = infer::syntax(&seen, parent.as_deref().unwrap_or(""), key, &mut rows);
                added.push((format!("{key}?"), syntax));
            }
            if let Some(Node::Object(list)) = walk_mut(&mut root, object) {
                list.extend(added);
            }
            if let Some(Node::Object(list)) = get_mut(&mut root, &["parameters"]) {
                list.extend(rows.added);
            }
            edited.insert(file.clone(), root);
        }
        for ((file, object), keys) in &self.absent {
            let Some(mut root) = edited.remove(file).or_else(|| node(file)) else {
                continue;
            };
            if let Some(Node::Object(list)) = walk_mut(&mut root, object) {
                for (written, _) in list.iter_mut().filter(|(k, _)| keys.contains(k)) {
                    written.push('?');
                }
            }
            edited.insert(file.clone(), root);
        }
        for ((file, placeholder), ways) in &self.widen {
            let Some(mut root) = edited.remove(file).or_else(|| node(file)) else {
                continue;
            };
            if let Some(Node::Object(row)) = get_mut(&mut root, &["parameters", placeholder]) {
                for way in ways {
                    let (key, value) = match way {
                        Widening::Text => ("type", Node::String("Text".to_owned())),
                        Widening::Nullable => ("nullable", Node::Bool(true)),
                    };
                    match row.iter_mut().find(|(k, _)| k == key) {
                        Some((_, old)) => *old = value,
                        None => row.push((key.to_owned(), value)),
                    }
                }
            }
            edited.insert(file.clone(), root);
        }
        let mut created: BTreeMap<String, Node> = BTreeMap::new();
        for ((folder, tag_key, tag), payloads) in &self.types {
            let file = self.file(&[folder, tag]);
            let mut rows = infer::Rows::new(Vec::new(), prefix(&file), &pieces);
            let mut syntax = vec![(tag_key.clone(), Node::String(tag.clone()))];
            let present: Vec<&Value> = payloads.iter().flatten().collect();
            if !present.is_empty() {
                let key = if present.len() < payloads.len() {
                    format!("{tag}?")
                } else {
                    tag.clone()
                };
                syntax.push((key, infer::syntax(&present, "", tag, &mut rows)));
            }
            created.insert(file, new_spec("variant", tag, Node::Object(syntax), rows));
        }
        for (field, values) in &self.fields {
            let file = self.file(&[field]);
            let mut rows = infer::Rows::new(Vec::new(), prefix(&file), &pieces);
            let seen: Vec<&Value> = values.iter().filter(|v| v.is_object()).collect();
            let syntax = infer::object(&seen, field, &mut rows, false);
            created.insert(file, new_spec("field", field, syntax, rows));
        }
        let mut out = Vec::new();
        for (file, mut root) in edited.into_iter().chain(created) {
            if let (true, Some((name, payload))) = (examples, self.examples.get(&file)) {
                add_example(&mut root, name, payload);
            }
            out.push(folder.edit(&file, &root));
        }
        out
    }
}

/// What making a required key optional says: the key, where it is in the file.
fn absent_what(object: &[Step], key: &str) -> String {
    let mut at = String::new();
    for step in object {
        match step {
            Step::Key(k) => {
                if !at.is_empty() {
                    at.push('.');
                }
                at.push_str(k);
            }
            Step::Index(i) => at.push_str(&format!("[{i}]")),
        }
    }
    format!("`?` to the key `{key}` of {at}: optional")
}

/// A new spec file: `{"<kind>": name, "summary": TODO, "syntax": ..., "parameters": ...}`.
fn new_spec(kind: &str, name: &str, syntax: Node, rows: infer::Rows) -> Node {
    Node::Object(vec![
        (kind.to_owned(), Node::String(name.to_owned())),
        ("summary".to_owned(), Node::String(TODO.to_owned())),
        (
            "source".to_owned(),
            Node::String("observed payloads (wa-webhook spec suggest)".to_owned()),
        ),
        ("syntax".to_owned(), syntax),
        ("parameters".to_owned(), Node::Object(rows.added)),
    ])
}

/// Appends the payload to the file's `examples`, unless it is there already.
fn add_example(root: &mut Node, name: &str, payload: &Node) {
    if !examples(root).contains(&payload) {
        push_example(root, format!("{TODO} (Seen in {name}.)"), payload.clone());
    }
}

/// The node at `steps`.
fn walk_mut<'n>(mut node: &'n mut Node, steps: &[Step]) -> Option<&'n mut Node> {
    for step in steps {
        node = match (node, step) {
            (Node::Object(entries), Step::Key(key)) => {
                &mut entries.iter_mut().find(|(k, _)| k == key)?.1
            }
            (Node::Array(items), Step::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}
