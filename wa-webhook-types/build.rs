//! Rebuilds the crate when a spec file is added or removed (the macro's `include_str!`s already
//! cover edits to the files it read).

fn main() {
    println!("cargo:rerun-if-changed=spec");
}
