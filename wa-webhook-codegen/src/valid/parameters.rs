//! Parameter rows: a known type, a description, values only where they mean something (string
//! enums, integer codes), each value listed once with its meaning and a distinct Rust name,
//! renames of listed values only, and an example that fits the type and the values.

use crate::ast::{Kind, ParamType, Parameter, Spec};
use crate::ctxt::Ctxt;
use crate::model::Model;
use crate::name;
use crate::node::Node;
use std::collections::{BTreeMap, BTreeSet};

/// Values by variant: listed values, each given to one variant at most (which variants the
/// object's discriminator has is checked with the object, in `syntax`).
fn check_values_by_variant(cx: &Ctxt, spec: &Spec, at: &str, param: &Parameter) {
    if param.values_by_variant.0.is_empty() {
        return;
    }
    let at = format!("{at}.values_by_variant");
    if param.enum_values().is_none() || param.nullable {
        return cx.error(
            &spec.file,
            at,
            "only a `String` row that lists its values (and is not `nullable`) gives some of them to variants",
        );
    }
    let mut given = BTreeSet::new();
    for (variant, values) in &param.values_by_variant.0 {
        for (i, value) in values.iter().enumerate() {
            let here = format!("{at}.{variant}[{i}]");
            if !param.lists(value) {
                cx.error(
                    &spec.file,
                    here,
                    format!("{value:?} is not one of the row's values"),
                );
            } else if !given.insert(value.as_str()) {
                cx.error(
                    &spec.file,
                    here,
                    format!(
                        "{value:?} is given to a variant twice; a value belongs to one variant"
                    ),
                );
            }
        }
    }
}

/// A default variant: a variant of the discriminator's folder whose payload is optional or
/// absent (it holds when no payload key is present).
fn check_default(
    cx: &Ctxt,
    model: &Model,
    spec: &Spec,
    at: &str,
    ty: ParamType,
    param: &Parameter,
    default: &str,
) {
    let at = format!("{at}.default");
    let (ParamType::Discriminator, Some(folder)) = (ty, &param.variants) else {
        return cx.error(
            &spec.file,
            at,
            "only a `Discriminator` has a default variant",
        );
    };
    let variants = model.variants_in(folder);
    match variants.iter().find(|v| v.name() == default) {
        None => {
            let names: Vec<&str> = variants.iter().map(|v| v.name()).collect();
            cx.error(
                &spec.file,
                at,
                format!(
                    "`{default}` is no variant in `{}/{folder}` (its variants: {})",
                    model.dir,
                    names.join(", ")
                ),
            );
        }
        Some(variant) if variant.payload().is_some_and(|p| !p.optional) => cx.error(
            &spec.file,
            at,
            format!(
                "the default variant holds when no payload key is present, so its payload is optional or absent: `{default}` ({}) requires the payload key `{default}` (write `\"{default}?\"`)",
                variant.file
            ),
        ),
        Some(_) => {}
    }
}

pub(super) fn check_parameter(cx: &Ctxt, model: &Model, spec: &Spec, at: &str, param: &Parameter) {
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
    if let Some(default) = &param.default {
        check_default(cx, model, spec, at, ty, param, default);
    }
    check_values_by_variant(cx, spec, at, param);
    if let Some(role) = &param.role {
        match crate::role::find_role(role) {
            None => {
                let names: Vec<&str> = crate::role::ROLES.iter().map(|r| r.name).collect();
                let hint = name::closest(role, &names)
                    .map(|r| format!("did you mean `{r}`? "))
                    .unwrap_or_default();
                cx.error(
                    file,
                    format!("{at}.role"),
                    format!(
                        "unknown role `{role}`; {hint}known roles: {}",
                        names.join(", ")
                    ),
                );
            }
            Some(def) if def.ty != ty => cx.error(
                file,
                format!("{at}.role"),
                format!(
                    "the role `{role}` names a `{}` key; this row is `{}`",
                    def.ty.name(),
                    ty.name()
                ),
            ),
            Some(_) => {}
        }
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
    check_order(cx, file, at, param, ty);
    if let Some(example) = &param.example {
        let at = format!("{at}.example");
        match (param.enum_values(), example) {
            (Some(values), Node::String(s)) if !param.lists(s) => {
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
        let spellings: Vec<&str> = crate::ast::value_spellings(value).collect();
        if spellings.iter().any(|s| s.is_empty()) {
            cx.error(
                file,
                &vat,
                "an empty spelling; write `\"FAILED|Failed\"` for a value Meta spells in two ways",
            );
            continue;
        }
        if param.param_type() != Some(crate::ast::ParamType::String) && spellings.len() > 1 {
            cx.error(
                file,
                &vat,
                "only a `String` row's values have other spellings",
            );
            continue;
        }
        if let Some(twice) = spellings.iter().find(|s| !seen.insert(**s)) {
            cx.error(file, &vat, format!("{twice:?} listed twice"));
            continue;
        }
        if description.trim().is_empty() {
            cx.error(
                file,
                &vat,
                "no description; say what the value means (it becomes the variant's doc)",
            );
        }
        let variant = name::value_variant(param, value);
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

/// `order` and `final`: only on a `String` row that lists its values (a row sharing another's
/// values shares its order), each name one of them (any of its spellings), none twice.
fn check_order(cx: &Ctxt, file: &str, at: &str, param: &Parameter, ty: ParamType) {
    let lists = [("order", &param.order), ("final", &param.finals)];
    if lists.iter().all(|(_, list)| list.is_none()) {
        return;
    }
    if ty != ParamType::String || param.values.is_none() || param.values_of.is_some() {
        let key = if param.order.is_some() {
            "order"
        } else {
            "final"
        };
        cx.error(
            file,
            format!("{at}.{key}"),
            "only a `String` row that lists its `values` gives them an order (a row with `values_of` shares its row's order)",
        );
        return;
    }
    let mut seen = BTreeSet::new();
    for (key, list) in lists {
        for (i, value) in list.iter().flatten().enumerate() {
            let Some(canonical) = param.canonical_of(value) else {
                let listed: Vec<&str> = param
                    .enum_values()
                    .unwrap_or_default()
                    .iter()
                    .map(|(v, _)| crate::ast::canonical_value(v))
                    .collect();
                cx.error(
                    file,
                    format!("{at}.{key}[{i}]"),
                    format!(
                        "{value:?} is not one of the row's values ({})",
                        listed.join(", ")
                    ),
                );
                continue;
            };
            if !seen.insert(canonical) {
                cx.error(
                    file,
                    format!("{at}.{key}[{i}]"),
                    format!("{value:?} is in `order` or `final` twice; a value has one place"),
                );
            }
        }
    }
}

/// Whether a JSON value fits a parameter type (lenient types take both wire forms).
pub(super) fn fits(ty: ParamType, nullable: bool, node: &Node) -> Result<(), String> {
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
