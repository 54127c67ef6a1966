//! A page against the spec folder: which file it describes (a field, or the variant of a
//! discriminator its payload names), and what the page has that the file lacks, what differs
//! and what the page no longer lists, with the additions applied to a working copy (objects
//! are compared key by key in [`super::compare`]).

use super::draft::{Drafter, Naming};
use super::instances::Instances;
use super::page::Page;
use super::pseudo::{PEntry, PNode, PageError};
use super::shape;
use super::work::{path, placeholder_name, spec_entry, Work};
use super::{ImportItem, Imports, ItemKind, TODO};
use crate::edit::{examples, get, push_example, Folder};
use crate::node::Node;
use crate::pieces::SharedPiece;

/// Plans the additions of every page, in order, on one working copy of the folder.
pub fn plan(
    folder: &Folder,
    pages: &[(String, Page)],
    naming: Naming,
    examples: bool,
) -> Result<Imports, (String, PageError)> {
    let mut work = Work::new(folder);
    let shared = work.shared();
    let mut out = Imports::default();
    for (name, page) in pages {
        let mut run = Run {
            work: &mut work,
            shared: &shared,
            page,
            name,
            naming,
            items: Vec::new(),
            notes: page
                .repairs
                .iter()
                .map(|r| format!("{name}: {r}"))
                .collect(),
        };
        let file = run.page().map_err(|e| (name.clone(), e))?;
        if examples {
            run.examples(&file);
        }
        out.pages.push((name.clone(), file));
        out.items.append(&mut run.items);
        out.notes.append(&mut run.notes);
    }
    out.files = work
        .changed
        .iter()
        .map(|file| folder.edit(file, &work.nodes[file]))
        .collect();
    Ok(out)
}

/// One page being planned.
pub(super) struct Run<'w, 'f> {
    pub(super) work: &'w mut Work<'f>,
    pub(super) shared: &'w [SharedPiece],
    pub(super) page: &'w Page,
    pub(super) name: &'w str,
    pub(super) naming: Naming,
    pub(super) items: Vec<ImportItem>,
    pub(super) notes: Vec<String>,
}

/// The variant of a discriminator a page's payload names.
struct Variant {
    /// The folder of the variant specs, relative to the spec folder (`messages`).
    folder: String,
    /// The key holding the tag and the tag (`type`, `reaction`).
    tag_key: String,
    tag: String,
    /// The object holding the tag, as the page writes it.
    object: Vec<PEntry>,
}

impl Run<'_, '_> {
    pub(super) fn item(
        &mut self,
        line: usize,
        file: &str,
        path: &str,
        kind: ItemKind,
        what: String,
    ) {
        self.items.push(ImportItem {
            page: self.name.to_owned(),
            line,
            file: file.to_owned(),
            path: path.to_owned(),
            kind,
            what,
        });
    }

    /// Reconciles the page; returns the spec file it describes.
    fn page(&mut self) -> Result<String, PageError> {
        let (field, value, line) = change(&self.page.syntax).ok_or_else(|| {
            PageError::new(
                self.page.syntax_line,
                "the Syntax block shows no change (an object with a literal \"field\" and a \"value\"); pages that show only part of a payload are not supported",
            )
        })?;
        let PNode::Object(value) = value else {
            return Err(PageError::new(
                line,
                "the change's \"value\" is not an object",
            ));
        };
        let dir = self.work.folder.dir.clone();
        let syntax = ["syntax".to_owned()];
        let page = self.page;
        let of_field = Instances::of_field(page, &field);
        let Some(file) = self.work.find("field", &field, None) else {
            let file = self.work.folder.file(&[&field]);
            self.create(&file, "field", &field, value, line, &of_field);
            return Ok(file);
        };
        let mut best = None;
        self.find_variant(&file, &syntax, value, 0, &mut best);
        let Some((_, variant)) = best else {
            self.object(&file, &syntax, &[], value, &of_field);
            return Ok(file);
        };
        let of_variant = Instances::of_variant(page, &variant.tag_key, &variant.tag);
        let reduced: Vec<PEntry> = variant
            .object
            .iter()
            .filter(|e| e.key == variant.tag_key || e.key == variant.tag)
            .cloned()
            .collect();
        let under = format!("{dir}/{}/", variant.folder);
        match self.work.find("variant", &variant.tag, Some(&under)) {
            Some(file) => {
                self.object(&file, &syntax, &[], &reduced, &of_variant);
                Ok(file)
            }
            None => {
                let file = format!("{under}{}.json", variant.tag);
                self.create(&file, "variant", &variant.tag, &reduced, line, &of_variant);
                Ok(file)
            }
        }
    }

