//! `wa-webhook verify`: check a signature the way a receiver must, on the raw bytes.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use wa_webhook_types::signature;

/// The environment variable the app secret is read from.
const SECRET_VAR: &str = "WA_APP_SECRET";

/// Verifies `header` over the body in `body` (`-` for stdin); exit 0 on a match, 1 if not, 2
/// for a header that is no signature at all (a usage error: it could never match).
pub fn run(header: &str, body: &Path) -> ExitCode {
    let secret = match std::env::var_os(SECRET_VAR) {
        Some(secret) if !secret.is_empty() => secret,
        // An empty secret is a setup mistake, not a signature that fails to match.
        Some(_) => {
            eprintln!("wa-webhook: {SECRET_VAR} is empty; set it to the app secret");
            return ExitCode::from(2);
        }
        None => {
            eprintln!("wa-webhook: set {SECRET_VAR} to the app secret");
            return ExitCode::from(2);
        }
    };
    let bytes = if body.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(body)
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("wa-webhook: {}: {e}", body.display());
            return ExitCode::from(2);
        }
    };
    match signature::verify(secret.as_encoded_bytes(), &bytes, Some(header)) {
        Ok(()) => {
            crate::emit("ok: the signature matches the body\n");
            ExitCode::SUCCESS
        }
        Err(e @ signature::SignatureError::Mismatch) => {
            crate::emit(&format!("rejected: {e}\n"));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("wa-webhook: --signature is not a signature header: {e}");
            ExitCode::from(2)
        }
    }
}
