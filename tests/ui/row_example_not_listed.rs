// A row's example that is not one of its values.
wa_webhook_macros::generate!("ui/specs/row_example_not_listed");

fn main() {}
