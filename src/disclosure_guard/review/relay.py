"""Messages held by the SMTP filter, on their way to the next hop once a reviewer decides.

The filter hands each message here to be checked; a held one is queued with its envelope. The
relay loop (smtp/release.py) asks which decided messages wait, claims each once (several
filter processes may share one queue), sends or bounces it, and marks how that ended. This
service owns those writes: nothing in smtp/ touches a table.

Postfix considers a held message delivered (the filter answered 250), so from then on the relay
state here is the only record of it: `waiting` (for the reviewer, or for the next try), `relaying`,
then `relayed`, `bounced` or `dropped`; after `max_attempts` refusals by the next hop, `failed`,
which is audited and makes /readyz degraded until an operator retries it.

One check per message: a message the MTA offers again (its relay failed after an allow, or the
250 was lost) has the same keyed digest of envelope and bytes, and reuses its first decision
rather than being decided, and recorded, a second time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.review.checks import CheckEngine, Submission, load_content, result_of
from disclosure_guard.review.outcome import CheckOutcome, ReviewStatus
from disclosure_guard.types import Item

ENVELOPE_PURPOSE = "check.envelope"
DIGEST_PURPOSE = "smtp.message-digest"
_HEADER_END = re.compile(rb"\r?\n\r?\n")


class RelayStatus(StrEnum):
    """Where a message held by the SMTP filter stands on its way to the next hop."""

    WAITING = "waiting"  # for its reviewer, or for the next try at the next hop
    RELAYING = "relaying"
    RELAYED = "relayed"
    BOUNCED = "bounced"
    DROPPED = "dropped"
    FAILED = "failed"


class RelayError(StrEnum):
    """Why the last try at the next hop failed: a class, never the next hop's text or an address."""

    NEXT_HOP_UNREACHABLE = "next_hop_unreachable"
    CONNECTION_LOST = "connection_lost"
    NEXT_HOP_REFUSED = "next_hop_refused"
    RECIPIENTS_REFUSED = "recipients_refused"
    SMTPUTF8_NOT_OFFERED = "smtputf8_not_offered"
    EIGHTBITMIME_NOT_OFFERED = "8bitmime_not_offered"
    XFORWARD_REFUSED = "xforward_refused"
    INTERNAL_ERROR = "internal_error"


# How a claimed message may end, and what the audit trail says of it.
_ENDINGS = {
    RelayStatus.RELAYED: AuditAction.HOLD_RELAYED,
    RelayStatus.BOUNCED: AuditAction.HOLD_BOUNCED,
    RelayStatus.DROPPED: AuditAction.HOLD_DROPPED,
}


@dataclass(frozen=True)
class SmtpEnvelope:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    smtp_utf8: bool = False  # came with MAIL FROM ... SMTPUTF8: goes on with it
    body: str | None = None  # "8BITMIME" or "7BIT" when MAIL FROM said BODY=
    xforward: tuple[tuple[str, str], ...] = ()  # the original client's, as Postfix XFORWARDed them

    def digest(self, raw: bytes, key: bytes) -> str:
        """A keyed digest of the message as handed over: the same for a retry of the same queue
        file (same Message-ID, headers and body, same envelope), and nothing to read."""
        mac = hmac.new(key, digestmod=hashlib.sha256)
        for part in (self.mail_from, *self.rcpt_tos):
            mac.update(part.encode("utf-8", "surrogateescape") + b"\0")
        mac.update(b"\0" + raw)
        return mac.hexdigest()

    def sealable(self) -> dict[str, object]:
        return {"mail_from": self.mail_from, "rcpt_tos": list(self.rcpt_tos), "smtp_utf8": self.smtp_utf8,
                "body": self.body, "xforward": [list(pair) for pair in self.xforward]}

    @classmethod
    def from_sealed(cls, stored: dict[str, object]) -> SmtpEnvelope:
        """Envelopes sealed before SMTPUTF8 and XFORWARD were kept have neither."""
        return cls(str(stored["mail_from"]), tuple(stored["rcpt_tos"]),  # type: ignore[arg-type]
                   bool(stored.get("smtp_utf8", False)), stored.get("body"),  # type: ignore[arg-type]
                   tuple((str(name), str(value))
                         for name, value in stored.get("xforward", [])))  # type: ignore[union-attr]


def header_block(raw: bytes) -> bytes:
    """A message's headers, up to the blank line that ends them."""
    match = _HEADER_END.search(raw)
    return raw[:match.start()] if match else raw


@dataclass(frozen=True)
class ClaimedMessage:
    """A decided held message that this process alone now relays or bounces."""

    check_id: str
    envelope: SmtpEnvelope
    released: bool
    raw_message: bytes | None  # the message as it arrived; only for a released one (None: its content is lost)
    # A rejected one's header block alone, for the sender's bounce: its body never leaves the vault again.
    original_headers: bytes | None = None


