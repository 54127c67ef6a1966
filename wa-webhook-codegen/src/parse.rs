//! From the raw file to the spec model: the Syntax block becomes [`Shape`]s.
//!
//! Only the form of each node is checked here (an array has one element, `$` keys are known);
//! everything that needs another file or the parameter table is `valid.rs`'s job.

use crate::ast::{self, Key, Kind, Object, RawSpec, Shape, Spec};
use crate::ctxt::Ctxt;
use crate::node::Node;

/// Builds the spec model of one file.
pub fn spec(cx: &Ctxt, file: &str, kind: Kind, raw: RawSpec) -> Spec {
    let summary = raw.summary.unwrap_or_default();
    if summary.trim().is_empty() {
        cx.error(file, "summary", "missing: every spec says in one paragraph what it is about (it becomes the module's doc)");
    }
    let syntax = match &raw.syntax {
        Node::Object(entries) => object(cx, file, "syntax", entries),
        other => {
            cx.error(
                file,
                "syntax",
                format!("must be an object, found {}", other.type_name()),
            );
            Object::default()
        }
    };
    let mut parameters = Vec::new();
    for (name, param) in raw.parameters.0 {
        if parameters.iter().any(|(n, _)| *n == name) {
            cx.error(
                file,
                format!("parameters.{name}"),
                "listed twice; each placeholder has exactly one row",
            );
            continue;
        }
        parameters.push((name, param));
    }
    if !raw.aliases.is_empty() && !matches!(kind, Kind::Field(_)) {
        cx.error(
            file,
            "aliases",
            "only a field spec has aliases (other names of the webhook field)",
        );
    }
    if raw.standby && !matches!(kind, Kind::Field(_)) {
        cx.error(
            file,
            "standby",
            "only a field spec is a standby field (its events are copies an app must not answer)",
        );
    }
    Spec {
        file: file.to_owned(),
        aliases: raw.aliases,
        standby: raw.standby,
        kind,
        summary,
        triggers: raw.triggers,
        source: raw.source,
        syntax,
        parameters,
        examples: raw.examples,
    }
}

fn object(cx: &Ctxt, file: &str, path: &str, entries: &[(String, Node)]) -> Object {
    let mut obj = Object::default();
    for (raw_key, node) in entries {
        if let Some(meta) = raw_key.strip_prefix('$') {
            let at = format!("{path}.{raw_key}");
            match (meta, node) {
                ("doc", Node::String(s)) => obj.doc = Some(s.clone()),
                ("name", Node::String(s)) => obj.name = Some(s.clone()),
                ("doc" | "name", other) => cx.error(
                    file,
                    at,
                    format!("must be a string, found {}", other.type_name()),
                ),
                ("event", Node::Bool(b)) => obj.event = *b,
                ("event", other) => cx.error(
                    file,
                    at,
                    format!("must be `true` or `false`, found {}", other.type_name()),
                ),
                ("ref", _) => cx.error(
                    file,
                    at,
                    "`$ref` stands alone: write `{\"$ref\": \"<shared>\"}` with no other key",
                ),
                _ => cx.error(
                    file,
                    at,
                    format!(
                        "unknown directive; known: $doc, $name, $event, $ref{}",
                        suggest(raw_key, &["$doc", "$name", "$event", "$ref"])
                    ),
                ),
            }
            continue;
        }
        let (spelled, optional) = match raw_key.strip_suffix('?') {
            Some(spelled) => (spelled, true),
            None => (raw_key.as_str(), false),
        };
        // `"name|alias|alias"`: one key Meta spells in several ways.
        let mut spellings = spelled.split('|').map(str::to_owned);
        let name = spellings.next().unwrap_or_default();
        let aliases: Vec<String> = spellings.collect();
        let key_path = format!("{path}.{name}");
        if name.is_empty() || aliases.iter().any(String::is_empty) {
            cx.error(file, key_path, format!("{raw_key:?} has an empty spelling; write `\"name|other_name\"` for a key Meta spells in two ways"));
            continue;
        }
        let mut taken: Vec<&str> = obj.keys.iter().flat_map(Key::spellings).collect();
        let twice = |spelling: &str| {
            format!("key `{spelling}` written twice; Meta's pages repeat a key to show alternatives, a spec writes it once (optional if it is not always sent; `\"name|other_name\"` if Meta spells it in two ways)")
        };
        if taken.contains(&name.as_str()) {
            cx.error(file, key_path, twice(&name));
            continue;
        }
        taken.push(&name);
        let mut kept = Vec::new();
        for alias in &aliases {
            if taken.contains(&alias.as_str()) {
                cx.error(file, &key_path, twice(alias));
            } else {
                taken.push(alias);
                kept.push(alias.clone());
            }
        }
        let aliases = kept;
        let shape = shape(cx, file, &key_path, node);
        obj.keys.push(Key {
            name,
            aliases,
            optional,
            shape,
            path: key_path,
        });
    }
    obj
}

fn shape(cx: &Ctxt, file: &str, path: &str, node: &Node) -> Shape {
    match node {
        Node::String(s) => match ast::placeholder(s) {
            Some(name) => Shape::Placeholder(name.to_owned()),
            None if s.contains('<') || s.contains('>') => {
                cx.error(file, path, format!("{s:?} is neither a placeholder `<NAME>` (letters, digits, _) nor a literal without angle brackets"));
                Shape::Literal(s.clone())
            }
            None => Shape::Literal(s.clone()),
        },
        Node::Object(entries) => match entries.as_slice() {
            [(key, Node::String(target))] if key == "$ref" => Shape::Ref(target.clone()),
            _ => Shape::Object(object(cx, file, path, entries)),
        },
        Node::Array(items) => match items.as_slice() {
            [item] => Shape::Array(Box::new(shape(cx, file, &format!("{path}[]"), item))),
            _ => {
                cx.error(file, path, format!("an array in the syntax holds exactly one element that describes every item; found {}", items.len()));
                Shape::Literal(String::new())
            }
        },
        other => {
            cx.error(file, path, format!("found {}; write a placeholder `\"<NAME>\"` with a parameter row that gives its type", other.type_name()));
            Shape::Literal(String::new())
        }
    }
}

fn suggest(found: &str, known: &[&str]) -> String {
    crate::name::closest(found, known)
        .map(|best| format!("; did you mean `{best}`?"))
        .unwrap_or_default()
}
