//! Spec syntax and parameter rows drafted from a page: keys as the page writes them (`?` where
//! it says they are not always sent), placeholders with rows typed from the table, objects the
//! folder already defines in `shared/` as `$ref`s, and a [`TODO`] wherever a description goes.

use super::instances::Instances;
use super::page::Page;
use super::pseudo::PNode;
use super::shape::{self, Key};
use super::table::PageRow;
use super::TODO;
use crate::ast::canonical_value;
use crate::edit::get;
use crate::node::Node;
use crate::pieces::{piece_for_keys, SharedPiece};
use heck::ToUpperCamelCase;
use std::collections::BTreeSet;

/// The `when` of a row whose key the page marks as not always sent.
const TODO_WHEN: &str =
    "TODO(spec import): say when Meta sends it (the page marks it conditional).";

/// How drafted enums and structs are named: plainly, or with their file's name as a prefix
/// (`"name": "SecurityEvent"`, `"$name": "ReactionReaction"`) for when plain names collide with
/// the folder's.
#[derive(Debug, Clone, Copy)]
pub struct Naming {
    /// Whether drafted enums are prefixed.
    pub enums: bool,
    /// Whether drafted structs are prefixed.
    pub structs: bool,
}

/// A value list of the folder, where a drafted row can share it.
pub struct ValueList {
    /// Its values, each by its first spelling.
    pub values: BTreeSet<String>,
    /// The spec file.
    pub file: String,
    /// The row.
    pub row: String,
    /// `values_of` from another file (`security#EVENT`).
    pub target: String,
}

/// Drafts syntax and rows for one spec file.
pub struct Drafter<'a> {
    page: &'a Page,
    shared: &'a [SharedPiece],
    /// The folder's value lists, and the file drafted into: a row listing the same values as
    /// one of them shares it (`values_of`), as validation wants.
    lists: Vec<ValueList>,
    file: String,
    naming: Naming,
    /// The file's name in Rust terms, for prefixed names (`Security`).
    owner: String,
    /// Row names the file has or has been given.
    taken: Vec<String>,
    /// The rows drafted, in order.
    pub rows: Vec<(String, Node)>,
    /// How the page needed help.
    pub notes: Vec<String>,
    /// The objects of the page's examples the drafted root describes, and the JSON keys from
    /// it to the object being drafted: a key they leave out is optional.
    instances: Option<&'a Instances<'a>>,
    json: Vec<String>,
}

impl<'a> Drafter<'a> {
    /// A drafter for a file named `owner` (`security`) whose rows are `taken` so far.
    pub fn new(
        page: &'a Page,
        shared: &'a [SharedPiece],
        naming: Naming,
        owner: &str,
        taken: Vec<String>,
    ) -> Self {
        Drafter {
            page,
            shared,
            lists: Vec::new(),
            file: String::new(),
            naming,
            owner: owner.to_upper_camel_case(),
            taken,
            rows: Vec::new(),
            notes: Vec::new(),
            instances: None,
            json: Vec::new(),
        }
    }

    /// Rows listing the values of one of `lists` share it; `file` is the file drafted into.
    pub fn sharing(mut self, lists: Vec<ValueList>, file: &str) -> Self {
        self.lists = lists;
        self.file = file.to_owned();
        self
    }

    /// The row to share `values` with (`values_of`): one drafted before in this file, or one
    /// of the folder's.
    fn same_values(&self, values: &[&str]) -> Option<String> {
        let set: BTreeSet<String> = values
            .iter()
            .map(|v| canonical_value(v).to_owned())
            .collect();
        let drafted = self.rows.iter().find(|(_, row)| {
            matches!(get(row, "values"), Some(Node::Object(listed))
                if listed.iter().map(|(v, _)| canonical_value(v).to_owned()).collect::<BTreeSet<_>>() == set)
        });
        if let Some((row, _)) = drafted {
            return Some(row.clone());
        }
        let list = self.lists.iter().find(|l| l.values == set)?;
        Some(if list.file == self.file {
            list.row.clone()
        } else {
            list.target.clone()
        })
    }

    /// Keys the page's examples leave out are drafted optional: `instances` are the objects the
    /// root of the file describes, `json` the keys from there to where drafting starts.
    pub fn seen_in(mut self, instances: &'a Instances<'a>, json: Vec<String>) -> Self {
        self.instances = Some(instances);
        self.json = json;
        self
    }

    /// Whether `key` is optional: written so (`?`, a note), said so by its row, or left out by
    /// one of the page's own examples (noted: the Syntax block writes it plainly).
    pub fn optional(&mut self, key: &Key) -> bool {
        if key.optional || self.described_optional(key) {
            return true;
        }
        let omitted = self
            .instances
            .is_some_and(|i| i.omit(&self.json, &[key.key.as_str()]));
        if omitted {
            self.notes.push(format!(
                "`{}` (page line {}): optional: an example of the page leaves it out",
                key.key, key.line
            ));
        }
        omitted
    }

