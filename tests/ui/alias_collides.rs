// Aliases that collide: a key spelled like its neighbour, a field named like another field, and
// aliases on a shared piece (only a field has other names).
wa_webhook_macros::generate!("ui/specs/alias_collides");

fn main() {}
