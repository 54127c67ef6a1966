//! A reference page's Parameters table: its columns found by their headers, each row's
//! placeholder, type, description, listed values and example, with its page line.

use super::markdown::{plain, plain_keeping_code};
use super::pseudo::{PNode, PageError};

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

/// The rows of the table on lines `start..end` (a section). Columns are found by their headers
/// (placeholder, type, description, example); without a type column the type follows the
/// placeholder.
pub(super) fn table(lines: &[&str], start: usize, end: usize) -> Result<Vec<PageRow>, PageError> {
    let mut rows = Vec::new();
    let mut columns: Option<Columns> = None;
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
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
}
