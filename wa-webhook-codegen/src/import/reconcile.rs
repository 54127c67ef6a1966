//! A page against the spec folder: which file it describes (a field, or the variant of a
//! discriminator its payload names), and what the page has that the file lacks, what differs
//! and what the page no longer lists, with the additions applied to a working copy.

use super::draft::{Drafter, Naming, SharedPiece};
use super::page::Page;
use super::pseudo::{PEntry, PNode, PageError};
use super::shape::{self, Key};
use super::work::{owner, path, placeholder_name, spec_entry, spellings, Work};
use super::{ImportItem, Imports, ItemKind, TODO};
use crate::edit::{examples, get, get_mut, parameter_names, push_example, Folder};
use crate::node::Node;

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
struct Run<'w, 'f> {
    work: &'w mut Work<'f>,
    shared: &'w [SharedPiece],
    page: &'w Page,
    name: &'w str,
    naming: Naming,
    items: Vec<ImportItem>,
    notes: Vec<String>,
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
    fn item(&mut self, line: usize, file: &str, path: &str, kind: ItemKind, what: String) {
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
        let Some(file) = self.work.find("field", &field, None) else {
            let file = self.work.folder.file(&[&field]);
            self.create(&file, "field", &field, &field, value, line);
            return Ok(file);
        };
        let mut best = None;
        self.find_variant(&file, &["syntax".to_owned()], value, 0, &mut best);
        let Some((_, variant)) = best else {
            self.object(&file, &["syntax".to_owned()], value);
            return Ok(file);
        };
        let reduced: Vec<PEntry> = variant
            .object
            .iter()
            .filter(|e| e.key == variant.tag_key || e.key == variant.tag)
            .cloned()
            .collect();
        let under = format!("{dir}/{}/", variant.folder);
        match self.work.find("variant", &variant.tag, Some(&under)) {
            Some(file) => {
                self.object(&file, &["syntax".to_owned()], &reduced);
                Ok(file)
            }
            None => {
                let file = format!("{under}{}.json", variant.tag);
                self.create(&file, "variant", &variant.tag, &variant.tag, &reduced, line);
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
    fn resolve(&self, file: &str, at: &[String]) -> Option<(String, Vec<String>, Node)> {
        let node = path(self.work.nodes.get(file)?, at)?.clone();
        if let Some(Node::String(name)) = get(&node, "$ref") {
            let shared = self.work.find("shared", name, None)?;
            let at = vec!["syntax".to_owned()];
            let node = path(self.work.nodes.get(&shared)?, &at)?.clone();
            return Some((shared, at, node));
        }
        Some((file.to_owned(), at.to_vec(), node))
    }

    fn row(&self, file: &str, placeholder: &str) -> Option<Node> {
        get(get(self.work.nodes.get(file)?, "parameters")?, placeholder).cloned()
    }

    /// A new spec file for the page's `entries` (a field's value, or a variant's object).
    fn create(
        &mut self,
        file: &str,
        kind: &str,
        name: &str,
        owner: &str,
        entries: &[PEntry],
        line: usize,
    ) {
        let mut drafter = Drafter::new(self.page, self.shared, self.naming, owner, Vec::new());
        let syntax = drafter.object(owner, entries);
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

    /// Compares the page's object with the spec object at `at` in `file`.
    fn object(&mut self, file: &str, at: &[String], entries: &[PEntry]) {
        let Some((file, at, Node::Object(spec))) = self.resolve(file, at) else {
            return;
        };
        let keys = shape::keys(entries);
        let taken = parameter_names(&self.work.nodes[&file]);
        let mut drafter = Drafter::new(self.page, self.shared, self.naming, &owner(&file), taken);
        let mut added: Vec<(String, Node)> = Vec::new();
        let mut renamed: Vec<(String, String)> = Vec::new();
        let mut deeper = Vec::new();
        let shown = |at: &[String], key: &str| {
            let mut p: Vec<&str> = at.iter().map(String::as_str).collect();
            p.push(key);
            p.join(".")
        };
        for key in &keys {
            let optional = key.optional || drafter.described_optional(key);
            let Some((spec_key, spec_value)) = spec_entry(&spec, &key.key) else {
                let node = drafter.value(&Key {
                    optional,
                    ..key.clone()
                });
                let name = if optional {
                    format!("{}?", key.key)
                } else {
                    key.key.clone()
                };
                self.item(
                    key.line,
                    &file,
                    &shown(&at, &name),
                    ItemKind::Add,
                    format!(
                        "{} key `{}`",
                        if optional { "optional" } else { "required" },
                        key.key
                    ),
                );
                added.push((name, node));
                continue;
            };
            let (_, spec_optional) = spellings(spec_key);
            if optional && !spec_optional {
                self.item(
                    key.line,
                    &file,
                    &shown(&at, spec_key),
                    ItemKind::Add,
                    format!("`?`: the page says `{}` is not always sent", key.key),
                );
                renamed.push((spec_key.clone(), format!("{spec_key}?")));
            }
            let mut inner = at.clone();
            inner.push(spec_key.clone());
            deeper.push((inner, spec_value.clone(), key.clone()));
        }
        for (spec_key, _) in spec.iter().filter(|(k, _)| !k.starts_with('$')) {
            let names = spellings(spec_key).0;
            if !keys.iter().any(|k| names.contains(&k.key)) {
                self.item(
                    self.page.syntax_line,
                    &file,
                    &shown(&at, spec_key),
                    ItemKind::NotOnPage,
                    format!("key `{spec_key}` (kept)"),
                );
            }
        }
        let rows = std::mem::take(&mut drafter.rows);
        for (name, _) in &rows {
            let page_row = self.page.rows.iter().find(|r| r.placeholder == *name);
            self.item(
                page_row.map_or(self.page.syntax_line, |r| r.line),
                &file,
                &format!("parameters.{name}"),
                ItemKind::Add,
                format!(
                    "row {name}{}",
                    said(page_row.map(|r| r.description.as_str()))
                ),
            );
        }
        let page = self.name;
        self.notes
            .extend(drafter.notes.drain(..).map(|n| format!("{page}: {n}")));
        if !added.is_empty() || !renamed.is_empty() || !rows.is_empty() {
            let root = self.work.node_mut(&file);
            let keys: Vec<&str> = at.iter().map(String::as_str).collect();
            if let Some(Node::Object(list)) = get_mut(root, &keys) {
                for (from, to) in renamed {
                    if let Some(entry) = list.iter_mut().find(|(k, _)| *k == from) {
                        entry.0 = to;
                    }
                }
                list.extend(added);
            }
            if let Some(Node::Object(list)) = get_mut(root, &["parameters"]) {
                list.extend(rows);
            }
        }
        for (inner, spec_value, key) in deeper {
            self.value(&file, &inner, &spec_value, &key);
        }
    }

    /// Compares a key's value on the page with the spec's.
    fn value(&mut self, file: &str, at: &[String], spec: &Node, key: &Key) {
        let shown = at.join(".");
        match (spec, &key.value) {
            (Node::Object(_), PNode::Object(entries)) => self.object(file, at, entries),
            (Node::Array(items), PNode::Array(page)) => {
                if let (Some(spec_item), Some(item)) = (items.first(), shape::item(page)) {
                    let mut inner = at.to_vec();
                    inner.push("0".to_owned());
                    let key = Key {
                        value: item,
                        ..key.clone()
                    };
                    self.value(file, &inner, &spec_item.clone(), &key);
                }
            }
            (Node::String(s), page) => match (placeholder_name(s), page.placeholder()) {
                (Some(spec_row), Some((page_row, quoted))) => {
                    self.row_values(file, &shown, &spec_row, &page_row, quoted, key)
                }
                (None, Some((page_row, _))) => self.item(
                    key.line,
                    file,
                    &shown,
                    ItemKind::Differs,
                    format!("the page has the placeholder <{page_row}> where the spec has the literal {s:?} (kept)"),
                ),
                (Some(_), None) => {}
                (None, None) => {
                    if let PNode::Str(literal) = page {
                        if literal != s {
                            self.item(
                                key.line,
                                file,
                                &shown,
                                ItemKind::Differs,
                                format!("the page has the literal {literal:?}, the spec {s:?} (kept)"),
                            );
                        }
                    }
                }
            },
            (spec, page) => self.item(
                key.line,
                file,
                &shown,
                ItemKind::Differs,
                format!(
                    "the page shows {}, the spec {} (kept)",
                    shape_name(page),
                    spec.type_name()
                ),
            ),
        }
    }

    /// Compares the page's row `page_row` with the spec's row `spec_row` of `file`: type,
    /// values, nullability.
    fn row_values(
        &mut self,
        file: &str,
        shown: &str,
        spec_row: &str,
        page_row: &str,
        quoted: bool,
        key: &Key,
    ) {
        let Some(spec) = self.row(file, spec_row) else {
            return;
        };
        let page = self.page.rows.iter().find(|r| r.placeholder == page_row);
        let line = page.map_or(key.line, |r| r.line);
        let at = format!("parameters.{spec_row}");
        let spec_type = match get(&spec, "type") {
            Some(Node::String(t)) => t.clone(),
            _ => String::new(),
        };
        let (page_type, _) = shape::row_type(page, page_row, quoted);
        if !shape::covers(&spec_type, page_type) {
            self.item(
                line,
                file,
                &at,
                ItemKind::Differs,
                format!(
                    "type: the page says {page_type} (<{page_row}>), the spec {spec_type} (kept)"
                ),
            );
        }
        let Some(page) = page else { return };
        let page_values: Vec<&str> = page.values.iter().map(|(v, _)| v.as_str()).collect();
        if page_values.contains(&"null") && get(&spec, "nullable") != Some(&Node::Bool(true)) {
            self.item(
                line,
                file,
                &at,
                ItemKind::Add,
                "`nullable`: the page lists null".to_owned(),
            );
            if let Some(Node::Object(row)) =
                get_mut(self.work.node_mut(file), &["parameters", spec_row])
            {
                row.push(("nullable".to_owned(), Node::Bool(true)));
            }
        }
        let listed: Vec<&str> = page_values
            .iter()
            .copied()
            .filter(|v| *v != "null")
            .collect();
        let spec_values: Vec<String> = match get(&spec, "values") {
            Some(Node::Object(values)) => values.iter().map(|(v, _)| v.clone()).collect(),
            _ => {
                if !listed.is_empty() && spec_type == "String" {
                    self.item(
                        line,
                        file,
                        &at,
                        ItemKind::Differs,
                        format!(
                            "the page lists {} value(s); the spec keeps <{spec_row}> a free string",
                            listed.len()
                        ),
                    );
                }
                return;
            }
        };
        let new: Vec<&str> = listed
            .iter()
            .copied()
            .filter(|v| !spec_values.iter().any(|s| s == v))
            .collect();
        for value in &new {
            let meaning = page
                .values
                .iter()
                .find(|(v, _)| v == value)
                .map(|(_, m)| m.as_str());
            self.item(
                line,
                file,
                &format!("{at}.values"),
                ItemKind::Add,
                format!("value {value:?} of `{shown}`{}", said(meaning)),
            );
        }
        if !new.is_empty() {
            if let Some(Node::Object(values)) = get_mut(
                self.work.node_mut(file),
                &["parameters", spec_row, "values"],
            ) {
                if let Node::Object(more) = super::draft::todo_values(&new) {
                    values.extend(more);
                }
            }
        }
        if !listed.is_empty() {
            for value in spec_values.iter().filter(|v| !listed.contains(&v.as_str())) {
                self.item(
                    line,
                    file,
                    &format!("{at}.values"),
                    ItemKind::NotOnPage,
                    format!("value {value:?} (kept)"),
                );
            }
        }
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

/// What the page says of a row or value, for the maintainer writing its description (the
/// report shows Meta's words; the spec file never gets them).
fn said(text: Option<&str>) -> String {
    match text {
        Some(text) if !text.is_empty() => format!("; the page says: {text:?}"),
        _ => String::new(),
    }
}

fn shape_name(node: &PNode) -> &'static str {
    match node {
        PNode::Object(_) => "an object",
        PNode::Array(_) => "an array",
        PNode::Str(_) | PNode::Bare(_) => "a value",
        PNode::Scalar(_) => "a literal value",
    }
}
