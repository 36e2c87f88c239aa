"""The gateway hook: an SMTP content filter in the shape Postfix's content_filter expects.

Postfix hands every message to this filter; the filter checks it and answers:
  allow -> relays it to the next hop unchanged, then 250
  block -> 550 5.7.1 with the reason codes (the sender's MTA bounces it)
  hold  -> 250 (accepted), kept in the hold queue, relayed when a reviewer releases it
  the guard fails or runs out of time -> 451 4.7.1 (try later): never relayed unchecked
  every check worker busy and the queue full -> 451 4.3.2 (try later), nothing checked or kept
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Any

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.errors import Busy, GuardError
from disclosure_guard.ingest.email import item_from_rfc822
from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.review.outcome import CheckOutcome
from disclosure_guard.review.relay import SmtpEnvelope
from disclosure_guard.runtime import Runtime
from disclosure_guard.smtp.next_hop import NextHop
from disclosure_guard.types import Channel, Decision, Item, Recipient, RecipientType, UnreadablePart

log = logging.getLogger(__name__)

FILTER_PRINCIPAL = Principal("smtp-filter", Role.SUBMITTER)
TRY_LATER = "451 4.7.1 disclosure-guard could not check this message; try again later"
# RFC 3463 X.3.2: the system is not accepting messages now; the sending MTA keeps it and retries.
BUSY = "451 4.3.2 disclosure-guard is busy; try again later"


def item_for_envelope(raw: bytes, rcpt_tos: list[str], limits: IngestLimits) -> Item:
    """The message as its recipients get it. Envelope recipients that no To or Cc header names
    are blind copies: nobody else sees them, but they read everything."""
    blind = ("Bcc: " + ", ".join(rcpt_tos) + "\r\n").encode() if rcpt_tos else b""
    item = item_from_rfc822(blind + raw, limits)
    visible = {r.email.lower() for r in item.recipients if r.email and r.type is not RecipientType.BCC}
    seen: set[str] = set()
    recipients = []
    for recipient in item.recipients:
        address = (recipient.email or "").lower()
        if recipient.type is RecipientType.BCC and (address in visible or address in seen):
            continue
        seen.add(address)
        recipients.append(recipient)
    return dataclasses.replace(item, recipients=tuple(recipients))


class GuardFilter:
    """An aiosmtpd handler."""

    def __init__(self, runtime: Runtime, next_hop: NextHop) -> None:
        self.runtime = runtime
        self.next_hop = next_hop

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        raw: bytes = envelope.original_content or envelope.content
        # "<>" is the null sender of a bounce; a bounce is never bounced back.
        mail_from: str = "" if envelope.mail_from in (None, "<>") else envelope.mail_from
        rcpt_tos: list[str] = list(envelope.rcpt_tos)
        try:
            outcome = await asyncio.to_thread(self._check, raw, mail_from, rcpt_tos)
        except Busy:
            log.warning("smtp filter busy: every check worker is taken and the queue is full: 451")
            return BUSY
        except Exception as exc:  # noqa: BLE001  fail closed: the MTA keeps the message and retries
            log.error("smtp filter could not check a message (%s): 451", type(exc).__name__)
            return TRY_LATER
        if outcome.guard_failed:
            return TRY_LATER
        if outcome.decision is Decision.BLOCK:
            codes = ", ".join(reason.code.value for reason in outcome.verdict.reasons)
            return f"550 5.7.1 Blocked by disclosure-guard ({codes}; check {outcome.check_id})"
        if outcome.decision is Decision.HOLD:
            return f"250 2.0.0 Held for review by disclosure-guard (check {outcome.check_id})"
        try:
            await asyncio.to_thread(self.next_hop.send, mail_from, rcpt_tos, raw)
        except Exception as exc:  # noqa: BLE001
            log.error("next hop refused an allowed message (%s): 451", type(exc).__name__)
            return TRY_LATER
        return f"250 2.0.0 Checked and relayed by disclosure-guard (check {outcome.check_id})"

    def _check(self, raw: bytes, mail_from: str, rcpt_tos: list[str]) -> CheckOutcome:
        try:
            item = item_for_envelope(raw, rcpt_tos, self.runtime.ingest_limits)
        except GuardError:
            # Retrying would not make it readable: hold it for a person, as any unreadable item.
            item = Item(Channel.EMAIL, tuple(Recipient(RecipientType.TO, email=r) for r in rcpt_tos), (),
                        (UnreadablePart("message", "the message could not be parsed as RFC 822"),))
        with self.runtime.session_factory() as session, session.begin():
            return self.runtime.relay.check(session, FILTER_PRINCIPAL, item, raw,
                                            SmtpEnvelope(mail_from, tuple(rcpt_tos)))
