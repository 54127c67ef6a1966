//! A maintainer's edit: one new value in one spec file is one new typed variant, with its doc.

use std::fs;
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A scratch copy of the real spec folder.
fn scratch(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&root);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"),
        &root.join("spec"),
    );
    root
}

fn expand(root: &Path) -> String {
    let output = wa_webhook_codegen::generate(root, "spec");
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    prettyplease::unparse(&syn::parse2(output.tokens).expect("generated code parses"))
}

#[test]
fn adding_a_value_to_the_spec_adds_a_documented_variant() {
    let root = scratch("add_value");
    let before = expand(&root);
    assert!(!before.contains("PinDisabled"));

    let file = root.join("spec/security.json");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        r#""PIN_CHANGED": "#,
        r#""PIN_DISABLED": "Two-step verification was turned off.",
        "PIN_CHANGED": "#,
        1,
    );
    assert_ne!(text, edited);
    fs::write(&file, edited).unwrap();

    let after = expand(&root);
    assert!(after.contains("/// Two-step verification was turned off.\n        ///\n        /// Sent as `PIN_DISABLED`.\n        PinDisabled,"), "{after}");
    assert!(after.contains(r#""PIN_DISABLED" => Self::PinDisabled"#));
    assert!(after.contains(r#"Self::PinDisabled => "PIN_DISABLED""#));
}

#[test]
fn the_committed_specs_generate_code_that_parses() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let code = expand(&root);
    for item in [
        "pub struct Notification",
        "pub enum Change",
        "pub mod security",
        "pub enum MessageType",
    ] {
        assert!(code.contains(item), "missing {item}");
    }
}
