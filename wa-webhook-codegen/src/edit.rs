//! What the spec tools (`suggest`, `import`) share: a spec folder's texts, the edits they
//! propose, the check of an edited folder, the placeholder descriptions they write, and access
//! to an ordered JSON tree by key.

use crate::ctxt::{Ctxt, SpecError};
use crate::node::Node;
use std::collections::BTreeMap;
use std::path::Path;

/// Every placeholder description a spec tool writes starts with this: `spec list` counts them,
/// and a maintainer rewrites each from Meta's page in their own words.
pub const TODO_MARK: &str = "TODO(spec ";

/// How many placeholder descriptions `text` still holds.
pub fn todo_count(text: &str) -> usize {
    text.matches(TODO_MARK).count()
}

/// A spec file's text before (`None` for a new file) and after the edits.
#[derive(Debug, Clone)]
pub struct FileEdit {
    /// The file, as errors name files (`spec/security.json`).
    pub file: String,
    /// Its text now, if it exists.
    pub old: Option<String>,
    /// Its text with the edits.
    pub new: String,
}

/// A spec folder read for editing: the sound model's files, each as text, by the name errors
/// give them (`spec/messages/reaction.json`).
pub(crate) struct Folder {
    /// The folder, as file names start (`spec`).
    pub dir: String,
    /// Every spec file's text.
    pub texts: BTreeMap<String, String>,
    specs: Vec<crate::ast::Spec>,
}

impl Folder {
    /// Reads the folder `dir` (relative to `root`); errors when it has spec errors itself.
    pub fn read(root: &Path, dir: &str) -> Result<Folder, Vec<SpecError>> {
        let cx = Ctxt::new();
        let loaded = crate::load::load(&cx, root, dir);
        let sound = crate::valid::validate(&cx, dir, &loaded.specs).is_some();
        let errors = cx.check().err().unwrap_or_default();
        if !sound || !errors.is_empty() {
            return Err(errors);
        }
        Folder::of(root, dir, loaded)
    }

    /// Reads the folder `dir` whose files load (they are spec files, JSON) but which may not
    /// validate as it is: an edit may be what it lacks (a message type its examples show). The
    /// edited folder is checked with [`Folder::check`].
    pub fn read_to_complete(root: &Path, dir: &str) -> Result<Folder, Vec<SpecError>> {
        let cx = Ctxt::new();
        let loaded = crate::load::load(&cx, root, dir);
        cx.check()?;
        Folder::of(root, dir, loaded)
    }

    fn of(root: &Path, dir: &str, loaded: crate::load::Loaded) -> Result<Folder, Vec<SpecError>> {
        let base = root.join(dir).canonicalize().map_err(|e| {
            vec![SpecError {
                file: dir.to_owned(),
                position: None,
                path: String::new(),
                message: format!("cannot read the folder: {e}"),
            }]
        })?;
        let texts = loaded
            .files
            .iter()
            .filter_map(|abs| {
                let abs = abs.canonicalize().ok()?;
                let rel = abs
                    .strip_prefix(&base)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                Some((format!("{dir}/{rel}"), std::fs::read_to_string(&abs).ok()?))
            })
            .collect();
        Ok(Folder {
            dir: dir.to_owned(),
            texts,
            specs: loaded.specs,
        })
    }

    /// The folder's validated model (sound: [`Folder::read`] checked it).
    pub(crate) fn model(&self) -> Option<crate::model::Model<'_>> {
        let cx = Ctxt::new();
        let model = crate::valid::validate(&cx, &self.dir, &self.specs);
        let sound = cx.check().is_ok();
        model.filter(|_| sound)
    }

    /// A spec file's name in this folder: `spec/messages/x.json` for `["messages", "x"]`.
    pub fn file(&self, parts: &[&str]) -> String {
        format!("{}/{}.json", self.dir, parts.join("/"))
    }

    /// A file of the folder as an ordered tree.
    pub fn node(&self, file: &str) -> Option<Node> {
        serde_json::from_str(self.texts.get(file)?).ok()
    }

    /// The errors of the folder with `edits` applied.
    pub fn check(&self, edits: &[FileEdit]) -> Vec<SpecError> {
        let mut all: BTreeMap<&str, &str> = self
            .texts
            .iter()
            .map(|(f, t)| (f.as_str(), t.as_str()))
            .collect();
        for edit in edits {
            all.insert(&edit.file, &edit.new);
        }
        let files: Vec<(&str, &str)> = all.into_iter().collect();
        crate::generate_from_texts(&self.dir, &files).errors
    }

    /// The edit that writes `root` as `file` (in the folder's pretty format).
    pub fn edit(&self, file: &str, root: &Node) -> FileEdit {
        let mut new = serde_json::to_string_pretty(root).expect("a Node serializes");
        new.push('\n');
        FileEdit {
            file: file.to_owned(),
            old: self.texts.get(file).cloned(),
            new,
        }
    }
}

/// The value under `key` of an object node.
pub(crate) fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match node {
        Node::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// The node at `keys` (object keys only), for editing.
pub(crate) fn get_mut<'n>(mut node: &'n mut Node, keys: &[&str]) -> Option<&'n mut Node> {
    for key in keys {
        node = match node {
            Node::Object(entries) => &mut entries.iter_mut().find(|(k, _)| k == key)?.1,
            _ => return None,
        };
    }
    Some(node)
}

/// The example payloads a spec file holds.
pub(crate) fn examples(root: &Node) -> Vec<&Node> {
    match get(root, "examples") {
        Some(Node::Array(list)) => list.iter().filter_map(|e| get(e, "payload")).collect(),
        _ => Vec::new(),
    }
}

/// Appends `{"description", "payload"}` to a spec file's `examples` (made if missing).
pub(crate) fn push_example(root: &mut Node, description: String, payload: Node) {
    let Node::Object(entries) = root else { return };
    if !entries.iter().any(|(k, _)| k == "examples") {
        entries.push(("examples".to_owned(), Node::Array(Vec::new())));
    }
    if let Some(Node::Array(list)) = get_mut(root, &["examples"]) {
        list.push(Node::Object(vec![
            ("description".to_owned(), Node::String(description)),
            ("payload".to_owned(), payload),
        ]));
    }
}

/// The names of a spec file's parameter rows.
pub(crate) fn parameter_names(root: &Node) -> Vec<String> {
    match get(root, "parameters") {
        Some(Node::Object(rows)) => rows.iter().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    }
}
