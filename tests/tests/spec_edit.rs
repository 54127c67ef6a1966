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
    assert!(!before.contains("PinExampleUnknown"));

    let file = root.join("spec/security.json");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        r#""PIN_CHANGED": "#,
        r#""PIN_EXAMPLE_UNKNOWN": "Two-step verification was turned off.",
        "PIN_CHANGED": "#,
        1,
    );
    assert_ne!(text, edited);
    fs::write(&file, edited).unwrap();

    let after = expand(&root);
    assert!(after.contains("/// Two-step verification was turned off.\n        ///\n        /// Sent as `PIN_EXAMPLE_UNKNOWN`.\n        PinExampleUnknown,"), "{after}");
    assert!(after.contains(r#""PIN_EXAMPLE_UNKNOWN" => Self::PinExampleUnknown"#));
    assert!(after.contains(r#"Self::PinExampleUnknown => "PIN_EXAMPLE_UNKNOWN""#));
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

/// Applies `edit` to one file of a scratch copy and returns the build's errors.
fn errors_after(name: &str, file: &str, edit: impl FnOnce(String) -> String) -> Vec<String> {
    let root = scratch(name);
    let path = root.join("spec").join(file);
    let text = fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(text, edited, "the edit must change {file}");
    fs::write(&path, edited).unwrap();
    let output = wa_webhook_codegen::generate(&root, "spec");
    assert!(
        !output.errors.is_empty(),
        "the mistake in {file} must stop the build"
    );
    output.errors.iter().map(ToString::to_string).collect()
}

#[test]
fn mistakes_in_the_real_specs_name_their_culprit() {
    let broken = errors_after("broken", "security.json", |t| t.replacen('}', "", 1));
    assert!(broken[0].starts_with("spec/security.json:"), "{broken:?}");
    assert!(broken[0].contains("not valid JSON"), "{broken:?}");

    let misspelled = errors_after("misspelled", "messages/reaction.json", |t| {
        t.replacen("\"<EMOJI_UNICODE>\"", "\"<EMOJI_UNICOD>\"", 1)
    });
    assert!(
        misspelled.contains(&"spec/messages/reaction.json: syntax.reaction.emoji: placeholder <EMOJI_UNICOD> has no row in `parameters`; did you mean <EMOJI_UNICODE>?".to_owned()),
        "{misspelled:?}"
    );

    let wrong_example = errors_after("wrong_example", "partner_solutions.json", |t| {
        t.replacen(
            "\"solution_status\": \"INITIATED\"",
            "\"solution_status\": \"LAUNCHED\"",
            1,
        )
    });
    assert_eq!(
        wrong_example,
        ["spec/partner_solutions.json: examples[0].payload.entry[0].changes[0].value.solution_status: \"LAUNCHED\" is not one of ACTIVE, DEACTIVATED, DRAFT, INITIATED, PENDING_DEACTIVATION, REJECTED (<SOLUTION_STATUS> in spec/partner_solutions.json)"]
    );

    let colliding = errors_after("colliding", "shared/status.json", |t| {
        t.replacen(
            "\"delivered\": ",
            "\"DELIVERED\": \"Upper case.\",\n        \"delivered\": ",
            1,
        )
    });
    assert!(colliding[0].starts_with("spec/shared/status.json: parameters.STATUS.values.delivered: \"delivered\" and \"DELIVERED\" both become the variant `Delivered`"), "{colliding:?}");
}

#[test]
fn the_generator_knows_every_public_type_name_of_the_runtime() {
    // Generated type names must not take one of these; the list lives in the generator.
    let lib = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wa-webhook-types/src/lib.rs"),
    )
    .unwrap();
    let mut exported = Vec::new();
    for line in lib.lines().filter(|l| l.starts_with("pub use ")) {
        let names = line.rsplit("::").next().unwrap_or_default();
        for name in names.trim_matches(|c| "{};".contains(c)).split(',') {
            let name = name.trim();
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                exported.push(name.to_owned());
            }
        }
    }
    assert!(exported.len() > 10, "{exported:?}");
    for name in &exported {
        assert!(
            wa_webhook_codegen::RUNTIME_TYPES.contains(&name.as_str()),
            "wa-webhook-types exports `{name}`; add it to name::RUNTIME_TYPES"
        );
    }
}

#[test]
fn the_generator_knows_every_module_the_runtime_names_at_its_root() {
    // Spec modules must not take one of these; the list lives in the generator. Feature-gated
    // modules count: a spec module must not depend on which features a user turns on.
    let lib = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wa-webhook-types/src/lib.rs"),
    )
    .unwrap();
    let mut modules = Vec::new();
    for line in lib.lines() {
        let name = if let Some(rest) = line.strip_prefix("pub mod ") {
            rest.trim_end_matches(';')
        } else if let Some(rest) = line.strip_prefix("pub use ") {
            // A re-exported crate (`pub use http;`), not an item of a module.
            match rest.trim_end_matches(';') {
                name if !name.contains("::") => name,
                _ => continue,
            }
        } else {
            continue;
        };
        modules.push(name.to_owned());
    }
    assert!(modules.len() >= 3, "{modules:?}");
    for name in &modules {
        assert!(
            wa_webhook_codegen::RUNTIME_MODULES.contains(&name.as_str()),
            "wa-webhook-types has a root module `{name}`; add it to name::RUNTIME_MODULES"
        );
    }
}

#[test]
fn a_shared_piece_that_refers_to_itself_does_not_hang_the_generator() {
    let envelope =
        fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/envelope.json"))
            .unwrap();
    let piece = r#"{"shared": "x_example_piece", "summary": "A piece holding itself.",
        "syntax": {"id?": "<ID>", "inner?": {"$ref": "x_example_piece"}},
        "parameters": {"ID": {"type": "String", "description": "An ID.", "role": "user_id"}}}"#;
    let field = r#"{"field": "x_example_field", "summary": "A field with the piece.",
        "syntax": {"items": [{"$ref": "x_example_piece"}]}, "parameters": {}}"#;
    let output = wa_webhook_codegen::generate_from_texts(
        "spec",
        &[
            ("spec/envelope.json", &envelope),
            ("spec/shared/x_example_piece.json", piece),
            ("spec/x_example_field.json", field),
        ],
    );
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    assert!(output
        .tokens
        .to_string()
        .contains("impl __rt :: Roles for XExamplePiece"));
}
