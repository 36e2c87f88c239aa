"""Sending to the next hop: the MTA port that Postfix's content_filter hands mail back to."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class NextHop:
    host: str
    port: int
    timeout_seconds: float = 60.0

    @classmethod
    def parse(cls, address: str) -> NextHop:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"expected HOST:PORT, got {address!r}")
        return cls(host, int(port))

    def send(self, mail_from: str, rcpt_tos: Sequence[str], raw: bytes) -> None:
        """Relay the message bytes unchanged; raises smtplib.SMTPException or OSError on failure."""
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout_seconds) as client:
            client.sendmail(mail_from, list(rcpt_tos), raw)
