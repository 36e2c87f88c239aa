"""The in-memory register index each worker matches against, rebuilt when the register moves on.

Every check asks the database for the register version (one primary-key read); when another
worker or the CLI has changed the register, this worker rebuilds before it checks, so no check
is ever decided on a stale register."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy.orm import Session

from disclosure_guard.crypto import Vault
from disclosure_guard.matching import RegisterIndex
from disclosure_guard.register.repository import RegisterRepository

log = logging.getLogger(__name__)


class IndexHolder:
    def __init__(self, session_factory: Callable[[], Session], vault: Vault) -> None:
        self._session_factory = session_factory
        self._vault = vault
        self._lock = threading.Lock()
        self._index: RegisterIndex | None = None

    @property
    def built(self) -> RegisterIndex | None:
        return self._index

    def current(self) -> RegisterIndex:
        with self._session_factory() as session:
            repository = RegisterRepository(session, self._vault)
            version = repository.version()
            index = self._index
            if index is not None and index.version == version:
                return index
            with self._lock:
                if self._index is not None and self._index.version == version:
                    return self._index
                started = time.perf_counter()
                # Read the version again inside the same session so the cases and the
                # version we label them with belong together.
                self._index = RegisterIndex.build(repository.all_cases(), version=version)
                log.info("register index built: version %s, %s cases, %.0f ms", version,
                         self._index.case_count, (time.perf_counter() - started) * 1000)
                return self._index
