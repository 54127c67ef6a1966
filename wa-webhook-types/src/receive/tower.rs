//! tower integration (feature `tower`): the whole receiver as a [`tower_service::Service`]
//! over `http` requests, for hyper and any tower stack. On the configured path (any other is
//! 404), `GET` answers the handshake, `POST` is checked (signature, limits) and parsed, and your
//! handler's status is the answer.
//!
//! ```no_run
//! use wa_webhook_types::http::StatusCode;
//! use wa_webhook_types::receive::WebhookConfig;
//! use wa_webhook_types::receive::tower::WebhookService;
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

use crate::from_slice;
use crate::receive::{NotificationHandler, Rejection, WebhookConfig};
use http::Method;
use std::convert::Infallible;
use std::future::Future;
use std::marker::PhantomData;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The webhook as a service: clone it per connection (it is cheap: the configuration is
/// shared, the handler cloned). `Args` is the handler's kind, inferred (see
/// [`NotificationHandler`]).
pub struct WebhookService<H, Args = (crate::Notification,)> {
    config: WebhookConfig,
    handler: H,
    args: PhantomData<fn() -> Args>,
}

impl<H: Clone, Args> Clone for WebhookService<H, Args> {
    fn clone(&self) -> Self {
        WebhookService {
            config: self.config.clone(),
            handler: self.handler.clone(),
            args: PhantomData,
        }
    }
}

impl<H, Args> WebhookService<H, Args>
where
    H: NotificationHandler<Args>,
{
    /// The service, checking requests against `config` and handing each verified, parsed
    /// notification to `handler` (`async fn(Notification) -> StatusCode`, or
    /// `async fn(Notification, SigningApp) -> StatusCode` to know which app signed it), whose
    /// status is the answer.
    pub fn new(config: WebhookConfig, handler: H) -> Self {
        WebhookService {
            config,
            handler,
            args: PhantomData,
        }
    }
}

impl<B, H, Args> tower_service::Service<http::Request<B>> for WebhookService<H, Args>
where
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    H: NotificationHandler<Args> + Send,
    H::Future: Send,
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
                config.log_rejection(&rejection, peer);
                rejection.to_response()
            }))
        })
    }
}

/// A `POST`: read, verified, parsed, handled.
async fn receive<B, H, Args>(
    config: &WebhookConfig,
    request: http::Request<B>,
    handler: H,
) -> Result<http::Response<String>, Rejection>
where
    B: http_body::Body,
    H: NotificationHandler<Args>,
{
    let (parts, body) = request.into_parts();
    let (bytes, app) = config.read_verified(&parts.headers, body).await?;
    let notification = from_slice(&bytes).map_err(Rejection::NotAWebhook)?;
    let mut answer = http::Response::new(String::new());
    *answer.status_mut() = handler.call(notification, app).await;
    Ok(answer)
}
