//! Markdown to the plain text the importer compares and reports: links keep their text;
//! emphasis, code marks, escapes and word joiners go.

/// [`plain`], but code spans keep their backticks.
pub(super) fn plain_keeping_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(k, part)| {
            if k % 2 == 1 {
                format!("`{part}`")
            } else {
                strip_markdown(part)
            }
        })
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text without Markdown, on one line with single spaces.
pub(super) fn plain(text: &str) -> String {
    strip_markdown(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Links keep their text; emphasis and code marks, escapes and word joiners go.
fn strip_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' | '`' => {}
            ']' if chars.peek() == Some(&'(') => {
                for c in chars.by_ref() {
                    if c == ')' {
                        break;
                    }
                }
            }
            '[' => {}
            '\u{2060}' => {}
            _ => out.push(c),
        }
    }
    out
}
