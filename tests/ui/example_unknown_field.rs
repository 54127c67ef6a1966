// An example payload whose change names a field no spec describes.
wa_webhook_macros::generate!("ui/specs/example_unknown_field");

fn main() {}
