"""Verifying a webhook delivery, as the Standard Webhooks specification signs it.

The guard signs each delivery with the endpoint's secret (`whsec_` and base64, shown once when the
endpoint was created): `webhook-signature` is `v1,` and the base64 HMAC-SHA256 of
`{webhook-id}.{webhook-timestamp}.{body}`, several such separated by spaces while a secret is
being rotated. A delivery is trusted only if one of them matches, compared in constant time, and
its timestamp is within five minutes of now (a replayed delivery is older)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from disclosure_guard_client.errors import WebhookVerificationError
from disclosure_guard_client.models import Decision, Review

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
TOLERANCE_SECONDS = 5 * 60


class WebhookEventType(StrEnum):
    CHECK_HELD = "check.held"
    CHECK_BLOCKED = "check.blocked"
    HOLD_RELEASED = "hold.released"
    HOLD_REJECTED = "hold.rejected"


class WebhookData(BaseModel):
    """What a delivery says about the check: never the item's content or a register value."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    check_id: str
    external_ref: str | None = None
    decision: Decision | None = None
    review: Review | None = None
    reason_codes: list[str] = Field(default_factory=list)
    case_references: list[str] = Field(default_factory=list)


class WebhookEvent(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    type: WebhookEventType | str = Field(union_mode="left_to_right")
    timestamp: datetime
    data: WebhookData


def _secret_key(secret: str) -> bytes:
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise WebhookVerificationError("invalid_secret", "the webhook secret is not whsec_ and base64") from None


def sign_webhook(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,<base64>` signature of one delivery (what the guard sends; for tests and receivers'
    own fixtures)."""
    digest = hmac.new(_secret_key(secret), f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def verify_webhook(secret: str, headers: Mapping[str, str], body: bytes | str, *,
                   tolerance_seconds: float = TOLERANCE_SECONDS, now: float | None = None) -> WebhookEvent:
    """The delivery's event if its signature and timestamp verify; WebhookVerificationError if not.
    `headers` as received (any case), `body` the raw bytes as received, before any JSON parsing."""
    received = {name.lower(): value for name, value in headers.items()}
    try:
        message_id = received["webhook-id"]
        stamp = received["webhook-timestamp"]
        signatures = received["webhook-signature"]
    except KeyError as missing:
        raise WebhookVerificationError("missing_header", f"no {missing.args[0]} header") from None
    try:
        timestamp = int(stamp)
    except ValueError:
        raise WebhookVerificationError("invalid_timestamp", "webhook-timestamp is not whole seconds") from None
    if abs((time.time() if now is None else now) - timestamp) > tolerance_seconds:
        raise WebhookVerificationError("timestamp_out_of_tolerance",
                                       "webhook-timestamp is more than five minutes from now")
    raw = body.encode() if isinstance(body, str) else bytes(body)
    expected = sign_webhook(secret, message_id, timestamp, raw).encode()
    # Every candidate is compared, so the time taken says nothing about which one came close.
    matched = False
    for candidate in signatures.split():
        matched |= hmac.compare_digest(candidate.encode(), expected)
    if not matched:
        raise WebhookVerificationError("no_matching_signature", "no webhook-signature matches the secret")
    try:
        return WebhookEvent.model_validate(json.loads(raw))
    except (ValueError, ValidationError):
        raise WebhookVerificationError("invalid_payload", "the signed body is not a webhook event") from None
