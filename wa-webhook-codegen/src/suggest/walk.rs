//! Walks a payload against the spec model, as the generated types would parse it, and finds
//! what the spec does not describe: each with the spec file and the place in it to edit.

use super::finding::{Finding, Presence, Step, Widening};
use crate::ast::{Object, ParamType, Shape, Spec};
use crate::model::Model;
use serde_json::Value;

/// Every finding of `payload`, with the JSON path of each; the presence of required keys is
/// counted into `presence`.
pub fn findings(model: &Model, payload: &Value, presence: &mut Presence) -> Vec<(String, Finding)> {
    let mut walk = Walk {
        model,
        found: Vec::new(),
        presence,
    };
    let root = model.envelope;
    walk.object(
        root,
        &root.syntax,
        vec![Step::Key("syntax".to_owned())],
        payload,
        "",
    );
    walk.found
}

struct Walk<'a, 'p> {
    model: &'a Model<'a>,
    found: Vec<(String, Finding)>,
    presence: &'p mut Presence,
}

/// `a.b` or `b` at the root.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A key as the file writes it: its spellings joined by `|`, then `?` if optional.
fn written(key: &crate::ast::Key) -> String {
    let mut text = key.spellings().collect::<Vec<_>>().join("|");
    if key.optional {
        text.push('?');
    }
    text
}

