//! Why a body did not parse, in words: said alike by `check` and by `serve`'s log.

/// Why a body did not parse, in words: not JSON at all, or JSON that is no webhook notification.
pub fn why_not_parsed(e: &wa_webhook_types::Error) -> &'static str {
    if e.is_not_json() {
        "not JSON"
    } else {
        "JSON, but not a webhook notification (an object with `object` and `entry`)"
    }
}
