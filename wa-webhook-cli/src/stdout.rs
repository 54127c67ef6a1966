//! What the commands print on standard output.

/// Writes to standard output; a closed pipe (`| head`) ends the output quietly instead of
/// panicking as `print!` would.
pub fn emit(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
