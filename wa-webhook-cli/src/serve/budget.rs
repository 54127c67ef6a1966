//! The budget of body bytes `serve` holds at once, across every connection, and how it is
//! shared between clients.
//!
//! A body must be held whole before its signature can be checked, so anyone who can reach the
//! webhook URL can make the server hold `--body-limit` bytes per connection. Each POST reserves
//! its declared length (the body limit when it declares none) before its body is read. So that
//! unauthenticated clients cannot hold it all:
//!
//! - one client (an IPv4 address, an IPv6 /64) may hold at most its share of the budget;
//! - under pressure (a POST that does not fit), bodies that arrive slower than
//!   `--min-body-rate` are ended (408, the connection closed), slowest first, to make room, as
//!   Envoy's overload manager and nginx's body timeouts shed slow clients;
//! - what still does not fit is answered 503 at once, unread, and Meta retries later.
//!
//! A body read whole is never ended: from then on it is checked and stored.

use super::metrics::Metrics;
use axum::body::{Body, HttpBody};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

/// The unit of reservation: a semaphore counts at most `u32` permits at a time.
const UNIT: u64 = 1024;

/// How long a body is given before its rate is judged: a connection's first bytes may wait
/// for TCP's slow start.
const GRACE: Duration = Duration::from_millis(250);

/// How long a POST waits for the room freed by the slow bodies it ended.
const ROOM_WAIT: Duration = Duration::from_millis(500);

/// How the budget is shared out.
#[derive(Debug, Clone, Copy)]
pub struct BudgetOptions {
    /// Bytes of bodies held at once across all connections.
    pub bytes: u64,
    /// Bytes one client may hold at once.
    pub client_bytes: u64,
    /// Under pressure, bodies arriving slower than this many bytes a second are ended.
    pub min_rate: u64,
}

impl BudgetOptions {
    /// The default budget: a 32nd of the machine's memory, from 32 MiB to 256 MiB (256 MiB
    /// where the memory cannot be read). Meta's bodies are a few kilobytes; the budget is for
    /// bursts of them and for the rare large one.
    pub fn default_bytes() -> u64 {
        const MIB: u64 = 1024 * 1024;
        let total = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|info| {
                let kib = info.lines().find_map(|l| l.strip_prefix("MemTotal:"))?;
                kib.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()
            });
        total.map_or(256 * MIB, |kib| {
            (kib * 1024 / 32).clamp(32 * MIB, 256 * MIB)
        })
    }

    /// The default share of one client: a quarter of the budget, and at least one body of the
    /// limit.
    pub fn default_client_bytes(bytes: u64, body_limit: usize) -> u64 {
        (bytes / 4).max(body_limit as u64).min(bytes)
    }
}

/// Bytes of bodies in flight, by client; cheap to clone (shared).
#[derive(Clone)]
pub struct BodyBudget {
    units: Arc<Semaphore>,
    held: Arc<Mutex<Held>>,
    client_units: u64,
    min_rate: u64,
    body_limit: usize,
    metrics: Metrics,
}

/// The bodies being read now.
#[derive(Default)]
struct Held {
    next: u64,
    bodies: HashMap<u64, Reading>,
    by_client: HashMap<Client, u64>,
}

/// One body being read.
struct Reading {
    client: Client,
    units: u64,
    started: Instant,
    progress: Arc<Progress>,
    /// Ends the request (408) to free its room.
    end: Arc<Notify>,
}

/// What has arrived of a body, updated as it is read.
#[derive(Default)]
struct Progress {
    received: AtomicU64,
    whole: AtomicBool,
}

/// Who holds a reservation: an IPv4 address, an IPv6 /64 (one subscriber's block), or an
/// unknown peer.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Client {
    V4([u8; 4]),
    V6([u8; 8]),
    Unknown,
}

impl Client {
    fn of(peer: Option<SocketAddr>) -> Client {
        match peer.map(|p| p.ip().to_canonical()) {
            Some(IpAddr::V4(ip)) => Client::V4(ip.octets()),
            Some(IpAddr::V6(ip)) => {
                let mut block = [0; 8];
                block.copy_from_slice(&ip.octets()[..8]);
                Client::V6(block)
            }
            None => Client::Unknown,
        }
    }
}

impl BodyBudget {
    /// A budget for bodies of at most `body_limit` bytes.
    pub fn new(options: BudgetOptions, body_limit: usize, metrics: Metrics) -> BodyBudget {
        let units = (options.bytes / UNIT).min(Semaphore::MAX_PERMITS as u64) as usize;
        BodyBudget {
            units: Arc::new(Semaphore::new(units)),
            held: Arc::default(),
            client_units: options.client_bytes / UNIT,
            min_rate: options.min_rate,
            body_limit,
            metrics,
        }
    }

    /// Ends the slowest body arriving below the minimum rate, if any (for the connection cap,
    /// when no connection is idle); whether there was one.
    pub fn end_slowest(&self) -> bool {
        let held = self.held.lock().unwrap();
        let slowest = self.lagging(&held, None).into_iter().next();
        if let Some(reading) = slowest {
            reading.end.notify_one();
        }
        slowest.is_some()
    }

