"""verify_webhook as the Standard Webhooks specification signs deliveries: the specification's own
example verifies; a changed body, another secret, an old or future timestamp, or a missing header
does not; any of several signatures (a secret being rotated) may match."""

from __future__ import annotations

import base64
import json

import pytest

from disclosure_guard_client import (
    Decision, GuardClient, ReviewStatus, WebhookEvent, WebhookEventType, WebhookVerificationError, sign_webhook,
    verify_webhook,
)

# The example of the Standard Webhooks specification (and its reference libraries' tests).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

SECRET = "whsec_" + base64.b64encode(b"a secret of thirty-two bytes....").decode()
NOW = 1_796_000_000
HELD = json.dumps({"type": "check.held", "timestamp": "2026-11-30T22:00:00Z", "data": {
    "check_id": "chk_1", "external_ref": "DOC-1", "decision": "hold",
    "review": {"status": "pending", "decided_at": None},
    "reason_codes": ["uncertain_restricted_recipient"], "case_references": ["DA-2026-00017"]}}).encode()


def delivery(body: bytes = HELD, secret: str = SECRET, timestamp: int = NOW, message_id: str = "msg_1") -> dict:
    return {"webhook-id": message_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": sign_webhook(secret, message_id, timestamp, body)}


def test_the_specification_example_signs_and_verifies():
    assert sign_webhook(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY) == SPEC_SIGNATURE
    headers = {"webhook-id": SPEC_ID, "webhook-timestamp": str(SPEC_TIMESTAMP), "webhook-signature": SPEC_SIGNATURE}
    # The signature verifies; the example's body is not one of the guard's events.
    with pytest.raises(WebhookVerificationError) as not_an_event:
        verify_webhook(SPEC_SECRET, headers, SPEC_BODY, now=SPEC_TIMESTAMP)
    assert not_an_event.value.reason == "invalid_payload"


def test_a_delivery_verifies_into_a_typed_event():
    event = verify_webhook(SECRET, delivery(), HELD, now=NOW + 10)
    assert isinstance(event, WebhookEvent) and event.type is WebhookEventType.CHECK_HELD
    assert event.data.check_id == "chk_1" and event.data.decision is Decision.HOLD
    assert event.data.review is not None and event.data.review.status is ReviewStatus.PENDING
    # Headers in any case, the body as text, and the client's method: the same event.
    shouted = {name.title(): value for name, value in delivery().items()}
    assert GuardClient.verify_webhook(SECRET, shouted, HELD.decode(), now=NOW) == event


def test_any_of_several_signatures_may_match():
    headers = delivery()
    other = sign_webhook("whsec_" + base64.b64encode(b"the old secret").decode(), "msg_1", NOW, HELD)
    headers["webhook-signature"] = f"{other} v1a,garbage {headers['webhook-signature']}"
    assert verify_webhook(SECRET, headers, HELD, now=NOW).data.check_id == "chk_1"


@pytest.mark.parametrize(("change", "reason"), [
    (lambda h, b: (h, b.replace(b"chk_1", b"chk_2")), "no_matching_signature"),
    (lambda h, b: ({**h, "webhook-id": "msg_2"}, b), "no_matching_signature"),
    (lambda h, b: ({**h, "webhook-timestamp": str(NOW + 1)}, b), "no_matching_signature"),
    (lambda h, b: ({**h, "webhook-signature": "v1," + base64.b64encode(b"x" * 32).decode()}, b),
     "no_matching_signature"),
    (lambda h, b: ({**h, "webhook-signature": h["webhook-signature"].removeprefix("v1,")}, b),
     "no_matching_signature"),
    (lambda h, b: ({k: v for k, v in h.items() if k != "webhook-signature"}, b), "missing_header"),
    (lambda h, b: ({k: v for k, v in h.items() if k != "webhook-id"}, b), "missing_header"),
    (lambda h, b: ({**h, "webhook-timestamp": "yesterday"}, b), "invalid_timestamp"),
])
def test_anything_changed_does_not_verify(change, reason):
    headers, body = change(delivery(), HELD)
    with pytest.raises(WebhookVerificationError) as refused:
        verify_webhook(SECRET, headers, body, now=NOW)
    assert refused.value.reason == reason


def test_another_secret_does_not_verify():
    with pytest.raises(WebhookVerificationError) as refused:
        verify_webhook("whsec_" + base64.b64encode(b"someone else").decode(), delivery(), HELD, now=NOW)
    assert refused.value.reason == "no_matching_signature"
    with pytest.raises(WebhookVerificationError) as malformed:
        verify_webhook("whsec_not base64!", delivery(), HELD, now=NOW)
    assert malformed.value.reason == "invalid_secret"


@pytest.mark.parametrize("skew", [-301, 301, -3600])
def test_a_timestamp_more_than_five_minutes_away_is_refused(skew):
    with pytest.raises(WebhookVerificationError) as refused:
        verify_webhook(SECRET, delivery(timestamp=NOW + skew), HELD, now=NOW)
    assert refused.value.reason == "timestamp_out_of_tolerance"
    assert verify_webhook(SECRET, delivery(timestamp=NOW + (299 if skew > 0 else -299)), HELD, now=NOW)
