"""What a Python receiver writes, checked with `mypy --strict` against schema/python
(wa-webhook-cli/tests/schema.rs): every narrowing below must type-check."""

from wa_webhook_types import KNOWN_FIELDS, MESSAGE_TAGS, Change, DeliveryStatus, Notification


def handle(notification: Notification) -> list[str]:
    out: list[str] = []
    for entry in notification["entry"]:
        for change in entry["changes"]:
            # field -> value
            if change["field"] == "messages":
                for message in change["value"].get("messages", []):
                    # type -> payload (Meta may leave `type` out: check it is there)
                    if "type" in message and message["type"] == "text":
                        body: str = message["text"]["body"]
                        out.append(body)
                for status in change["value"].get("statuses", []):
                    # status -> errors
                    if status["status"] == "failed":
                        for error in status.get("errors", []):
                            out.append(f"{status['id']} {error.get('code')}")
            elif change["field"] == "security":
                out.append(change["value"]["event"])
    return out


def is_new_from_meta(change: Change) -> bool:
    # A field the spec does not know is no member of the union: check it at run time, with
    # `get`, which a change without `field` (json.loads checks nothing) does not make raise.
    return change.get("field") not in KNOWN_FIELDS


def is_new_type(tag: str) -> bool:
    return tag not in MESSAGE_TAGS


# Enumerated values are open: a value Meta adds later still type-checks.
later: DeliveryStatus = "x_example_unknown_status"
