//! The names of types that exist only in languages with union types (TypeScript, Python): the
//! change type of each field, and the members of each discriminated object's union. Made here,
//! once, in the order the renderers emit them, so that renderers only render.

use crate::resolved::{Item, Module, Resolved, UnionNames};
use std::collections::BTreeSet;

/// Names every union member of `resolved`, none taking a generated type's name or another's.
pub(super) fn name_unions(resolved: &mut Resolved) {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    visit_items(resolved, &mut |item| {
        taken.insert(item.ident().to_owned());
    });
    taken.insert("Change".to_owned());
    for variant in &mut resolved.change.variants {
        variant.union_name = fresh(&mut taken, format!("{}Change", variant.ident));
    }
    resolved.change.unknown_name = fresh(&mut taken, "UnknownChange".to_owned());
    visit_items(resolved, &mut |item| {
        let Item::Struct(s) = item else { return };
        let Some(dispatch) = &mut s.dispatch else {
            return;
        };
        let common = fresh(&mut taken, format!("{}Common", s.ident));
        let variants = dispatch
            .variants
            .iter()
            .map(|v| fresh(&mut taken, format!("{}{}", v.ident, s.ident)))
            .collect();
        let untagged = dispatch
            .omitted
            .is_some()
            .then(|| fresh(&mut taken, format!("Untagged{}", s.ident)));
        let unrecognized = fresh(&mut taken, format!("Unrecognized{}", s.ident));
        dispatch.union = UnionNames {
            common,
            variants,
            untagged,
            unrecognized,
        };
    });
}

/// Every generated type, in the order the renderers emit them: the envelope's first, then each
/// module's, depth first.
fn visit_items(resolved: &mut Resolved, visit: &mut dyn FnMut(&mut Item)) {
    resolved.envelope.iter_mut().for_each(&mut *visit);
    fn walk(modules: &mut [Module], visit: &mut dyn FnMut(&mut Item)) {
        for module in modules {
            module.items.iter_mut().for_each(&mut *visit);
            walk(&mut module.children, visit);
        }
    }
    walk(&mut resolved.modules, visit);
}

/// A name not taken yet (`TextMessage`, else `TextMessageVariant`), taken.
fn fresh(taken: &mut BTreeSet<String>, wanted: String) -> String {
    let name = if taken.contains(&wanted) {
        format!("{wanted}Variant")
    } else {
        wanted
    };
    taken.insert(name.clone());
    name
}
