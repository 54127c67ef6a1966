// A default variant on a required tag, one with a payload, one the folder lacks, and one on a
// row that is no discriminator.
wa_webhook_macros::generate!("ui/specs/default_variant_misused");

fn main() {}
