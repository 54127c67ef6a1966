//! What the renderers for other languages (TypeScript, Python) share: the generated types in
//! the order they render them. (Docs render as plain text with `Doc::plain`; the names of the
//! types only they have are the resolved model's: `valid/resolve/union_names.rs`.)

use crate::resolved::{Item, Module, Resolved};

/// Every generated type: the envelope's first, then each module's, depth first.
pub fn items_in_order(resolved: &Resolved) -> Vec<&Item> {
    let mut items: Vec<&Item> = resolved.envelope.iter().collect();
    fn walk<'a>(modules: &'a [Module], out: &mut Vec<&'a Item>) {
        for module in modules {
            out.extend(&module.items);
            walk(&module.children, out);
        }
    }
    walk(&resolved.modules, &mut items);
    items
}
