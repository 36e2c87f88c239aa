"""The events a webhook endpoint may subscribe to, and where a delivery stands."""

from __future__ import annotations

from enum import StrEnum

from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.types import Decision


class WebhookEvent(StrEnum):
    CHECK_HELD = "check.held"
    CHECK_BLOCKED = "check.blocked"
    HOLD_RELEASED = "hold.released"
    HOLD_REJECTED = "hold.rejected"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # waiting for its next try
    DELIVERED = "delivered"  # the receiver answered 2xx
    FAILED = "failed"  # still refused when DG_WEBHOOK_RETRY_SECONDS ran out: given up
    CANCELLED = "cancelled"  # its endpoint was deleted first


def check_event(decision: Decision, review_status: ReviewStatus | None) -> WebhookEvent | None:
    """A decided check's event: a block, or a hold waiting for a reviewer (a failed check an MTA
    will offer again is in no queue, so there is nothing to hear about)."""
    if decision is Decision.BLOCK:
        return WebhookEvent.CHECK_BLOCKED
    if decision is Decision.HOLD and review_status is ReviewStatus.PENDING:
        return WebhookEvent.CHECK_HELD
    return None


def review_event(status: ReviewStatus) -> WebhookEvent:
    return WebhookEvent.HOLD_RELEASED if status is ReviewStatus.RELEASED else WebhookEvent.HOLD_REJECTED
