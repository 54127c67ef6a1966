//! One spec's structs, fields, types and docs, and the enums its parameters make.

use super::enums;
use crate::ast::{Key, Kind, Object, ParamType, Parameter, Shape, Spec};
use crate::model::{each_object, struct_name, Model};
use crate::name;
use crate::resolved::{
    Dispatch, Doc, Field, Item, Payload, Spellings, Struct, Type, TypePath, UnionNames, Variant,
    VariantEnum,
};
use crate::valid::docs;

/// One spec's types, named from inside its module or, for a variant payload, from the root.
pub(super) struct Scope<'a> {
    model: &'a Model<'a>,
    spec: &'a Spec,
    /// The module segments to name this spec's types with; empty inside its own module.
    module: Vec<String>,
}

impl<'a> Scope<'a> {
    pub(super) fn new(model: &'a Model<'a>, spec: &'a Spec) -> Self {
        Scope {
            model,
            spec,
            module: Vec::new(),
        }
    }

    /// The same spec, its types named from the crate root.
    pub(super) fn from_root(model: &'a Model<'a>, spec: &'a Spec) -> Self {
        Scope {
            model,
            spec,
            module: spec.module_segments(&model.dir),
        }
    }

    /// Every item of this spec's module: its structs, then its enums in parameter order.
    pub(super) fn items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        each_object(self.spec, &mut |object, key, _| {
            items.push(Item::Struct(Box::new(self.object(object, key))))
        });
        for (placeholder, param) in &self.spec.parameters {
            if let Some(values) = param.enum_values().filter(|_| param.makes_value_enum()) {
                items.push(Item::Values(enums::value_enum(placeholder, param, values)));
            }
            let discriminator = (param.param_type() == Some(ParamType::Discriminator))
                .then_some(param.variants.as_deref())
                .flatten()
                .zip(find_key(&self.spec.syntax, placeholder));
            if let Some((folder, key)) = discriminator {
                items.push(Item::Variants(self.variant_enum(
                    placeholder,
                    folder,
                    &key.name,
                )));
            }
        }
        items
    }

    fn object(&self, object: &Object, key: Option<&Key>) -> Struct {
        let ident = struct_name(self.spec, object, key);
        let doc = match (key, &self.spec.kind) {
            (None, Kind::Field(field)) => Doc::text(format!(
                "The `value` of a `{field}` change.\n\n{}",
                self.spec.summary
            )),
            (None, Kind::Envelope) => {
                let mut doc = Doc::text(format!("{}\n\nParse a body with ", self.spec.summary));
                doc.push_link_to(
                    "Notification::from_slice",
                    "crate::Notification::from_slice",
                );
                doc.push_text(" (a complete example there); take its events with ");
                doc.push_link_to("Notification::events", "crate::Notification::events");
                doc.push_text(".");
                doc
            }
            (None, _) => Doc::text(self.spec.summary.clone()),
            (Some(_), _) => Doc::text(object.doc.clone().unwrap_or_default()),
        };

        let tag = self.spec.discriminator(object);
        let fields = object
            .keys
            .iter()
            .filter(|k| tag.as_ref().is_none_or(|(t, _)| *t != k.name))
            .map(|k| self.field(k))
            .collect();
        let dispatch = tag.and_then(|(tag_key, folder)| {
            let key = object.key(tag_key)?;
            let Shape::Placeholder(placeholder) = &key.shape else {
                return None;
            };
            let param = self.spec.parameter(placeholder)?;
            let omitted = key.optional.then(|| {
                (
                    name::omitted_field(tag_key),
                    Doc::text(format!(
                        "Whether the `{tag_key}` key was left out (Meta always sends it; some payloads in the wild do not). \
                         The type was then taken from the payload key, and re-serializing leaves `{tag_key}` out again."
                    )),
                )
            });
            Some(Dispatch {
                tag_key: tag_key.to_owned(),
                enum_ident: name::enum_name(placeholder, param),
                kind_ident: name::KIND_FIELD.to_owned(),
                kind_doc: Doc::text(format!(
                    "{}\n\nThe `{tag_key}` key and the payload under the key it names, as one typed value.",
                    param.description.clone().unwrap_or_default()
                )),
                omitted,
                default: param.default.as_deref().map(name::type_name),
                variants: variants(self.model, &folder, tag_key, param.default.as_deref()),
                union: UnionNames::default(),
            })
        });
        let values_by_variant = match &dispatch {
            Some(dispatch) => super::values_by_variant::resolve(self.spec, object, dispatch),
            None => Vec::new(),
        };
        Struct {
            values_by_variant,
            roles: super::roles::roles(self.model, self.spec, object),
            expecting: format!("the `{ident}` object"),
            examples_link: super::showcase::examples_link(self.model, self.spec),
            ident,
            doc,
            fields,
            dispatch,
        }
    }

    fn field(&self, key: &Key) -> Field {
        let spellings = (!key.aliases.is_empty()).then(|| {
            let all: Vec<String> = key.spellings().map(str::to_owned).collect();
            let listed: Vec<String> = all.iter().map(|s| format!("`{s}`")).collect();
            Spellings {
                ident: name::spelling_field(&key.name),
                doc: Doc::text(format!(
                    "The spelling of `{}` Meta used ({}); re-serializing writes the same one.",
                    key.name,
                    listed.join(", ")
                )),
                all,
            }
        });
        Field {
            ident: name::field_name(&key.name),
            key: key.name.clone(),
            spellings,
            doc: self.field_doc(key),
            ty: self.field_type(key),
            nullable: matches!(&key.shape, Shape::Placeholder(p) if self.spec.parameter(p).is_some_and(|p| p.nullable)),
            optional: key.optional,
            drifts: self.can_drift(&key.shape),
        }
    }

    /// The Rust type of `key`'s field, before optionality. An optional object is boxed: Meta
    /// leaves most of them out (a referral, a reply's context, a status's pricing), and inline
    /// they would make every struct holding them as large as all of them together.
    fn field_type(&self, key: &Key) -> Type {
        let ty = self.rust_type(key, &key.shape);
        match key.shape {
            Shape::Object(_) | Shape::Ref(_) if key.optional => Type::Boxed(Box::new(ty)),
            _ => ty,
        }
    }

    /// The Rust type of `shape` under `key`, before optionality.
    pub(super) fn rust_type(&self, key: &Key, shape: &Shape) -> Type {
        match shape {
            Shape::Placeholder(p) => match self.spec.parameter(p) {
                Some(param) if param.has_value_spellings() => {
                    Type::Spelled(Box::new(Type::Named(self.value_enum(p, param))))
                }
                Some(param) if param.enum_values().is_some() => {
                    Type::Named(self.value_enum(p, param))
                }
                Some(param) => Type::Scalar(match param.param_type() {
                    Some(ParamType::Discriminator) | None => ParamType::String,
                    Some(ty) => ty,
                }),
                None => Type::Scalar(ParamType::String),
            },
            Shape::Literal(_) => Type::Scalar(ParamType::String),
            Shape::Object(object) => self.named(struct_name(self.spec, object, Some(key))),
            Shape::Array(inner) if self.is_object(inner) => {
                Type::Items(Box::new(self.rust_type(key, inner)))
            }
            Shape::Array(inner) => Type::Vec(Box::new(self.rust_type(key, inner))),
            Shape::Ref(target) => match self.model.shared.get(target.as_str()) {
                Some(shared) => Type::Named(TypePath {
                    module: shared.module_segments(&self.model.dir),
                    ident: struct_name(shared, &shared.syntax, None),
                }),
                None => Type::Scalar(ParamType::Json),
            },
        }
    }

    /// The enum of a row's listed values: this spec's, or the module's of the spec whose row
    /// it shares (`values_of`).
    fn value_enum(&self, placeholder: &str, param: &Parameter) -> TypePath {
        let ident = name::enum_name(placeholder, param);
        let source = param
            .values_from
            .as_deref()
            .and_then(|file| self.model.all().find(|s| s.file == file));
        match source {
            Some(spec) => TypePath {
                module: spec.module_segments(&self.model.dir),
                ident,
            },
            None => TypePath {
                module: self.module.clone(),
                ident,
            },
        }
    }

    fn named(&self, ident: String) -> Type {
        Type::Named(TypePath {
            module: self.module.clone(),
            ident,
        })
    }

    /// Whether a value of this shape is a JSON object (so an array of it isolates its items).
    fn is_object(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Object(_) | Shape::Ref(_) => true,
            Shape::Placeholder(p) => self.spec.param_type(p) == Some(ParamType::Change),
            Shape::Literal(_) | Shape::Array(_) => false,
        }
    }

    /// Whether a value of this shape can hold drift (an enum, an object, a change).
    pub(super) fn can_drift(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Placeholder(p) => self.spec.parameter(p).is_some_and(|param| {
                param.enum_values().is_some() || param.param_type() == Some(ParamType::Change)
            }),
            Shape::Literal(_) => false,
            Shape::Object(_) | Shape::Ref(_) => true,
            Shape::Array(inner) => self.can_drift(inner),
        }
    }

    fn field_doc(&self, key: &Key) -> Doc {
        let mut shape = &key.shape;
        while let Shape::Array(inner) = shape {
            shape = inner;
        }
        match shape {
            Shape::Placeholder(p) => match self.spec.parameter(p) {
                Some(param) => {
                    let enum_name = param.enum_values().map(|_| {
                        let path = self.value_enum(p, param);
                        match path.module.as_slice() {
                            [] => path.ident,
                            module => format!("crate::{}::{}", module.join("::"), path.ident),
                        }
                    });
                    docs::placeholder_field(key, p, param, enum_name.as_deref())
                }
                None => Doc::default(),
            },
            Shape::Literal(lit) => {
                let mut doc = Doc::text(format!("Always `{lit}`; kept as sent."));
                docs::presence(&mut doc, key, None, false);
                doc
            }
            shape => {
                let mut doc = Doc::text(self.shape_doc(shape));
                docs::presence(&mut doc, key, None, false);
                doc
            }
        }
    }

    fn shape_doc(&self, shape: &Shape) -> String {
        match shape {
            Shape::Object(o) => o.doc.clone().unwrap_or_default(),
            Shape::Array(inner) => self.shape_doc(inner),
            Shape::Ref(target) => self
                .model
                .shared
                .get(target.as_str())
                .map(|s| s.summary.clone())
                .unwrap_or_default(),
            Shape::Placeholder(_) | Shape::Literal(_) => String::new(),
        }
    }

    fn variant_enum(&self, placeholder: &str, folder: &str, tag_key: &str) -> VariantEnum {
        let param = self.spec.parameter(placeholder);
        let ident = param.map_or_else(
            || name::type_name(placeholder),
            |p| name::enum_name(placeholder, p),
        );
        let description = param
            .and_then(|p| p.description.clone())
            .unwrap_or_default();
        let mut doc = Doc::text(format!(
            "{description}\n\nOne variant per spec in the spec folder's `{folder}`, holding the payload sent \
             under the key of the same name. A type this version does not know parses as "
        ));
        doc.push_link(&format!("{ident}::{}", name::CATCH_ALL));
        doc.push_text(" with its payload raw, and shows up in the drift report.");
        VariantEnum {
            doc,
            ident,
            tag_key: tag_key.to_owned(),
            variants: variants(
                self.model,
                folder,
                tag_key,
                param.and_then(|p| p.default.as_deref()),
            ),
        }
    }
}

