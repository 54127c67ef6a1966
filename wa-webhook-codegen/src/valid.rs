//! Validation: every check on the specs, in one stage, before anything is expanded.
//!
//! Each error names the file and the key path and says what was meant where that helps. All
//! errors are collected; expansion runs only on a folder that passed.

use crate::ast::{Kind, Object, ParamType, Parameter, Shape, Spec};
use crate::ctxt::Ctxt;
use crate::model::Model;
use crate::name;
use crate::node::Node;
use std::collections::{BTreeMap, BTreeSet};

/// Checks every spec and groups them into a [`Model`]. `None` if there is no usable envelope.
pub fn validate<'a>(cx: &Ctxt, dir: &str, specs: &'a [Spec]) -> Option<Model<'a>> {
    let model = group(cx, dir, specs)?;
    for spec in specs {
        check_spec(cx, &model, spec);
    }
    check_module_names(cx, &model);
    for spec in specs {
        for (i, example) in spec.examples.iter().enumerate() {
            let path = format!("examples[{i}].payload");
            let checker = Examples {
                cx,
                model: &model,
                file: &spec.file,
            };
            checker.object(
                model.envelope,
                &model.envelope.syntax,
                &example.payload,
                &path,
            );
        }
    }
    Some(model)
}

/// Sorts specs into roles; reports a name claimed twice.
fn group<'a>(cx: &Ctxt, dir: &str, specs: &'a [Spec]) -> Option<Model<'a>> {
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
            Kind::MessageType(_) => (3, "message type"),
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
            Kind::MessageType(_) => variants.entry(spec.folder(dir)).or_default().push(spec),
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

fn check_spec(cx: &Ctxt, model: &Model, spec: &Spec) {
    let file = &spec.file;
    let mut used: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    walk(cx, model, spec, &spec.syntax, true, &mut used);

    for (placeholder, paths) in &used {
        if spec.parameter(placeholder).is_none() {
            let rows: Vec<&str> = spec.parameters.iter().map(|(n, _)| n.as_str()).collect();
            let hint = name::closest(placeholder, &rows)
                .map(|r| format!("; did you mean <{r}>?"))
                .unwrap_or_default();
            for path in paths {
                cx.error(
                    file,
                    *path,
                    format!("placeholder <{placeholder}> has no row in `parameters`{hint}"),
                );
            }
        }
    }
    for (row, param) in &spec.parameters {
        let at = format!("parameters.{row}");
        if !used.contains_key(row.as_str()) {
            let unused: Vec<&str> = used
                .keys()
                .copied()
                .filter(|p| spec.parameter(p).is_none())
                .collect();
            let hint = name::closest(row, &unused)
                .map(|p| format!("; the syntax uses <{p}>, is that this row?"))
                .unwrap_or_default();
            cx.error(file, &at, format!("no key in `syntax` uses <{row}>{hint}"));
        }
        check_parameter(cx, model, spec, &at, param);
    }

    if let Kind::MessageType(ty) = &spec.kind {
        match spec.syntax.key("type").map(|k| &k.shape) {
            Some(Shape::Literal(lit)) if lit == ty => {}
            Some(_) => cx.error(file, "syntax.type", format!("must be the literal \"{ty}\", the message type this file describes")),
            None => cx.error(file, "syntax", format!("a message type's syntax is the message object: write `\"type\": \"{ty}\"` and the payload under `\"{ty}\"`")),
        }
        for key in spec.syntax.keys.iter().filter(|k| k.name != "type") {
            if key.name != *ty {
                cx.error(
                    file,
                    &key.path,
                    format!(
                        "the payload of message type `{ty}` sits under the key `{ty}`, not `{}`",
                        key.name
                    ),
                );
            }
        }
    }
    if spec.kind == Kind::Envelope && !has_change(spec, &spec.syntax) {
        cx.error(
            file,
            "syntax",
            "the envelope needs a key whose parameter has type `Change` (the `changes[]` items)",
        );
    }
}

fn has_change(spec: &Spec, object: &Object) -> bool {
    object.keys.iter().any(|k| shape_has_change(spec, &k.shape))
}

fn shape_has_change(spec: &Spec, shape: &Shape) -> bool {
    match shape {
        Shape::Placeholder(p) => spec.param_type(p) == Some(ParamType::Change),
        Shape::Object(o) => has_change(spec, o),
        Shape::Array(inner) => shape_has_change(spec, inner),
        Shape::Literal(_) | Shape::Ref(_) => false,
    }
}

