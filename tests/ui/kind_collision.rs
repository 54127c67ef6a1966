// A JSON key `kind` beside a discriminator: both would become the Rust field `kind`.
wa_webhook_macros::generate!("ui/specs/kind_collision");

fn main() {}
