"""Delivering the outbox: a thread in every API process claims due deliveries and POSTs them.

- Claims are in the database, as the asynchronous lane's are (review/pending.py): `SELECT ...
  FOR UPDATE SKIP LOCKED` on PostgreSQL, then an `UPDATE ... WHERE (unclaimed or lease over)`
  whose row count says who won (on SQLite, one writer at a time, the UPDATE alone decides), so
  that of several replicas one sends each delivery; the outbox outlives a restart.
- The body is built at each try from the check as it was decided, so it is the same on every
  try: `data` carries the check's id, its external_ref, decision, review, reason codes and case
  references, never the item's content or a register value.
- A receiver that does not answer 2xx within DG_WEBHOOK_TIMEOUT_SECONDS is tried again after
  DG_WEBHOOK_BACKOFF_SECONDS, doubling each time up to DG_WEBHOOK_BACKOFF_MAX_SECONDS, until
  DG_WEBHOOK_RETRY_SECONDS after the event; then the delivery is failed. Redirects are not
  followed (a 3xx is a failure), and the URL is checked again before each try (webhooks/urls.py).
- Each try is recorded: when, the status code or the class of error, how long it took.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CheckRow, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow
from disclosure_guard.review.checks import result_of
from disclosure_guard.review.polling import PollingLoop
from disclosure_guard.settings import Settings
from disclosure_guard.webhooks.endpoints import open_secret
from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.types import Decision
from disclosure_guard.webhooks.events import DeliveryStatus, WebhookEvent
from disclosure_guard.webhooks.payload import WebhookCheckData, WebhookMessage, WebhookReview
from disclosure_guard.webhooks.signing import sign
from disclosure_guard.webhooks.urls import UrlRefused, vet_url

log = logging.getLogger(__name__)

# Beyond the timeout: the deliverer's own reads and writes around one try.
LEASE_MARGIN_SECONDS = 30.0


def _utc(moment: datetime) -> datetime:
    # SQLite gives back the UTC times it was given without their zone.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _listed(delimited: str) -> list[str]:
    return [value for value in delimited.split(",") if value]


def event_body(vault: Vault, event: WebhookEvent, at: datetime, check: CheckRow) -> bytes:
    review: WebhookReview | None = None
    if event is WebhookEvent.CHECK_HELD:
        review = WebhookReview(status=ReviewStatus.PENDING)
    elif event in (WebhookEvent.HOLD_RELEASED, WebhookEvent.HOLD_REJECTED):
        status = ReviewStatus.RELEASED if event is WebhookEvent.HOLD_RELEASED else ReviewStatus.REJECTED
        review = WebhookReview(status=status, decided_at=_utc(check.reviewed_at) if check.reviewed_at else None)
    data = WebhookCheckData(
        check_id=check.id,
        external_ref=result_of(vault, check).external_ref,
        decision=Decision(check.decision),
        review=review,
        reason_codes=_listed(check.reason_codes),
        case_references=_listed(check.case_references),
    )
    return WebhookMessage(type=event, timestamp=_utc(at), data=data).model_dump_json().encode()


@dataclass(frozen=True)
class Tried:
    status_code: int | None
    error: str | None
    elapsed_ms: float

    @property
    def delivered(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Message:
    id: str
    url: str
    secret: str
    body: bytes


class WebhookDeliverer(PollingLoop):
    """Claims due deliveries one at a time and tries each once, in a background thread of every
    API process (`PollingLoop`); the outbox's lease lets several replicas share the work."""

    thread_name = "dg-webhooks"
    failed_step = "webhook delivery failed (%s): it is tried again after its lease"

    def __init__(self, session_factory: sessionmaker[Session], vault: Vault, settings: Settings,
                 name: str | None = None) -> None:
        self.session_factory = session_factory
        self.vault = vault
        self.settings = settings
        self.name = name or "deliverer-" + secrets.token_hex(8)
        self.lease_seconds = settings.webhook_timeout_seconds + LEASE_MARGIN_SECONDS
        super().__init__(settings.webhook_poll_seconds)

    # -- one delivery ---------------------------------------------------------------------

    def claim(self) -> str | None:
        now = datetime.now(UTC)
        claimable = ((WebhookDeliveryRow.status == DeliveryStatus.PENDING) & (WebhookDeliveryRow.next_attempt_at <= now)
                     & or_(WebhookDeliveryRow.claimed_by.is_(None), WebhookDeliveryRow.claim_expires_at < now))
        with self.session_factory() as session, session.begin():
            delivery_id = session.scalar(
                select(WebhookDeliveryRow.id).where(claimable).order_by(WebhookDeliveryRow.next_attempt_at).limit(1)
                .with_for_update(skip_locked=True))
            if delivery_id is None:
                return None
            won = session.execute(
                update(WebhookDeliveryRow).where(WebhookDeliveryRow.id == delivery_id, claimable)
                .values(claimed_by=self.name, claim_expires_at=now + timedelta(seconds=self.lease_seconds))
                .execution_options(synchronize_session=False)).rowcount
        return delivery_id if won == 1 else None

    def _message(self, delivery_id: str) -> Message | DeliveryStatus | None:
        """What to send; a final status when there is nothing to send; None when the claim was lost."""
        with self.session_factory() as session:
            delivery = session.get(WebhookDeliveryRow, delivery_id)
            if delivery is None or delivery.status != DeliveryStatus.PENDING or delivery.claimed_by != self.name:
                return None
            endpoint = session.get(WebhookEndpointRow, delivery.endpoint_id)
            if endpoint is None or endpoint.deleted_at is not None:
                return DeliveryStatus.CANCELLED
            check = session.get(CheckRow, delivery.check_id)
            if check is None:  # deleted since: there is no longer anything to say about it
                return DeliveryStatus.CANCELLED
            body = event_body(self.vault, WebhookEvent(delivery.event), delivery.created_at, check)
            return Message(delivery.id, endpoint.url, open_secret(self.vault, endpoint), body)

    def send(self, message: Message) -> Tried:
        started = time.perf_counter()

        def tried(status_code: int | None, error: str | None) -> Tried:
            return Tried(status_code, error, round((time.perf_counter() - started) * 1000, 1))

        try:
            target = vet_url(message.url, allow_insecure=self.settings.webhooks_allow_insecure)
        except UrlRefused as refused:
            return tried(None, refused.code)
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "Host": target.host_header,
            "User-Agent": "disclosure-guard-webhooks",
            "webhook-id": message.id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(message.secret, message.id, timestamp, message.body),
        }
        extensions = {"sni_hostname": target.tls_name} if target.tls_name else {}
        try:
            # No proxies from the environment: the connection goes to the address just checked.
            with httpx.Client(timeout=self.settings.webhook_timeout_seconds, follow_redirects=False,
                              trust_env=False) as client, client.stream(
                    "POST", target.connect_url, content=message.body, headers=headers,
                    extensions=extensions) as response:
                status = response.status_code
        except httpx.TimeoutException:
            return tried(None, "timeout")
        except httpx.ConnectError:
            return tried(None, "connect_error")
        except httpx.HTTPError as exc:
            return tried(None, type(exc).__name__.lower()[:40])
        return tried(status, None if 200 <= status < 300 else "http_status")

    def _finish(self, delivery_id: str, tried: Tried | None, final: DeliveryStatus | None = None) -> None:
        now = datetime.now(UTC)
        with self.session_factory() as session, session.begin():
            delivery = session.get(WebhookDeliveryRow, delivery_id)
            if delivery is None:
                return
            values: dict[str, Any] = {"claimed_by": None, "claim_expires_at": None}
            if tried is not None:
                session.add(WebhookAttemptRow(delivery_id=delivery_id, at=now, status_code=tried.status_code,
                                              error=tried.error, elapsed_ms=tried.elapsed_ms))
                attempts = delivery.attempts + 1
                values["attempts"] = attempts
                if tried.delivered:
                    values.update(status=DeliveryStatus.DELIVERED.value, delivered_at=now)
                else:
                    s = self.settings
                    wait = min(s.webhook_backoff_seconds * 2 ** (attempts - 1), s.webhook_backoff_max_seconds)
                    following = now + timedelta(seconds=wait)
                    if following > _utc(delivery.created_at) + timedelta(seconds=s.webhook_retry_seconds):
                        values["status"] = DeliveryStatus.FAILED.value
                    else:
                        values["next_attempt_at"] = following
            if final is not None:
                values["status"] = final.value
            session.execute(
                update(WebhookDeliveryRow)
                .where(WebhookDeliveryRow.id == delivery_id, WebhookDeliveryRow.claimed_by == self.name)
                .values(**values).execution_options(synchronize_session=False))

    def run_once(self) -> bool:
        """Claim and try one due delivery; False when none was due."""
        delivery_id = self.claim()
        if delivery_id is None:
            return False
        message = self._message(delivery_id)
        if message is None:
            return True
        if isinstance(message, DeliveryStatus):
            self._finish(delivery_id, None, message)
            return True
        tried = self.send(message)
        if not tried.delivered:
            # The delivery and the class of error only: the URL is the admin's, the body a check's.
            log.warning("webhook delivery %s not delivered (%s)", delivery_id, tried.error)
        self._finish(delivery_id, tried)
        return True

    def step(self) -> bool:
        return self.run_once()
