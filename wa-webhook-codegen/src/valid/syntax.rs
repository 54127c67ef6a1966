//! The Syntax block: every placeholder has a row and every row is used; `$ref`s name shared
//! pieces; nested objects say what they are; keys give distinct Rust fields; a variant's syntax
//! is its tag and the payload under the key of its name; the envelope has a change.

use super::parameters::check_parameter;
use crate::ast::{Kind, Object, ParamType, Shape, Spec};
use crate::ctxt::Ctxt;
use crate::model::Model;
use crate::name;
use std::collections::BTreeMap;

pub(super) fn check_spec(cx: &Ctxt, model: &Model, spec: &Spec) {
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

    if let Kind::Variant(name) = &spec.kind {
        // A variant's syntax is its tag (a literal of its name, under the key its discriminator
        // reads; checked in `check_tags`) and its payload under the key of its name.
        for key in &spec.syntax.keys {
            let is_tag = matches!(&key.shape, Shape::Literal(lit) if lit == name);
            if !is_tag && key.name != *name {
                cx.error(
                    file,
                    &key.path,
                    format!(
                        "a variant's syntax holds its tag (`\"<tag key>\": \"{name}\"`) and its payload under the key `{name}`; `{}` is neither",
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
    // Every Rust field of the struct, by the key it comes from: distinct, or rustc would fail.
    let mut fields: BTreeMap<String, &str> = BTreeMap::new();
    let mut discriminators = 0;
    let tag = spec.discriminator(object).map(|(tag, _)| tag);
    for key in &object.keys {
        if Some(key.name.as_str()) == tag {
            // The tag is no field of its own: it becomes `kind` (and `<tag>_omitted`).
            for (rust, what) in [
                (name::KIND_FIELD.to_owned(), "the typed variant"),
                (
                    name::omitted_field(&key.name),
                    "whether the tag was left out",
                ),
            ] {
                if rust != name::KIND_FIELD && !key.optional {
                    continue;
                }
                if let Some(first) = fields.insert(rust.clone(), &key.name) {
                    cx.error(file, &key.path, format!("the Rust field `{rust}` holds {what} of the discriminator `{}`, and the key `{first}` becomes a field of the same name", key.name));
                }
            }
            discriminators += 1;
            shape(cx, model, spec, key.path.as_str(), &key.shape, used);
            continue;
        }
        let rust = name::field_name(&key.name);
        if rust == name::EXTRA_FIELD {
            cx.error(file, &key.path, format!("the Rust field `{}` holds unknown keys in every struct; this key needs the object to be renamed around it (not supported yet)", name::EXTRA_FIELD));
        }
        if let Some(first) = fields.insert(rust.clone(), &key.name) {
            let message = if Some(first) == tag {
                format!("the key `{}` becomes the Rust field `{rust}`, which holds the typed variant of the discriminator `{first}`", key.name)
            } else {
                format!(
                    "keys `{first}` and `{}` both become the Rust field `{rust}`",
                    key.name
                )
            };
            cx.error(file, &key.path, message);
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

/// A key whose row gives values to variants sits in an object told apart by a discriminator,
/// and names that discriminator's variants.
pub(super) fn check_values_by_variant(cx: &Ctxt, model: &Model) {
    for spec in model.all() {
        crate::model::each_object(spec, &mut |object, _, at| {
            let folder = spec.discriminator(object).map(|(_, folder)| folder);
            for key in &object.keys {
                let Shape::Placeholder(placeholder) = &key.shape else {
                    continue;
                };
                let Some(param) = spec.parameter(placeholder) else {
                    continue;
                };
                for (variant, _) in &param.values_by_variant.0 {
                    let here = format!("parameters.{placeholder}.values_by_variant.{variant}");
                    match &folder {
                        None => cx.error(&spec.file, here, format!("`{}` at {at} is in an object with no discriminator: its values cannot belong to variants", key.name)),
                        Some(folder) if !model.variants_in(folder).iter().any(|v| v.name() == variant) => {
                            cx.error(&spec.file, here, format!("`{variant}` is no variant in `{}/{folder}`", model.dir));
                        }
                        Some(_) => {}
                    }
                }
            }
        });
    }
}

/// Each variant carries its tag under the key its discriminators read: `"type": "reaction"` for
/// the variants of a `type` discriminator, whatever that key is called.
pub(super) fn check_tags(cx: &Ctxt, model: &Model) {
    let mut readers: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for spec in model.all() {
        crate::model::each_object(spec, &mut |object, _, _| {
            let Some((tag, folder)) = spec.discriminator(object) else {
                return;
            };
            if let Some((first_tag, first_file)) = readers.get(&folder) {
                if *first_tag != tag {
                    cx.error(&spec.file, "syntax", format!("the variants in `{folder}` are selected by the key `{tag}` here and by `{first_tag}` in {first_file}; a folder of variants has one tag key"));
                }
                return;
            }
            // A default variant stands for an object without the tag: the tag may be left out.
            let tag_key = object.key(tag);
            let defaulted = tag_key
                .and_then(|k| match &k.shape {
                    Shape::Placeholder(p) => spec.parameter(p)?.default.as_ref(),
                    _ => None,
                })
                .is_some();
            if defaulted && tag_key.is_some_and(|k| !k.optional) {
                cx.error(&spec.file, "syntax", format!("`{tag}` has a default variant, which holds when `{tag}` is left out: write `\"{tag}?\"`"));
            }
            readers.insert(folder.clone(), (tag, &spec.file));
            for variant in model.variants_in(&folder) {
                let name = variant.name();
                match variant.syntax.key(tag).map(|k| &k.shape) {
                    Some(Shape::Literal(lit)) if lit == name => {}
                    _ => cx.error(&variant.file, "syntax", format!("its discriminator in {} reads the key `{tag}`: write `\"{tag}\": \"{name}\"`", spec.file)),
                }
            }
        });
    }
}
