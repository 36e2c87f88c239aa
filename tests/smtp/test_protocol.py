"""Who may XFORWARD: the networks of DG_SMTP_AUTHORIZED_XFORWARD_HOSTS, as Postfix's
smtpd_authorized_xforward_hosts; an address that cannot be read is not authorized."""

from __future__ import annotations

import pytest

from disclosure_guard.smtp.protocol import LOOPBACK, is_authorized, networks


@pytest.mark.parametrize(("peer", "authorized"), [
    (("127.0.0.1", 40123), True),
    (("127.8.9.10", 40123), True),
    (("::1", 40123, 0, 0), True),
    (("::ffff:127.0.0.1", 40123, 0, 0), True),  # IPv4 on a dual-stack socket
    (("192.0.2.7", 40123), False),
    (("2001:db8::7", 40123, 0, 0), False),
    (None, False),
    (("not-an-address", 1), False),
])
def test_loopback_alone_by_default(peer, authorized):
    assert is_authorized(peer, LOOPBACK) is authorized


def test_networks_as_configured():
    configured = networks(["192.0.2.0/24", "10.1.2.3"])
    assert is_authorized(("192.0.2.7", 1), configured) and is_authorized(("10.1.2.3", 1), configured)
    assert not is_authorized(("127.0.0.1", 1), configured) and not is_authorized(("10.1.2.4", 1), configured)
    with pytest.raises(ValueError):
        networks(["not a network"])
