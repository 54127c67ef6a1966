// A field whose module would take the name of a runtime module at the crate root (`receive`).
wa_webhook_macros::generate!("ui/specs/module_named_like_runtime");

fn main() {}
