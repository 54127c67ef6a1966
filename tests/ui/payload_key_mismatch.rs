// A message-type spec whose payload key is not its type.
wa_webhook_macros::generate!("ui/specs/payload_key_mismatch");

fn main() {}
