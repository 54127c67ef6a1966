// A variant whose tag is not under the key its discriminator reads.
wa_webhook_macros::generate!("ui/specs/variant_tag_mismatch");

fn main() {}
