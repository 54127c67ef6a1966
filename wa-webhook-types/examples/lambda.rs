//! An AWS Lambda function (behind API Gateway's HTTP API or a function URL) with `lambda_http`:
//! Meta's handshake and deliveries checked by the receiver's core, each event logged. Bursty
//! webhook traffic costs nothing between bursts.
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... cargo lambda watch --example lambda --features http
//! ```

use lambda_http::{service_fn, Body, Error, Request, Response};
use wa_webhook_types::http::StatusCode;
use wa_webhook_types::receive::{Received, WebhookConfig};

/// One request: the handshake's answer, a refusal with its status, or 200 once the
/// notification is handled (a 5xx would have Meta deliver it again).
pub async fn handle(config: &WebhookConfig, request: Request) -> Result<Response<Body>, Error> {
    let answer = match config.receive(&request) {
        Ok(Received::Handshake(answer)) => answer,
        Ok(Received::Notification(notification, _app)) => {
            for event in notification.events() {
                let who = event.user_name().unwrap_or("someone"); // never a phone number
                println!("{} from {who} at {}", event.field, event.path); // never the text
            }
            Response::new(String::new())
        }
        Ok(_) => Response::builder()
            .status(StatusCode::NOT_IMPLEMENTED)
            .body(String::new())?,
        Err(rejection) => rejection.to_response(), // 401, 403, 413, ...; logged at warn
    };
    Ok(answer.map(Body::from))
}

#[allow(dead_code)] // the tests include this file for `handle`
#[tokio::main]
async fn main() -> Result<(), Error> {
    let config = WebhookConfig::from_env()?;
    lambda_http::run(service_fn(|request| handle(&config, request))).await
}
