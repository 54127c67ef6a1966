//! One of Meta's webhook reference pages saved as Markdown: its title, triggers, Syntax block,
//! Parameters table and example payloads, each with its page line. The site's navigation around
//! them is ignored.

use super::pseudo::{self, PNode, PageError};
use crate::node::Node;

/// What a page says.
#[derive(Debug)]
pub struct Page {
    /// The title, as the page's `# ` heading writes it, without Markdown.
    pub title: String,
    /// The bullet points under "Triggers".
    pub triggers: Vec<String>,
    /// The page's address, from its breadcrumb, if it shows one.
    pub source: Option<String>,
    /// The Syntax block.
    pub syntax: PNode,
    /// The page line of the Syntax block's first line.
    pub syntax_line: usize,
    /// The Parameters table, one row per placeholder.
    pub rows: Vec<PageRow>,
    /// The example payloads.
    pub examples: Vec<PageExample>,
    /// What the reader had to repair, for the report.
    pub repairs: Vec<String>,
}

/// One row of the Parameters table.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRow {
    /// The placeholder, without angle brackets.
    pub placeholder: String,
    /// The type as the page writes it (`String`, `Integer`, `Array of objects`), if it does.
    pub type_text: Option<String>,
    /// The description cell, Markdown removed.
    pub description: String,
    /// The values listed after "Values can be", with what each means.
    pub values: Vec<(String, String)>,
    /// The example cell, if not empty.
    pub example: Option<String>,
    /// The page line of the row.
    pub line: usize,
}

/// An example payload.
#[derive(Debug, Clone)]
pub struct PageExample {
    /// The text above it (`Receiving a reaction`), if any.
    pub heading: Option<String>,
    /// The payload.
    pub payload: Node,
    /// The page line of its first line.
    pub line: usize,
}

/// Reads a page. Errors name the page line and say why.
pub fn read(text: &str) -> Result<Page, PageError> {
    let (text, repairs) = repair_encoding(text);
    let lines: Vec<&str> = text.lines().collect();
    let title_at = lines
        .iter()
        .position(|l| l.starts_with("# "))
        .ok_or_else(|| {
            PageError::new(
                1,
                "no title (a line starting with `# `): not a reference page",
            )
        })?;
    let title = plain(&lines[title_at][2..]);
    let sections = sections(&lines, title_at)?;
    let section = |pred: fn(&str) -> bool| sections.iter().filter(move |s| pred(&s.heading));
    let syntax = section(|h| h == "syntax").next().ok_or_else(|| {
        PageError::new(
            title_at + 1,
            "no `## Syntax` section under the title: the page shows no payload shape",
        )
    })?;
    let block = syntax
        .blocks
        .first()
        .ok_or_else(|| PageError::new(syntax.line, "the Syntax section has no code block (```)"))?;
    let syntax_node = pseudo::parse(&block.text, block.line)?;
    let mut rows = Vec::new();
    for s in section(|h| h == "parameters" || h == "placeholders") {
        rows.extend(table(&lines, s)?);
    }
    let mut examples = Vec::new();
    for s in section(|h| h.contains("example") || h.contains("sample")) {
        for block in &s.blocks {
            let payload = pseudo::parse(&block.text, block.line)?.to_node();
            examples.push(PageExample {
                heading: block.heading.clone(),
                payload,
                line: block.line,
            });
        }
    }
    let triggers = section(|h| h == "triggers")
        .flat_map(|s| lines[s.line..s.end].iter())
        .filter_map(|l| l.trim().strip_prefix("* ").or(l.trim().strip_prefix("- ")))
        .map(plain)
        .collect();
    Ok(Page {
        title,
        triggers,
        source: source(&lines[..title_at]),
        syntax: syntax_node,
        syntax_line: block.line,
        rows,
        examples,
        repairs,
    })
}

/// Undoes the mojibake of a page whose UTF-8 was read as Mac Roman when saved (`üëç` for 👍,
/// `P√°gina` for Página): when every character of the text maps back to a Mac Roman byte and
/// those bytes are UTF-8, they are the page.
fn repair_encoding(text: &str) -> (String, Vec<String>) {
    if text.is_ascii() {
        return (text.to_owned(), Vec::new());
    }
    let (bytes, _, unmappable) = encoding_rs::MACINTOSH.encode(text);
    match String::from_utf8(bytes.into_owned()) {
        Ok(repaired) if !unmappable && repaired != text => (
            repaired,
            vec![
                "the page was saved as UTF-8 read as Mac Roman (`üëç` for 👍); read as UTF-8"
                    .to_owned(),
            ],
        ),
        _ => (text.to_owned(), Vec::new()),
    }
}

