//! The budget of body bytes `serve` holds at once, across every connection.
//!
//! A body must be held whole before its signature can be checked, so anyone who can reach the
//! webhook URL can make the server hold `--body-limit` bytes per connection. Each POST reserves
//! its declared length (the body limit when it declares none) before its body is read; when the
//! budget is spent it is answered 503 at once, without reading, and Meta retries later.

use super::metrics::Metrics;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The unit of reservation: a semaphore counts at most `u32` permits at a time.
const UNIT: u64 = 1024;

/// Bytes of bodies in flight; cheap to clone (shared).
#[derive(Clone)]
pub struct BodyBudget {
    units: Arc<Semaphore>,
    body_limit: usize,
    metrics: Metrics,
}

impl BodyBudget {
    /// A budget of `bytes`, for bodies of at most `body_limit` bytes.
    pub fn new(bytes: u64, body_limit: usize, metrics: Metrics) -> BodyBudget {
        let units = (bytes / UNIT).min(Semaphore::MAX_PERMITS as u64) as usize;
        BodyBudget {
            units: Arc::new(Semaphore::new(units)),
            body_limit,
            metrics,
        }
    }

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
}

/// Reserves a POST's body in the budget for as long as its request is answered, or answers 503
/// at once when the budget is spent.
pub async fn reserve(State(budget): State<BodyBudget>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    let bytes = declared.map_or(budget.body_limit, |d| d.min(budget.body_limit)) as u64;
    let units = u32::try_from(bytes.div_ceil(UNIT).max(1)).unwrap_or(u32::MAX);
    let Ok(reserved) = budget.units.clone().try_acquire_many_owned(units) else {
        let count = budget.metrics.over_budget.inc() + 1;
        if count.is_power_of_two() {
            tracing::warn!(
                refused = count,
                "the budget of body bytes in flight is spent: answering 503 (raise --body-budget if this is Meta's traffic)"
            );
        }
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "5")],
            "busy: too many bodies in flight; retry later",
        )
            .into_response();
    };
    let response = next.run(request).await;
    drop(reserved);
    response
}