/// What a JSON value is, in words.
fn kind(json: &Value) -> &'static str {
    match json {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Walk<'a, '_> {
    /// Counts whether the required keys of `object` are in `map`, and finds each left out.
    fn required(
        &mut self,
        file: &str,
        object: &Object,
        at: &[Step],
        map: &serde_json::Map<String, Value>,
        path: &str,
        skip: Option<&str>,
    ) {
        for key in object.keys.iter().filter(|k| !k.optional) {
            if skip.is_some_and(|tag| key.is_spelled(tag)) {
                continue; // the tag: its own finding
            }
            let written = written(key);
            let counts = self
                .presence
                .entry((file.to_owned(), at.to_vec(), written.clone()))
                .or_default();
            if key.spellings().any(|s| map.contains_key(s)) {
                counts.0 += 1;
            } else {
                counts.1 += 1;
                self.found.push((
                    join(path, key.spellings().next().unwrap_or_default()),
                    Finding::Absent {
                        file: file.to_owned(),
                        object: at.to_vec(),
                        key: written,
                    },
                ));
            }
        }
    }

    fn object(
        &mut self,
        spec: &'a Spec,
        object: &'a Object,
        at: Vec<Step>,
        json: &Value,
        path: &str,
    ) {
        let Value::Object(map) = json else {
            if !json.is_null() {
                self.found.push((
                    path.to_owned(),
                    Finding::Undraftable {
                        file: spec.file.clone(),
                        why: format!("the spec has an object here, the payload {}", kind(json)),
                    },
                ));
            }
            return;
        };
        let tag = spec.discriminator(object);
        let variant = tag.as_ref().and_then(|(tag_key, folder)| {
            let Some(name) = map.get(*tag_key).and_then(Value::as_str) else {
                // An optional tag left out: the type is the first key that names a variant,
                // as the generated types read it.
                let omitted = object
                    .keys
                    .iter()
                    .any(|k| k.is_spelled(tag_key) && k.optional);
                let variants = self.model.variants_in(folder);
                let inferred = map.keys().filter(|_| omitted).find_map(|k| {
                    let spec = variants.iter().find(|v| v.name() == k)?;
                    Some((k.as_str(), Some(*spec)))
                });
                // Neither the tag nor a payload key: the default variant, where the row names
                // one; else the types refuse the object, and no edit of ours says what it is.
                let default = object.key(tag_key).and_then(|k| match &k.shape {
                    Shape::Placeholder(p) => spec.parameter(p)?.default.as_deref(),
                    _ => None,
                });
                if inferred.is_none() && default.is_none() {
                    self.found.push((
                        join(path, tag_key),
                        Finding::Undraftable {
                            file: spec.file.clone(),
                            why: format!("`{tag_key}` is missing, no payload key says the variant, and its row names no `default` variant"),
                        },
                    ));
                }
                return inferred;
            };
            let found = self
                .model
                .variants_in(folder)
                .iter()
                .find(|v| v.name() == name);
            if found.is_none() {
                self.found.push((
                    join(path, tag_key),
                    Finding::Type {
                        folder: folder.clone(),
                        tag_key: (*tag_key).to_owned(),
                        tag: name.to_owned(),
                        payload: map.get(name).cloned(),
                    },
                ));
            }
            Some((name, found.copied()))
        });
        let tag_key = tag.as_ref().map(|(tag_key, _)| *tag_key);
        self.required(
            &spec.file,
            object,
            &at,
            map,
            path,
            None.or(tag_key.filter(|_| variant.is_some())),
        );
        if let Some((name, Some(variant_spec))) = variant {
            if let Some(key) = variant_spec.payload().filter(|k| !k.optional) {
                let at = vec![Step::Key("syntax".to_owned())];
                let counts = self
                    .presence
                    .entry((variant_spec.file.clone(), at.clone(), written(key)))
                    .or_default();
                if map.contains_key(name) {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                    self.found.push((
                        join(path, name),
                        Finding::Absent {
                            file: variant_spec.file.clone(),
                            object: at,
                            key: written(key),
                        },
                    ));
                }
            }
        }
        for (name, value) in map {
            let here = join(path, name);
            if let Some(key) = object.keys.iter().find(|k| k.is_spelled(name)) {
                let mut at = at.clone();
                at.push(Step::Key(written(key)));
                self.shape(spec, &key.shape, at, value, &here);
                continue;
            }
            match variant {
                Some((tag, _)) if tag == name => {
                    if let Some((_, Some(spec))) = variant {
                        if let Some(key) = spec.payload() {
                            let at = vec![Step::Key("syntax".to_owned()), Step::Key(written(key))];
                            self.shape(spec, &key.shape, at, value, &here);
                        }
                    }
                }
                _ => self.found.push((
                    here,
                    Finding::Key {
                        file: spec.file.clone(),
                        object: at.clone(),
                        key: name.clone(),
                        value: value.clone(),
                    },
                )),
            }
        }
    }

    fn shape(&mut self, spec: &'a Spec, shape: &'a Shape, at: Vec<Step>, json: &Value, path: &str) {
        match shape {
            Shape::Placeholder(p) => self.placeholder(spec, p, json, path),
            Shape::Literal(_) => {}
            Shape::Object(object) => self.object(spec, object, at, json, path),
            Shape::Ref(target) => {
                if let Some(shared) = self.model.shared.get(target.as_str()) {
                    let at = vec![Step::Key("syntax".to_owned())];
                    self.object(shared, &shared.syntax, at, json, path);
                }
            }
            Shape::Array(inner) => {
                let Value::Array(items) = json else {
                    if !json.is_null() {
                        self.found.push((
                            path.to_owned(),
                            Finding::Undraftable {
                                file: spec.file.clone(),
                                why: format!(
                                    "the spec has an array here, the payload {}",
                                    kind(json)
                                ),
                            },
                        ));
                    }
                    return;
                };
                for (i, item) in items.iter().enumerate() {
                    let mut at = at.clone();
                    at.push(Step::Index(0));
                    self.shape(spec, inner, at, item, &format!("{path}[{i}]"));
                }
            }
        }
    }

    fn placeholder(&mut self, spec: &'a Spec, placeholder: &str, json: &Value, path: &str) {
        let Some(param) = spec.parameter(placeholder) else {
            return;
        };
        if param.param_type() == Some(ParamType::Change) {
            let Some(field) = json.get("field").and_then(Value::as_str) else {
                return;
            };
            let value = json.get("value").cloned().unwrap_or(Value::Null);
            match self.model.field(field) {
                Some(spec) => {
                    let at = vec![Step::Key("syntax".to_owned())];
                    self.object(spec, &spec.syntax, at, &value, &join(path, "value"));
                }
                None => self.found.push((
                    join(path, "field"),
                    Finding::Field {
                        field: field.to_owned(),
                        value,
                    },
                )),
            }
            return;
        }
        if let Some(finding) = self.scalar(spec, placeholder, json) {
            self.found.push((path.to_owned(), finding));
            return;
        }
        if let (Some(values), Some(text)) = (param.enum_values(), json.as_str()) {
            if !param.lists(text) {
                // Another spelling of a listed value: one whose Rust name it would take
                // (`Failed` of `FAILED`, `LEGAL NAME` of `LEGAL_NAME`).
                let own = crate::name::type_name(text);
                let spelling_of = values
                    .iter()
                    .find(|(v, _)| crate::name::value_variant(param, v) == own)
                    .map(|(v, _)| v.clone());
                let (file, placeholder) = crate::share::values_home(
                    &self.model.dir,
                    &spec.file,
                    placeholder,
                    param.values_of.as_deref(),
                );
                self.found.push((
                    path.to_owned(),
                    Finding::Value {
                        file,
                        placeholder,
                        value: text.to_owned(),
                        spelling_of,
                    },
                ));
            }
        }
    }

    /// A scalar its row does not take, as the generated types read it: the row widened (a
    /// number where a string goes, a string where a number goes: `Text`; `null`: nullable),
    /// or why no edit fits.
    fn scalar(&self, spec: &Spec, placeholder: &str, json: &Value) -> Option<Finding> {
        let param = spec.parameter(placeholder)?;
        let ty = param.param_type()?;
        let takes = match json {
            Value::Null => param.nullable,
            _ => ty.takes(json),
        };
        if takes {
            return None;
        }
        let (file, placeholder) = crate::share::values_home(
            &self.model.dir,
            &spec.file,
            placeholder,
            param.values_of.as_deref(),
        );
        let widen = |to| Finding::Widen {
            file: file.clone(),
            placeholder: placeholder.clone(),
            to,
        };
        Some(match (ty, json) {
            (_, Value::Null) => widen(Widening::Nullable),
            (ParamType::String, Value::Number(_)) if param.enum_values().is_none() => widen(Widening::Text),
            (ParamType::Integer | ParamType::Timestamp | ParamType::Number, Value::String(_)) => {
                widen(Widening::Text)
            }
            _ => Finding::Undraftable {
                file: spec.file.clone(),
                why: format!(
                    "row {placeholder} is {} and the payload has {} (no wider row takes both: write the row by hand)",
                    ty.name(),
                    kind(json)
                ),
            },
        })
    }
}