    /// The page's row for a placeholder.
    fn page_row(&self, name: &str) -> Option<&'a PageRow> {
        self.page.rows.iter().find(|r| r.placeholder == name)
    }

    /// The syntax of a key's value (its rows drafted).
    pub fn value(&mut self, key: &Key) -> Node {
        match &key.value {
            PNode::Object(entries) => {
                self.json.push(key.key.clone());
                let node = self.object(&key.key, entries);
                self.json.pop();
                node
            }
            PNode::Array(items) => match shape::item(items) {
                Some(PNode::Object(entries)) => {
                    self.json.push(key.key.clone());
                    let node = self.object(&singular(&key.key), &entries);
                    self.json.pop();
                    Node::Array(vec![node])
                }
                Some(item) => {
                    let inner = Key {
                        value: item,
                        ..key.clone()
                    };
                    Node::Array(vec![self.value(&inner)])
                }
                None => Node::Array(vec![self.placeholder(key, &key.key.to_uppercase(), true)]),
            },
            other => match other.placeholder() {
                Some((name, quoted)) => self.placeholder(key, &name, quoted),
                None => match other {
                    PNode::Str(s) if !s.contains('<') => Node::String(s.clone()),
                    _ => {
                        let name = key.key.to_uppercase();
                        self.notes.push(format!(
                            "`{}` (page line {}): the page writes `{}` rather than a placeholder; typed by the row {name}",
                            key.key,
                            key.line,
                            other.to_node()
                        ));
                        self.placeholder(key, &name, matches!(other, PNode::Str(_)))
                    }
                },
            },
        }
    }

    /// An object's syntax: a `$ref` when a shared piece has these keys, else its keys with a
    /// `$doc`.
    pub fn object(&mut self, key: &str, entries: &[super::pseudo::PEntry]) -> Node {
        let keys = shape::keys(entries);
        if let Some(piece) = self.shared_piece(&keys) {
            return Node::Object(vec![("$ref".to_owned(), Node::String(piece))]);
        }
        let mut out = vec![("$doc".to_owned(), Node::String(TODO.to_owned()))];
        if self.naming.structs {
            out.push((
                "$name".to_owned(),
                Node::String(format!("{}{}", self.owner, key.to_upper_camel_case())),
            ));
        }
        for k in &keys {
            let optional = self.optional(k);
            let node = self.value(&Key {
                optional,
                ..k.clone()
            });
            let name = if optional {
                format!("{}?", k.key)
            } else {
                k.key.clone()
            };
            out.push((name, node));
        }
        Node::Object(out)
    }

    /// Whether the row of the key's placeholder says it is not always sent.
    pub fn described_optional(&self, key: &Key) -> bool {
        key.value
            .placeholder()
            .and_then(|(name, _)| self.page_row(&name))
            .is_some_and(|row| shape::conditional(&row.description))
    }

    /// The shared piece whose keys these are (see [`piece_for_keys`]), if one is.
    fn shared_piece(&self, keys: &[Key]) -> Option<String> {
        let keys: Vec<&str> = keys.iter().map(|k| k.key.as_str()).collect();
        piece_for_keys(self.shared, &keys).map(|piece| piece.name.clone())
    }

    /// `"<NAME>"`, drafting the row `NAME` unless the file has it.
    fn placeholder(&mut self, key: &Key, name: &str, quoted: bool) -> Node {
        if !self.taken.iter().any(|t| t == name) {
            self.taken.push(name.to_owned());
            let row = self.row(key, name, quoted);
            self.rows.push((name.to_owned(), row));
        }
        Node::String(format!("<{name}>"))
    }

    /// A row for placeholder `name` of `key`, from the page's table.
    pub fn row(&mut self, key: &Key, name: &str, quoted: bool) -> Node {
        let page_row = self.page_row(name);
        if page_row.is_none() {
            self.notes.push(format!(
                "<{name}> (page line {}): no row on the page",
                key.line
            ));
        }
        let (kind, note) = shape::row_type(page_row, name, quoted);
        self.notes.extend(note);
        let mut row = vec![("type".to_owned(), Node::String(kind.to_owned()))];
        let values: Vec<&str> = page_row
            .map(|r| r.values.iter().map(|(v, _)| v.as_str()).collect())
            .unwrap_or_default();
        let listed: Vec<&str> = values.iter().copied().filter(|v| *v != "null").collect();
        // The same list as another row: one enum holds it, this row shares it.
        let shared = (kind == "String" && !listed.is_empty())
            .then(|| self.same_values(&listed))
            .flatten();
        if let Some(target) = &shared {
            self.notes.push(format!(
                "<{name}>: the same values as `{target}`: drafted as `\"values_of\": \"{target}\"`"
            ));
        }
        if kind == "String" && !listed.is_empty() && self.naming.enums && shared.is_none() {
            row.push((
                "name".to_owned(),
                Node::String(format!("{}{}", self.owner, name.to_upper_camel_case())),
            ));
        }
        row.push(("description".to_owned(), Node::String(TODO.to_owned())));
        match shared {
            Some(target) => row.push(("values_of".to_owned(), Node::String(target))),
            None if !listed.is_empty() => row.push(("values".to_owned(), todo_values(&listed))),
            None => {}
        }
        if values.contains(&"null") {
            row.push(("nullable".to_owned(), Node::Bool(true)));
        }
        if key.optional {
            row.push(("when".to_owned(), Node::String(TODO_WHEN.to_owned())));
        }
        if let Some(example) = page_row.and_then(|r| r.example.as_deref()) {
            match example_node(kind, &listed, example) {
                Some(node) => row.push(("example".to_owned(), node)),
                None => self.notes.push(format!(
                    "<{name}>: the page's example `{example}` does not fit {kind}{}; left out",
                    if listed.is_empty() {
                        ""
                    } else {
                        " and its values"
                    }
                )),
            }
        }
        Node::Object(row)
    }
}

