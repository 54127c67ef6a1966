// Values given to variants: one the row does not list, one given twice, a variant the folder
// lacks, and a key in an object with no discriminator.
wa_webhook_macros::generate!("ui/specs/values_by_variant_misused");

fn main() {}
