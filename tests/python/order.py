"""The order of a message's states, as a Python receiver uses it against statuses that arrive
out of order: checked with `mypy --strict` and run (wa-webhook-cli/tests/schema.rs)."""

from wa_webhook_types import DELIVERYSTATUS_FINAL, DELIVERYSTATUS_ORDER


def moves_forward(state: str, previous: str) -> bool:
    """Whether a status update moves the message forward from the state stored for it."""
    if state == previous or previous in DELIVERYSTATUS_FINAL:
        return False
    if state in DELIVERYSTATUS_FINAL:
        return True
    if state not in DELIVERYSTATUS_ORDER:
        return False
    if previous not in DELIVERYSTATUS_ORDER:
        return True
    return DELIVERYSTATUS_ORDER.index(state) > DELIVERYSTATUS_ORDER.index(previous)


assert moves_forward("read", "delivered"), "read after delivered moves forward"
assert not moves_forward("sent", "read"), "a late sent is no downgrade"
assert moves_forward("failed", "read"), "failed is final"
assert not moves_forward("read", "failed"), "nothing follows failed"
print("order: read after delivered moves forward, sent after read does not")
