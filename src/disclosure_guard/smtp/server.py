"""Starting the filter: the SMTP listener and the relay loop for decided holds, together."""

from __future__ import annotations

import dataclasses
import socket
import threading
from dataclasses import dataclass, field

from disclosure_guard.runtime import Runtime
from disclosure_guard.smtp.filter import GuardFilter
from disclosure_guard.smtp.next_hop import NextHop
from disclosure_guard.smtp.protocol import GatewayController, networks
from disclosure_guard.smtp.release import HeldMessageRelay


@dataclass
class SmtpFilterServer:
    runtime: Runtime
    listen_host: str
    listen_port: int
    next_hop: NextHop
    _controller: GatewayController | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _relay_thread: threading.Thread | None = None

    def start(self) -> None:
        settings = self.runtime.settings
        # One name in the greeting, the EHLO answer, the EHLO to the next hop and the bounces.
        hostname = settings.smtp_hostname or socket.getfqdn()
        next_hop = self.next_hop if self.next_hop.local_hostname else dataclasses.replace(
            self.next_hop, local_hostname=hostname)
        self._controller = GatewayController(
            GuardFilter(self.runtime, next_hop),
            hostname=self.listen_host,
            port=self.listen_port,
            data_size_limit=settings.max_item_bytes,
            server_hostname=hostname,
            authorized_xforward=networks(settings.smtp_authorized_xforward_hosts),
        )
        self._controller.start()
        relay = HeldMessageRelay(self.runtime, next_hop, settings.smtp_bounce_on_reject,
                                 hostname, settings.smtp_postmaster)
        self._relay_thread = threading.Thread(
            target=relay.run_forever, args=(self._stop, settings.smtp_relay_poll_seconds),
            name="held-message-relay", daemon=True,
        )
        self._relay_thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._controller is not None:
            self._controller.stop()
        if self._relay_thread is not None:
            self._relay_thread.join(timeout=10)
