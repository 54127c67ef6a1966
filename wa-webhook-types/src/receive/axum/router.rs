//! The whole receiver in one call: the handshake and the POST route on one path.

use super::handshake;
use crate::receive::WebhookConfig;
use axum::extract::FromRef;
use axum::handler::Handler;
use axum::routing::get;
use axum::Router;

/// The routes a WhatsApp webhook needs, on [`WebhookConfig::path`]: `GET` answers Meta's
/// subscription handshake with the verify token, `POST` calls `handler`.
///
/// The handler is an ordinary axum handler: take [`Webhook`](super::Webhook) for the verified,
/// parsed notification, or [`VerifiedBody`](super::VerifiedBody) for the raw bytes to store
/// first. Its answer is the response: `()` is 200 (Meta's delivery is done); answer a 5xx
/// status for anything you could not keep, so that Meta delivers the body again. A request the
/// extractors reject (a bad signature, a body over the limit, a body that is not a webhook)
/// gets its status without reaching the handler, and is logged through `tracing` at `warn`
/// (with the client's address when the server records it:
/// `app.into_make_service_with_connect_info::<SocketAddr>()`). For a handler that needs your
/// app's state (a database pool, a queue, [`RecentEvents`](crate::RecentEvents)), see
/// [`router_with_state`]. The handler's state is the configuration itself.
///
/// ```no_run
/// use wa_webhook_types::receive::axum::{router, shutdown_signal, Webhook};
/// use wa_webhook_types::receive::WebhookConfig;
///
/// async fn receive(Webhook(notification): Webhook) {
///     for event in notification.events() {
///         if let Some(text) = event.text_message() {
///             let who = event.user_name().unwrap_or("someone");
///             println!("{who} wrote {} bytes", text.len()); // the words go to your app, not a log
///         }
///     }
/// }
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let app = router(WebhookConfig::from_env()?, receive);
/// let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
/// axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
/// # Ok(())
/// # }
/// ```
pub fn router<H, T>(config: WebhookConfig, handler: H) -> Router
where
    H: Handler<T, WebhookConfig>,
    T: 'static,
{
    router_with_state(config, handler)
}

/// [`router`], with your app's state for the handler to take as `State<S>`. The state holds the
/// [`WebhookConfig`] too, found by `FromRef` (as axum finds any part of a state): the
/// extractors and the handshake take it from there, so a router whose state has none does not
/// compile.
///
/// ```no_run
/// use axum::extract::State;
/// use axum::http::StatusCode;
/// use std::sync::Arc;
/// use tokio::sync::mpsc;
/// use wa_webhook_types::receive::axum::{router_with_state, Webhook};
/// use wa_webhook_types::receive::WebhookConfig;
/// use wa_webhook_types::RecentEvents;
///
/// #[derive(Clone)]
/// struct App {
///     config: WebhookConfig,
///     recent: Arc<RecentEvents>,
///     queue: mpsc::Sender<String>, // to a worker
/// }
///
/// impl axum::extract::FromRef<App> for WebhookConfig {
///     fn from_ref(app: &App) -> WebhookConfig {
///         app.config.clone()
///     }
/// }
///
/// async fn receive(State(app): State<App>, Webhook(notification): Webhook) -> StatusCode {
///     for event in notification.events() {
///         let Some(claim) = app.recent.claim(&event) else { continue }; // a repeat
///         let job = format!("{} in {}", event.field, event.entry_id);
///         if app.queue.try_send(job).is_err() {
///             return StatusCode::SERVICE_UNAVAILABLE; // not kept: Meta's retry is handled
///         }
///         claim.keep();
///     }
///     StatusCode::OK
/// }
///
/// # fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let (queue, _worker) = mpsc::channel(1024);
/// let config = WebhookConfig::from_env()?;
/// let app = App { config, recent: Arc::new(RecentEvents::new(100_000)), queue };
/// let routes = router_with_state(app, receive);
/// # Ok(())
/// # }
/// ```
pub fn router_with_state<S, H, T>(state: S, handler: H) -> Router
where
    S: Clone + Send + Sync + 'static,
    WebhookConfig: FromRef<S>,
    H: Handler<T, S>,
    T: 'static,
{
    let path = WebhookConfig::from_ref(&state).path().to_owned();
    Router::new()
        .route(&path, get(handshake).post(handler))
        .with_state(state)
}
