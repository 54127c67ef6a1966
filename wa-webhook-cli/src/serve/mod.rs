//! `wa-webhook serve`: a receiver that acknowledges a POST only after its sink made the raw
//! body durable, then parses it in the background.
//!
//! Built on the library's axum extractor (signature, body limit) and handshake handler. Logs
//! (`tracing`, on standard error) never carry a body, a phone number or a secret.

mod args;
mod budget;
mod drift_log;
mod file_sink;
mod listen;
mod metrics;
#[cfg(feature = "nats")]
mod nats_sink;
mod parse;
mod sink;
mod sink_folder;
mod stored;

pub use args::ServeArgs;
pub use file_sink::{FileOptions, FsyncMode};
pub use listen::ConnectionLimits;

use crate::record::{STORED_BEFORE, STORED_NEW};
use crate::sink_spec::SinkSpec;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use budget::{BodyBudget, BudgetOptions};
use sink::Sink;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use stored::Stored;
use wa_webhook_types::receive::axum::{handshake, VerifiedBody};
use wa_webhook_types::receive::signature;
use wa_webhook_types::receive::{Rejection, SigningApp, WebhookConfig};

/// What `serve` was asked to do.
pub struct ServeOptions {
    /// The address to listen on.
    pub listen: SocketAddr,
    /// The path Meta posts to.
    pub path: String,
    /// Where bodies go.
    pub sink: SinkSpec,
    /// The largest body accepted.
    pub body_limit: usize,
    /// Bytes of bodies held at once across all connections (`None`: sized to memory).
    pub body_budget: Option<u64>,
    /// Bytes of bodies one client may hold at once (`None`: a quarter of the budget).
    pub client_budget: Option<u64>,
    /// Bytes a second a body must arrive at while the budget is under pressure.
    pub min_body_rate: u64,
    /// Where `/metrics` is served instead of the webhook listener, if anywhere else.
    pub metrics_listen: Option<SocketAddr>,
    /// The time a client has to send the whole body.
    pub body_timeout: std::time::Duration,
    /// How the file sink writes.
    pub file: FileOptions,
    /// Print each typed event as a JSON line on standard output.
    pub events: bool,
    /// What a client may hold: its time to send a request head, the open connections.
    pub limits: ConnectionLimits,
}

/// The most connections open at once on `--metrics-listen` (a scraper or two).
const METRICS_CONNECTIONS: usize = 64;

/// The routes' state.
#[derive(Clone)]
struct Receiver {
    /// What the handshake and the extractor check against.
    config: WebhookConfig,
    sink: Sink,
    parser: parse::Parser,
    metrics: metrics::Metrics,
}

impl FromRef<Receiver> for WebhookConfig {
    fn from_ref(receiver: &Receiver) -> WebhookConfig {
        receiver.config.clone()
    }
}

impl FromRef<Receiver> for metrics::Metrics {
    fn from_ref(receiver: &Receiver) -> metrics::Metrics {
        receiver.metrics.clone()
    }
}

