//! The Tokio runtime the asynchronous commands (`serve`, `load`, `replay`, `trigger`) run on.

use std::process::ExitCode;

/// Runs `future` on a new multi-threaded runtime; a runtime that cannot start is exit 1.
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, ExitCode> {
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => Ok(runtime.block_on(future)),
        Err(e) => {
            eprintln!("wa-webhook: cannot start the runtime: {e}");
            Err(ExitCode::from(1))
        }
    }
}