/// Walks the syntax: records placeholder uses, checks refs, docs and field names.
fn walk<'s>(
    cx: &Ctxt,
    model: &Model,
    spec: &'s Spec,
    object: &'s Object,
    root: bool,
    used: &mut BTreeMap<&'s str, Vec<&'s str>>,
) {
    let file = &spec.file;
    let mut fields: BTreeMap<String, &str> = BTreeMap::new();
    let mut discriminators = 0;
    for key in &object.keys {
        let rust = name::field_name(&key.name);
        if rust == name::EXTRA_FIELD {
            cx.error(file, &key.path, format!("the Rust field `{}` holds unknown keys in every struct; this key needs the object to be renamed around it (not supported yet)", name::EXTRA_FIELD));
        }
        if let Some(first) = fields.insert(rust.clone(), &key.name) {
            cx.error(
                file,
                &key.path,
                format!(
                    "keys `{first}` and `{}` both become the Rust field `{rust}`",
                    key.name
                ),
            );
        }
        if !key.aliases.is_empty() {
            let spelling = name::spelling_field(&key.name);
            if let Some(first) = fields.insert(spelling.clone(), &key.name) {
                cx.error(
                    file,
                    &key.path,
                    format!("the key `{first}` becomes the Rust field `{spelling}`, which records the spelling received of `{}`", key.name),
                );
            }
        }
        if let Shape::Placeholder(p) = &key.shape {
            if spec.param_type(p) == Some(ParamType::Discriminator) {
                discriminators += 1;
            }
        }
        shape(cx, model, spec, key.path.as_str(), &key.shape, used);
    }
    if discriminators > 1 {
        cx.error(
            file,
            "syntax",
            "an object has at most one discriminator key",
        );
    }
    if !root && object.doc.as_deref().is_none_or(|d| d.trim().is_empty()) {
        let at = object
            .keys
            .first()
            .map(|k| k.path.rsplit_once('.').map_or("", |(p, _)| p))
            .unwrap_or("syntax");
        cx.error(
            file,
            at,
            "nested object has no `$doc`; say what it is (it becomes the struct's doc)",
        );
    }
}

fn shape<'s>(
    cx: &Ctxt,
    model: &Model,
    spec: &'s Spec,
    path: &'s str,
    shape: &'s Shape,
    used: &mut BTreeMap<&'s str, Vec<&'s str>>,
) {
    match shape {
        Shape::Placeholder(p) => used.entry(p.as_str()).or_default().push(path),
        Shape::Literal(_) => {}
        Shape::Object(o) => walk(cx, model, spec, o, false, used),
        Shape::Array(inner) => self::shape(cx, model, spec, path, inner, used),
        Shape::Ref(target) => {
            if !model.shared.contains_key(target.as_str()) {
                let known: Vec<&str> = model.shared.keys().copied().collect();
                let hint = name::closest(target, &known)
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_default();
                cx.error(
                    &spec.file,
                    path,
                    format!("`$ref` to unknown shared piece `{target}`{hint}"),
                );
            }
        }
    }
}

fn check_parameter(cx: &Ctxt, model: &Model, spec: &Spec, at: &str, param: &Parameter) {
    let file = &spec.file;
    if param
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        cx.error(
            file,
            format!("{at}.description"),
            "missing: every parameter says what it means (it becomes the field's doc)",
        );
    }
    let Some(ty) = ParamType::from_name(&param.ty) else {
        let hint = name::closest(&param.ty, ParamType::NAMES)
            .map(|t| format!("did you mean `{t}`? "))
            .unwrap_or_default();
        cx.error(
            file,
            format!("{at}.type"),
            format!(
                "unknown type `{}`; {hint}known types: {}",
                param.ty,
                ParamType::NAMES.join(", ")
            ),
        );
        return;
    };
    match (ty, &param.variants) {
        (ParamType::Discriminator, None) => cx.error(file, format!("{at}.variants"), "a `Discriminator` names the folder of its variant specs (`\"variants\": \"messages\"`)"),
        (ParamType::Discriminator, Some(folder)) if !model.variants.contains_key(folder) => {
            cx.error(file, format!("{at}.variants"), format!("no message-type spec lives in `{}/{folder}`", model.dir))
        }
        (ParamType::Discriminator, Some(_)) => {}
        (_, Some(_)) => cx.error(file, format!("{at}.variants"), "only a `Discriminator` has variants"),
        (_, None) => {}
    }
    if ty == ParamType::Change && spec.kind != Kind::Envelope {
        cx.error(
            file,
            format!("{at}.type"),
            "`Change` is the envelope's dispatch point; use it only in the envelope spec",
        );
    }
    if let Some(values) = &param.values {
        match ty {
            ParamType::String => {}
            ParamType::Integer => {
                for (code, _) in &values.0 {
                    if code.parse::<i64>().is_err() {
                        cx.error(
                            file,
                            format!("{at}.values.{code}"),
                            "an `Integer` row lists integer codes",
                        );
                    }
                }
            }
            _ => cx.error(
                file,
                format!("{at}.values"),
                format!(
                    "enumerated values are strings (or integer codes); this row's type is `{}`",
                    param.ty
                ),
            ),
        }
        check_values(cx, file, at, param, &values.0);
    } else if !param.rename.0.is_empty() {
        cx.error(
            file,
            format!("{at}.rename"),
            "only rows with `values` have Rust names to rename",
        );
    }
    if let Some(example) = &param.example {
        let at = format!("{at}.example");
        match (param.enum_values(), example) {
            (Some(values), Node::String(s)) if !values.iter().any(|(v, _)| v == s) => {
                let list: Vec<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
                cx.error(
                    file,
                    at,
                    format!("{example} is not one of {}", list.join(", ")),
                );
            }
            _ => {
                if let Err(msg) = fits(ty, param.nullable, example) {
                    cx.error(file, at, msg);
                }
            }
        }
    }
}

