"""Webhook endpoints as an admin registers, lists and deletes them, and their deliveries.
The signing secret is shown once, when the endpoint is made, and kept sealed."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow
from disclosure_guard.errors import NotFound
from disclosure_guard.webhooks.events import DeliveryStatus, WebhookEvent
from disclosure_guard.webhooks.signing import new_secret
from disclosure_guard.webhooks.urls import vet_url

SECRET_PURPOSE = "webhook.secret"


@dataclass(frozen=True)
class Webhook:
    id: str
    url: str
    events: tuple[WebhookEvent, ...]
    system: str | None
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class Attempt:
    at: datetime
    status_code: int | None
    error: str | None
    elapsed_ms: float


@dataclass(frozen=True)
class Delivery:
    id: str
    event: WebhookEvent
    check_id: str
    status: DeliveryStatus
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    attempts: tuple[Attempt, ...]


def _webhook(row: WebhookEndpointRow) -> Webhook:
    return Webhook(row.id, row.url, tuple(WebhookEvent(e) for e in row.events.split(",") if e), row.system,
                   row.created_at, row.created_by)


def open_secret(vault: Vault, row: WebhookEndpointRow) -> str:
    return vault.open(row.sealed_secret, f"{SECRET_PURPOSE}:{row.id}").decode()


def create_webhook(session: Session, vault: Vault, actor: Principal, url: str, events: list[WebhookEvent],
                   system: str | None, *, allow_insecure: bool) -> tuple[Webhook, str]:
    """The endpoint and its secret. Raises UrlRefused (422) for a URL it may not call."""
    vet_url(url, allow_insecure=allow_insecure)
    webhook_id = "wh_" + secrets.token_hex(12)
    secret = new_secret()
    chosen = sorted(set(events))
    row = WebhookEndpointRow(
        id=webhook_id, url=url, events="," + ",".join(chosen) + ",", system=system,
        sealed_secret=vault.seal(secret.encode(), f"{SECRET_PURPOSE}:{webhook_id}"),
        created_at=datetime.now(UTC), created_by=actor.name,
    )
    session.add(row)
    session.flush()
    record(session, actor, AuditAction.WEBHOOK_CREATED,
           detail={"webhook_id": webhook_id, "events": chosen, "system": system})
    return _webhook(row), secret


def list_webhooks(session: Session) -> list[Webhook]:
    rows = session.scalars(select(WebhookEndpointRow).where(WebhookEndpointRow.deleted_at.is_(None))
                           .order_by(WebhookEndpointRow.created_at, WebhookEndpointRow.id)).all()
    return [_webhook(row) for row in rows]


def _live(session: Session, webhook_id: str) -> WebhookEndpointRow:
    row = session.get(WebhookEndpointRow, webhook_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("no webhook with that id", "webhook_not_found")
    return row


def delete_webhook(session: Session, actor: Principal, webhook_id: str) -> Webhook:
    """Its deliveries not made yet are cancelled; those made stay listed."""
    row = _live(session, webhook_id)
    row.deleted_at = datetime.now(UTC)
    session.execute(
        update(WebhookDeliveryRow)
        .where(WebhookDeliveryRow.endpoint_id == webhook_id, WebhookDeliveryRow.status == DeliveryStatus.PENDING)
        .values(status=DeliveryStatus.CANCELLED.value).execution_options(synchronize_session=False))
    record(session, actor, AuditAction.WEBHOOK_DELETED, detail={"webhook_id": webhook_id})
    return _webhook(row)


def list_deliveries(session: Session, webhook_id: str, offset: int, limit: int) -> tuple[list[Delivery], int]:
    """Newest first, each with its tries."""
    if session.get(WebhookEndpointRow, webhook_id) is None:
        raise NotFound("no webhook with that id", "webhook_not_found")
    query = select(WebhookDeliveryRow).where(WebhookDeliveryRow.endpoint_id == webhook_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(WebhookDeliveryRow.created_at.desc(), WebhookDeliveryRow.id)
                           .offset(offset).limit(limit)).all()
    tries: dict[str, list[Attempt]] = {row.id: [] for row in rows}
    for attempt in session.scalars(select(WebhookAttemptRow).where(WebhookAttemptRow.delivery_id.in_(list(tries)))
                                   .order_by(WebhookAttemptRow.id)):
        tries[attempt.delivery_id].append(Attempt(attempt.at, attempt.status_code, attempt.error, attempt.elapsed_ms))
    return [
        Delivery(row.id, WebhookEvent(row.event), row.check_id, DeliveryStatus(row.status), row.created_at,
                 row.next_attempt_at if row.status == DeliveryStatus.PENDING else None, row.delivered_at,
                 tuple(tries[row.id]))
        for row in rows
    ], total
