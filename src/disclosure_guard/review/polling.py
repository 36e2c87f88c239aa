"""A background thread that works off a table in the database, one row at a time: the pending
checks' claimer and the webhook deliverer are each one. It asks again at once while it finds
work, otherwise after `poll_seconds` or as soon as `wake` says something was just stored. A
step that raises is logged by its class only (never its text, which may quote a value) and the
row's lease brings it back to whichever process claims it next."""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class PollingLoop:
    """Subclasses give `step` (one row's work; False when none was due) and `failed_step`,
    the log line for a step that raised; `on_start` and `on_stop` run as the thread starts and
    as it is told to stop."""

    thread_name = "dg-polling"
    failed_step = "background step failed (%s): its row is claimed again after its lease"

    def __init__(self, poll_seconds: float) -> None:
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self) -> bool:
        raise NotImplementedError

    def on_start(self) -> None:
        """Before the thread starts."""

    def on_stop(self) -> None:
        """As the thread is told to stop, before it is joined."""

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self.on_start()
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout_seconds: float = 10.0) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        self.on_stop()
        self._wake.set()
        thread.join(timeout_seconds)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                found = self.step()
            except Exception as exc:  # noqa: BLE001  the row's lease brings it back
                log.error(self.failed_step, type(exc).__name__)
                found = False
            if not found:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()