/// Runs the server until SIGTERM or Ctrl-C: stops accepting, finishes the requests in flight,
/// syncs the sink and exits 0.
pub fn run(options: ServeOptions) -> ExitCode {
    init_logs();
    warn_if_padded([WebhookConfig::SECRET_VAR, WebhookConfig::VERIFY_TOKEN_VAR]);
    // A budget (or one client's share of it) below the body limit could never hold a body of
    // the limit: 503 forever.
    let limit = options.body_limit as u64;
    for (option, bytes) in [
        ("--body-budget", options.body_budget),
        ("--client-budget", options.client_budget),
    ] {
        if let Some(bytes) = bytes.filter(|bytes| *bytes < limit) {
            eprintln!(
                "wa-webhook: {option} {bytes} is below --body-limit {limit}: a body of the limit could never be held; give at least the limit"
            );
            return ExitCode::from(2);
        }
    }
    if std::env::var_os(WebhookConfig::PREVIOUS_SECRET_VAR).is_some_and(|v| !v.is_empty()) {
        tracing::warn!(
            variable = WebhookConfig::PREVIOUS_SECRET_VAR,
            "the previous app secret is accepted too (a rotation): unset it once no body Meta retries is signed with it; wa_webhook_previous_secret_bodies counts those"
        );
    }
    let config = match WebhookConfig::from_env() {
        Ok(config) => config
            .with_path(&options.path)
            .with_body_limit(options.body_limit)
            .with_body_timeout(Some(options.body_timeout)),
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    match crate::runtime::block_on(serve(options, config)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Err(code) => code,
        Ok(Err(e)) => {
            eprintln!("wa-webhook: {e}");
            ExitCode::from(1)
        }
    }
}

async fn serve(options: ServeOptions, config: WebhookConfig) -> Result<(), String> {
    let metrics = metrics::Metrics::new();
    let (sink, closer) =
        Sink::open(&options.sink, options.file, options.body_limit, &metrics).await?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| format!("{}: {e}", options.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let metrics_listener = match options.metrics_listen {
        Some(at) => Some(
            tokio::net::TcpListener::bind(at)
                .await
                .map_err(|e| format!("--metrics-listen {at}: {e}"))?,
        ),
        None => None,
    };
    let body_budget = options
        .body_budget
        .unwrap_or_else(|| BudgetOptions::default_bytes().max(options.body_limit as u64));
    let client_budget = options
        .client_budget
        .unwrap_or_else(|| BudgetOptions::default_client_bytes(body_budget, options.body_limit));
    let budget = BodyBudget::new(
        BudgetOptions {
            bytes: body_budget,
            client_bytes: client_budget,
            min_rate: options.min_body_rate,
        },
        options.body_limit,
        metrics.clone(),
    );
    let path = config.path().to_owned();
    let receiver = Receiver {
        config,
        sink,
        parser: parse::Parser::new(options.events, metrics.clone()),
        metrics: metrics.clone(),
    };
    let mut app = Router::new()
        .route(&path, get(handshake).post(receive))
        .route("/healthz", get(healthz));
    // One stop signal for both listeners.
    let (stopping, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        wa_webhook_types::receive::shutdown_signal().await;
        let _ = stopping.send(true);
    });
    let until_stopped = |mut stopped: tokio::sync::watch::Receiver<bool>| async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    };
    let metrics_server = match metrics_listener {
        Some(metrics_listener) => {
            let at = metrics_listener.local_addr().map_err(|e| e.to_string())?;
            tracing::info!(%at, "metrics: GET /metrics (not on the webhook listener)");
            let routes = Router::new()
                .route("/metrics", get(scrape))
                .with_state(receiver.clone());
            let stop = until_stopped(stopped.clone());
            // The same deadlines as the webhook's; a scraper needs few connections.
            let limits = ConnectionLimits {
                max_connections: METRICS_CONNECTIONS,
                ..options.limits
            };
            let refused = metrics.refused.clone();
            Some(tokio::spawn(listen::serve(
                metrics_listener,
                routes,
                limits,
                stop,
                refused,
                || false,
            )))
        }
        None => {
            app = app.route("/metrics", get(scrape));
            None
        }
    };
    let routes = if metrics_server.is_some() {
        "GET/POST /webhook, GET /healthz"
    } else {
        "GET/POST /webhook, GET /healthz, GET /metrics"
    };
    tracing::info!(%addr, sink = %options.sink, body_budget, routes, "listening");
    let slow = budget.clone();
    let app = app
        .layer(axum::middleware::from_fn_with_state(
            budget,
            budget::reserve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            metrics.clone(),
            metrics::count_requests,
        ))
        .with_state(receiver);
    let refused = metrics.refused.clone();
    listen::serve(
        listener,
        app,
        options.limits,
        until_stopped(stopped),
        refused,
        move || slow.end_slowest(),
    )
    .await;
    if let Some(metrics_server) = metrics_server {
        let _ = metrics_server.await;
    }
    // Every connection is closed (at the deadline at the latest): the sink stores what was
    // queued, syncs and closes.
    closer.close().await;
    tracing::info!("stopped; every acknowledged body is stored");
    Ok(())
}

