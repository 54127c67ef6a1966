// A nested object with no $doc.
wa_webhook_macros::generate!("ui/specs/object_without_doc");

fn main() {}
