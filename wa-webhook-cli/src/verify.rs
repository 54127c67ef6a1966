//! `wa-webhook verify`: check a signature the way a receiver must, on the raw bytes.

use crate::app_secret::AppSecrets;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use wa_webhook_types::receive::signature;

/// Verifies `header` over the body in `body` (`-` for stdin) against each app secret of
/// `WA_APP_SECRET`; exit 0 on a match, 1 if not, 2 for a header that is no signature at all (a
/// usage error: it could never match) or no secret (an empty one is a setup mistake, not a
/// signature that fails to match).
pub fn run(header: &str, body: &Path) -> ExitCode {
    let secrets = match AppSecrets::from_env("the signature is checked against it") {
        Ok(secrets) => secrets,
        Err(e) => {
            eprintln!("wa-webhook: {e}");
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
    match signature::verify_any(secrets.all(), &bytes, Some(header)) {
        Ok(0) => {
            crate::stdout::emit("ok: the signature matches the body\n");
            ExitCode::SUCCESS
        }
        Ok(app) => {
            crate::stdout::emit(&format!(
                "ok: the signature matches the body (app {})\n",
                secrets.label(app)
            ));
            ExitCode::SUCCESS
        }
        Err(e @ signature::SignatureError::Mismatch) => {
            crate::stdout::emit(&format!("rejected: {e}\n"));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("wa-webhook: --signature is not a signature header: {e}");
            ExitCode::from(2)
        }
    }
}
