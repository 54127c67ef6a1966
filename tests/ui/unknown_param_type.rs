// A parameter type that does not exist.
wa_webhook_macros::generate!("ui/specs/unknown_param_type");

fn main() {}
