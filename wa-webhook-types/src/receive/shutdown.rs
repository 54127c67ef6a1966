//! Stopping gracefully: the signal a container runtime sends, for any Tokio server.

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what a container runtime sends first): give it to
/// `axum::serve(..).with_graceful_shutdown`, or stop accepting on hyper or any Tokio server
/// when it resolves, so that requests in flight are answered before the process exits.
/// Logged through `tracing` at `info`.
pub async fn shutdown_signal() {
    // Without a Ctrl-C handler, wait for SIGTERM alone rather than stop at once.
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = ctrl_c => {},
                    _ = terminate.recv() => {},
                }
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; Ctrl-C only");
                ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
    tracing::info!("shutting down: answering the requests in flight");
}
