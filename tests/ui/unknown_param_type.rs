wa_webhook_macros::generate!("ui/specs/unknown_param_type");

fn main() {}
