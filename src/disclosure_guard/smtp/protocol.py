"""The filter's side of the SMTP conversation with Postfix, beyond what aiosmtpd speaks itself:
PIPELINING and XFORWARD in the EHLO answer, and the XFORWARD command.

XFORWARD (Postfix's XFORWARD_README) is how Postfix's content_filter client tells the filter who
really sent the message: `XFORWARD NAME=mail.example ADDR=192.0.2.7 PROTO=ESMTP HELO=mail.example`,
values in xtext, before MAIL FROM. The attributes hold for one mail transaction: they are kept on
the envelope, which aiosmtpd renews after DATA, RSET and EHLO. The filter passes them on to the
next hop (smtp/next_hop.py) so that the reinjection smtpd logs the original client, not 127.0.0.1.

XFORWARD is taken only from the clients Postfix itself would trust with it (DG_SMTP_AUTHORIZED_
XFORWARD_HOSTS, as smtpd_authorized_xforward_hosts; loopback by default): anyone else could
otherwise make the reinjected message name a client of their choosing. Others are not offered it
and are refused it (550 5.7.0), as Postfix's smtpd does.

PIPELINING needs nothing more: aiosmtpd reads one command line at a time from a buffered stream.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
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


Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
LOOPBACK: Networks = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


def networks(cidrs: Iterable[str]) -> Networks:
    """`["127.0.0.0/8", "10.1.2.3"]` as networks; a bad entry raises ValueError (at start, not per message)."""
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in cidrs)


def is_authorized(peer: Any, authorized: Networks) -> bool:
    """Whether the client at `peer` (aiosmtpd's session.peer) may XFORWARD. Unknown: no."""
    try:
        address = ipaddress.ip_address(peer[0] if isinstance(peer, tuple) else peer)
    except (TypeError, ValueError, IndexError):
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == network.version and address in network for network in authorized)


class GatewaySMTP(SMTP):
    def __init__(self, handler: Any, *, authorized_xforward: Networks = LOOPBACK, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.authorized_xforward = authorized_xforward

    def xforward_authorized(self) -> bool:
        return self.session is not None and is_authorized(self.session.peer, self.authorized_xforward)

    @syntax("XFORWARD attribute=value ...")
    async def smtp_XFORWARD(self, arg: str | None) -> None:  # noqa: N802 (aiosmtpd's naming)
        if await self.check_helo_needed():
            return
        if not self.xforward_authorized():
            await self.push("550 5.7.0 Error: insufficient authorization")
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


def ehlo_extensions(responses: list[str], xforward: bool = True) -> list[str]:
    """aiosmtpd's EHLO lines with PIPELINING, and XFORWARD for an authorized client, added before the last one."""
    *lines, last = responses
    offered = ["250-XFORWARD " + " ".join(XFORWARD_ATTRIBUTES)] if xforward else []
    return [*lines, "250-PIPELINING", *offered, last]


class GatewayController(Controller):
    def __init__(self, handler: Any, *, authorized_xforward: Networks = LOOPBACK, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.authorized_xforward = authorized_xforward

    def factory(self) -> Any:
        return GatewaySMTP(self.handler, authorized_xforward=self.authorized_xforward, **self.SMTP_kwargs)