/// A `##` (or deeper) section after the title: its heading in lower case, its lines and code
/// blocks.
struct Section {
    heading: String,
    /// Index of the heading line + 1 (the page line of the heading).
    line: usize,
    /// Index after its last line.
    end: usize,
    blocks: Vec<Block>,
}

/// A fenced code block.
struct Block {
    text: String,
    /// The page line of its first line of code.
    line: usize,
    /// The nearest text line above it in its section.
    heading: Option<String>,
}

fn sections(lines: &[&str], title_at: usize) -> Result<Vec<Section>, PageError> {
    let mut sections: Vec<Section> = Vec::new();
    let mut i = title_at + 1;
    let mut last_text: Option<String> = None;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if let Some(heading) = line.strip_prefix("##") {
            if let Some(s) = sections.last_mut() {
                s.end = i;
            }
            sections.push(Section {
                heading: plain(heading.trim_start_matches('#')).to_lowercase(),
                line: i + 1,
                end: lines.len(),
                blocks: Vec::new(),
            });
            last_text = None;
        } else if line.trim_start().starts_with("```") {
            let open = i;
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                code.push(lines[i]);
                i += 1;
            }
            if i == lines.len() {
                return Err(PageError::new(
                    open + 1,
                    "the code block opened here is never closed",
                ));
            }
            if let Some(s) = sections.last_mut() {
                s.blocks.push(Block {
                    text: code.join("\n"),
                    line: open + 2,
                    heading: last_text.take(),
                });
            }
        } else if !line.trim().is_empty() && !line.starts_with("![") {
            last_text = Some(plain(line));
        }
        i += 1;
    }
    Ok(sections)
}

/// The rows of the table in section `s`. Columns are found by their headers (placeholder,
/// type, description, example); without a type column the type follows the placeholder.
fn table(lines: &[&str], s: &Section) -> Result<Vec<PageRow>, PageError> {
    let mut rows = Vec::new();
    let mut columns: Option<Columns> = None;
    for (i, line) in lines.iter().enumerate().take(s.end).skip(s.line) {
        let line = line.trim();
        if !line.starts_with('|') {
            continue;
        }
        let cells = cells(line);
        if cells
            .iter()
            .all(|c| c.chars().all(|c| matches!(c, '-' | ':' | ' ')))
        {
            continue;
        }
        let Some(cols) = &columns else {
            columns = Some(Columns::from_header(&cells));
            continue;
        };
        let cell = |index: Option<usize>| index.and_then(|i| cells.get(i)).map(|c| c.trim());
        let first = cell(Some(cols.placeholder)).unwrap_or("");
        let (placeholder, rest) = placeholder_cell(first).ok_or_else(|| {
            PageError::new(
                i + 1,
                format!("a Parameters row whose first cell has no `<PLACEHOLDER>`: `{first}`"),
            )
        })?;
        let type_text = cell(cols.kind)
            .map(plain)
            .or(Some(plain(rest)))
            .filter(|t| !t.is_empty());
        let description = cell(cols.description).unwrap_or("");
        rows.push(PageRow {
            placeholder,
            type_text,
            values: values(description),
            description: plain(description),
            example: cell(cols.example)
                .map(|e| e.trim_matches('`').trim().to_owned())
                .filter(|e| !e.is_empty()),
            line: i + 1,
        });
    }
    Ok(rows)
}

struct Columns {
    placeholder: usize,
    kind: Option<usize>,
    description: Option<usize>,
    example: Option<usize>,
}

impl Columns {
    fn from_header(cells: &[String]) -> Self {
        let find = |word: &str| cells.iter().position(|c| c.to_lowercase().contains(word));
        Columns {
            placeholder: find("placeholder")
                .or(find("parameter"))
                .or(find("field"))
                .unwrap_or(0),
            kind: find("type"),
            description: find("description").or(Some(1)),
            example: find("example"),
        }
    }
}

/// Splits a table line into cells; a `|` inside backticks or escaped is text.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut code = false;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().expect("one cell").push('|');
                chars.next();
            }
            '`' => {
                code = !code;
                cells.last_mut().expect("one cell").push(c);
            }
            '|' if !code => cells.push(String::new()),
            _ => cells.last_mut().expect("one cell").push(c),
        }
    }
    cells
}