/// `POST /webhook`: 200 once the body is durable; 503 when the sink failed (Meta retries).
async fn receive(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    body: Result<VerifiedBody, Rejection>,
) -> Response {
    let started = Instant::now();
    let (body, app) = match body {
        Ok(VerifiedBody(body, app)) => (body, app),
        // Logged by the library's response (status and reason).
        Err(rejection) => return rejection.into_response(),
    };
    let signature = headers.get(signature::HEADER).and_then(|v| v.to_str().ok());
    let received_at_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    if app.previous_secret {
        receiver.metrics.previous_secret.inc();
    }
    let app = app_label(&app);
    match receiver
        .sink
        .store(&body, signature, app.as_deref(), received_at_ms)
        .await
    {
        Ok(stored) => {
            tracing::debug!(
                bytes = body.len(),
                duplicate = stored == Stored::Duplicate,
                micros = started.elapsed().as_micros() as u64,
                "stored"
            );
            let new = stored == Stored::New;
            receiver
                .metrics
                .stored(new, started.elapsed().as_secs_f64());
            let said = if new {
                receiver.parser.enqueue(body);
                STORED_NEW
            } else {
                STORED_BEFORE
            };
            (StatusCode::OK, said).into_response()
        }
        Err(e) if e.too_large_for().is_some() => {
            tracing::warn!(bytes = body.len(), reason = %e, "not stored; answering 413");
            (StatusCode::PAYLOAD_TOO_LARGE, "larger than the sink takes").into_response()
        }
        Err(e) => {
            tracing::error!(reason = %e, "not stored; answering 503");
            (StatusCode::SERVICE_UNAVAILABLE, "not stored; retry later").into_response()
        }
    }
}

/// What a stored body says of the app that signed it: its name, else its place among the
/// secrets of `WA_APP_SECRET` (from 0); nothing for the first app unnamed (a single app).
fn app_label(app: &SigningApp) -> Option<String> {
    match (app.name(), app.index) {
        (Some(name), _) => Some(name.to_owned()),
        (None, 0) => None,
        (None, index) => Some(index.to_string()),
    }
}

/// One event as a JSON line: its context, its user, its key and the item as Meta sent it.
fn event_line(event: &wa_webhook_types::WebhookEvent<'_>) -> String {
    let user = event.user.map(|u| {
        serde_json::json!({
            "phone": u.phone, "bsuid": u.bsuid, "parent_bsuid": u.parent_bsuid,
            "username": u.username, "name": u.name,
        })
    });
    serde_json::json!({
        "entry_id": event.entry_id,
        "field": event.field,
        "path": event.path,
        "business_phone_id": event.business_phone_id,
        "user": user,
        "idempotency_key": event.idempotency_key(),
        "text": event.text(),
        "item": event.item,
    })
    .to_string()
}

/// `GET /metrics`: every metric, in Prometheus' text format.
async fn scrape(State(receiver): State<Receiver>) -> Response {
    metrics::response(receiver.metrics.render(receiver.sink.is_healthy()))
}

/// `GET /healthz`: 200 while the sink's last write succeeded, 503 after it failed.
async fn healthz(State(receiver): State<Receiver>) -> (StatusCode, &'static str) {
    if receiver.sink.is_healthy() {
        (StatusCode::OK, "ok\n")
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the sink's last write failed\n",
        )
    }
}

/// Warns about a secret or token with white space around it (a copy and paste from the App
/// Dashboard, most often): it is used as given, so Meta's signatures would never match it.
fn warn_if_padded(vars: [&str; 2]) {
    for var in vars {
        if std::env::var(var).is_ok_and(|value| value.trim() != value) {
            tracing::warn!(
                variable = var,
                "has white space at its start or end, which is used as part of it: check the value"
            );
        }
    }
}

/// Logs to standard error, `RUST_LOG` filtering (`info` by default).
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
