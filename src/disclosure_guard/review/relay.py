"""Messages held by the SMTP filter, on their way to the next hop once a reviewer decides.

The filter hands each message here to be checked; a held one is queued with its envelope. The
relay loop (smtp/release.py) asks which decided messages wait, claims each once (several
filter processes may share one queue), sends or bounces it, and marks how that ended. This
service owns those writes: nothing in smtp/ touches a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.review.checks import CheckEngine, Submission, load_content
from disclosure_guard.review.outcome import CheckOutcome, ReviewStatus
from disclosure_guard.types import Item

ENVELOPE_PURPOSE = "check.envelope"
_HEADER_END = re.compile(rb"\r?\n\r?\n")


class RelayStatus(StrEnum):
    """Where a message held by the SMTP filter stands on its way to the next hop."""

    AWAITING_REVIEW = "awaiting_review"
    RELAYING = "relaying"
    RELAYED = "relayed"
    BOUNCED = "bounced"
    DROPPED = "dropped"
    FAILED = "failed"


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
    raw_message: bytes | None  # the message as it arrived; only for a released one
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
        is not queued: it would otherwise be relayed once from here and once from the retry."""
        outcome = self.engine.submit(session, actor, item, Submission(raw_message=raw, retries_on_failure=True))
        if outcome.review_status is ReviewStatus.PENDING:
            row = session.get(CheckRow, outcome.check_id)
            assert row is not None  # submit has just stored it in this session
            row.sealed_envelope = self.vault.seal_json(envelope.sealable(), f"{ENVELOPE_PURPOSE}:{outcome.check_id}")
            row.relay_status = RelayStatus.AWAITING_REVIEW
        return outcome

    def decided(self, session: Session, limit: int) -> list[str]:
        """Held messages a reviewer has released or rejected that nobody has relayed yet."""
        return list(session.scalars(
            select(CheckRow.id).where(
                CheckRow.relay_status == RelayStatus.AWAITING_REVIEW,
                CheckRow.review_status.in_([ReviewStatus.RELEASED, ReviewStatus.REJECTED]),
            ).order_by(CheckRow.created_at).limit(limit)
        ).all())

    def claim(self, session: Session, check_id: str) -> ClaimedMessage | None:
        """None when another process claimed it first, or it is not decided yet. The caller
        commits before sending, so that the claim is seen by every other process."""
        claimed = session.execute(
            update(CheckRow)
            .where(CheckRow.id == check_id, CheckRow.relay_status == RelayStatus.AWAITING_REVIEW,
                   CheckRow.review_status.in_([ReviewStatus.RELEASED, ReviewStatus.REJECTED]))
            .values(relay_status=RelayStatus.RELAYING)
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
        if released and raw is None:
            raise ValueError(f"held message {check_id} was released but its content is missing")
        envelope = SmtpEnvelope.from_sealed(stored)
        if released:
            return ClaimedMessage(check_id, envelope, True, raw)
        return ClaimedMessage(check_id, envelope, False, None, header_block(raw) if raw else None)

    def finish(self, session: Session, actor: Principal, check_id: str, ending: RelayStatus) -> None:
        """How a claimed message ended: relayed, bounced or dropped, on the audit trail too."""
        audit_action = _ENDINGS[ending]
        self._set(session, check_id, ending)
        record(session, actor, audit_action, check_id=check_id, detail={"relay_status": ending.value})

    def retry_later(self, session: Session, check_id: str) -> None:
        """The next hop refused it: back in line for the next round."""
        self._set(session, check_id, RelayStatus.AWAITING_REVIEW)

    @staticmethod
    def _set(session: Session, check_id: str, status: RelayStatus) -> None:
        session.execute(update(CheckRow).where(CheckRow.id == check_id).values(relay_status=status)
                        .execution_options(synchronize_session=False))
