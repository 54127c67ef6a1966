//! Neither drafting tool writes what the validator refuses. For each rule a draft can break, a
//! page (for `spec import`) and a body (for `spec suggest`) on which a naive draft would break
//! it: each tool drafts what validates (exit 1), or, where no spec can say it yet, says why with
//! the rule's words: `spec suggest` leaves that key out of its edits (exit 1), `spec import`
//! refuses the page (exit 2) and writes nothing. After `--write` the folder always builds.

mod support;

use std::path::Path;
use support::{spec_copy, wa_webhook, TempDir};

/// A rule of the validator, and what each tool is given that a naive draft would break it with.
struct Case {
    /// The rule, as `valid/` words it (part of its message).
    rule: &'static str,
    /// The `value` of a `security` change for `spec suggest`, if the rule can be met there.
    body: Option<&'static str>,
    /// The Syntax block's `value` and the table rows of a page of the field `x_example_field`,
    /// for `spec import`.
    page: Option<(&'static str, &'static str)>,
    /// Whether a spec can say it: the tools then draft it; else they say the rule's words.
    drafted: bool,
}

const CASES: &[Case] = &[
    Case {
        rule: "type names are unique in the crate",
        body: Some(r#"{"display_phone_number":"1","event":"PIN_CHANGED","metadata":{"x_inner":1}}"#),
        page: Some((
            r#"{ "x_thing": "<X_THING>", "metadata": { "x_inner": "<X_INNER>" } }"#,
            "| `<X_THING>` *String* | A key for the test. | `a` |\n| `<X_INNER>` *String* | A key for the test. | `b` |",
        )),
        drafted: true,
    },
    Case {
        rule: "both become the variant",
        body: Some(r#"{"display_phone_number":"1","event":"pin_changed"}"#),
        page: Some((
            r#"{ "x_state": "<X_STATE>" }"#,
            "| `<X_STATE>` *String* | A state. Values can be: `X_EXAMPLE_ON` - on. `x_example_on` - on, as older versions write it. | `X_EXAMPLE_ON` |",
        )),
        drafted: true,
    },
    Case {
        rule: "the same values as",
        body: None, // a value added to a row never makes its list another row's: it goes to the row that lists them
        page: Some((
            r#"{ "x_old": "<X_OLD>", "x_new": "<X_NEW>" }"#,
            "| `<X_OLD>` *String* | Before. Values can be: `X_EXAMPLE_ON` - on. `X_EXAMPLE_OFF` - off. | `X_EXAMPLE_ON` |\n| `<X_NEW>` *String* | After. Values can be: `X_EXAMPLE_ON` - on. `X_EXAMPLE_OFF` - off. | `X_EXAMPLE_OFF` |",
        )),
        drafted: true,
    },
    Case {
        rule: "both become the Rust field",
        body: Some(r#"{"display_phone_number":"1","event":"PIN_CHANGED","x-unknown-key":1,"x_unknown_key":2}"#),
        page: Some((
            r#"{ "x-thing": "<X_THING>", "x_thing": "<X_THING_2>" }"#,
            "| `<X_THING>` *String* | A key for the test. | `a` |\n| `<X_THING_2>` *String* | Another key for the test. | `b` |",
        )),
        drafted: false,
    },
    Case {
        rule: "holds unknown keys in every struct",
        body: Some(r#"{"display_phone_number":"1","event":"PIN_CHANGED","extra":1}"#),
        page: Some((
            r#"{ "x_thing": "<X_THING>", "extra": "<X_EXTRA>" }"#,
            "| `<X_THING>` *String* | A key for the test. | `a` |\n| `<X_EXTRA>` *String* | A key for the test. | `b` |",
        )),
        drafted: false,
    },
];

fn security(value: &str) -> String {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"security","value":{value}}}]}}]}}"#
    )
}

fn page((value, rows): (&str, &str)) -> String {
    format!(
        "# `x_example_field` webhook reference\n\n## Syntax\n\n```\n{{\n  \"entry\": [{{ \"changes\": [{{\n    \"field\": \"x_example_field\",\n    \"value\": {value}\n  }}] }}]\n}}\n```\n\n## Parameters\n\n| Placeholder | Description | Example |\n| --- | --- | --- |\n{rows}\n"
    )
}

