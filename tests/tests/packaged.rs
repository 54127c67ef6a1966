//! The published crate as a user meets it: the workspace's crates packaged (`cargo package`),
//! then a scratch project outside the repository depends on `wa-webhook-types` from those
//! `.crate` files (unpacked and patched in for crates.io, no path into the repository), builds
//! and parses a body. A crate whose package leaves out a file it needs (a spec file, a module)
//! fails here before it fails a user.

use std::path::{Path, PathBuf};
use std::process::Command;

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// The crates `wa-webhook-types` is built from, as published.
const PUBLISHED: [&str; 3] = [
    "wa-webhook-codegen",
    "wa-webhook-macros",
    "wa-webhook-types",
];

const MAIN: &str = r##"fn main() {
    let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
      "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
        "messages": [{"from": "16505551234", "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ3MDFBRjg0RDk2NTdFMzcxNTRFRAA=",
          "timestamp": "1749416383", "type": "text", "text": {"body": "Does it come in another color?"}}]}}]}]}"#;
    let notification = wa_webhook_types::Notification::from_slice(body).expect("a webhook");
    for event in notification.events() {
        println!("{:?} wrote {:?}", event.user_name(), event.text_message());
    }
    println!("drift: {}", notification.drift().len());
}
"##;

fn cargo() -> Command {
    let mut command = Command::new(env!("CARGO"));
    // What the outer `cargo test` set for this test must not steer the inner builds.
    for (key, _) in std::env::vars_os() {
        if key
            .to_str()
            .is_some_and(|k| k.starts_with("CARGO_") && k != "CARGO_HOME")
        {
            command.env_remove(key);
        }
    }
    command
}

fn run(command: &mut Command, what: &str) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        output.status.success(),
        "{what} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_project_builds_against_the_packaged_crate_and_parses_a_body() {
    // Kept in the workspace's target folder, so a second run rebuilds only what changed.
    let target = Path::new(WORKSPACE).join("target").join("packaged");
    run(
        cargo()
            .current_dir(WORKSPACE)
            .args(["package", "--workspace", "--exclude", "wa-webhook-tests"])
            .args(["--no-verify", "--allow-dirty", "--quiet", "--target-dir"])
            .arg(&target),
        "cargo package --workspace",
    );

    // Outside the repository: nothing in it can be reached by a relative path.
    let scratch = std::env::temp_dir().join(format!("wa-webhook-packaged-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let unpacked = scratch.join("crates");
    std::fs::create_dir_all(&unpacked).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let mut patch = String::new();
    for name in PUBLISHED {
        let file = target
            .join("package")
            .join(format!("{name}-{version}.crate"));
        assert!(file.exists(), "{} was not packaged", file.display());
        run(
            Command::new("tar")
                .arg("-xzf")
                .arg(&file)
                .arg("-C")
                .arg(&unpacked),
            "tar -xzf (unpacking a .crate)",
        );
        let dir: PathBuf = unpacked.join(format!("{name}-{version}"));
        patch.push_str(&format!(
            "{name} = {{ path = {:?} }}\n",
            dir.to_str().unwrap()
        ));
    }
    let project = scratch.join("user");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::write(
        project.join("Cargo.toml"),
        format!(
            "[package]\nname = \"user\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nwa-webhook-types = \"{version}\"\n\n\
             # Not on crates.io yet: the packaged crates stand in for it.\n\
             [patch.crates-io]\n{patch}\n[workspace]\n"
        ),
    )
    .unwrap();
    std::fs::write(project.join("src/main.rs"), MAIN).unwrap();
    // The workspace's versions of everything else, as a user's lock would pin them.
    std::fs::copy(
        Path::new(WORKSPACE).join("Cargo.lock"),
        project.join("Cargo.lock"),
    )
    .unwrap();

    let out = run(
        cargo()
            .current_dir(&project)
            .args(["run", "--quiet", "--target-dir"])
            .arg(target.join("user")),
        "cargo run (the scratch project)",
    );
    assert_eq!(
        out,
        "Some(\"Sheena Nelson\") wrote Some(\"Does it come in another color?\")\ndrift: 0\n"
    );
    let root = Path::new(WORKSPACE).canonicalize().unwrap();
    let manifest = std::fs::read_to_string(project.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains(root.to_str().unwrap()), "{manifest}");
    std::fs::remove_dir_all(&scratch).unwrap();
}
