//! One of Meta's webhook reference pages saved as Markdown: its title, triggers, Syntax block,
//! Parameters table and example payloads, each with its page line. The site's navigation around
//! them is ignored.

use super::markdown::plain;
use super::parser;
use super::pseudo::{PNode, PageError};
use super::table::{table, PageRow};
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
            PageError::not_a_page(
                1,
                "no title (a line starting with `# `): not a reference page",
            )
        })?;
    let title = plain(&lines[title_at][2..]);
    let sections = sections(&lines, title_at)?;
    let section = |pred: fn(&str) -> bool| sections.iter().filter(move |s| pred(&s.heading));
    let syntax = section(|h| h == "syntax").next().ok_or_else(|| {
        PageError::not_a_page(
            title_at + 1,
            "no `## Syntax` section under the title: the page shows no payload shape",
        )
    })?;
    let block = syntax
        .blocks
        .first()
        .ok_or_else(|| PageError::new(syntax.line, "the Syntax section has no code block (```)"))?;
    let syntax_node = parser::parse(&block.text, block.line)?;
    let mut rows = Vec::new();
    for s in section(|h| h == "parameters" || h == "placeholders") {
        rows.extend(table(&lines, s.line, s.end)?);
    }
    let mut examples = Vec::new();
    for s in section(|h| h.contains("example") || h.contains("sample")) {
        for block in &s.blocks {
            let payload = parser::parse(&block.text, block.line)?.to_node();
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
    fn repairs_mac_roman_mojibake_only() {
        let (fixed, repairs) = repair_encoding("\"emoji\": \"\u{f8ff}üëç\", P√°gina");
        assert_eq!(fixed, "\"emoji\": \"👍\", Página");
        assert_eq!(repairs.len(), 1);
        let (kept, repairs) = repair_encoding("Página 👍");
        assert_eq!(kept, "Página 👍");
        assert!(repairs.is_empty());
    }
}
