"""The gateway hook: an SMTP content filter in the shape Postfix's content_filter expects.

Postfix hands every message to this filter; the filter checks it and answers:
  allow -> relays it to the next hop unchanged, then 250
  block -> 550 5.7.1 with the reason codes (the sender's MTA bounces it)
  hold  -> 250 (accepted), kept in the hold queue, relayed when a reviewer releases it
  the guard fails or runs out of time -> 451 4.7.1 (try later): never relayed unchecked
  allowed, but the next hop does not take it -> 451 4.4.x (try later): a relay failure, not the check's
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
from disclosure_guard.smtp.next_hop import NextHop, NextHopError
from disclosure_guard.smtp.protocol import ehlo_extensions
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


def not_relayed(failure: NextHopError) -> str:
    """The message was checked and allowed; only handing it on failed. Postfix keeps it and tries again."""
    return f"451 {failure.status} disclosure-guard could not relay this message: {failure.reason}; try again later"


def smtp_envelope(envelope: Any) -> SmtpEnvelope:
    """What the message came with and goes on with: sender, recipients, SMTPUTF8, BODY=, XFORWARD."""
    # "<>" is the null sender of a bounce; a bounce is never bounced back.
    mail_from: str = "" if envelope.mail_from in (None, "<>") else envelope.mail_from
    body = next((option.split("=", 1)[1] for option in envelope.mail_options if option.startswith("BODY=")), None)
    forwarded: dict[str, str] = getattr(envelope, "xforward", {})
    return SmtpEnvelope(mail_from, tuple(envelope.rcpt_tos), bool(envelope.smtp_utf8), body,
                        tuple(forwarded.items()))


class GuardFilter:
    """An aiosmtpd handler."""

    def __init__(self, runtime: Runtime, next_hop: NextHop) -> None:
        self.runtime = runtime
        self.next_hop = next_hop

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,  # noqa: N802
                          responses: list[str]) -> list[str]:
        session.host_name = hostname  # aiosmtpd leaves this to a handler that answers EHLO
        authorized = getattr(server, "xforward_authorized", None)
        return ehlo_extensions(responses, xforward=bool(authorized and authorized()))

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        raw: bytes = envelope.original_content or envelope.content
        smtp = smtp_envelope(envelope)
        try:
            outcome = await asyncio.to_thread(self._check, raw, smtp)
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
            await asyncio.to_thread(self.next_hop.send, smtp, raw)
        except NextHopError as failure:
            log.error("next hop did not take an allowed message (check %s): %s", outcome.check_id, failure)
            return not_relayed(failure)
        except Exception as exc:  # noqa: BLE001
            log.error("relaying an allowed message failed (check %s, %s): 451", outcome.check_id, type(exc).__name__)
            return not_relayed(NextHopError("4.4.0", "the relay failed"))
        return f"250 2.0.0 Checked and relayed by disclosure-guard (check {outcome.check_id})"

    def _check(self, raw: bytes, smtp: SmtpEnvelope) -> CheckOutcome:
        rcpt_tos = list(smtp.rcpt_tos)
        try:
            item = item_for_envelope(raw, rcpt_tos, self.runtime.ingest_limits)
        except GuardError:
            # Retrying would not make it readable: hold it for a person, as any unreadable item.
            item = Item(Channel.EMAIL, tuple(Recipient(RecipientType.TO, email=r) for r in rcpt_tos), (),
                        (UnreadablePart("message", "the message could not be parsed as RFC 822"),))
        with self.runtime.session_factory() as session, session.begin():
            return self.runtime.relay.check(session, FILTER_PRINCIPAL, item, raw, smtp)