fn check_values(cx: &Ctxt, file: &str, at: &str, param: &Parameter, values: &[(String, String)]) {
    let mut seen = BTreeSet::new();
    let mut rust: BTreeMap<String, &str> = BTreeMap::new();
    rust.insert(name::CATCH_ALL.to_owned(), "the catch-all");
    for (value, description) in values {
        let vat = format!("{at}.values.{value}");
        if !seen.insert(value.as_str()) {
            cx.error(file, &vat, "listed twice");
            continue;
        }
        if description.trim().is_empty() {
            cx.error(
                file,
                &vat,
                "no description; say what the value means (it becomes the variant's doc)",
            );
        }
        let renamed = param
            .rename
            .0
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, n)| n.clone());
        let variant = renamed.unwrap_or_else(|| name::type_name(value));
        if let Some(first) = rust.insert(variant.clone(), value) {
            let first = if first == "the catch-all" {
                first.to_owned()
            } else {
                format!("{first:?}")
            };
            cx.error(file, &vat, format!("{value:?} and {first} both become the variant `{variant}`; add `\"rename\": {{\"{value}\": \"{variant}2\"}}` (or another name) to the row"));
        }
    }
    for (value, _) in &param.rename.0 {
        if !values.iter().any(|(v, _)| v == value) {
            cx.error(
                file,
                format!("{at}.rename.{value}"),
                "renames a value the row does not list",
            );
        }
    }
}

/// Whether a JSON value fits a parameter type (lenient types take both wire forms).
fn fits(ty: ParamType, nullable: bool, node: &Node) -> Result<(), String> {
    let ok = match (ty, node) {
        (_, Node::Null) => nullable,
        (ParamType::String, Node::String(_)) => true,
        (ParamType::Integer | ParamType::Timestamp, Node::Number(n)) => n.is_i64() || n.is_u64(),
        (ParamType::Integer | ParamType::Timestamp, Node::String(s)) => s.parse::<i64>().is_ok(),
        (ParamType::Number, Node::Number(_)) => true,
        (ParamType::Number, Node::String(s)) => s.parse::<f64>().is_ok(),
        (ParamType::Boolean, Node::Bool(_)) => true,
        (ParamType::Text, Node::String(_) | Node::Number(_)) => true,
        (ParamType::Json | ParamType::Change, _) => true,
        (ParamType::Discriminator, Node::String(_)) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        let null = if nullable { " or null" } else { "" };
        Err(format!(
            "{node} is {}, which does not fit type `{ty:?}`{null}",
            node.type_name()
        ))
    }
}

/// Names must be unique per module: structs from object keys, enums from placeholders.
fn check_module_names(cx: &Ctxt, model: &Model) {
    for spec in std::iter::once(model.envelope)
        .chain(model.shared.values().copied())
        .chain(model.fields.iter().copied())
        .chain(model.variants.values().flatten().copied())
    {
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        let mut claim = |name: String, what: String, path: &str| {
            if let Some(first) = names.insert(name.clone(), what.clone()) {
                cx.error(
                    &spec.file,
                    path,
                    format!(
                        "{what} and {first} both become `{name}` in the module; give one a `$name`"
                    ),
                );
            }
        };
        for (row, param) in &spec.parameters {
            if param.enum_values().is_some() {
                claim(
                    name::type_name(row),
                    format!("the values of <{row}>"),
                    &format!("parameters.{row}"),
                );
            }
        }
        crate::model::each_object(spec, &mut |obj, key, path| {
            claim(
                crate::model::struct_name(spec, obj, key),
                format!("the object at `{path}`"),
                path,
            );
        });
    }
}

/// Checks example payloads against the syntax they claim to follow.
struct Examples<'a> {
    cx: &'a Ctxt,
    model: &'a Model<'a>,
    file: &'a str,
}

