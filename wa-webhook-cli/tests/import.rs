//! `wa-webhook spec import` with Meta's pages saved as Markdown: the three seed pages in
//! `../shared/seeds` (imported alone they give the hand-written spec's shape; into the current
//! folder they change nothing; edited, they report exactly the edit), a page written from
//! `../shared/reference` with the layout variations the importer reads, and pages it refuses,
//! each with the page line and why.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{spec_copy, wa_webhook, TempDir};

/// The seed pages, the spec file each describes, and what that file is.
const SEEDS: [(&str, &str, &str); 3] = [
    ("security.md", "security.json", "field `security`"),
    (
        "partner_solutions.md",
        "partner_solutions.json",
        "field `partner_solutions`",
    ),
    (
        "messages_reaction.md",
        "messages/reaction.json",
        "variant `reaction`",
    ),
];

fn seeds() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
    assert!(
        dir.is_dir(),
        "{} is absent: these tests need Meta's saved pages beside the project (../shared/seeds)",
        dir.display()
    );
    dir
}

fn import(spec: &Path, write: bool, pages: &[&Path]) -> std::process::Output {
    let spec = spec.display().to_string();
    let pages: Vec<String> = pages.iter().map(|p| p.display().to_string()).collect();
    let mut args = vec!["spec", "import", "--spec", &spec];
    if write {
        args.push("--write");
    }
    args.extend(pages.iter().map(String::as_str));
    wa_webhook(&args)
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A syntax without its docs and Rust names: keys (with `?`), placeholders, literals, nesting.
fn bare_syntax(node: &Value) -> Value {
    match node {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "$doc" && *k != "$name")
                .map(|(k, v)| (k.clone(), bare_syntax(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(bare_syntax).collect()),
        other => other.clone(),
    }
}

/// Each placeholder of the syntax with its row's type and listed values, in order.
fn rows(spec: &Value) -> Vec<(String, Value, Vec<String>)> {
    fn placeholders(node: &Value, out: &mut Vec<String>) {
        match node {
            Value::Object(map) => map.values().for_each(|v| placeholders(v, out)),
            Value::Array(items) => items.iter().for_each(|v| placeholders(v, out)),
            Value::String(s) if s.starts_with('<') => {
                out.push(s.trim_matches(['<', '>']).to_owned())
            }
            _ => {}
        }
    }
    let mut names = Vec::new();
    placeholders(&spec["syntax"], &mut names);
    names
        .into_iter()
        .map(|name| {
            let row = &spec["parameters"][&name];
            let values = row["values"]
                .as_object()
                .map(|v| v.keys().cloned().collect())
                .unwrap_or_default();
            (name, row["type"].clone(), values)
        })
        .collect()
}

/// `spec suggest` over every example of a spec file: the folder describes them (exit 0).
fn assert_examples_type(spec_dir: &Path, file: &Value, tmp: &TempDir) {
    let examples = file["examples"].as_array().expect("examples");
    assert!(!examples.is_empty());
    let mut paths = Vec::new();
    for (i, example) in examples.iter().enumerate() {
        let path = tmp.path().join(format!("example-{i}.json"));
        std::fs::write(&path, example["payload"].to_string()).unwrap();
        paths.push(path.display().to_string());
    }
    let spec = spec_dir.display().to_string();
    let mut args = vec!["spec", "suggest", "--spec", &spec];
    args.extend(paths.iter().map(String::as_str));
    let out = wa_webhook(&args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

fn assert_builds(spec: &Path) {
    let out = wa_webhook(&["spec", "expand", &spec.display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn each_seed_page_imported_alone_gives_the_hand_written_shape() {
    let seeds = seeds();
    for (page, file, what) in SEEDS {
        let tmp = TempDir::new("import-seed");
        let spec = spec_copy(&tmp);
        let target = spec.join(file);
        let hand_written = json(&target);
        std::fs::remove_file(&target).unwrap();

        let out = import(&spec, true, &[&seeds.join(page)]);
        assert_eq!(out.status.code(), Some(1), "{page}: {out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(&format!("add: new spec file for {what} (")),
            "{stdout}"
        );

        let imported = json(&target);
        assert_eq!(
            bare_syntax(&imported["syntax"]),
            bare_syntax(&hand_written["syntax"]),
            "{page}: keys, optionality, placeholders"
        );
        assert_eq!(
            rows(&imported),
            rows(&hand_written),
            "{page}: types and values"
        );
        assert_eq!(
            imported["examples"].as_array().map(Vec::len),
            hand_written["examples"].as_array().map(Vec::len),
            "{page}: examples"
        );
        assert_builds(&spec);
        assert_examples_type(&spec, &imported, &tmp);

        // No sentence of the page's table is copied: descriptions are placeholders.
        let text = std::fs::read_to_string(&target).unwrap();
        let page_text = std::fs::read_to_string(seeds.join(page)).unwrap();
        for row in page_text.lines().filter(|l| l.starts_with("| `<")) {
            let description = row.split('|').nth(2).unwrap_or("");
            for sentence in description.split(". ").filter(|s| s.trim().len() > 20) {
                assert!(
                    !text.contains(sentence.trim()),
                    "{page}: copied {sentence:?}"
                );
            }
        }
        let listed = wa_webhook(&["spec", "list", &spec.display().to_string()]);
        assert!(
            String::from_utf8_lossy(&listed.stderr).contains("description(s) still to write"),
            "{listed:?}"
        );
    }
}

#[test]
fn importing_the_seeds_into_the_current_folder_changes_nothing() {
    let seeds = seeds();
    let tmp = TempDir::new("import-current");
    let spec = spec_copy(&tmp);
    let before = snapshot(&spec);
    let pages: Vec<PathBuf> = SEEDS.iter().map(|(p, _, _)| seeds.join(p)).collect();
    let pages: Vec<&Path> = pages.iter().map(PathBuf::as_path).collect();
    let out = import(&spec, true, &pages);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("the spec covers every page"), "{stdout}");
    // The reaction page's mojibake was repaired, so its examples match the spec's.
    assert!(stdout.contains("read as Mac Roman"), "{stdout}");
    assert_eq!(snapshot(&spec), before);
}

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                files.push((entry.path(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn an_edited_seed_page_reports_exactly_its_additions() {
    let seeds = seeds();
    let tmp = TempDir::new("import-edited");
    let spec = spec_copy(&tmp);
    let page = std::fs::read_to_string(seeds.join("security.md")).unwrap();
    let edited = page
        .replacen(
            "\"event\": \"<EVENT>\",\n",
            "\"event\": \"<EVENT>\",\n            \"x_unknown_key\": \"<X_EXAMPLE_UNKNOWN_ID>\", <!-- only included for PIN_EXAMPLE_UNKNOWN events -->\n",
            1,
        )
        .replacen(
            "| `<META_BUSINESS_SUITE_USER_ID>`",
            "| `<X_EXAMPLE_UNKNOWN_ID>`  *String* | A row for the test. | `123` |\n| `<META_BUSINESS_SUITE_USER_ID>`",
            1,
        )
        .replacen(
            "to turn off two-step verification. | `PIN_RESET_REQUEST` |",
            "to turn off two-step verification.  `PIN_EXAMPLE_UNKNOWN` — a value for the test. | `PIN_RESET_REQUEST` |",
            1,
        );
    assert_ne!(
        edited, page,
        "the seed page no longer has the lines this test edits"
    );
    let path = tmp.path().join("security-edited.md");
    std::fs::write(&path, &edited).unwrap();

    let out = import(&spec, false, &[&path]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let found: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": add: ") || l.contains(": differs: "))
        .collect();
    assert_eq!(found.len(), 3, "{stdout}");
    assert!(
        found[0].starts_with(
            "spec/security.json syntax.x_unknown_key?: add: optional key `x_unknown_key`"
        ),
        "{stdout}"
    );
    assert!(
        found[1].starts_with(
            "spec/security.json parameters.X_EXAMPLE_UNKNOWN_ID: add: row X_EXAMPLE_UNKNOWN_ID"
        ),
        "{stdout}"
    );
    assert!(
        found[2].starts_with(
            "spec/security.json parameters.EVENT.values: add: value \"PIN_EXAMPLE_UNKNOWN\""
        ),
        "{stdout}"
    );
    // The report shows the page's words for the maintainer; the file gets a marker.
    assert!(
        found[1].contains("the page says: \"A row for the test.\""),
        "{stdout}"
    );
    assert!(
        found[2].contains("the page says: \"a value for the test.\""),
        "{stdout}"
    );
    assert!(!stdout.contains("not on the page"), "{stdout}");
    let before = json(&spec.join("security.json"));
    assert_eq!(
        before["syntax"].get("x_unknown_key?"),
        None,
        "written without --write"
    );

    let out = import(&spec, true, &[&path]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let after = json(&spec.join("security.json"));
    assert_eq!(after["syntax"]["x_unknown_key?"], "<X_EXAMPLE_UNKNOWN_ID>");
    assert_eq!(
        after["parameters"]["X_EXAMPLE_UNKNOWN_ID"]["type"],
        "String"
    );
    assert_eq!(
        after["parameters"]["X_EXAMPLE_UNKNOWN_ID"]["example"],
        "123"
    );
    assert!(
        after["parameters"]["EVENT"]["values"]["PIN_EXAMPLE_UNKNOWN"]
            .as_str()
            .unwrap()
            .starts_with("TODO(spec import)")
    );
    // What the spec said stays: its own description, its `when`.
    assert_eq!(
        after["parameters"]["EVENT"]["description"],
        before["parameters"]["EVENT"]["description"]
    );
    assert_eq!(
        after["parameters"]["META_BUSINESS_SUITE_USER_ID"],
        before["parameters"]["META_BUSINESS_SUITE_USER_ID"]
    );
    assert_builds(&spec);

    let again = import(&spec, false, &[&path]);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
}

/// A page written from `../shared/reference/fields/account_update.md`, with the layout
/// variations of Meta's pages: a note without a space after `<!--`, notes on the line before a
/// key, a key written twice as alternatives, a trailing comma, a type without asterisks, a row
/// without a type, a syntax placeholder without a row (`<REMEDIATION_STEPS>`), values after `-`
/// and `–`, and two examples under one heading.
const VARIATIONS: &str = r#"[Documentos](/docs/)[API](/docs/whatsapp/cloud-api)[Webhooks reference](/docs/whatsapp/webhooks/reference)[account\_update](/docs/whatsapp/cloud-api/webhooks/reference/account_update)

# `account_update` webhook reference

The **account\_update** webhook notifies you of changes to a WhatsApp Business Account.

## Triggers

* A WhatsApp Business Account is deleted.
* A WhatsApp Business Account is restricted.

## Syntax

```
{
  "entry": [
    {
      "id": "<WHATSAPP_BUSINESS_ACCOUNT_ID>",
      "time": <WEBHOOK_TRIGGER_TIMESTAMP>,
      "changes": [
        {
          "value": {
            "country": "<COUNTRY_CODE>", <!--only included for BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE event -->
            "event": "<EVENT>",

            <!-- only included for AD_ACCOUNT_LINKED event -->
            "waba_info": {
              "waba_id": "<WHATSAPP_BUSINESS_ACCOUNT_ID>",
              "ad_account_linked": "<AD_ACCOUNT_ID>",
              "owner_business_id": "<BUSINESS_PORTFOLIO_ID>"
            },

            <!-- only included for MM_LITE_TERMS_SIGNED event -->
            "waba_info": {
              "waba_id": "<WABA_ID>",
              "owner_business_id": "<BUSINESS_PORTFOLIO_ID>"
            },

            <!-- only included for ACCOUNT_RESTRICTION event -->
            "restriction_info": [
              {
                "restriction_type": "<RESTRICTION_TYPE>",
                "expiration": <RESTRICTION_EXPIRATION>,
                "remediation": "<REMEDIATION_STEPS>",
              }
            ]
          },
          "field": "account_update"
        }
      ]
    }
  ],
  "object": "whatsapp_business_account"
}
```

## Parameters

| Placeholder | Description | Example value |
| --- | --- | --- |
| `<AD_ACCOUNT_ID>` | Ad account ID. | `546794211451242` |
| `<BUSINESS_PORTFOLIO_ID>`  *String* | Business portfolio ID. | `506914307656634` |
| `<COUNTRY_CODE>` String | Country code. | `US` |
| `<EVENT>`  *String* | Account event. Values can be:  `ACCOUNT_DELETED` - The account was deleted.  `ACCOUNT_RESTRICTION` - The account was restricted.  `AD_ACCOUNT_LINKED` - An ad account was linked. | `ACCOUNT_DELETED` |
| `<RESTRICTION_EXPIRATION>`  *Integer* | When the restriction ends. | `1739321024` |
| `<RESTRICTION_TYPE>` String | Restriction. Values can be: `RESTRICTED_ADD_PHONE_NUMBER_ACTION` – Cannot add numbers. `RESTRICTED_BIZ_INITIATED_MESSAGING` – Cannot start conversations. | `RESTRICTED_ADD_PHONE_NUMBER_ACTION` |
| `<WEBHOOK_TRIGGER_TIMESTAMP>`  *Integer* | Unix timestamp. | `1739321024` |
| `<WHATSAPP_BUSINESS_ACCOUNT_ID>`  *String* | WhatsApp Business Account ID. | `102290129340398` |

## Examples

***Ad account linked***

```
{
  "entry": [
    {
      "id": "102290129340398",
      "time": 1739321024,
      "changes": [
        {
          "value": {
            "event": "AD_ACCOUNT_LINKED",
            "waba_info": {
              "waba_id": "102290129340398",
              "ad_account_linked": "546794211451242",
              "owner_business_id": "506914307656634"
            }
          },
          "field": "account_update"
        }
      ]
    }
  ],
  "object": "whatsapp_business_account"
}
```

***Restricted***

```
{
  "entry": [
    {
      "id": "102290129340398",
      "time": 1739321024,
      "changes": [
        {
          "value": {
            "event": "ACCOUNT_RESTRICTION",
            "restriction_info": [
              {
                "restriction_type": "RESTRICTED_BIZ_INITIATED_MESSAGING",
                "expiration": 1739321024,
                "remediation": "Review the messaging policy."
              }
            ]
          },
          "field": "account_update"
        }
      ]
    }
  ],
  "object": "whatsapp_business_account"
}
```
"#;

#[test]
fn a_page_with_the_layout_variations_becomes_a_spec_file() {
    let tmp = TempDir::new("import-variations");
    let spec = spec_copy(&tmp);
    assert!(!spec.join("account_update.json").exists());
    let page = tmp.path().join("account_update.md");
    std::fs::write(&page, VARIATIONS).unwrap();

    let out = import(&spec, true, &[&page]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("account_update.md: <AD_ACCOUNT_ID>: no type on the page; typed String from a quoted placeholder"), "{stdout}");
    assert!(
        stdout.contains("<REMEDIATION_STEPS> (page line 44): no row on the page"),
        "{stdout}"
    );
    assert!(!stdout.contains("examples left out"), "{stdout}");
    let written = json(&spec.join("account_update.json"));
    assert_eq!(
        bare_syntax(&written["syntax"]),
        serde_json::json!({
            "country?": "<COUNTRY_CODE>",
            "event": "<EVENT>",
            "waba_info?": {
                "waba_id": "<WHATSAPP_BUSINESS_ACCOUNT_ID>",
                "ad_account_linked?": "<AD_ACCOUNT_ID>",
                "owner_business_id": "<BUSINESS_PORTFOLIO_ID>"
            },
            "restriction_info?": [{
                "restriction_type": "<RESTRICTION_TYPE>",
                "expiration": "<RESTRICTION_EXPIRATION>",
                "remediation": "<REMEDIATION_STEPS>"
            }]
        })
    );
    let row = |name: &str, key: &str| written["parameters"][name][key].clone();
    assert_eq!(row("AD_ACCOUNT_ID", "type"), "String");
    assert_eq!(row("RESTRICTION_EXPIRATION", "type"), "Integer");
    assert_eq!(row("RESTRICTION_EXPIRATION", "example"), 1739321024);
    assert_eq!(row("COUNTRY_CODE", "type"), "String");
    let values = |name: &str| -> Vec<String> {
        written["parameters"][name]["values"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(
        values("EVENT"),
        [
            "ACCOUNT_DELETED",
            "ACCOUNT_RESTRICTION",
            "AD_ACCOUNT_LINKED"
        ]
    );
    assert_eq!(
        values("RESTRICTION_TYPE"),
        [
            "RESTRICTED_ADD_PHONE_NUMBER_ACTION",
            "RESTRICTED_BIZ_INITIATED_MESSAGING"
        ]
    );
    assert_eq!(written["examples"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        written["source"],
        "https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/reference/account_update"
    );
    assert_builds(&spec);
    assert_examples_type(&spec, &written, &tmp);
}

#[test]
fn a_page_it_cannot_read_gets_its_line_and_why() {
    let syntax = |body: &str| {
        format!("# `x_example_field` webhook reference\n\n## Syntax\n\n```\n{body}\n```\n")
    };
    let change = |value: &str| {
        syntax(&format!(
            "{{\n  \"entry\": [{{ \"changes\": [{{\n    \"field\": \"x_example_field\",\n    \"value\": {value}\n  }}] }}]\n}}"
        ))
    };
    let cases = [
        ("no title", "Some text\n".to_owned(), 1, "no title"),
        (
            "no syntax",
            "# `x_example_field` webhook reference\n\n## Parameters\n".to_owned(),
            1,
            "no `## Syntax` section",
        ),
        (
            "unclosed block",
            "# `x_example_field` webhook reference\n\n## Syntax\n\n```\n{\n".to_owned(),
            5,
            "never closed",
        ),
        ("unterminated string", change("{\n      \"a\": \"<TEMPLATE_BODY_TEXT>,\n    }"), 10, "unterminated string"),
        ("placeholder key", change("{\n      \"<MESSAGE_TYPE>\": {}\n    }"), 10, "a placeholder as a key"),
        ("placeholder body", change("{\n      \"a\": \"<A>\",\n      <MESSAGE_CONTENTS>\n    }"), 11, "a placeholder where a key should be"),
        ("value only", syntax("{\n  \"a\": \"<A>\"\n}"), 6, "shows no change"),
        (
            "row without placeholder",
            format!("{}\n## Parameters\n\n| Placeholder | Description |\n| --- | --- |\n| event | What. |\n", change("{ \"a\": \"<A>\" }")),
            18,
            "no `<PLACEHOLDER>`",
        ),
    ];
    let tmp = TempDir::new("import-refused");
    let spec = spec_copy(&tmp);
    for (name, text, line, why) in cases {
        let page = tmp.path().join("page.md");
        std::fs::write(&page, &text).unwrap();
        let out = import(&spec, true, &[&page]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        let at = format!("page.md:{line}: ");
        assert!(
            stderr.contains(&at) && stderr.contains(why),
            "{name}: wanted `{at}` and `{why}` in {stderr}\n{text}"
        );
    }
}

/// A page of a field the folder lacks, whose Syntax block writes `x_sometimes` plainly while its
/// second example leaves it out; `extra` more examples go after the two.
fn page_with_examples(extra: &str) -> String {
    let example = |value: &str| {
        format!("```\n{{\n  \"object\": \"whatsapp_business_account\",\n  \"entry\": [{{ \"id\": \"1\", \"changes\": [{{\n    \"field\": \"x_example_field\",\n    \"value\": {value}\n  }}] }}]\n}}\n```\n")
    };
    format!(
        "# `x_example_field` webhook reference\n\n## Syntax\n\n```\n{{\n  \"entry\": [{{ \"changes\": [{{\n    \"field\": \"x_example_field\",\n    \"value\": {{\n      \"x_always\": \"<X_ALWAYS>\",\n      \"x_sometimes\": \"<X_SOMETIMES>\",\n      \"x_inner\": {{ \"x_count\": <X_COUNT> }}\n    }}\n  }}] }}]\n}}\n```\n\n## Parameters\n\n| Placeholder | Description | Example |\n| --- | --- | --- |\n| `<X_ALWAYS>` *String* | A key for the test. | `a` |\n| `<X_SOMETIMES>` *String* | Another key for the test. | `s` |\n| `<X_COUNT>` *Integer* | A count for the test. | `1` |\n\n## Examples\n\n{}\n{}\n{extra}",
        example(r#"{ "x_always": "a", "x_sometimes": "s", "x_inner": { "x_count": 1 } }"#),
        example(r#"{ "x_always": "b", "x_inner": { "x_count": 2 } }"#),
    )
}

#[test]
fn a_key_the_pages_own_example_leaves_out_is_optional_and_the_examples_are_kept() {
    let tmp = TempDir::new("import-omitted");
    let spec = spec_copy(&tmp);
    let page = tmp.path().join("x_example_field.md");
    std::fs::write(&page, page_with_examples("")).unwrap();

    let out = import(&spec, true, &[&page]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(!stdout.contains("examples left out"), "{stdout}");
    assert!(
        stdout.contains(
            "`x_sometimes` (page line 11): optional: an example of the page leaves it out"
        ),
        "{stdout}"
    );
    let written = json(&spec.join("x_example_field.json"));
    assert_eq!(
        bare_syntax(&written["syntax"]),
        serde_json::json!({
            "x_always": "<X_ALWAYS>",
            "x_sometimes?": "<X_SOMETIMES>",
            "x_inner": { "x_count": "<X_COUNT>" }
        })
    );
    assert_eq!(written["examples"].as_array().map(Vec::len), Some(2));
    assert_builds(&spec);
    assert_examples_type(&spec, &written, &tmp);

    // The file exists now: a third example that leaves out a nested key the file requires asks
    // for its `?`, with the example.
    let third = r#"```
{ "object": "whatsapp_business_account", "entry": [{ "id": "1", "changes": [{ "field": "x_example_field", "value": { "x_always": "c", "x_inner": {} } }] }] }
```
"#;
    std::fs::write(&page, page_with_examples(third)).unwrap();
    let again = import(&spec, true, &[&page]);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert_eq!(again.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "syntax.x_inner.x_count: add: `?`: an example of the page leaves `x_count` out"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("examples left out"), "{stdout}");
    let written = json(&spec.join("x_example_field.json"));
    assert_eq!(written["syntax"]["x_inner"]["x_count?"], "<X_COUNT>");
    assert_eq!(written["examples"].as_array().map(Vec::len), Some(3));
    assert_builds(&spec);
}

#[test]
fn a_folder_of_pages_with_a_readme_beside_them_compares_the_pages() {
    let seeds = seeds();
    let tmp = TempDir::new("import-readme");
    let spec = spec_copy(&tmp);
    let readme = seeds.join("README.md");
    assert!(readme.is_file(), "{} is absent", readme.display());
    let mut pages: Vec<PathBuf> = SEEDS.iter().map(|(p, _, _)| seeds.join(p)).collect();
    pages.insert(0, readme);
    let pages: Vec<&Path> = pages.iter().map(PathBuf::as_path).collect();

    let out = import(&spec, false, &pages);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("README.md:1: no `## Syntax` section") && stdout.contains("skipped: "),
        "{stdout}"
    );
    for (_, file, _) in SEEDS {
        assert!(
            stdout.contains(&format!(": describes spec/{file}")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("the spec covers every page"), "{stdout}");

    // Alone, a file that is no reference page is still an error with its line.
    let alone = import(&spec, false, &[&seeds.join("README.md")]);
    assert_eq!(alone.status.code(), Some(2), "{alone:?}");
}

#[test]
fn a_page_that_adds_the_message_type_other_files_show_completes_the_folder() {
    let seeds = seeds();
    let tmp = TempDir::new("import-completes");
    let spec = spec_copy(&tmp);
    // Another file's example shows a reaction, so without reaction.json the folder does not
    // validate as it is; the page adds what it lacks.
    let reaction = json(&spec.join("messages/reaction.json"));
    let example = reaction["examples"][0].clone();
    std::fs::remove_file(spec.join("messages/reaction.json")).unwrap();
    let mut messages = json(&spec.join("messages.json"));
    messages["examples"].as_array_mut().unwrap().push(example);
    std::fs::write(
        spec.join("messages.json"),
        serde_json::to_string_pretty(&messages).unwrap(),
    )
    .unwrap();
    let broken = wa_webhook(&["spec", "expand", &spec.display().to_string()]);
    assert!(
        !broken.status.success(),
        "the folder is incomplete as it is"
    );

    let out = import(&spec, true, &[&seeds.join("messages_reaction.md")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("add: new spec file for variant `reaction` ("),
        "{stdout}"
    );
    assert!(spec.join("messages/reaction.json").is_file());
    assert_builds(&spec);
}

/// A page that lists one set of values under two keys (an old and a new state, as Meta's pages
/// often do), and under a third the values of a row the folder has: the importer drafts one
/// list and `values_of` for the others, so its draft passes validation and builds.
#[test]
fn a_page_listing_one_list_under_two_keys_drafts_values_of_and_builds() {
    let tmp = TempDir::new("import-values-of");
    let spec = spec_copy(&tmp);
    let page = tmp.path().join("x_example_field.md");
    let example = r#"{ "object": "whatsapp_business_account", "entry": [{ "id": "1", "changes": [{ "field": "x_example_field", "value": { "x_old": "X_EXAMPLE_ON", "x_new": "X_EXAMPLE_OFF", "x_event": "PIN_CHANGED" } }] }] }"#;
    let text = format!(
        "# `x_example_field` webhook reference\n\n## Syntax\n\n```\n{{\n  \"entry\": [{{ \"changes\": [{{\n    \"field\": \"x_example_field\",\n    \"value\": {{\n      \"x_old\": \"<X_OLD>\",\n      \"x_new\": \"<X_NEW>\",\n      \"x_event\": \"<X_EVENT>\"\n    }}\n  }}] }}]\n}}\n```\n\n## Parameters\n\n| Placeholder | Description | Example |\n| --- | --- | --- |\n| `<X_OLD>` *String* | The state before. Values can be: `X_EXAMPLE_ON` - on. `X_EXAMPLE_OFF` - off. | `X_EXAMPLE_ON` |\n| `<X_NEW>` *String* | The state after. Values can be: `X_EXAMPLE_ON` - on. `X_EXAMPLE_OFF` - off. | `X_EXAMPLE_OFF` |\n| `<X_EVENT>` *String* | An event. Values can be: `PIN_CHANGED` - a. `PIN_RESET_REQUEST` - b. `PIN_REQUEST_SUCCESS` - c. | `PIN_CHANGED` |\n\n## Examples\n\n```\n{example}\n```\n"
    );
    std::fs::write(&page, text).unwrap();

    let out = import(&spec, true, &[&page]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "drafted, not refused: {out:?}");
    assert!(
        stdout.contains("<X_NEW>: the same values as `X_OLD`"),
        "{stdout}"
    );
    let written = json(&spec.join("x_example_field.json"));
    let row = |name: &str| written["parameters"][name].clone();
    assert_eq!(row("X_OLD")["values"].as_object().map(|v| v.len()), Some(2));
    assert_eq!(row("X_NEW")["values_of"], "X_OLD");
    assert!(row("X_NEW").get("values").is_none());
    assert_eq!(row("X_EVENT")["values_of"], "security#EVENT");
    assert_builds(&spec);
    assert_examples_type(&spec, &written, &tmp);
}
