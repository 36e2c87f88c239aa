"""Starting the filter: the SMTP listener and the relay loop for decided holds, together."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from disclosure_guard.runtime import Runtime
from disclosure_guard.smtp.filter import GuardFilter
from disclosure_guard.smtp.next_hop import NextHop
from disclosure_guard.smtp.protocol import GatewayController
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
        self._controller = GatewayController(
            GuardFilter(self.runtime, self.next_hop),
            hostname=self.listen_host,
            port=self.listen_port,
            data_size_limit=settings.max_item_bytes,
            server_hostname="disclosure-guard",
        )
        self._controller.start()
        relay = HeldMessageRelay(self.runtime, self.next_hop, settings.smtp_bounce_on_reject,
                                 settings.smtp_hostname, settings.smtp_postmaster)
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