/// The key whose value is `<placeholder>`, anywhere in `object`.
fn find_key<'o>(object: &'o Object, placeholder: &str) -> Option<&'o Key> {
    object
        .keys
        .iter()
        .find_map(|key| find_in(key, &key.shape, placeholder))
}

fn find_in<'o>(key: &'o Key, shape: &'o Shape, placeholder: &str) -> Option<&'o Key> {
    match shape {
        Shape::Placeholder(p) if p == placeholder => Some(key),
        Shape::Object(object) => find_key(object, placeholder),
        Shape::Array(inner) => find_in(key, inner, placeholder),
        _ => None,
    }
}

/// The variants of a discriminator reading `tag_key`, one per spec in `folder`.
fn variants(model: &Model, folder: &str, tag_key: &str, default: Option<&str>) -> Vec<Variant> {
    model
        .variants_in(folder)
        .iter()
        .map(|spec| {
            let tag = spec.name();
            let payload = spec.payload().map(|key| {
                let scope = Scope::from_root(model, spec);
                let ty = scope.rust_type(key, &key.shape);
                Payload {
                    key: key.name.clone(),
                    slot: format!("payload_{}", name::field_name(&key.name)),
                    ty: match key.shape {
                        Shape::Object(_) => Type::Boxed(Box::new(ty)),
                        _ => ty,
                    },
                    optional: key.optional,
                    drifts: scope.can_drift(&key.shape),
                    roles: super::roles::payload_has_roles(model, spec, &key.shape),
                }
            });
            Variant {
                ident: name::type_name(tag),
                tag: tag.to_owned(),
                doc: {
                    let sent = if default == Some(tag) {
                        format!("Sent without `{tag_key}` (and without another variant's payload key), or as `\"{tag_key}\": \"{tag}\"`")
                    } else {
                        format!("Sent as `\"{tag_key}\": \"{tag}\"`")
                    };
                    let mut doc = Doc::text(format!("{}\n\n{sent}; see ", spec.summary));
                    doc.push_link_to(tag, &spec.doc_path(&model.dir));
                    doc.push_text(".");
                    doc
                },
                payload,
            }
        })
        .collect()
}
