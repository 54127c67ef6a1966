//! actix-web integration (feature `actix`): the whole receiver as one actix-web resource on
//! [`WebhookConfig::path`]: `GET` answers the handshake, `POST` is refused by its head before
//! its body is read, read within the limit and time, checked (signature, with secret
//! rotation) and parsed, and your handler's status is the answer.
//!
//! ```no_run
//! use actix_web::{web, App, HttpServer};
//! use wa_webhook_types::http::StatusCode;
//! use wa_webhook_types::receive::WebhookConfig;
//! use wa_webhook_types::Notification;
//!
//! async fn receive(notification: Notification) -> StatusCode {
//!     for event in notification.events() {
//!         println!("{} in {}", event.field, event.entry_id);
//!     }
//!     StatusCode::OK // a 5xx status has Meta deliver the body again
//! }
//!
//! # async fn run() -> std::io::Result<()> {
//! let config = WebhookConfig::new("app-secret", "verify-token");
//! HttpServer::new(move || App::new().service(wa_webhook_types::receive::actix::resource(config.clone(), receive)))
//!     .bind("0.0.0.0:8080")?
//!     .run()
//!     .await
//! # }
//! ```

use crate::from_slice;
use crate::receive::{NotificationHandler, Rejection, WebhookConfig};
use actix_web::{web, HttpRequest, HttpResponse};

/// The webhook's resource: add it to your `App` with `.service(...)`. `handler` gets each
/// verified, parsed notification (`async fn(Notification) -> StatusCode`, or
/// `async fn(Notification, SigningApp) -> StatusCode` to know which app signed it); its status
/// is the answer.
pub fn resource<H, Args>(config: WebhookConfig, handler: H) -> actix_web::Resource
where
    H: NotificationHandler<Args>,
    Args: 'static,
{
    let path = config.path().to_owned();
    let handshake = config.clone();
    web::resource(path)
        .route(web::get().to(move |request: HttpRequest| {
            let answer =
                handshake.answer_handshake(Some(request.query_string()), request.peer_addr());
            std::future::ready(response(answer))
        }))
        .route(
            web::post().to(move |request: HttpRequest, body: web::Payload| {
                let (config, handler) = (config.clone(), handler.clone());
                async move {
                    let answer = match receive(&config, &request, body, handler).await {
                        Ok(answer) => answer,
                        Err(rejection) => {
                            config.log_rejection(&rejection, request.peer_addr());
                            rejection.to_response()
                        }
                    };
                    response(answer)
                }
            }),
        )
}

/// A `POST`: its head checked, its body read and verified, parsed, handled.
async fn receive<H, Args>(
    config: &WebhookConfig,
    request: &HttpRequest,
    body: web::Payload,
    handler: H,
) -> Result<http::Response<String>, Rejection>
where
    H: NotificationHandler<Args>,
{
    let headers = headers(request);
    config.check_head(&headers)?;
    let limit = config.body_limit();
    let read = body.to_bytes_limited(limit);
    let read = match config.body_timeout() {
        Some(after) => tokio::time::timeout(after, read)
            .await
            .map_err(|_| Rejection::BodyTimeout { after })?,
        None => read.await,
    };
    let bytes = read
        .map_err(|_| Rejection::TooLarge { limit })?
        .map_err(|_| Rejection::Unreadable)?;
    let app = config.verify_body(&headers, &bytes)?;
    let notification = from_slice(&bytes).map_err(Rejection::NotAWebhook)?;
    let mut answer = http::Response::new(String::new());
    *answer.status_mut() = handler.call(notification, app).await;
    Ok(answer)
}

/// The request's headers as the core reads them (actix-web speaks `http` 0.2, the core 1.x).
fn headers(request: &HttpRequest) -> http::HeaderMap {
    request
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            let name = http::HeaderName::from_bytes(name.as_str().as_bytes()).ok()?;
            let value = http::HeaderValue::from_bytes(value.as_bytes()).ok()?;
            Some((name, value))
        })
        .collect()
}

/// The core's answer as actix-web's.
fn response(answer: http::Response<String>) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(answer.status().as_u16())
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut out = HttpResponse::build(status);
    for (name, value) in answer.headers() {
        out.insert_header((name.as_str(), value.as_bytes()));
    }
    out.content_type("text/plain; charset=utf-8")
        .body(answer.into_body())
}
