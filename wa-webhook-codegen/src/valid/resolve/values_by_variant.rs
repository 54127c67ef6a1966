//! Values that belong to some variants only: a key of a discriminated object whose row says
//! which of its listed values each variant may carry (`values_by_variant`).

use crate::ast::{value_spellings, Object, Shape, Spec};
use crate::name;
use crate::resolved::{Dispatch, FieldRef, ValuesByVariant};

/// The keys of `object` whose row gives values to some of `dispatch`'s variants.
pub(super) fn resolve(spec: &Spec, object: &Object, dispatch: &Dispatch) -> Vec<ValuesByVariant> {
    let mut out = Vec::new();
    for key in &object.keys {
        let Shape::Placeholder(placeholder) = &key.shape else {
            continue;
        };
        let Some(param) = spec.parameter(placeholder) else {
            continue;
        };
        if param.values_by_variant.0.is_empty() {
            continue;
        }
        let listed = param
            .enum_values()
            .unwrap_or_default()
            .iter()
            .flat_map(|(v, _)| value_spellings(v).map(str::to_owned))
            .collect();
        let variants = param
            .values_by_variant
            .0
            .iter()
            .filter_map(|(tag, values)| {
                let variant = dispatch.variants.iter().find(|v| v.tag == *tag)?;
                Some((
                    variant.ident.clone(),
                    variant.payload.is_some(),
                    values.clone(),
                ))
            })
            .collect();
        out.push(ValuesByVariant {
            field: FieldRef {
                ident: name::field_name(&key.name),
                optional: key.optional,
            },
            key: key.name.clone(),
            listed,
            variants,
        });
    }
    out
}
