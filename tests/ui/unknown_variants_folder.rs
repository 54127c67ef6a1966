// A discriminator naming a folder with no message-type spec.
wa_webhook_macros::generate!("ui/specs/unknown_variants_folder");

fn main() {}
