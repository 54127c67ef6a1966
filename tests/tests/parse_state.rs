//! A parse keeps its state in a value it passes by argument: neither the runtime nor what the
//! generator emits holds any in a thread-local or a static. Read from the source and from the
//! whole spec's expansion, token by token, so that a `thread_local!` or a mutable static added
//! anywhere (inside a function body, an impl block, a macro) fails here.

use proc_macro2::{TokenStream, TokenTree};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Statics whose type names one of these could hold state that changes while parsing.
const INTERIOR_MUTABILITY: [&str; 8] = [
    "Cell",
    "RefCell",
    "UnsafeCell",
    "OnceCell",
    "Mutex",
    "RwLock",
    "Atomic",
    "SyncUnsafeCell",
];

/// Each `thread_local` macro and each static found, as `what: tokens up to the end`.
fn hidden_state(tokens: TokenStream, found: &mut Vec<String>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => hidden_state(group.stream(), found),
            TokenTree::Ident(ident) if ident == "thread_local" => {
                found.push("thread_local!".to_owned());
            }
            TokenTree::Ident(ident) if ident == "static" => {
                // `'static` is a lifetime: a quote, then the ident.
                let lifetime =
                    i > 0 && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == '\'');
                if lifetime {
                    continue;
                }
                let item: Vec<String> = tokens[i..]
                    .iter()
                    .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ';' || p.as_char() == '='))
                    .map(|t| t.to_string())
                    .collect();
                let item = item.join(" ");
                let mutable = item.starts_with("static mut ");
                let cell = INTERIOR_MUTABILITY.iter().any(|name| {
                    item.split(|c: char| !c.is_alphanumeric())
                        .any(|word| word.starts_with(name))
                });
                if mutable || cell {
                    found.push(item);
                }
            }
            _ => {}
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_runtime_holds_no_parse_state_outside_the_parse() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wa-webhook-types/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "{}", src.display());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let tokens = TokenStream::from_str(&text).expect("the file tokenizes");
        let mut here = Vec::new();
        hidden_state(tokens, &mut here);
        found.extend(here.into_iter().map(|f| format!("{}: {f}", file.display())));
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_expansion_holds_no_parse_state_outside_the_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = wa_webhook_codegen::generate(&root, "spec");
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    let mut found = Vec::new();
    hidden_state(output.tokens, &mut found);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_check_finds_what_it_looks_for() {
    for (source, expected) in [
        ("thread_local! { static PASS: Cell<u8> = Cell::new(0); }", 2),
        ("fn f() { static mut COUNT: u32 = 0; }", 1),
        (
            "impl X { fn f() { static SEEN: Mutex<Vec<u8>> = Mutex::new(Vec::new()); } }",
            1,
        ),
        (
            "static N: std::sync::atomic::AtomicU32 = AtomicU32::new(0);",
            1,
        ),
        (
            "static KEY: LazyLock<Finder<'static>> = LazyLock::new(f); fn g(_: &'static str) {}",
            0,
        ),
    ] {
        let mut found = Vec::new();
        hidden_state(TokenStream::from_str(source).unwrap(), &mut found);
        assert_eq!(found.len(), expected, "{source}: {found:?}");
    }
}
