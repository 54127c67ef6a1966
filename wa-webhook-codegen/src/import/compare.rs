//! A page's object against the spec's, key by key: keys, optionality, nullability, literals,
//! nested objects and arrays, and each placeholder's row (type, values, example) compared, what
//! the page adds applied to the working copy and reported, what differs or is gone reported.

use super::draft::Drafter;
use super::instances::Instances;
use super::pseudo::{PEntry, PNode};
use super::reconcile::Run;
use super::shape::{self, Key};
use super::work::{owner, placeholder_name, spec_entry, spellings};
use super::ItemKind;
use crate::edit::{get, get_mut, parameter_names};
use crate::node::Node;

impl Run<'_, '_> {
    /// Compares the page's object with the spec object at `at` in `file`; `json` is the object's
    /// path of keys from the value the page's example `instances` hold.
    pub(super) fn object(
        &mut self,
        file: &str,
        at: &[String],
        json: &[String],
        entries: &[PEntry],
        instances: &Instances<'_>,
    ) {
        let Some((file, at, Node::Object(spec))) = self.resolve(file, at) else {
            return;
        };
        let keys = shape::keys(entries);
        let taken = parameter_names(&self.work.nodes[&file]);
        let mut drafter = Drafter::new(self.page, self.shared, self.naming, &owner(&file), taken)
            .seen_in(instances, json.to_vec())
            .sharing(self.work.value_lists(), &file);
        let mut added: Vec<(String, Node)> = Vec::new();
        let mut renamed: Vec<(String, String)> = Vec::new();
        let mut deeper = Vec::new();
        let shown = |at: &[String], key: &str| {
            let mut p: Vec<&str> = at.iter().map(String::as_str).collect();
            p.push(key);
            p.join(".")
        };
        for key in &keys {
            let said_so = key.optional || drafter.described_optional(key);
            let optional = said_so || drafter.optional(key);
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
                    if said_so {
                        format!("`?`: the page says `{}` is not always sent", key.key)
                    } else {
                        format!("`?`: an example of the page leaves `{}` out", key.key)
                    },
                );
                renamed.push((spec_key.clone(), format!("{spec_key}?")));
            }
            let mut inner = at.clone();
            inner.push(spec_key.clone());
            let mut inner_json = json.to_vec();
            inner_json.push(key.key.clone());
            deeper.push((inner, inner_json, spec_value.clone(), key.clone()));
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
        for (inner, inner_json, spec_value, key) in deeper {
            self.value(&file, &inner, &inner_json, &spec_value, &key, instances);
        }
    }

    /// Compares a key's value on the page with the spec's (`json` as for [`Run::object`]).
    fn value(
        &mut self,
        file: &str,
        at: &[String],
        json: &[String],
        spec: &Node,
        key: &Key,
        instances: &Instances<'_>,
    ) {
        let shown = at.join(".");
        match (spec, &key.value) {
            (Node::Object(_), PNode::Object(entries)) => {
                self.object(file, at, json, entries, instances)
            }
            (Node::Array(items), PNode::Array(page)) => {
                if let (Some(spec_item), Some(item)) = (items.first(), shape::item(page)) {
                    let mut inner = at.to_vec();
                    inner.push("0".to_owned());
                    let key = Key {
                        value: item,
                        ..key.clone()
                    };
                    self.value(file, &inner, json, &spec_item.clone(), &key, instances);
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
        let Some(mut spec) = self.row(file, spec_row) else {
            return;
        };
        // A row sharing another's values (`values_of`) is compared, and added to, there.
        let home;
        let (file, spec_row) = match get(&spec, "values_of") {
            Some(Node::String(target)) => {
                let dir = &self.work.folder.dir;
                home = crate::share::values_home(dir, file, spec_row, Some(target));
                spec = match self.row(&home.0, &home.1) {
                    Some(row) => row,
                    None => return,
                };
                (home.0.as_str(), home.1.as_str())
            }
            _ => (file, spec_row),
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
            .filter(|v| {
                !spec_values
                    .iter()
                    .any(|s| crate::ast::value_spellings(s).any(|s| s == *v))
            })
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
                super::draft::add_todo_values(values, &new);
            }
        }
        if !listed.is_empty() {
            let on_page = |v: &String| crate::ast::value_spellings(v).any(|s| listed.contains(&s));
            for value in spec_values.iter().filter(|v| !on_page(v)) {
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
