// Type names are unique in the crate: an enum named like one in another file, and an object
// named like a runtime type (`Error`).
wa_webhook_macros::generate!("ui/specs/type_names_across_files");

fn main() {}
