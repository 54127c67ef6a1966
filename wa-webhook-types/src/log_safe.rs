//! Text from a body, fit for a log line: whatever a sender wrote into a key or a value, it cannot
//! start a line of its own, move a terminal's cursor, or show a phone number.

use std::fmt::{self, Write};

/// The longest text written, in characters; a longer one ends in `...`.
const MAX_CHARS: usize = 200;
/// The shortest run of digits masked: a phone number has at least this many.
const PHONE_DIGITS: usize = 7;

/// Text from a body (a key, a path, a value Meta sent) as a log line may show it: control
/// characters, `"` and `\` escaped (no forged line, no terminal escape), runs of seven or more
/// digits masked (`<11 digits>`: a key that is a phone number) and at most 200 characters.
/// [`Drift`](crate::Drift)'s `Display` and [`WebhookEvent::summary`](crate::WebhookEvent::summary)
/// write their parts with it.
///
/// ```
/// use wa_webhook_types::LogSafe;
/// let key = "x\n2026-12-07 ERROR forged 16505551234";
/// assert_eq!(LogSafe(key).to_string(), "x\\n2026-12-07 ERROR forged <11 digits>");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LogSafe<'a>(pub &'a str);

impl fmt::Display for LogSafe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = 0;
        let flush = |digits: &mut usize, at: &str, f: &mut fmt::Formatter<'_>| {
            let run = &at[at.len() - *digits..];
            *digits = 0;
            if run.len() >= PHONE_DIGITS {
                write!(f, "<{} digits>", run.len())
            } else {
                f.write_str(run)
            }
        };
        for (n, (at, c)) in self.0.char_indices().enumerate() {
            if n == MAX_CHARS {
                // A run the cut ends may go on: masked whatever its length.
                if digits > 0 {
                    write!(f, "<{digits} digits>")?;
                }
                return f.write_str("...");
            }
            if c.is_ascii_digit() {
                digits += 1;
                continue;
            }
            flush(&mut digits, &self.0[..at], f)?;
            if c.is_control() || c == '"' || c == '\\' {
                for escaped in c.escape_default() {
                    f.write_char(escaped)?;
                }
            } else {
                f.write_char(c)?;
            }
        }
        flush(&mut digits, self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::LogSafe;

    #[test]
    fn controls_are_escaped_phone_numbers_masked_and_long_text_cut() {
        let safe = |text: &str| LogSafe(text).to_string();
        assert_eq!(
            safe("value.x\n2026-12-07T00:00:00Z ERROR forged\u{1b}[31m"),
            "value.x\\n2026-12-07T00:00:00Z ERROR forged\\u{1b}[31m"
        );
        assert_eq!(
            safe("value.16505551234.x \"q\" \\"),
            "value.<11 digits>.x \\\"q\\\" \\\\"
        );
        assert_eq!(safe("entry[0].x_123456"), "entry[0].x_123456");
        assert_eq!(safe("ends 1234567"), "ends <7 digits>");
        assert_eq!(safe(&"é".repeat(300)), format!("{}...", "é".repeat(200)));
        assert_eq!(
            safe(&format!("{}16505551234", "a".repeat(195))),
            format!("{}<5 digits>...", "a".repeat(195)),
            "a run cut by the limit is masked by what was written"
        );
    }
}
