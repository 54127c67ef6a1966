//! Workspace tests live in `tests/`: spec examples, conformance over `../shared/fixtures`,
//! and compile-fail cases of bad specs under `ui/`. This library holds what several of them
//! share.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything a `tracing` subscriber writes, for a test to read back: hand a clone to
/// `with_writer(move || log.clone())`.
#[derive(Clone, Default)]
pub struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl CapturedLog {
    /// What was written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
