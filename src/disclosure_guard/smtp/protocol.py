"""The filter's side of the SMTP conversation with Postfix, beyond what aiosmtpd speaks itself:
PIPELINING and XFORWARD in the EHLO answer, and the XFORWARD command.

XFORWARD (Postfix's XFORWARD_README) is how Postfix's content_filter client tells the filter who
really sent the message: `XFORWARD NAME=mail.example ADDR=192.0.2.7 PROTO=ESMTP HELO=mail.example`,
values in xtext, before MAIL FROM. The attributes hold for one mail transaction: they are kept on
the envelope, which aiosmtpd renews after DATA, RSET and EHLO. The filter passes them on to the
next hop (smtp/next_hop.py) so that the reinjection smtpd logs the original client, not 127.0.0.1.

PIPELINING needs nothing more: aiosmtpd reads one command line at a time from a buffered stream.
"""

from __future__ import annotations

import re
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, syntax

XFORWARD_ATTRIBUTES = ("NAME", "ADDR", "PORT", "PROTO", "HELO", "IDENT", "SOURCE")
_XTEXT_ESCAPE = re.compile(r"\+([0-9A-F]{2})")
_XTEXT = re.compile(r"(?:[!-*,-<>-~]|\+[0-9A-F]{2})*")  # printable ASCII but '+' and '=', or +HH


def xforward_attributes(arg: str) -> list[tuple[str, str]] | None:
    """`NAME=x ADDR=y` as [(NAME, x), (ADDR, y)], xtext decoded; None when malformed."""
    pairs = []
    for word in arg.split():
        name, equals, value = word.partition("=")
        name = name.upper()
        if not equals or name not in XFORWARD_ATTRIBUTES or not _XTEXT.fullmatch(value):
            return None
        decoded = _XTEXT_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
        pairs.append((name, decoded.encode("latin-1").decode("utf-8", "replace")))
    return pairs or None


class GatewaySMTP(SMTP):
    @syntax("XFORWARD attribute=value ...")
    async def smtp_XFORWARD(self, arg: str | None) -> None:  # noqa: N802 (aiosmtpd's naming)
        if await self.check_helo_needed():
            return
        assert self.envelope is not None
        if self.envelope.mail_from:
            await self.push("503 5.5.1 Error: MAIL transaction in progress")
            return
        pairs = xforward_attributes(arg or "")
        if pairs is None:
            await self.push("501 5.5.4 Syntax: XFORWARD attribute=value...")
            return
        forwarded: dict[str, str] = getattr(self.envelope, "xforward", {})
        forwarded.update(pairs)
        self.envelope.xforward = forwarded  # type: ignore[attr-defined]
        await self.push("250 2.0.0 Ok")


def ehlo_extensions(responses: list[str]) -> list[str]:
    """aiosmtpd's EHLO lines with PIPELINING and XFORWARD added before the last one."""
    *lines, last = responses
    return [*lines, "250-PIPELINING", "250-XFORWARD " + " ".join(XFORWARD_ATTRIBUTES), last]


class GatewayController(Controller):
    def factory(self) -> Any:
        return GatewaySMTP(self.handler, **self.SMTP_kwargs)
