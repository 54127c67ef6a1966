//! The objects of a page's example payloads that a Syntax object describes, found by its path
//! of JSON keys from the change's value (arrays looked through): whether the page's own examples
//! leave a key out, so a key the Syntax block writes plainly is drafted optional when they do.

use super::page::Page;
use crate::edit::get;
use crate::node::Node;

/// Where the examples hold what the page describes.
#[derive(Default)]
pub struct Instances<'a> {
    /// The objects the Syntax root describes: the change values of a field, or the objects
    /// that carry a variant's tag.
    roots: Vec<&'a Node>,
}

impl<'a> Instances<'a> {
    /// The values of the examples' changes of `field`.
    pub fn of_field(page: &'a Page, field: &str) -> Self {
        let roots = changes(page)
            .filter(|c| get(c, "field") == Some(&Node::String(field.to_owned())))
            .filter_map(|c| get(c, "value"))
            .collect();
        Instances { roots }
    }

    /// The objects of the examples' changes whose `tag_key` is `tag` (`"type": "reaction"`).
    pub fn of_variant(page: &'a Page, tag_key: &str, tag: &str) -> Self {
        let mut roots = Vec::new();
        for value in changes(page).filter_map(|c| get(c, "value")) {
            tagged(value, tag_key, tag, &mut roots);
        }
        Instances { roots }
    }

    /// Whether some object at `json` (keys from the root) lacks every spelling in `names`;
    /// `false` where the examples show no object there.
    pub fn omit(&self, json: &[String], names: &[&str]) -> bool {
        let mut here = self.roots.clone();
        for key in json {
            here = here
                .into_iter()
                .filter_map(|n| get(n, key))
                .flat_map(|n| match n {
                    Node::Array(items) => items.iter().collect(),
                    other => vec![other],
                })
                .collect();
        }
        here.iter()
            .filter(|n| matches!(n, Node::Object(_)))
            .any(|n| names.iter().all(|name| get(n, name).is_none()))
    }
}

fn changes(page: &Page) -> impl Iterator<Item = &Node> {
    page.examples
        .iter()
        .filter_map(|e| match get(&e.payload, "entry") {
            Some(Node::Array(entries)) => Some(entries),
            _ => None,
        })
        .flatten()
        .filter_map(|entry| match get(entry, "changes") {
            Some(Node::Array(changes)) => Some(changes),
            _ => None,
        })
        .flatten()
}

fn tagged<'a>(node: &'a Node, tag_key: &str, tag: &str, out: &mut Vec<&'a Node>) {
    match node {
        Node::Object(entries) => {
            if get(node, tag_key) == Some(&Node::String(tag.to_owned())) {
                out.push(node);
            }
            entries
                .iter()
                .for_each(|(_, v)| tagged(v, tag_key, tag, out));
        }
        Node::Array(items) => items.iter().for_each(|v| tagged(v, tag_key, tag, out)),
        _ => {}
    }
}
