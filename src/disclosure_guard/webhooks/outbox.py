"""The outbox: an event becomes one delivery row per endpoint subscribed to it, in the
transaction that decided the check or the hold, so that an event is sent if and only if it
happened. A row names the check and the event and holds no content."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from disclosure_guard.db.tables import WebhookDeliveryRow, WebhookEndpointRow
from disclosure_guard.webhooks.events import DeliveryStatus, WebhookEvent


def new_message_id() -> str:
    return "msg_" + secrets.token_hex(12)


def emit(session: Session, event: WebhookEvent, check_id: str, system: str | None) -> None:
    """An endpoint registered for one system hears of that system's checks only."""
    endpoints = session.scalars(
        select(WebhookEndpointRow.id).where(
            WebhookEndpointRow.deleted_at.is_(None),
            WebhookEndpointRow.events.contains(f",{event.value},", autoescape=True),
            or_(WebhookEndpointRow.system.is_(None), WebhookEndpointRow.system == system),
        )
    ).all()
    now = datetime.now(UTC)
    for endpoint_id in endpoints:
        session.add(WebhookDeliveryRow(
            id=new_message_id(), endpoint_id=endpoint_id, event=event.value, check_id=check_id, created_at=now,
            status=DeliveryStatus.PENDING.value, attempts=0, next_attempt_at=now,
        ))
