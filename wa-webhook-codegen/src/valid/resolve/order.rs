//! The order a row's values follow (`order`, `final`), for the enum it makes and for the key
//! playing an event's state alike.

use crate::ast::Parameter;
use crate::resolved::ValueOrder;

/// The order a row's values follow, if it gives one (checked: every name a listed value).
pub(super) fn value_order(param: &Parameter) -> Option<ValueOrder> {
    if param.order.is_none() && param.finals.is_none() {
        return None;
    }
    let canonical = |values: &Option<Vec<String>>| -> Vec<String> {
        values
            .iter()
            .flatten()
            .filter_map(|v| param.canonical_of(v).map(str::to_owned))
            .collect()
    };
    Some(ValueOrder {
        order: canonical(&param.order),
        finals: canonical(&param.finals),
    })
}