    /// The deepest discriminator whose tag the page writes as a literal.
    fn find_variant(
        &self,
        file: &str,
        at: &[String],
        entries: &[PEntry],
        depth: usize,
        best: &mut Option<(usize, Variant)>,
    ) {
        let Some((file, at, Node::Object(spec))) = self.resolve(file, at) else {
            return;
        };
        for key in shape::keys(entries) {
            let Some((spec_key, spec_value)) = spec_entry(&spec, &key.key) else {
                continue;
            };
            let mut inner = at.clone();
            inner.push(spec_key.clone());
            match (spec_value, &key.value) {
                (Node::String(p), PNode::Str(tag)) if key.value.placeholder().is_none() => {
                    let row = placeholder_name(p).and_then(|p| self.row(&file, &p));
                    let is_tag = row.as_ref().is_some_and(|r| {
                        get(r, "type") == Some(&Node::String("Discriminator".into()))
                    });
                    if let (true, Some(Node::String(folder))) =
                        (is_tag, row.as_ref().and_then(|r| get(r, "variants")))
                    {
                        if best.as_ref().is_none_or(|(d, _)| depth >= *d) {
                            *best = Some((
                                depth,
                                Variant {
                                    folder: folder.clone(),
                                    tag_key: key.key.clone(),
                                    tag: tag.clone(),
                                    object: entries.to_vec(),
                                },
                            ));
                        }
                    }
                }
                (Node::Object(_), PNode::Object(page)) => {
                    self.find_variant(&file, &inner, page, depth + 1, best)
                }
                (Node::Array(_), PNode::Array(items)) => {
                    if let Some(PNode::Object(page)) = shape::item(items) {
                        inner.push("0".to_owned());
                        self.find_variant(&file, &inner, &page, depth + 1, best)
                    }
                }
                _ => {}
            }
        }
    }

    /// The spec node at `at` in `file`, following a `$ref` to its shared file.
    pub(super) fn resolve(&self, file: &str, at: &[String]) -> Option<(String, Vec<String>, Node)> {
        let node = path(self.work.nodes.get(file)?, at)?.clone();
        if let Some(Node::String(name)) = get(&node, "$ref") {
            let shared = self.work.find("shared", name, None)?;
            let at = vec!["syntax".to_owned()];
            let node = path(self.work.nodes.get(&shared)?, &at)?.clone();
            return Some((shared, at, node));
        }
        Some((file.to_owned(), at.to_vec(), node))
    }

    pub(super) fn row(&self, file: &str, placeholder: &str) -> Option<Node> {
        get(get(self.work.nodes.get(file)?, "parameters")?, placeholder).cloned()
    }

    /// A new spec file for the page's `entries` (a field's value, or a variant's object, which
    /// the page's example `instances` hold).
    fn create(
        &mut self,
        file: &str,
        kind: &str,
        name: &str,
        entries: &[PEntry],
        line: usize,
        instances: &Instances<'_>,
    ) {
        let mut drafter = Drafter::new(self.page, self.shared, self.naming, name, Vec::new())
            .seen_in(instances, Vec::new())
            .sharing(self.work.value_lists(), file);
        let syntax = drafter.object(name, entries);
        // A file's syntax root is documented by its summary, not a `$doc`.
        let syntax = match syntax {
            Node::Object(entries) => Node::Object(
                entries
                    .into_iter()
                    .filter(|(k, _)| k != "$doc" && k != "$name")
                    .collect(),
            ),
            other => other,
        };
        let mut root = vec![
            (kind.to_owned(), Node::String(name.to_owned())),
            ("summary".to_owned(), Node::String(TODO.to_owned())),
        ];
        if !self.page.triggers.is_empty() {
            let todo = |n: usize| {
                Node::String(format!(
                    "TODO(spec import): trigger {n} of the page, in your own words."
                ))
            };
            root.push((
                "triggers".to_owned(),
                Node::Array((1..=self.page.triggers.len()).map(todo).collect()),
            ));
        }
        if let Some(source) = &self.page.source {
            root.push(("source".to_owned(), Node::String(source.clone())));
        }
        root.push(("syntax".to_owned(), syntax));
        root.push(("parameters".to_owned(), Node::Object(drafter.rows)));
        let page = self.name;
        self.notes
            .extend(drafter.notes.drain(..).map(|n| format!("{page}: {n}")));
        *self.work.node_mut(file) = Node::Object(root);
        self.item(
            line,
            file,
            "",
            ItemKind::Add,
            format!(
                "new spec file for {kind} `{name}` (\"{}\")",
                self.page.title
            ),
        );
    }

    /// Adds each of the page's examples the file does not hold yet.
    fn examples(&mut self, file: &str) {
        let Some(root) = self.work.nodes.get(file) else {
            return;
        };
        let mut held: Vec<serde_json::Value> = examples(root)
            .into_iter()
            .filter_map(|p| serde_json::to_value(p).ok())
            .collect();
        for example in &self.page.examples {
            let Ok(value) = serde_json::to_value(&example.payload) else {
                continue;
            };
            if get(&example.payload, "entry").is_none() {
                self.notes.push(format!(
                    "{}: the example at line {} is not a whole webhook body (no `entry`); left out",
                    self.name, example.line
                ));
                continue;
            }
            if held.contains(&value) {
                continue;
            }
            let what = match &example.heading {
                Some(heading) => format!("example payload \"{heading}\""),
                None => "example payload".to_owned(),
            };
            held.push(value);
            self.item(example.line, file, "examples", ItemKind::Add, what);
            push_example(
                self.work.node_mut(file),
                TODO.to_owned(),
                example.payload.clone(),
            );
        }
    }
}

/// The change a Syntax block shows: its literal `field`, its `value`, and the line.
fn change(node: &PNode) -> Option<(String, &PNode, usize)> {
    match node {
        PNode::Object(entries) => {
            let field = entries.iter().find(|e| e.key == "field");
            let value = entries.iter().find(|e| e.key == "value");
            if let (Some(field), Some(value)) = (field, value) {
                if let (PNode::Str(name), None) = (&field.value, field.value.placeholder()) {
                    return Some((name.clone(), &value.value, value.line));
                }
            }
            entries.iter().find_map(|e| change(&e.value))
        }
        PNode::Array(items) => items.iter().find_map(change),
        _ => None,
    }
}
