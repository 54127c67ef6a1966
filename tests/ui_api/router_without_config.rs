// A router whose state holds no `WebhookConfig`: the extractors and the handshake find the
// configuration by `FromRef`, so the build stops here instead of answering 500 at run time.
use axum::extract::State;
use axum::routing::post;
use wa_webhook_types::receive::axum::{router_with_state, Webhook};

#[derive(Clone)]
struct App {
    name: &'static str,
}

async fn receive(State(app): State<App>, Webhook(_notification): Webhook) {
    let _ = app.name;
}

fn main() {
    let _ = router_with_state(App { name: "x-example" }, receive);
    let _: axum::Router = axum::Router::new()
        .route("/webhook", post(receive))
        .with_state(App { name: "x-example" });
}
