"""Held messages leave the queue: a released one is relayed to the next hop as it arrived; a
rejected one is never sent, and its sender gets a bounce unless the operator switched that off.

Runs in the smtp-filter process, polling the database, so that reviewers need nothing but the
hold-queue API and several filter processes can share one queue (each message is claimed once).
"""

from __future__ import annotations

import logging
import socket
import threading
from datetime import timedelta

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.review.relay import ClaimedMessage, RelayError, RelayStatus, SmtpEnvelope
from disclosure_guard.runtime import Runtime
from disclosure_guard.smtp.dsn import delivery_status_notification
from disclosure_guard.smtp.next_hop import NextHop, NextHopError

log = logging.getLogger(__name__)

RELAY_PRINCIPAL = Principal("smtp-filter", Role.SUBMITTER)
_BATCH = 50


class HeldMessageRelay:
    def __init__(self, runtime: Runtime, next_hop: NextHop, bounce_on_reject: bool = True,
                 hostname: str | None = None, postmaster: str | None = None) -> None:
        self.runtime = runtime
        self.next_hop = next_hop
        self.bounce_on_reject = bounce_on_reject
        self.hostname = hostname or socket.getfqdn()
        self.postmaster = postmaster or f"MAILER-DAEMON@{self.hostname}"

    def run_once(self) -> int:
        """Relay or bounce every decided held message due a try; returns how many were handled."""
        retry_after = timedelta(seconds=self.runtime.settings.smtp_relay_retry_seconds)
        with self.runtime.session_factory() as session:
            candidates = self.runtime.relay.decided(session, _BATCH, retry_after)
        return sum(1 for check_id in candidates if self._handle(check_id))

    def _handle(self, check_id: str) -> bool:
        relay = self.runtime.relay
        with self.runtime.session_factory() as session, session.begin():
            message = relay.claim(session, check_id)
        if message is None:
            return False
        try:
            ending = self._deliver(message)
        except NextHopError as failure:
            return self._failed(check_id, failure.error, failure.status)
        except Exception as exc:  # noqa: BLE001  counted as a try like any other; never lost silently
            log.error("relaying held message %s failed (%s)", check_id, type(exc).__name__)
            return self._failed(check_id, RelayError.INTERNAL_ERROR, "4.3.0")
        with self.runtime.session_factory() as session, session.begin():
            relay.finish(session, RELAY_PRINCIPAL, check_id, ending)
        return True

    def _failed(self, check_id: str, error: RelayError, status: str) -> bool:
        with self.runtime.session_factory() as session, session.begin():
            now = self.runtime.relay.retry_later(session, RELAY_PRINCIPAL, check_id, error,
                                                 self.runtime.settings.smtp_relay_max_attempts)
        if now is RelayStatus.FAILED:
            log.error("held message %s: relay failed for good (%s %s); see GET /v1/holds/%s", check_id, status,
                      error.value, check_id)
        else:
            log.warning("held message %s: next hop did not take it (%s %s); will retry", check_id, status,
                        error.value)
        return False

    def _deliver(self, message: ClaimedMessage) -> RelayStatus:
        mail_from = message.envelope.mail_from
        if message.released:
            if message.raw_message is None:  # counted as a failed try, and `failed` in the end
                raise ValueError("a released held message's content is missing")
            self.next_hop.send(message.envelope, message.raw_message)
            return RelayStatus.RELAYED
        if self.bounce_on_reject and mail_from:
            dsn = delivery_status_notification(message.envelope, message.check_id, message.original_headers,
                                               self.hostname, self.postmaster)
            # From the null sender, so that it is never bounced back (RFC 5321 4.5.5).
            plain = dsn.isascii()
            self.next_hop.send(SmtpEnvelope("", (mail_from,), smtp_utf8=message.envelope.smtp_utf8 and not plain,
                                            body=None if plain else "8BITMIME"), dsn)
            return RelayStatus.BOUNCED
        return RelayStatus.DROPPED

    def run_forever(self, stop: threading.Event, poll_seconds: float) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except Exception as exc:  # noqa: BLE001  the loop must outlive a database hiccup
                log.error("relay round failed (%s)", type(exc).__name__)
            stop.wait(poll_seconds)
