// A folder with no spec file.
wa_webhook_macros::generate!("ui/specs/empty_folder");

fn main() {}
