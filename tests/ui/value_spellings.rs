// Spellings of a listed value (`"FAILED|Failed"`): none empty, none listed twice across values,
// and only for `String` rows.
wa_webhook_macros::generate!("ui/specs/value_spellings");

fn main() {}
