//! `wa-webhook trigger`: post one of the spec's example payloads to a receiver, signed as Meta
//! signs (HMAC-SHA256 of the exact bytes, non-ASCII written as `\uXXXX` escapes), to test a
//! receiver locally without Meta.

use crate::app_secret::AppSecrets;
use clap::Args;
use std::process::ExitCode;
use wa_webhook_types::receive::signature;
use wa_webhook_types::{Example, EXAMPLES};

/// What to post, where, and how often.
#[derive(Args)]
pub struct TriggerOptions {
    /// The spec file whose example to post, as `spec list` names it without `.json`:
    /// `security`, `messages/text`.
    pub name: String,
    /// Where to post: the receiver's webhook URL.
    #[arg(long)]
    pub url: String,
    /// Which of the file's examples, from 1.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub example: u64,
    /// Post it twice, the second time as Meta's retry would (the same bytes and signature).
    #[arg(long)]
    pub duplicate: bool,
    /// Sign as this app of `WA_APP_SECRET`'s list (its name, or its place from 0), instead of
    /// the first.
    #[arg(long)]
    pub app: Option<String>,
}

/// Posts; exit 0 when every answer was a 2xx, 1 when one was not, 2 on a usage error.
pub fn run(options: TriggerOptions) -> ExitCode {
    let secrets = match AppSecrets::from_env("the example is signed with it, as Meta signs") {
        Ok(secrets) => secrets,
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    let example = match find(&options.name, options.example) {
        Ok(example) => example,
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    let secret = match &options.app {
        Some(app) => match secrets.find(app) {
            Some(secret) => secret,
            None => {
                eprintln!("wa-webhook: no app `{app}` in {}", crate::app_secret::VAR);
                return ExitCode::from(2);
            }
        },
        None => secrets.of(None),
    };
    let body = as_meta_writes(example.json);
    let header = signature::sign(secret, body.as_bytes());
    let times = if options.duplicate { 2 } else { 1 };
    let answers = crate::runtime::block_on(async {
        let client = crate::post::client();
        let mut answers = Vec::new();
        for _ in 0..times {
            let answer =
                crate::post::post_signed(&client, &options.url, body.as_bytes(), &header).await;
            answers.push(answer);
        }
        answers
    });
    let Ok(answers) = answers else {
        return ExitCode::from(1);
    };
    let mut all_accepted = true;
    for answer in answers {
        let line = match answer {
            Ok((status, said)) => {
                all_accepted &= status.is_success();
                let said = String::from_utf8_lossy(&said);
                let said: String = said.chars().take(80).collect();
                format!("{}: {} {said}", example.spec, status.as_u16())
            }
            Err(e) => {
                all_accepted = false;
                format!("{}: no answer: {e}", example.spec)
            }
        };
        crate::stdout::emit(&format!("{}\n", line.trim_end()));
    }
    ExitCode::from(if all_accepted { 0 } else { 1 })
}

/// The `number`-th example (from 1) of the spec file `name`.
fn find(name: &str, number: u64) -> Result<&'static Example, String> {
    let spec = format!("spec/{}.json", name.trim_end_matches(".json"));
    let examples: Vec<&Example> = EXAMPLES.iter().filter(|e| e.spec == spec).collect();
    if examples.is_empty() {
        let mut names: Vec<&str> = EXAMPLES
            .iter()
            .filter_map(|e| e.spec.strip_prefix("spec/")?.strip_suffix(".json"))
            .collect();
        names.dedup();
        return Err(format!(
            "no spec file `{name}` has examples; one of: {}",
            names.join(", ")
        ));
    }
    let index = usize::try_from(number - 1).unwrap_or(usize::MAX);
    examples.get(index).copied().ok_or_else(|| {
        format!(
            "`{name}` has {} example(s); --example takes 1 to {}",
            examples.len(),
            examples.len()
        )
    })
}

/// The JSON as Meta writes it: every character outside ASCII as a `\uXXXX` escape (a UTF-16
/// pair for one outside the Basic Multilingual Plane). Outside strings JSON is ASCII, so only
/// strings change.
fn as_meta_writes(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{as_meta_writes, find};

    #[test]
    fn non_ascii_is_escaped_as_meta_does() {
        assert_eq!(
            as_meta_writes(r#"{"emoji":"👍","name":"café"}"#),
            r#"{"emoji":"\ud83d\udc4d","name":"caf\u00e9"}"#
        );
    }

    #[test]
    fn an_example_is_found_by_file_and_number() {
        // Any spec file with examples: the first, as `spec list` names it.
        let first = wa_webhook_types::EXAMPLES[0].spec;
        let name = first
            .strip_prefix("spec/")
            .unwrap()
            .strip_suffix(".json")
            .unwrap();
        assert_eq!(find(name, 1).unwrap().spec, first);
        assert!(find(name, 9_999)
            .unwrap_err()
            .contains("--example takes 1 to"));
        assert!(find("x_example_missing", 1)
            .unwrap_err()
            .contains(&format!("one of: {name}")));
    }
}
