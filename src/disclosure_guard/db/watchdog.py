"""Cuts off a database connection whose server has stopped answering mid-statement.

PostgreSQL's statement_timeout is enforced by the server; a server that is frozen (stopped with
SIGSTOP, a hung VM) cannot enforce it, while its kernel still keeps the connection open, so a
statement on a connection opened before the freeze would wait for ever, and so would the pool's
ping before handing that connection out. The watchdog gives each statement and each ping a
limit on the client's side; at the limit it shuts the connection's socket down, the driver
raises a disconnect error, and the pool drops that connection. The server's own timeout, a
little shorter, normally fires first.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class ConnectionWatchdog:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._armed: dict[int, tuple[float, int]] = {}  # token -> (deadline, socket's file descriptor)
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, fileno: int, seconds: float) -> int:
        with self._changed:
            token = next(self._tokens)
            self._armed[token] = (time.monotonic() + seconds, fileno)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="db-watchdog", daemon=True)
                self._thread.start()
            self._changed.notify()
            return token

    def disarm(self, token: int | None) -> None:
        # Under the lock: once disarmed, the descriptor is never touched again, even if the
        # connection is closed and its number reused straight after.
        with self._changed:
            self._armed.pop(token, None)

    @contextmanager
    def guarding(self, fileno: int, seconds: float) -> Iterator[None]:
        token = self.arm(fileno, seconds)
        try:
            yield
        finally:
            self.disarm(token)

    def _watch(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                for token, (deadline, fileno) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[token]
                        _sever(fileno)
                next_deadline = min((deadline for deadline, _ in self._armed.values()), default=None)
                self._changed.wait(None if next_deadline is None else max(0.0, next_deadline - now))


def _sever(fileno: int) -> None:
    log.error("the database did not answer within its limit: connection cut off")
    try:
        # A duplicate of the descriptor: shutting it down shuts the connection down for the
        # driver too, which then sees the server gone; closing the duplicate leaves its own.
        with socket.socket(fileno=os.dup(fileno)) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed
