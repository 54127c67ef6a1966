// An example payload value whose JSON type does not fit the row's type.
wa_webhook_macros::generate!("ui/specs/example_wrong_type");

fn main() {}