impl Examples<'_> {
    fn error(&self, path: &str, message: String) {
        self.cx.error(self.file, path, message);
    }

    fn object(&self, spec: &Spec, object: &Object, node: &Node, path: &str) {
        let Node::Object(entries) = node else {
            return self.error(
                path,
                format!("expected an object, found {}", node.type_name()),
            );
        };
        let mut allowed: Vec<(&Spec, &crate::ast::Key)> =
            object.keys.iter().map(|k| (spec, k)).collect();
        if let Some((disc, folder)) = spec.discriminator(object) {
            let tag = entries.iter().find(|(k, _)| k == disc).map(|(_, v)| v);
            let variants = self.model.variants_in(&folder);
            if tag.is_none() {
                // An optional tag left out: the runtime takes the type from the first payload
                // key present, in the folder's order; so does the check.
                let inferred = variants.iter().find(|v| {
                    v.payload()
                        .is_some_and(|p| entries.iter().any(|(k, _)| p.is_spelled(k)))
                });
                allowed.extend(inferred.and_then(|v| v.payload().map(|k| (*v, k))));
            }
            if let Some(Node::String(tag)) = tag {
                match self
                    .model
                    .variants_in(&folder)
                    .iter()
                    .find(|s| s.name() == tag)
                {
                    Some(variant) => allowed.extend(variant.payload().map(|k| (*variant, k))),
                    None => self.error(
                        &format!("{path}.{disc}"),
                        format!("{tag:?} has no spec in {}/{folder}", self.model.dir),
                    ),
                }
            }
        }
        for (key, value) in entries {
            let at = format!("{path}.{key}");
            match allowed.iter().find(|(_, k)| k.is_spelled(key)) {
                Some((owner, k)) => self.shape(owner, &k.shape, value, &at),
                None => self.error(
                    &at,
                    format!("key `{key}` is not in the syntax of {}", spec.file),
                ),
            }
        }
        for (owner, k) in &allowed {
            if !k.optional && !entries.iter().any(|(key, _)| k.is_spelled(key)) {
                self.error(path, format!("missing key `{}`, which {} marks required (write `\"{}?\"` if it can be absent)", k.name, owner.file, k.name));
            }
        }
    }

    fn shape(&self, spec: &Spec, shape: &Shape, node: &Node, path: &str) {
        match shape {
            Shape::Object(o) => self.object(spec, o, node, path),
            Shape::Ref(target) => {
                if let Some(shared) = self.model.shared.get(target.as_str()) {
                    self.object(shared, &shared.syntax, node, path);
                }
            }
            Shape::Array(inner) => match node {
                Node::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.shape(spec, inner, item, &format!("{path}[{i}]"));
                    }
                }
                other => self.error(
                    path,
                    format!("expected an array, found {}", other.type_name()),
                ),
            },
            Shape::Literal(lit) => {
                if !matches!(node, Node::String(s) if s == lit) {
                    self.error(path, format!("expected the literal {lit:?}, found {node}"));
                }
            }
            Shape::Placeholder(p) => self.placeholder(spec, p, node, path),
        }
    }

    fn placeholder(&self, spec: &Spec, placeholder: &str, node: &Node, path: &str) {
        let Some(param) = spec.parameter(placeholder) else {
            return;
        };
        let Some(ty) = ParamType::from_name(&param.ty) else {
            return;
        };
        if let Err(msg) = fits(ty, param.nullable, node) {
            return self.error(path, msg);
        }
        if let (Some(values), Node::String(s)) = (param.enum_values(), node) {
            if !values.iter().any(|(v, _)| v == s) {
                let list: Vec<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
                self.error(
                    path,
                    format!(
                        "{node} is not one of {} (<{placeholder}> in {})",
                        list.join(", "),
                        spec.file
                    ),
                );
            }
        }
        if ty == ParamType::Change {
            self.change(node, path);
        }
    }

    fn change(&self, node: &Node, path: &str) {
        let Node::Object(entries) = node else {
            return self.error(
                path,
                format!("a change is an object, found {}", node.type_name()),
            );
        };
        let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
        let (Some(Node::String(field)), Some(value)) = (get("field"), get("value")) else {
            return self.error(
                path,
                "a change has a string `field` and a `value`".to_owned(),
            );
        };
        for (key, _) in entries.iter().filter(|(k, _)| k != "field" && k != "value") {
            self.error(
                &format!("{path}.{key}"),
                format!("key `{key}` is not part of a change (only `field` and `value`)"),
            );
        }
        match self.model.field(field) {
            Some(spec) => self.object(spec, &spec.syntax, value, &format!("{path}.value")),
            None => self.error(
                &format!("{path}.field"),
                format!("no spec describes the field {field:?}"),
            ),
        }
    }
}
