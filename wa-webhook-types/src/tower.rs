//! tower integration (feature `tower`): the whole receiver as a [`tower_service::Service`]
//! over `http` requests, for hyper and any tower stack. On the configured path (any other is
//! 404), `GET` answers the handshake, `POST` is checked (signature, limits) and parsed, and your
//! handler's status is the answer.
//!
//! ```no_run
//! use wa_webhook_types::http::StatusCode;
//! use wa_webhook_types::receive::WebhookConfig;
//! use wa_webhook_types::tower::WebhookService;
//! use wa_webhook_types::Notification;
//!
//! async fn receive(notification: Notification) -> StatusCode {
//!     for event in notification.events() {
//!         println!("{} in {}", event.field, event.entry_id);
//!     }
//!     StatusCode::OK // a 5xx status has Meta deliver the body again
//! }
//!
//! # fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let service = WebhookService::new(WebhookConfig::from_env()?, receive);
//! // hyper: hyper_util::service::TowerToHyperService::new(service); axum: route_service(...)
//! # Ok(())
//! # }
//! ```

use crate::receive::{Rejection, WebhookConfig};
use crate::{from_slice, Notification};
use http::{Method, StatusCode};
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The webhook as a service: clone it per connection (it is cheap: the configuration is
/// shared, the handler cloned).
#[derive(Clone)]
pub struct WebhookService<H> {
    config: WebhookConfig,
    handler: H,
}

impl<H> WebhookService<H> {
    /// The service, checking requests against `config` and handing each verified, parsed
    /// notification to `handler`, whose status is the answer.
    pub fn new(config: WebhookConfig, handler: H) -> Self {
        WebhookService { config, handler }
    }
}

impl<B, H, F> tower_service::Service<http::Request<B>> for WebhookService<H>
where
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    H: Fn(Notification) -> F + Clone + Send + 'static,
    F: Future<Output = StatusCode> + Send,
{
    type Response = http::Response<String>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let (config, handler) = (self.config.clone(), self.handler.clone());
        Box::pin(async move {
            // The client's address, where the stack records it as a `SocketAddr` extension.
            let peer = request.extensions().get::<SocketAddr>().copied();
            let answer = match *request.method() {
                _ if request.uri().path() != config.path() => Err(Rejection::NotFound),
                Method::GET => return Ok(config.answer_handshake(request.uri().query(), peer)),
                Method::POST => receive(&config, request, handler).await,
                _ => Err(Rejection::MethodNotAllowed),
            };
            Ok(answer.unwrap_or_else(|rejection| {
                rejection.log(peer);
                rejection.to_response()
            }))
        })
    }
}

/// A `POST`: read, verified, parsed, handled.
async fn receive<B, H, F>(
    config: &WebhookConfig,
    request: http::Request<B>,
    handler: H,
) -> Result<http::Response<String>, Rejection>
where
    B: http_body::Body,
    H: Fn(Notification) -> F,
    F: Future<Output = StatusCode>,
{
    let (parts, body) = request.into_parts();
    let (bytes, _app) = config.read_verified(&parts.headers, body).await?;
    let notification = from_slice(&bytes).map_err(Rejection::NotAWebhook)?;
    let mut answer = http::Response::new(String::new());
    *answer.status_mut() = handler(notification).await;
    Ok(answer)
}
