//! One struct per syntax object, with its `Deserialize`, `Serialize` and `Inspect` impls.
//!
//! The impls are written out rather than derived: a derive with `#[serde(flatten)]` would buffer
//! every object to keep unknown keys, and the one-pass message dispatch needs a hand-made visitor.

use super::{docs, runtime};
use crate::ast::{Key, Kind, Object, ParamType, Shape, Spec};
use crate::model::{each_object, struct_name, Model};
use crate::name;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Generates the types of one spec: structs, enums and the dispatch enum of a discriminator.
pub struct Gen<'a> {
    /// Every spec, for refs and variants.
    pub model: &'a Model<'a>,
    /// The spec whose module is generated.
    pub spec: &'a Spec,
    /// Path to that module, for naming its types from elsewhere (empty inside it).
    pub prefix: TokenStream,
}

impl Gen<'_> {
    /// Every item of this spec's module.
    pub fn items(&self) -> Vec<TokenStream> {
        let mut items = Vec::new();
        each_object(self.spec, &mut |object, key, _| {
            items.push(self.object(object, key))
        });
        for (placeholder, param) in &self.spec.parameters {
            if let Some(values) = param.enum_values() {
                items.push(super::enums::value_enum(placeholder, param, values));
            }
            if let (Some(ParamType::Discriminator), Some(folder)) =
                (ParamType::from_name(&param.ty), &param.variants)
            {
                if let Some(key) = find_key(&self.spec.syntax, placeholder) {
                    items.push(super::dispatch::variant_enum(
                        self.model,
                        placeholder,
                        param,
                        folder,
                        &key.name,
                    ));
                }
            }
        }
        items
    }

    /// The Rust type of `shape` under `key`, before optionality.
    pub fn rust_type(&self, key: &Key, shape: &Shape) -> TokenStream {
        let rt = runtime();
        match shape {
            Shape::Placeholder(p) => {
                let Some(param) = self.spec.parameter(p) else {
                    return quote!(());
                };
                match ParamType::from_name(&param.ty) {
                    Some(ParamType::String) if param.values.is_some() => {
                        let ident = name::ident(&name::type_name(p));
                        let prefix = &self.prefix;
                        quote!(#prefix #ident)
                    }
                    Some(ParamType::String) => quote!(#rt::String),
                    Some(ParamType::Integer) => quote!(#rt::Integer),
                    Some(ParamType::Number) => quote!(#rt::Number),
                    Some(ParamType::Boolean) => quote!(bool),
                    Some(ParamType::Timestamp) => quote!(#rt::Timestamp),
                    Some(ParamType::Text) => quote!(#rt::Text),
                    Some(ParamType::Json) => quote!(#rt::serde_json::Value),
                    Some(ParamType::Change) => quote!(#rt::EntryChange<crate::Change>),
                    Some(ParamType::Discriminator) | None => quote!(()),
                }
            }
            Shape::Literal(_) => quote!(#rt::String),
            Shape::Object(object) => {
                let ident = name::ident(&struct_name(self.spec, object, Some(key)));
                let prefix = &self.prefix;
                quote!(#prefix #ident)
            }
            Shape::Array(inner) if self.is_object(inner) => {
                let inner = self.rust_type(key, inner);
                quote!(#rt::Items<#inner>)
            }
            Shape::Array(inner) => {
                let inner = self.rust_type(key, inner);
                quote!(#rt::Vec<#inner>)
            }
            Shape::Ref(target) => match self.model.shared.get(target.as_str()) {
                Some(shared) => {
                    let module = super::dispatch::module_path(self.model, shared);
                    let ident = name::ident(&struct_name(shared, &shared.syntax, None));
                    quote!(#module::#ident)
                }
                None => quote!(()),
            },
        }
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
                param.enum_values().is_some()
                    || ParamType::from_name(&param.ty) == Some(ParamType::Change)
            }),
            Shape::Literal(_) => false,
            Shape::Object(_) | Shape::Ref(_) => true,
            Shape::Array(inner) => self.can_drift(inner),
        }
    }

    fn nullable(&self, key: &Key) -> bool {
        matches!(&key.shape, Shape::Placeholder(p) if self.spec.parameter(p).is_some_and(|p| p.nullable))
    }

    fn field_doc(&self, key: &Key) -> String {
        let mut shape = &key.shape;
        while let Shape::Array(inner) = shape {
            shape = inner;
        }
        match shape {
            Shape::Placeholder(p) => match self.spec.parameter(p) {
                Some(param) => {
                    let enum_name = param.enum_values().map(|_| name::type_name(p));
                    docs::placeholder_field(key, p, param, enum_name.as_deref())
                }
                None => String::new(),
            },
            Shape::Literal(lit) => {
                let mut doc = format!("Always `{lit}`; kept as sent.");
                docs::presence(&mut doc, key, None, false);
                doc
            }
            shape => {
                let mut doc = self.shape_doc(shape);
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

    fn object(&self, object: &Object, key: Option<&Key>) -> TokenStream {
        let rt = runtime();
        let struct_name = struct_name(self.spec, object, key);
        let ident = name::ident(&struct_name);
        let doc = match (key, &self.spec.kind) {
            (None, Kind::Field(field)) => format!(
                "The `value` of a `{field}` change.\n\n{}",
                self.spec.summary
            ),
            (None, _) => self.spec.summary.clone(),
            (Some(_), _) => object.doc.clone().unwrap_or_default(),
        };
        let doc = docs::attr(&doc);
        let discriminator = self.spec.discriminator(object);
        let keys: Vec<&Key> = object
            .keys
            .iter()
            .filter(|k| discriminator.as_ref().is_none_or(|(d, _)| *d != k.name))
            .collect();

        let mut fields = Vec::new();
        let mut slots = Vec::new();
        let mut arms = Vec::new();
        let mut builds = Vec::new();
        let mut writes = Vec::new();
        let mut inspects = Vec::new();
        for key in &keys {
            let field = name::ident(&name::field_name(&key.name));
            let slot = format_ident!("slot_{}", name::field_name(&key.name));
            let json = &key.name;
            let ty = self.rust_type(key, &key.shape);
            let nullable = self.nullable(key);
            let slot_ty = if nullable {
                quote!(#rt::Option<#ty>)
            } else {
                ty.clone()
            };
            let field_ty = if key.optional {
                quote!(#rt::Option<#slot_ty>)
            } else {
                slot_ty.clone()
            };
            let field_doc = docs::attr(&self.field_doc(key));
            fields.push(quote! { #field_doc pub #field: #field_ty, });
            slots.push(quote! { let mut #slot: #rt::Option<#slot_ty> = #rt::None; });
            // The key as written back: the name, or for a key with aliases the spelling received.
            let written = if key.aliases.is_empty() {
                arms.push(quote! { #json => #rt::fill(&mut map, &mut #slot, #json)?, });
                quote!(#json)
            } else {
                let spelling = name::ident(&name::spelling_field(&key.name));
                let spellings: Vec<&str> = key.spellings().collect();
                let doc =
                    docs::attr(&format!(
                    "The spelling of `{json}` Meta used ({}); re-serializing writes the same one.",
                    spellings.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                ));
                fields.push(quote! { #doc pub #spelling: &'static str, });
                slots.push(quote! { let mut #spelling: &'static str = #json; });
                for spelled in &spellings {
                    arms.push(quote! { #spelled => { #rt::fill(&mut map, &mut #slot, #json)?; #spelling = #spelled; } });
                }
                builds.push(quote! { #spelling, });
                quote!(self.#spelling)
            };
            if key.optional {
                builds.push(quote! { #field: #slot, });
                writes.push(quote! {
                    if let #rt::Some(value) = &self.#field {
                        #rt::SerializeMap::serialize_entry(&mut map, #written, value)?;
                    }
                });
            } else {
                builds.push(quote! { #field: #rt::required(#slot, #json)?, });
                writes.push(
                    quote! { #rt::SerializeMap::serialize_entry(&mut map, #written, &self.#field)?; },
                );
            }
            if self.can_drift(&key.shape) {
                inspects.push(quote! { #rt::inspect_key(path, #json, &self.#field, out); });
            }
        }

        let mut resolve = quote!();
        if let Some((tag_key, folder)) = &discriminator {
            let disc_key = object.key(tag_key).expect("discriminator key exists");
            let Shape::Placeholder(placeholder) = &disc_key.shape else {
                unreachable!("discriminator is a placeholder")
            };
            let enum_ident = name::ident(&name::type_name(placeholder));
            let kind_doc = docs::attr(&format!(
                "{}\n\nThe `{tag_key}` key and the payload under the key it names, as one typed value.",
                self.spec.parameter(placeholder).and_then(|p| p.description.clone()).unwrap_or_default()
            ));
            let kind = name::ident(name::KIND_FIELD);
            fields.push(quote! { #kind_doc pub #kind: #enum_ident, });
            let omitted = disc_key
                .optional
                .then(|| name::ident(&name::omitted_field(tag_key)));
            if let Some(omitted) = &omitted {
                let doc = docs::attr(&format!(
                    "Whether the `{tag_key}` key was left out (Meta always sends it; some payloads in the wild do not). \
                     The type was then taken from the payload key, and re-serializing leaves `{tag_key}` out again."
                ));
                fields.push(quote! { #doc pub #omitted: bool, });
                builds.push(quote! { #omitted, });
            }
            let parts = super::dispatch::resolve(
                self.model,
                folder,
                tag_key,
                &enum_ident,
                omitted.as_ref(),
            );
            slots.push(parts.slots);
            arms.push(parts.arms);
            resolve = parts.resolve;
            builds.push(quote! { kind, });
            writes.push(parts.write);
            inspects.push(quote! { #rt::Inspect::inspect(&self.kind, path, out); });
        }

        let expecting = format!("the `{struct_name}` object");
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub struct #ident {
                #(#fields)*
                /// Keys Meta sent that the spec does not list, kept raw and in order, so that
                /// nothing is lost and re-serializing writes them back.
                pub extra: #rt::Extra,
            }

            impl<'de> #rt::Deserialize<'de> for #ident {
                fn deserialize<D: #rt::Deserializer<'de>>(deserializer: D) -> #rt::Result<Self, D::Error> {
                    struct Visitor;
                    impl<'de> #rt::Visitor<'de> for Visitor {
                        type Value = #ident;
                        fn expecting(&self, f: &mut #rt::Formatter<'_>) -> #rt::FmtResult {
                            f.write_str(#expecting)
                        }
                        fn visit_map<A: #rt::MapAccess<'de>>(self, mut map: A) -> #rt::Result<#ident, A::Error> {
                            #(#slots)*
                            let mut extra = #rt::Extra::default();
                            while let #rt::Some(key) = #rt::MapAccess::next_key::<#rt::Key<'de>>(&mut map)? {
                                match key.as_str() {
                                    #(#arms)*
                                    _ => extra.push_next(key, &mut map)?,
                                }
                            }
                            #resolve
                            #rt::Ok(#ident { #(#builds)* extra })
                        }
                    }
                    deserializer.deserialize_map(Visitor)
                }
            }

            impl #rt::Serialize for #ident {
                fn serialize<S: #rt::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                    let mut map = serializer.serialize_map(#rt::None)?;
                    #(#writes)*
                    self.extra.write(&mut map)?;
                    #rt::SerializeMap::end(map)
                }
            }

            impl #rt::Inspect for #ident {
                fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                    #(#inspects)*
                    #rt::Inspect::inspect(&self.extra, path, out);
                }
            }
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
