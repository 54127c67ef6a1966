//! `GET /metrics`: what an operator watches, in Prometheus' text format (the `prometheus-client`
//! crate): requests by route and status, bodies stored and stored before, how long the sink
//! took, how many bodies each file-sink sync covered, drift by field and kind, connections
//! refused at the cap, parses skipped, and whether the sink is healthy.
//!
//! Every label value is chosen here, never by a sender: routes are the router's, drift fields
//! the spec's (`other` for any field it does not know), so a body can neither forge a series
//! nor grow their number.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::Arc;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StoredLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DriftLabels {
    /// A field the spec knows, `other` or `-`: a bounded set, and no text a sender chose.
    field: &'static str,
    kind: &'static str,
}

/// Every metric `serve` keeps, registered once; cheap to clone (each is shared).
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    requests: Family<RequestLabels, Counter>,
    stored: Family<StoredLabels, Counter>,
    sink_seconds: Histogram,
    /// The bodies each file-sink sync covered.
    pub fsync_batch: Histogram,
    drift: Family<DriftLabels, Counter>,
    /// Connections closed at once because `--max-connections` were open.
    pub refused: Counter,
    /// Stored bodies not parsed because the parse queue was full.
    pub parse_skipped: Counter,
    /// POSTs answered 503 at once because the budget of body bytes in flight was spent.
    pub over_budget: Counter,
    /// Bodies ended (408) for arriving too slowly while the budget was under pressure.
    pub slow_bodies_ended: Counter,
    /// Signed bodies whose signature matched the previous app secret (a rotation).
    pub previous_secret: Counter,
    sink_healthy: Gauge,
}

impl Metrics {
    /// The metrics, registered under `wa_webhook_`.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("wa_webhook");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "requests",
            "HTTP requests answered, by route and status",
            requests.clone(),
        );
        let stored = Family::<StoredLabels, Counter>::default();
        registry.register("bodies_stored", "Signed bodies acknowledged: outcome new (stored now) or duplicate (stored before, a retry)", stored.clone());
        let sink_seconds = Histogram::new(exponential_buckets(0.0001, 2.0, 16));
        registry.register(
            "sink_seconds",
            "Time from a verified body to its durable store",
            sink_seconds.clone(),
        );
        let fsync_batch = Histogram::new(exponential_buckets(1.0, 2.0, 11));
        registry.register(
            "fsync_batch_bodies",
            "Bodies one file-sink fsync covered",
            fsync_batch.clone(),
        );
        let drift = Family::<DriftLabels, Counter>::default();
        registry.register(
            "drift_items",
            "Things the spec does not know, by webhook field and drift kind",
            drift.clone(),
        );
        let refused = Counter::default();
        registry.register(
            "connections_refused",
            "Connections closed at once: --max-connections were open",
            refused.clone(),
        );
        let parse_skipped = Counter::default();
        registry.register(
            "parses_skipped",
            "Stored bodies not parsed (no drift reported) because the parse queue was full",
            parse_skipped.clone(),
        );
        let over_budget = Counter::default();
        registry.register(
            "bodies_over_budget",
            "POSTs answered 503 unread: the budget of body bytes in flight (--body-budget), or the client's share of it (--client-budget), was spent",
            over_budget.clone(),
        );
        let slow_bodies_ended = Counter::default();
        registry.register(
            "slow_bodies_ended",
            "Bodies ended with 408, unread to the end: slower than --min-body-rate while the body budget was under pressure",
            slow_bodies_ended.clone(),
        );
        let previous_secret = Counter::default();
        registry.register(
            "previous_secret_bodies",
            "Signed bodies accepted with WA_APP_SECRET_PREVIOUS: while it counts, the rotation is not over",
            previous_secret.clone(),
        );
        let sink_healthy = Gauge::default();
        registry.register(
            "sink_healthy",
            "1 while the sink's last write succeeded, else 0",
            sink_healthy.clone(),
        );
        Metrics {
            registry: Arc::new(registry),
            requests,
            stored,
            sink_seconds,
            fsync_batch,
            drift,
            refused,
            parse_skipped,
            over_budget,
            slow_bodies_ended,
            previous_secret,
            sink_healthy,
        }
    }

    /// A body acknowledged: stored now (`new`) or before, and how long the sink took.
    pub fn stored(&self, new: bool, seconds: f64) {
        let outcome = if new { "new" } else { "duplicate" };
        self.stored.get_or_create(&StoredLabels { outcome }).inc();
        self.sink_seconds.observe(seconds);
    }

    /// One drift item of a stored body, in the change of `field` (a known field, `other` or
    /// `-`).
    pub fn drift(&self, field: &'static str, kind: &'static str) {
        self.drift.get_or_create(&DriftLabels { field, kind }).inc();
    }

    /// The text of every metric, the sink's health read now.
    pub fn render(&self, sink_healthy: bool) -> String {
        self.sink_healthy.set(i64::from(sink_healthy));
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

/// Counts every answered request by its route (the matched path, or `other`) and status.
pub async fn count_requests(
    State(metrics): State<Metrics>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("other", |p| p.as_str())
        .to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    metrics
        .requests
        .get_or_create(&RequestLabels { route, status })
        .inc();
    response
}

/// The body of `GET /metrics`.
pub fn response(text: String) -> Response {
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}
