//! The spec folder as the importer edits it: every file as an ordered tree, found by what it
//! describes, and the small readings of spec syntax (a key's spellings, a placeholder's name, a
//! node at a path) the comparison needs.

use super::draft::ValueList;
use crate::ast::canonical_value;
use crate::edit::{get, Folder};
use crate::node::Node;
use crate::pieces::{shared_pieces, SharedPiece};
use std::collections::{BTreeMap, BTreeSet};

/// The folder's files as trees, edited in place, and which were changed or created.
pub struct Work<'f> {
    /// The folder read.
    pub folder: &'f Folder,
    /// Every file as a tree.
    pub nodes: BTreeMap<String, Node>,
    /// The files edited or created, in order.
    pub changed: Vec<String>,
}

impl<'f> Work<'f> {
    /// The folder's files, none edited yet.
    pub fn new(folder: &'f Folder) -> Self {
        let nodes: BTreeMap<String, Node> = folder
            .texts
            .keys()
            .filter_map(|f| Some((f.clone(), folder.node(f)?)))
            .collect();
        Work {
            folder,
            nodes,
            changed: Vec::new(),
        }
    }

    /// The file whose `kind` key (`field`, `variant`, `shared`) is `name` (or lists it among its
    /// `aliases`), under `under` (`spec/messages/`) if given.
    pub fn find(&self, kind: &str, name: &str, under: Option<&str>) -> Option<String> {
        self.nodes.iter().find_map(|(file, root)| {
            let named = matches!(get(root, kind), Some(Node::String(n)) if n == name)
                || matches!(get(root, "aliases"), Some(Node::Array(a)) if a.contains(&Node::String(name.to_owned())));
            let placed = under.is_none_or(|dir| {
                file.strip_prefix(dir)
                    .is_some_and(|rest| !rest.contains('/'))
            });
            (named && placed).then(|| file.clone())
        })
    }

    /// The folder's shared pieces, with their keys.
    pub fn shared(&self) -> Vec<SharedPiece> {
        shared_pieces(self.nodes.values())
    }

    /// Every value list of the folder as it is now (edits included): a drafted row with the
    /// same values shares it (`values_of`), as validation wants.
    pub fn value_lists(&self) -> Vec<ValueList> {
        let mut out = Vec::new();
        for (file, root) in &self.nodes {
            let Some(Node::Object(rows)) = get(root, "parameters") else {
                continue;
            };
            for (row, node) in rows {
                let Some(Node::Object(values)) = get(node, "values") else {
                    continue;
                };
                let values: BTreeSet<String> = values
                    .iter()
                    .map(|(v, _)| canonical_value(v).to_owned())
                    .collect();
                let below = file
                    .strip_prefix(&format!("{}/", self.folder.dir))
                    .unwrap_or(file);
                out.push(ValueList {
                    values,
                    target: format!("{}#{row}", below.trim_end_matches(".json")),
                    file: file.clone(),
                    row: row.clone(),
                });
            }
        }
        out
    }

    /// A file's tree for editing; the file is then written (created if new).
    pub fn node_mut(&mut self, file: &str) -> &mut Node {
        if !self.changed.iter().any(|f| f == file) {
            self.changed.push(file.to_owned());
        }
        self.nodes.entry(file.to_owned()).or_insert(Node::Null)
    }
}

/// A key's spellings (`a|b?` -> `["a", "b"]`) and whether it is optional.
pub fn spellings(key: &str) -> (Vec<String>, bool) {
    let optional = key.ends_with('?');
    let names = key
        .trim_end_matches('?')
        .split('|')
        .map(str::to_owned)
        .collect();
    (names, optional)
}

/// The spec entry of an object that stands for the page's `key` (by any of its spellings).
pub fn spec_entry<'s>(spec: &'s [(String, Node)], key: &str) -> Option<&'s (String, Node)> {
    spec.iter()
        .find(|(k, _)| !k.starts_with('$') && spellings(k).0.iter().any(|s| s == key))
}

/// The node at `at` (object keys, array indexes as numbers).
pub fn path<'n>(mut node: &'n Node, at: &[String]) -> Option<&'n Node> {
    for step in at {
        node = match node {
            Node::Object(_) => get(node, step)?,
            Node::Array(items) => items.get(step.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// `NAME` of a spec string `"<NAME>"`.
pub fn placeholder_name(s: &str) -> Option<String> {
    Some(s.strip_prefix('<')?.strip_suffix('>')?.to_owned())
}

/// A spec file's name as an owner of Rust names: `spec/messages/reaction.json` -> `reaction`.
pub fn owner(file: &str) -> String {
    file.rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".json")
        .to_owned()
}