@dataclass
class RelayService:
    engine: CheckEngine
    vault: Vault

    def check(self, session: Session, actor: Principal, item: Item, raw: bytes,
              envelope: SmtpEnvelope) -> CheckOutcome:
        """Check a message the gateway handed over. A held one waits for its reviewer with its
        envelope. When the guard fails the gateway is told to try again later, so the message
        is not queued: it would otherwise be relayed once from here and once from the retry.
        A message already decided (the MTA offers it again) gets its first decision back."""
        digest = envelope.digest(raw, self.vault.derive_key(DIGEST_PURPOSE))
        earlier = session.scalars(
            select(CheckRow).where(CheckRow.message_digest == digest).order_by(CheckRow.created_at).limit(1)
        ).first()
        if earlier is not None:
            return result_of(self.vault, earlier)
        outcome = self.engine.submit(session, actor, item, Submission(raw_message=raw, retries_on_failure=True))
        if outcome.guard_failed:
            return outcome  # decided again when offered again
        row = session.get(CheckRow, outcome.check_id)
        assert row is not None  # submit has just stored it in this session
        row.message_digest = digest
        if outcome.review_status is ReviewStatus.PENDING:
            row.sealed_envelope = self.vault.seal_json(envelope.sealable(), f"{ENVELOPE_PURPOSE}:{outcome.check_id}")
            row.relay_status = RelayStatus.WAITING
        return outcome

    def decided(self, session: Session, limit: int, retry_after: timedelta = timedelta(0)) -> list[str]:
        """Held messages a reviewer has released or rejected that nobody has relayed yet, and
        whose last try (if any) is at least `retry_after` ago."""
        last_try_before = datetime.now(UTC) - retry_after
        return list(session.scalars(
            select(CheckRow.id).where(
                CheckRow.relay_status == RelayStatus.WAITING,
                CheckRow.review_status.in_([ReviewStatus.RELEASED, ReviewStatus.REJECTED]),
                or_(CheckRow.relay_attempted_at.is_(None), CheckRow.relay_attempted_at <= last_try_before),
            ).order_by(CheckRow.created_at).limit(limit)
        ).all())

    @staticmethod
    def failed_count(session: Session) -> int:
        """Held messages whose relay gave up: what /readyz reports."""
        return session.scalar(
            select(func.count()).select_from(CheckRow).where(CheckRow.relay_status == RelayStatus.FAILED)) or 0

    def claim(self, session: Session, check_id: str) -> ClaimedMessage | None:
        """None when another process claimed it first, or it is not decided yet. The caller
        commits before sending, so that the claim is seen by every other process."""
        claimed = session.execute(
            update(CheckRow)
            .where(CheckRow.id == check_id, CheckRow.relay_status == RelayStatus.WAITING,
                   CheckRow.review_status.in_([ReviewStatus.RELEASED, ReviewStatus.REJECTED]))
            .values(relay_status=RelayStatus.RELAYING, relay_attempts=CheckRow.relay_attempts + 1,
                    relay_attempted_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            return None
        row = session.get(CheckRow, check_id)
        assert row is not None and row.sealed_envelope is not None
        stored = self.vault.open_json(row.sealed_envelope, f"{ENVELOPE_PURPOSE}:{check_id}")
        released = row.review_status == ReviewStatus.RELEASED
        content = load_content(self.vault, row)
        raw = content["raw_message"].encode("latin-1") if content and content.get("raw_message") else None
        envelope = SmtpEnvelope.from_sealed(stored)
        if released:
            return ClaimedMessage(check_id, envelope, True, raw)
        return ClaimedMessage(check_id, envelope, False, None, header_block(raw) if raw else None)

    def finish(self, session: Session, actor: Principal, check_id: str, ending: RelayStatus) -> None:
        """How a claimed message ended: relayed, bounced or dropped, on the audit trail too."""
        audit_action = _ENDINGS[ending]
        session.execute(update(CheckRow).where(CheckRow.id == check_id)
                        .values(relay_status=ending, relay_error=None)
                        .execution_options(synchronize_session=False))
        record(session, actor, audit_action, check_id=check_id, detail={"relay_status": ending.value})

    def retry_later(self, session: Session, actor: Principal, check_id: str, error: RelayError,
                    max_attempts: int) -> RelayStatus:
        """The next hop did not take it: back in line for a later round, or, after `max_attempts`
        tries, `failed` (audited) until an operator retries it. Returns which."""
        attempts = session.scalar(select(CheckRow.relay_attempts).where(CheckRow.id == check_id)) or 0
        status = RelayStatus.FAILED if attempts >= max_attempts else RelayStatus.WAITING
        session.execute(update(CheckRow).where(CheckRow.id == check_id, CheckRow.relay_status == RelayStatus.RELAYING)
                        .values(relay_status=status, relay_error=error)
                        .execution_options(synchronize_session=False))
        if status is RelayStatus.FAILED:
            record(session, actor, AuditAction.HOLD_RELAY_FAILED, check_id=check_id,
                   detail={"relay_status": status.value, "relay_error": error.value, "relay_attempts": attempts})
        return status

    def retry_failed(self, session: Session, actor: Principal, check_id: str) -> bool:
        """An operator's "try again" for a `failed` relay (the next hop is mended): waiting, with
        its tries counted from zero. False when it was not failed."""
        changed = session.execute(
            update(CheckRow).where(CheckRow.id == check_id, CheckRow.relay_status == RelayStatus.FAILED)
            .values(relay_status=RelayStatus.WAITING, relay_attempts=0, relay_attempted_at=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed == 1:
            record(session, actor, AuditAction.HOLD_RELAY_RETRIED, check_id=check_id,
                   detail={"relay_status": RelayStatus.WAITING.value})
        return changed == 1