/// `{"VALUE": TODO, ...}`, a value that would take an earlier one's Rust name written as its
/// other spelling (`"X_EXAMPLE_ON|x_example_on"`), as validation wants.
pub fn todo_values(values: &[&str]) -> Node {
    let mut entries = Vec::new();
    add_todo_values(&mut entries, values);
    Node::Object(entries)
}

/// Adds `values` to the entries of a `values` object: each as a key with a [`TODO`], or, where
/// it would take the Rust name of a value listed (`Failed` of `FAILED`), as that value's other
/// spelling.
pub fn add_todo_values(entries: &mut Vec<(String, Node)>, values: &[&str]) {
    let variant = |written: &str| crate::name::type_name(canonical_value(written));
    for value in values {
        let own = variant(value);
        match entries
            .iter_mut()
            .find(|(written, _)| variant(written) == own)
        {
            Some((written, _)) => {
                written.push('|');
                written.push_str(value);
            }
            None => entries.push(((*value).to_owned(), Node::String(TODO.to_owned()))),
        }
    }
}

/// The example cell as the JSON the row's type takes, if it fits.
fn example_node(kind: &str, values: &[&str], example: &str) -> Option<Node> {
    match kind {
        "String" if values.is_empty() || values.contains(&example) => {
            Some(Node::String(example.to_owned()))
        }
        "Integer" | "Timestamp" => example.parse::<i64>().ok().map(|n| Node::Number(n.into())),
        "Number" => serde_json::from_str::<serde_json::Number>(example)
            .ok()
            .map(Node::Number),
        "Boolean" => example.parse::<bool>().ok().map(Node::Bool),
        _ => None,
    }
}

/// `statuses` -> `status`, `contacts` -> `contact`: an array item's key, as the folder names
/// its structs.
fn singular(key: &str) -> String {
    if let Some(stem) = key.strip_suffix("ses") {
        format!("{stem}s")
    } else if let Some(stem) = key.strip_suffix('s') {
        stem.to_owned()
    } else {
        key.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::page;

    const PAGE: &str = "# `x_example_field` webhook reference\n\n## Syntax\n\n```\n{ \"field\": \"x_example_field\", \"value\": { \"reason\": \"<REASON>\" } }\n```\n\n## Parameters\n\n| Placeholder | Description | Example value |\n| --- | --- | --- |\n| `<REASON>` *String* | Why. Values can be: `NONE` - no reason. `null` - not given. | `NONE` |\n";

    #[test]
    fn a_listed_null_makes_the_row_nullable_not_a_value() {
        let page = page::read(PAGE).unwrap();
        let naming = Naming {
            enums: false,
            structs: false,
        };
        let mut drafter = Drafter::new(&page, &[], naming, "x_example_field", Vec::new());
        let key = Key {
            key: "reason".into(),
            value: PNode::Str("<REASON>".into()),
            line: 6,
            optional: false,
            notes: Vec::new(),
        };
        assert_eq!(drafter.value(&key), Node::String("<REASON>".into()));
        let (name, row) = &drafter.rows[0];
        assert_eq!(name, "REASON");
        let Node::Object(row) = row else {
            panic!("a row is an object")
        };
        let keys: Vec<&str> = row.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["type", "description", "values", "nullable", "example"]
        );
        assert_eq!(row[2].1, todo_values(&["NONE"]));
        assert_eq!(row[3].1, Node::Bool(true));
    }
}
