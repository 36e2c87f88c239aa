"""What a webhook delivery says: one typed message, so the body the deliverer signs and the one
the OpenAPI page documents (under `webhooks`) are the same model, and a client can check its
own models against it. Never the item's content or a register value: the check's id, the
submitting system's own reference, the decision, where review stands, and codes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.types import Decision
from disclosure_guard.webhooks.events import WebhookEvent


class WebhookReview(BaseModel):
    status: ReviewStatus = Field(description="pending for check.held; released or rejected for hold.*.")
    decided_at: datetime | None = Field(default=None, description="When a reviewer decided; null while pending.")


class WebhookCheckData(BaseModel):
    check_id: str
    external_ref: str | None = Field(default=None, description="The submitting system's own reference, as it sent it.")
    decision: Decision
    review: WebhookReview | None = Field(default=None, description="Null for check.blocked.")
    reason_codes: list[str]
    case_references: list[str]


class WebhookMessage(BaseModel):
    """The JSON body of every delivery, signed as Standard Webhooks has it (README, Webhooks)."""

    type: WebhookEvent
    timestamp: datetime
    data: WebhookCheckData