    /// The bodies (of `client`, or of anyone) arriving below the minimum rate after the grace,
    /// slowest first.
    fn lagging<'a>(&self, held: &'a Held, client: Option<Client>) -> Vec<&'a Reading> {
        let now = Instant::now();
        // Bytes a second so far, for the bodies behind the minimum rate.
        let mut lagging: Vec<(u64, &Reading)> = held
            .bodies
            .values()
            .filter(|r| client.is_none_or(|c| r.client == c))
            .filter(|r| !r.progress.whole.load(Ordering::Relaxed))
            .filter_map(|r| {
                let elapsed = now.duration_since(r.started);
                let received = r.progress.received.load(Ordering::Relaxed);
                let due = (self.min_rate as f64 * elapsed.as_secs_f64()) as u64;
                let rate = received * 1000 / (elapsed.as_millis() as u64).max(1);
                (elapsed >= GRACE && received < due).then_some((rate, r))
            })
            .collect();
        lagging.sort_by_key(|(rate, _)| *rate);
        lagging.into_iter().map(|(_, r)| r).collect()
    }

    /// Ends lagging bodies (of `client`, or anyone's) until `units` are freed; whether enough
    /// were.
    fn end_lagging(&self, held: &Held, client: Option<Client>, units: u64) -> bool {
        let mut freed = 0;
        for reading in self.lagging(held, client) {
            if freed >= units {
                break;
            }
            reading.end.notify_one();
            freed += reading.units;
        }
        freed >= units
    }
}

/// A body's place in the budget: its units and its entry among the bodies read, both given
/// back when the request is answered (or dropped).
struct Reservation {
    budget: BodyBudget,
    id: u64,
    _units: OwnedSemaphorePermit,
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut held = self.budget.held.lock().unwrap();
        if let Some(reading) = held.bodies.remove(&self.id) {
            if let Some(units) = held.by_client.get_mut(&reading.client) {
                *units -= reading.units;
                if *units == 0 {
                    held.by_client.remove(&reading.client);
                }
            }
        }
    }
}

/// A request body that counts what arrives.
struct Counted {
    inner: Body,
    progress: Arc<Progress>,
}

impl HttpBody for Counted {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    self.progress
                        .received
                        .fetch_add(data.len() as u64, Ordering::Relaxed);
                }
            }
            Poll::Ready(None) => self.progress.whole.store(true, Ordering::Relaxed),
            _ => {}
        }
        if self.inner.is_end_stream() {
            self.progress.whole.store(true, Ordering::Relaxed);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Reserves a POST's body in the budget for as long as its request is answered; ends slow
/// bodies to make room under pressure; answers 503 at once when there is no room, and 408 to a
/// body ended for being too slow.
pub async fn reserve(State(budget): State<BodyBudget>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    let bytes = declared.map_or(budget.body_limit, |d| d.min(budget.body_limit)) as u64;
    let units = bytes.div_ceil(UNIT).max(1);
    let client = Client::of(
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0),
    );
    let Some(permit) = take_room(&budget, client, units).await else {
        let count = budget.metrics.over_budget.inc() + 1;
        if count.is_power_of_two() {
            tracing::warn!(
                refused = count,
                "the budget of body bytes in flight (or one client's share of it) is spent: answering 503 (raise --body-budget if this is Meta's traffic)"
            );
        }
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "5")],
            "busy: too many bodies in flight; retry later",
        )
            .into_response();
    };
    let progress = Arc::new(Progress::default());
    let end = Arc::new(Notify::new());
    let reservation = {
        let mut held = budget.held.lock().unwrap();
        let id = held.next;
        held.next += 1;
        held.bodies.insert(
            id,
            Reading {
                client,
                units,
                started: Instant::now(),
                progress: progress.clone(),
                end: end.clone(),
            },
        );
        *held.by_client.entry(client).or_default() += units;
        Reservation {
            budget: budget.clone(),
            id,
            _units: permit,
        }
    };
    let request = request.map(|inner| Body::new(Counted { inner, progress }));
    let response = tokio::select! {
        response = next.run(request) => response,
        () = end.notified() => {
            budget.metrics.slow_bodies_ended.inc();
            (
                StatusCode::REQUEST_TIMEOUT,
                [(header::CONNECTION, "close")],
                "the body arrived too slowly while the server was busy",
            )
                .into_response()
        }
    };
    drop(reservation);
    response
}

/// Takes `units` of the budget for `client`: within its share (ending its own slow bodies if
/// it is spent) and within the budget (ending anyone's slow bodies if it is spent, then waiting
/// a moment for their room). `None` when there is no room.
async fn take_room(
    budget: &BodyBudget,
    client: Client,
    units: u64,
) -> Option<OwnedSemaphorePermit> {
    let permits = u32::try_from(units).unwrap_or(u32::MAX);
    {
        let held = budget.held.lock().unwrap();
        let holds = held.by_client.get(&client).copied().unwrap_or(0);
        let over = (holds + units).saturating_sub(budget.client_units);
        if over > 0 && !budget.end_lagging(&held, Some(client), over) {
            return None;
        }
        if over == 0 {
            if let Ok(permit) = budget.units.clone().try_acquire_many_owned(permits) {
                return Some(permit);
            }
            let short = units.saturating_sub(budget.units.available_permits() as u64);
            if !budget.end_lagging(&held, None, short) {
                return None;
            }
        }
    }
    tokio::time::timeout(ROOM_WAIT, budget.units.clone().acquire_many_owned(permits))
        .await
        .ok()?
        .ok()
}
