"""Webhook endpoints (admin): register one (its secret shown once), list, delete, and see its
deliveries with every try. Delivery itself is webhooks/delivery.py's, in every API process."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, FastAPI, Path

from disclosure_guard.api.deps import Admin, PageDep, RuntimeDep, SessionDep
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.schemas import (
    WebhookCreate, WebhookCreated, WebhookDeliveryOut, WebhookDeliveryPage, WebhookList, WebhookOut,
)
from disclosure_guard.webhooks.endpoints import create_webhook, delete_webhook, list_deliveries, list_webhooks
from disclosure_guard.webhooks.events import WebhookEvent
from disclosure_guard.webhooks.payload import WebhookMessage

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], responses=documented_errors(401, 403, 422, 500))

WebhookIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]+$", max_length=40, description='"wh_" and 24 hex digits.')]


@router.post("", status_code=201, response_model=WebhookCreated)
def create(body: WebhookCreate, actor: Admin, runtime: RuntimeDep, session: SessionDep) -> WebhookCreated:
    """Register a receiver. A URL it may not call is 422 (webhook_url_insecure, webhook_url_not_public,
    webhook_url_unresolvable, webhook_url_invalid). The answer holds the signing secret, this once."""
    webhook, secret = create_webhook(session, runtime.vault, actor, body.url, body.events, body.system,
                                     allow_insecure=runtime.settings.webhooks_allow_insecure)
    return WebhookCreated(**WebhookOut.from_webhook(webhook).model_dump(), secret=secret)


@router.get("", response_model=WebhookList)
def list_all(actor: Admin, session: SessionDep) -> WebhookList:
    """The registered receivers, never their secrets."""
    return WebhookList(items=[WebhookOut.from_webhook(webhook) for webhook in list_webhooks(session)])


@router.delete("/{webhook_id}", response_model=WebhookOut, responses=documented_errors(404))
def delete(webhook_id: WebhookIdPath, actor: Admin, session: SessionDep) -> WebhookOut:
    """No more deliveries to it; those not made yet are cancelled, those made stay listed.
    Answers the webhook as it was."""
    return WebhookOut.from_webhook(delete_webhook(session, actor, webhook_id))


@router.get("/{webhook_id}/deliveries", response_model=WebhookDeliveryPage, responses=documented_errors(404))
def deliveries(webhook_id: WebhookIdPath, actor: Admin, session: SessionDep, page: PageDep) -> WebhookDeliveryPage:
    """Newest first, each with its tries: when, the receiver's status code or the class of error."""
    offset, limit = page
    found, total = list_deliveries(session, webhook_id, offset, limit)
    return WebhookDeliveryPage(total=total, offset=offset, limit=limit,
                               items=[WebhookDeliveryOut.from_delivery(d) for d in found])


# What the receiver answers; "default" also keeps FastAPI from documenting its own 422 shape.
RECEIVER_ANSWERS: dict[int | str, dict[str, str]] = {
    "default": {"description": "Anything but 2xx (or no answer within the timeout): tried again with backoff for 24 hours."},
}


def describe_deliveries(app: FastAPI) -> None:
    """Each event a receiver may subscribe to, in the OpenAPI page's `webhooks`, with the body
    the deliverer signs (`WebhookMessage`): integrators and the Python client read the payload
    from the same document as the API."""
    for event in WebhookEvent:
        def delivery(body: WebhookMessage) -> None:  # documentation only: the guard sends, never serves, these
            """A JSON POST to the registered URL, with headers webhook-id, webhook-timestamp and
            webhook-signature (v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">). Answer 2xx
            within the timeout; anything else is tried again with backoff for 24 hours."""
        app.webhooks.post(event.value, operation_id=f"webhook_{event.name.lower()}",
                          summary=f"Delivery of {event.value}", responses=RECEIVER_ANSWERS)(delivery)
