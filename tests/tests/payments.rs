//! Meta's 2026 payment pages (../shared/reference/payments-2026.md): a status told apart by its
//! `type` (a payment status carries `type` `payment` and the payment; an ordinary one leaves
//! `type` out), each parsing with no drift and writing back the JSON received.

use serde_json::{json, Value};
use wa_webhook_types::shared::status::payment::TransactionStatus;
use wa_webhook_types::shared::status::{DeliveryStatus, MessageStatus, StatusType};
use wa_webhook_types::{Change, DriftKind, Notification};

fn body(statuses: Value) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1",
        "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "statuses": statuses}}]}]})
}

fn statuses(n: &Notification) -> Vec<&MessageStatus> {
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    value.statuses.as_ref().unwrap().iter().collect()
}

fn round_trips(n: &Notification, body: &Value) {
    assert_eq!(serde_json::to_value(n).unwrap(), *body, "round trip");
}

#[test]
fn an_ordinary_status_is_a_message_status_and_keeps_type_out() {
    let b = body(
        json!([{"id": "wamid.A", "status": "read", "timestamp": "1749416383",
        "recipient_id": "16505551234"}]),
    );
    let n = Notification::from_slice(b.to_string().as_bytes()).unwrap();
    assert_eq!(n.drift(), vec![]);
    let status = statuses(&n)[0];
    assert_eq!(status.kind, StatusType::Message(None));
    assert!(status.type_omitted);
    assert_eq!(status.status, DeliveryStatus::Read);
    round_trips(&n, &b);
}

#[test]
fn a_payment_status_is_told_apart_by_its_type_whatever_the_key_order() {
    let payment = json!({"reference_id": "order-1", "amount": {"value": 21000, "offset": 100},
        "currency": "INR", "transaction": {"id": "order_P1", "type": "razorpay",
        "status": "failed", "created_timestamp": 1716200000, "updated_timestamp": 1716200060,
        "error": {"code": "BAD_REQUEST_ERROR", "reason": "incorrect_pin"}}});
    // The payment before its tag, then after.
    let b = body(json!([
        {"id": "gBGGFlB5", "payment": payment, "recipient_id": "16505551234",
         "status": "pending", "timestamp": "1716200061", "type": "payment"},
        {"type": "payment", "id": "gBGGFlB6", "recipient_id": "16505551234",
         "status": "captured", "payment": payment, "timestamp": "1716200062"}
    ]));
    let n = Notification::from_slice(b.to_string().as_bytes()).unwrap();
    assert_eq!(n.drift(), vec![]);
    for status in statuses(&n) {
        let StatusType::Payment(paid) = &status.kind else {
            panic!("{status:?}")
        };
        assert!(!status.type_omitted);
        assert_eq!(paid.amount.value, 21000);
        assert_eq!(paid.transaction.status, TransactionStatus::Failed);
        let error = paid.transaction.error.as_ref().unwrap();
        assert_eq!(error.code.as_str(), "BAD_REQUEST_ERROR");
    }
    assert_eq!(statuses(&n)[1].status, DeliveryStatus::Captured);
    round_trips(&n, &b);
}

#[test]
fn a_status_type_this_version_does_not_know_is_drift_not_an_error() {
    let b = body(
        json!([{"id": "wamid.A", "status": "sent", "timestamp": "1749416383",
        "recipient_id": "16505551234", "type": "x_example_unknown_type",
        "x_example_unknown_type": {"x_unknown_key": 1}}]),
    );
    let n = Notification::from_slice(b.to_string().as_bytes()).unwrap();
    let status = statuses(&n)[0];
    let StatusType::Unrecognized(unknown) = &status.kind else {
        panic!("{status:?}")
    };
    assert_eq!(unknown.name(), "x_example_unknown_type");
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(drift[0].kind, DriftKind::UnknownType);
    round_trips(&n, &b);
}

#[test]
fn every_payment_example_of_metas_pages_types_with_no_drift() {
    let examples: Vec<_> = wa_webhook_types::EXAMPLES
        .iter()
        .filter(|e| e.spec.contains("status/payment") || e.spec.contains("payment_method"))
        .collect();
    assert!(!examples.is_empty(), "no payment example in the spec");
    for example in examples {
        let n = Notification::from_slice(example.json.as_bytes()).unwrap();
        assert_eq!(n.drift(), vec![], "{}", example.spec);
    }
}

/// `captured` and `pending` belong to payment statuses only: on an ordinary status, or a
/// delivery state on a payment status, the value is drift (a value that shape does not list),
/// and the body still parses and writes back as received.
#[test]
fn a_status_value_of_the_other_shape_is_drift() {
    let b = body(json!([
        {"id": "wamid.A", "status": "captured", "timestamp": "1749416383",
         "recipient_id": "16505551234"},
        {"id": "gBGGFlB5", "type": "payment", "status": "delivered", "timestamp": "1716200061",
         "recipient_id": "16505551234", "payment": {"reference_id": "order-1",
            "amount": {"value": 100, "offset": 100}, "currency": "INR",
            "transaction": {"id": "order_P1", "type": "payu", "status": "success",
                "created_timestamp": 1716200000, "updated_timestamp": 1716200060}}}
    ]));
    let n = Notification::from_slice(b.to_string().as_bytes()).unwrap();
    let drift: Vec<(DriftKind, String, String)> = n
        .drift()
        .into_iter()
        .map(|d| (d.kind, d.path, d.found))
        .collect();
    let at = |i: usize| format!("entry[0].changes[0].value.statuses[{i}].status");
    assert_eq!(
        drift,
        vec![
            (DriftKind::UnknownValue, at(0), "captured".to_owned()),
            (DriftKind::UnknownValue, at(1), "delivered".to_owned()),
        ]
    );
    round_trips(&n, &b);
}
