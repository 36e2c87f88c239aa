"""Where a webhook may go: https to public addresses only, unless DG_WEBHOOKS_ALLOW_INSECURE
(plain http, loopback and private addresses: tests and on-premises receivers).

Checked when the endpoint is registered and again at every delivery, and the delivery connects
to the address that was checked (the URL's host name kept for Host and TLS), so that a name
re-pointed at an internal address after registration (DNS rebinding) reaches nothing inside.
Every address a name resolves to must be public: one private answer among public ones is refused.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from disclosure_guard.errors import InvalidInput

_DEFAULT_PORTS = {"https": 443, "http": 80}


class UrlRefused(InvalidInput):
    code = "webhook_url_refused"


@dataclass(frozen=True)
class Target:
    """The URL to connect to (the checked address in place of the name), the Host header, and
    the name TLS must verify the receiver's certificate against."""

    connect_url: str
    host_header: str
    tls_name: str | None


def vet_url(url: str, *, allow_insecure: bool) -> Target:
    parts = urlsplit(url)
    schemes = ("https", "http") if allow_insecure else ("https",)
    if parts.scheme not in schemes:
        raise UrlRefused("a webhook URL must be https (http only with DG_WEBHOOKS_ALLOW_INSECURE=true)",
                         "webhook_url_insecure")
    try:
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
    except ValueError:
        raise UrlRefused("the webhook URL's port is not a number from 0 to 65535", "webhook_url_invalid") from None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise UrlRefused("a webhook URL needs a host and no user or password in it", "webhook_url_invalid")
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise UrlRefused("the webhook URL's host does not resolve", "webhook_url_unresolvable") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]
    if not addresses:
        raise UrlRefused("the webhook URL's host does not resolve", "webhook_url_unresolvable")
    if not allow_insecure and not all(address.is_global for address in addresses):
        raise UrlRefused("a webhook URL must resolve to public addresses only "
                         "(private and loopback only with DG_WEBHOOKS_ALLOW_INSECURE=true)", "webhook_url_not_public")
    address = addresses[0]
    host = f"[{address}]" if address.version == 6 else str(address)
    connect_url = urlunsplit((parts.scheme, f"{host}:{port}", parts.path or "/", parts.query, ""))
    host_header = parts.netloc.rsplit("@", 1)[-1]
    return Target(connect_url, host_header, parts.hostname if parts.scheme == "https" else None)