/// Runs a tool with `--write` on `input`, then checks the folder: it validates and builds.
fn draft(case: &Case, tool: &str, input_name: &str, input: &str) {
    let tmp = TempDir::new("drafts");
    let spec = spec_copy(&tmp);
    let before = std::fs::read_dir(&spec).unwrap().count();
    let input_path = tmp.path().join(input_name);
    std::fs::write(&input_path, input).unwrap();
    let spec_arg = spec.display().to_string();
    let out = wa_webhook(&[
        "spec",
        tool,
        "--spec",
        &spec_arg,
        "--write",
        &input_path.display().to_string(),
    ]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let what = format!("{tool} on `{}`:\n{said}", case.rule);
    match (case.drafted, tool) {
        (true, _) => {
            assert_eq!(out.status.code(), Some(1), "{what}");
            assert!(
                !said.contains("cannot") && !said.contains("error"),
                "{what}"
            );
        }
        (false, "suggest") => {
            assert_eq!(out.status.code(), Some(1), "{what}");
            assert!(
                said.contains("cannot suggest") && said.contains(case.rule),
                "{what}"
            );
        }
        (false, _) => {
            assert_eq!(out.status.code(), Some(2), "{what}");
            assert!(said.contains(case.rule), "{what}");
            assert_eq!(
                std::fs::read_dir(&spec).unwrap().count(),
                before,
                "nothing written: {what}"
            );
        }
    }
    assert_builds(&spec, &what);
}

fn assert_builds(spec: &Path, what: &str) {
    let expand = wa_webhook(&["spec", "expand", &spec.display().to_string()]);
    assert_eq!(
        expand.status.code(),
        Some(0),
        "{what}\nthe folder does not build: {}",
        String::from_utf8_lossy(&expand.stderr)
    );
}

#[test]
fn spec_suggest_never_writes_what_the_validator_refuses() {
    let mut cases = 0;
    for case in CASES {
        if let Some(body) = case.body {
            draft(case, "suggest", "body.json", &security(body));
            cases += 1;
        }
    }
    assert_eq!(cases, 4);
}

#[test]
fn spec_import_never_writes_what_the_validator_refuses() {
    let mut cases = 0;
    for case in CASES {
        if let Some(page_parts) = case.page {
            draft(case, "import", "x_example_field.md", &page(page_parts));
            cases += 1;
        }
    }
    assert_eq!(cases, 5);
}

/// A page listing a value in two cases: one value with two spellings, as `spec suggest` drafts it.
#[test]
fn spec_import_writes_a_value_listed_in_another_case_as_its_other_spelling() {
    let tmp = TempDir::new("drafts-spelling");
    let spec = spec_copy(&tmp);
    let page_path = tmp.path().join("x_example_field.md");
    let case = CASES
        .iter()
        .find(|c| c.rule == "both become the variant")
        .unwrap();
    std::fs::write(&page_path, page(case.page.unwrap())).unwrap();
    let spec_arg = spec.display().to_string();
    let out = wa_webhook(&[
        "spec",
        "import",
        "--spec",
        &spec_arg,
        "--write",
        &page_path.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spec.join("x_example_field.json")).unwrap())
            .unwrap();
    let values: Vec<&String> = written["parameters"]["X_STATE"]["values"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(values, ["X_EXAMPLE_ON|x_example_on"]);
}

/// A new field named like a module of the runtime (`receive`): neither tool drafts its file.
#[test]
fn neither_tool_drafts_a_field_whose_module_the_runtime_owns() {
    let case = Case {
        rule: "a spec module cannot be named",
        body: None,
        page: None,
        drafted: false,
    };
    let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"receive","value":{"x_thing":"a"}}]}]}"#;
    draft(&case, "suggest", "body.json", body);
    let page = page((
        r#"{ "x_thing": "<X_THING>" }"#,
        "| `<X_THING>` *String* | A key for the test. | `a` |",
    ))
    .replace("x_example_field", "receive");
    draft(&case, "import", "receive.md", &page);
}