/// `` `<NAME>`  *String* `` into `NAME` and the rest (`*String*`).
fn placeholder_cell(cell: &str) -> Option<(String, &str)> {
    let start = cell.find('<')?;
    let end = start + cell[start..].find('>')?;
    let name = PNode::Str(cell[start..=end].to_owned()).placeholder()?.0;
    Some((name, cell[end + 1..].trim_start_matches('`').trim()))
}

/// The values listed after "Values can be" (or "Possible values"): each `` `VALUE` ``, with the
/// text after its dash (—, –, - or :) up to the next value as its meaning.
fn values(description: &str) -> Vec<(String, String)> {
    let lower = description.to_lowercase();
    let Some(at) = ["values can be", "value can be", "possible values"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
    else {
        return Vec::new();
    };
    let parts: Vec<&str> = description[at..].split('`').collect();
    // Odd parts are code spans. With meanings, a value is a span followed by a dash and its
    // meaning runs to the next value (other spans included); without, every span is a value.
    let dash = |i: usize| {
        parts
            .get(i + 1)
            .is_some_and(|t| t.trim_start().starts_with(['—', '–', '-', ':']))
    };
    let spans = (1..parts.len()).step_by(2);
    let with_meanings = spans.clone().any(dash);
    let starts: Vec<usize> = spans.filter(|i| !with_meanings || dash(*i)).collect();
    let mut values: Vec<(String, String)> = Vec::new();
    for (n, &i) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(parts.len());
        let meaning = if with_meanings {
            let mut text = parts[i + 1]
                .trim_start()
                .trim_start_matches(['—', '–', '-', ':'])
                .to_owned();
            for (k, part) in parts.iter().enumerate().take(end).skip(i + 2) {
                let mark = if k % 2 == 1 { "`" } else { "" };
                text.push_str(&format!("{mark}{part}{mark}"));
            }
            plain_keeping_code(&text)
        } else {
            String::new()
        };
        let value = parts[i].trim().to_owned();
        if !value.is_empty() && !values.iter().any(|(v, _)| *v == value) {
            values.push((value, meaning));
        }
    }
    values
}

/// [`plain`], but code spans keep their backticks.
fn plain_keeping_code(text: &str) -> String {
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
fn plain(text: &str) -> String {
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

/// The page's address from the breadcrumb above the title: the last link of the first line of
/// three or more `/docs/` links.
fn source(lines: &[&str]) -> Option<String> {
    lines.iter().find_map(|line| {
        let links: Vec<&str> = line
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
            .collect();
        if links.len() >= 3 && links.iter().all(|l| l.starts_with("/docs/")) {
            Some(format!("https://developers.facebook.com{}", links.last()?))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_dashes_commas_or_no_meaning() {
        assert_eq!(
            values(
                "What happened. Values can be:  `A_B` — it did.  `C` - it did `not`. `D`: maybe"
            ),
            vec![
                ("A_B".into(), "it did.".into()),
                ("C".into(), "it did `not`.".into()),
                ("D".into(), "maybe".into())
            ]
        );
        assert_eq!(
            values("Values can be `low`, `medium` or `high`."),
            vec![
                ("low".into(), String::new()),
                ("medium".into(), String::new()),
                ("high".into(), String::new())
            ]
        );
        assert!(values("The `emoji` key — not a list.").is_empty());
    }

    #[test]
    fn placeholder_cells_with_or_without_a_type() {
        assert_eq!(
            placeholder_cell("`<EVENT>`  *String*"),
            Some(("EVENT".into(), "*String*"))
        );
        assert_eq!(
            placeholder_cell("`<EVENT>` String"),
            Some(("EVENT".into(), "String"))
        );
        assert_eq!(placeholder_cell("`<EVENT>`"), Some(("EVENT".into(), "")));
        assert_eq!(placeholder_cell("event"), None);
    }

    #[test]
    fn repairs_mac_roman_mojibake_only() {
        let (fixed, repairs) = repair_encoding("\"emoji\": \"\u{f8ff}üëç\", P√°gina");
        assert_eq!(fixed, "\"emoji\": \"👍\", Página");
        assert_eq!(repairs.len(), 1);
        let (kept, repairs) = repair_encoding("Página 👍");
        assert_eq!(kept, "Página 👍");
        assert!(repairs.is_empty());
    }
}
