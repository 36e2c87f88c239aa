"""What runs inside a check worker process: it loads the pipeline and the register index once,
says it is ready, then takes one job at a time from the server (review/workers.py) until told
to stop.

For each job it first makes sure its index is at least the register version the job carries
(rebuilding if the register has moved on), says it has started, runs the task, and answers
with the result, or with the failure's type and place (never its text, which may quote
register values). The server stops the job's clock while the worker rebuilds: what is left of
its deadline runs from "started".
"""

from __future__ import annotations

import logging
import os
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from disclosure_guard.settings import Settings

if TYPE_CHECKING:
    from disclosure_guard.matching import RegisterIndex

log = logging.getLogger(__name__)

# What a worker tells the server.
READY, STARTED, DONE, FAILED = "ready", "started", "done", "failed"


class StaleRegister(Exception):
    """The worker could only find a register older than the one the job was given."""


def failure_site(exc: BaseException) -> tuple[str, str]:
    """The exception's type and where it was raised: its text may quote register values."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    return type(exc).__name__, f"{frame.filename}:{frame.lineno}" if frame else "unknown"


def worker_settings(settings: Settings) -> Settings:
    """The settings a worker starts from, with paths made absolute: a worker need not share the
    server's working directory."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=str(Path(url.database).resolve()))
    return settings.model_copy(update={
        "database_url": url.render_as_string(hide_password=False),
        "encryption_key_file": settings.encryption_key_file.resolve(),
        "models_dir": settings.models_dir.resolve(),
    })


class WorkerContext:
    """What a worker loads once and every task may use: the pipeline and the register index."""

    def __init__(self, settings: Settings) -> None:
        from disclosure_guard.crypto import load_vault
        from disclosure_guard.db.engine import DatabaseTimeouts, make_engine, make_session_factory
        from disclosure_guard.extraction import Extractor
        from disclosure_guard.register.index_holder import IndexHolder
        from disclosure_guard.review.forkserver_pipeline import preloaded_pipeline

        self.extractor = (preloaded_pipeline(settings.spacy_model, settings.models_dir)
                          or Extractor(settings.spacy_model, settings.models_dir))
        engine = make_engine(settings.database_url, DatabaseTimeouts.from_settings(settings))
        self._holder = IndexHolder(make_session_factory(engine), load_vault(settings.encryption_key,
                                                                           settings.encryption_key_file))
        try:
            self._compile_gazetteer(self._holder.current())
        except Exception as exc:  # noqa: BLE001  built on the first job instead
            log.warning("worker %s could not build the register index at start (%s)", os.getpid(),
                        type(exc).__name__)

    def prepare(self, register_version: int | None) -> None:
        """Make sure the index is at least `register_version`; a newer one is as good."""
        if register_version is None:
            return
        built = self._holder.built
        if built is not None and built.version >= register_version:
            return
        index = self._holder.current()
        if index.version < register_version:
            raise StaleRegister
        self._compile_gazetteer(index)

    def _compile_gazetteer(self, index: RegisterIndex) -> None:
        # Here, not in the first check after a build: compiling the register's names takes 1.7 s
        # at 10,000 cases, and the time spent here is not counted against a check's deadline.
        self.extractor.prepare_gazetteer(index.gazetteer())

    @property
    def index(self) -> RegisterIndex:
        built = self._holder.built
        if built is None:
            raise StaleRegister
        return built


@dataclass(frozen=True)
class Job:
    task: Callable[..., Any]
    args: tuple[Any, ...]
    register_version: int | None


def serve_jobs(settings: Settings, connection: Connection, nice: int = 0) -> None:
    """A worker's whole life: load, say ready, then one job at a time until told to stop; at a
    CPU priority `nice` steps lower than the server's (see review/workers.py: small items' lane)."""
    if nice:
        os.nice(nice)
    # Ctrl-C reaches the whole process group; the server ends its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The same logging as the main process: value-free formatting, and every address in any
    # record a keyed token (a worker's lines quote no item, but a library's might).
    from disclosure_guard.crypto import load_vault
    from disclosure_guard.logs import configure_logging, log_token_key, protect_logged_addresses

    configure_logging()
    protect_logged_addresses(log_token_key(load_vault(settings.encryption_key, settings.encryption_key_file)))
    context = WorkerContext(settings)
    connection.send((READY, os.getpid()))
    while True:
        try:
            job: Job | None = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            context.prepare(job.register_version)
            connection.send((STARTED, None))
            result = job.task(context, *job.args)
        except Exception as exc:  # noqa: BLE001  the server holds the item; this worker goes on
            connection.send((FAILED, failure_site(exc)))
            continue
        try:
            connection.send((DONE, result))
        except Exception as exc:  # noqa: BLE001  an answer that cannot be sent is a failure
            connection.send((FAILED, failure_site(exc)))
