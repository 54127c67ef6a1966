//! The accept loop of `serve`'s listeners (the webhook's and the metrics'): HTTP/1.1
//! connections with a deadline and a size cap for each request head (the deadline also ends a
//! keep-alive connection left idle), a deadline for each write, a cap on open connections that
//! makes room by closing the oldest idle one (else the slowest body), and a stop that answers
//! the requests in flight within a deadline and then closes every connection left.
//!
//! `axum::serve` has neither deadlines nor caps: a client that sends a request line and stops,
//! or pipelines requests and never reads the answers, holds a descriptor and a task for ever,
//! and enough of them refuse Meta's deliveries (and keep a stopping process alive). Here each
//! connection is hyper's, with its header-read timer and read buffer cap, its writes time out,
//! and at the cap the oldest connection with no request in flight is closed so that a new one
//! (Meta's) gets in.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify, Semaphore};
use tokio::task::JoinSet;
use tokio_io_timeout::TimeoutStream;

/// Limits on what a client may hold.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// The time a client has to send a request's head, counted from when the server waits for
    /// it: a slow head, or a keep-alive connection idle this long, is closed.
    pub header_timeout: Duration,
    /// The time one write may wait for the client to read: a client that stops reading its
    /// answers is closed.
    pub write_timeout: Duration,
    /// The most connections open at once; at the cap the oldest idle one is closed for a new
    /// one, and when none is idle the new one is closed at once.
    pub max_connections: usize,
    /// After SIGTERM, how long the requests in flight have before every connection left is
    /// closed.
    pub shutdown_timeout: Duration,
    /// The largest request head (request line and headers) held; a larger one is answered 431
    /// and closed. Meta's heads are about a kilobyte; hyper's own default (about 400 KB) would
    /// let a thousand unfinished heads hold 400 MB.
    pub max_head_bytes: usize,
}

impl ConnectionLimits {
    /// The smallest head cap hyper accepts.
    pub const MIN_HEAD_BYTES: usize = 8192;
}

/// How long a new connection at the cap waits for an evicted idle one to close.
const EVICTION_WAIT: Duration = Duration::from_millis(500);

/// An open connection as the accept loop sees it.
struct Open {
    /// Requests being answered on it now; 0 while it waits for a request (idle).
    in_flight: Arc<AtomicUsize>,
    /// Asks it to close once its request in flight, if any, is answered.
    evict: Arc<Notify>,
}

/// Serves `app` on `listener` until `stop` resolves, then waits (within the shutdown deadline)
/// for the requests in flight and closes every connection left. At the cap with no connection
/// idle, `make_room` is asked to end the slowest request (whether it did); `refused` counts the
/// connections closed for want of room.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()>,
    refused: prometheus_client::metrics::counter::Counter,
    make_room: impl Fn() -> bool,
) {
    warn_if_descriptors_short(limits.max_connections);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    // Every open connection by the order it was accepted: the first idle one is the oldest.
    let open: Arc<Mutex<BTreeMap<u64, Open>>> = Arc::default();
    let (stopping, stopped) = watch::channel(false);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_head_bytes.max(ConnectionLimits::MIN_HEAD_BYTES))
        .keep_alive(true);
    // Every connection's task, to close them all at the shutdown deadline.
    let mut tasks = JoinSet::new();
    tokio::pin!(stop);
    let mut next_id = 0u64;
    let mut evicted = 0u64;
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
        while tasks.try_join_next().is_some() {} // the finished ones
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => Some(slot),
            // At the cap: close the oldest idle connection, else end the slowest body, and
            // take its slot.
            Err(_) if evict_oldest_idle(&open) || make_room() => {
                evicted += 1; // the log says when it doubles
                if evicted.is_power_of_two() {
                    tracing::warn!(%peer, evicted, max = limits.max_connections, "connection cap reached: closing the oldest idle connection (else the slowest body) for a new one");
                }
                tokio::time::timeout(EVICTION_WAIT, slots.clone().acquire_owned())
                    .await
                    .ok()
                    .and_then(Result::ok)
            }
            Err(_) => None,
        };
        let Some(slot) = slot else {
            let count = refused.inc() + 1; // the metric counts them; the log says when it doubles
            if count.is_power_of_two() {
                tracing::warn!(%peer, refused = count, max = limits.max_connections, "connection cap reached, none idle: closing new connections");
            }
            drop(stream);
            continue;
        };
        let id = next_id;
        next_id += 1;
        let in_flight = Arc::new(AtomicUsize::new(0));
        let evict = Arc::new(Notify::new());
        open.lock().unwrap().insert(
            id,
            Open {
                in_flight: in_flight.clone(),
                evict: evict.clone(),
            },
        );
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(limits.write_timeout));
        let app = TowerToHyperService::new(app.clone());
        let service = hyper::service::service_fn(move |mut request: hyper::Request<_>| {
            // The client's address, for the logs of rejected requests.
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
            let answering = InFlight::enter(&in_flight);
            let response = hyper::service::Service::call(&app, request);
            async move {
                let response = response.await;
                drop(answering);
                response
            }
        });
        let connection = http.serve_connection(TokioIo::new(Box::pin(stream)), service);
        let (open, mut stopped) = (open.clone(), stopped.clone());
        tasks.spawn(async move {
            tokio::pin!(connection);
            let mut closing = false;
            let result = loop {
                tokio::select! {
                    result = connection.as_mut() => break result,
                    () = evict.notified(), if !closing => {
                        closing = true;
                        connection.as_mut().graceful_shutdown();
                    }
                    _ = stopped.changed(), if !closing => {
                        closing = true;
                        connection.as_mut().graceful_shutdown();
                    }
                }
            };
            if let Err(error) = result {
                tracing::debug!(%peer, %error, "connection ended");
            }
            open.lock().unwrap().remove(&id);
            drop(slot);
        });
    }
    drop(listener); // no new connections while the old ones finish
    let _ = stopping.send(true);
    let drained = tokio::time::timeout(limits.shutdown_timeout, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            connections = tasks.len(),
            after_ms = limits.shutdown_timeout.as_millis() as u64,
            "connections still open at the shutdown deadline: closing them"
        );
        // Dropping a connection's task closes its socket and drops what its request held.
        tasks.shutdown().await;
    }
}

/// Asks the oldest connection with no request in flight to close; whether there was one.
fn evict_oldest_idle(open: &Mutex<BTreeMap<u64, Open>>) -> bool {
    let open = open.lock().unwrap();
    let idle = open
        .values()
        .find(|c| c.in_flight.load(Ordering::Relaxed) == 0);
    if let Some(connection) = idle {
        connection.evict.notify_one();
    }
    idle.is_some()
}

/// A request being answered, counted on its connection while it lives.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn enter(count: &Arc<AtomicUsize>) -> InFlight {
        count.fetch_add(1, Ordering::Relaxed);
        InFlight(count.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
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
