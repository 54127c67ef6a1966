//! The accept loop of `serve`: HTTP/1.1 connections with a deadline for each request head
//! (which also ends a keep-alive connection left idle), a cap on open connections, and a
//! graceful stop that answers the requests in flight.
//!
//! `axum::serve` has neither a header deadline nor a cap: a client that sends a request line
//! and stops holds a descriptor and a task for ever, and enough of them refuse Meta's
//! deliveries. Here each connection is hyper's, with its header-read timer, and a connection
//! beyond the cap is closed at once (counted and logged), so the ones in use keep working.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Limits on what a client may hold.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// The time a client has to send a request's head, counted from when the server waits for
    /// it: a slow head, or a keep-alive connection idle this long, is closed.
    pub header_timeout: Duration,
    /// The most connections open at once; more are closed as soon as accepted.
    pub max_connections: usize,
}

/// Serves `app` on `listener` until `stop` resolves, then waits for the requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()>,
    refused: prometheus_client::metrics::counter::Counter,
) {
    warn_if_descriptors_short(limits.max_connections);
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors, most often: wait a moment rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            let count = refused.inc() + 1; // the metric counts them; the log says when it doubles
            if count.is_power_of_two() {
                tracing::warn!(%peer, refused = count, max = limits.max_connections, "connection cap reached: closing new connections");
            }
            drop(stream);
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended");
            }
            drop(permit);
        });
    }
    drop(listener); // no new connections while the old ones finish
    graceful.shutdown().await;
}

/// Warns when the process may open fewer descriptors than the cap needs (the soft limit of
/// `/proc/self/limits`, on Linux): accepting then fails before the cap applies.
fn warn_if_descriptors_short(max_connections: usize) {
    let Ok(limits) = std::fs::read_to_string("/proc/self/limits") else {
        return;
    };
    let soft = limits
        .lines()
        .find_map(|l| l.strip_prefix("Max open files"))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<usize>().ok());
    if let Some(soft) = soft.filter(|soft| *soft < max_connections + 64) {
        tracing::warn!(
            descriptors = soft,
            max_connections,
            "the descriptor limit is below --max-connections: raise `ulimit -n` or lower the cap"
        );
    }
}
