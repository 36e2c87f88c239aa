"""The long-lived parts of a running guard, built once from Settings: database, vault,
extraction pipeline, and the worker processes checks run in. The API, the SMTP filter and the
CLI all start from here.

The register index lives in the workers only (each builds its own: about 1 GB at 100,000
cases). This process needs only the register's version, to tell the workers which one a check
must be decided on at least, and its size for /readyz: both one read of the database."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from disclosure_guard.crypto import Vault, load_vault
from disclosure_guard.db.engine import DatabaseTimeouts, make_engine, make_session_factory, upgrade_schema
from disclosure_guard.extraction import Extractor
from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.logs import log_token_key, protect_logged_addresses
from disclosure_guard.register.repository import RegisterRepository
from disclosure_guard.review.checks import CheckEngine, indexed_version
from disclosure_guard.review.pending import LEASE_MARGIN_SECONDS, Claimer, PendingChecks
from disclosure_guard.review.relay import RelayService
from disclosure_guard.review.workers import WorkerPool
from disclosure_guard.settings import Settings
from disclosure_guard.types import MatchThresholds
from disclosure_guard.webhooks.delivery import WebhookDeliverer

log = logging.getLogger(__name__)

# /readyz answers within 2 s whatever the database does: its probe gets a little less.
READINESS_PROBE_SECONDS = 1.5


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    vault: Vault
    extractor: Extractor
    workers: WorkerPool

    # Built once from the settings (dataclasses.replace builds them again from the new ones).
    thresholds: MatchThresholds = field(init=False)
    ingest_limits: IngestLimits = field(init=False)
    check_engine: CheckEngine = field(init=False)
    relay: RelayService = field(init=False)
    pending: PendingChecks = field(init=False)
    claimer: Claimer = field(init=False)
    webhooks: WebhookDeliverer = field(init=False)
    _probe_lock: threading.Lock = field(init=False, repr=False)
    _probe: Future[bool] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        s = self.settings
        self.thresholds = MatchThresholds(strong=s.match_strong, weak=s.match_weak)
        self.ingest_limits = IngestLimits(
            max_item_bytes=s.max_item_bytes, max_attachments=s.max_attachments,
            max_archive_depth=s.max_archive_depth, max_mime_depth=s.max_mime_depth,
            max_decompression_ratio=s.max_decompression_ratio, max_decompressed_bytes=s.max_decompressed_bytes,
            max_pages=s.max_pages, max_seconds=s.max_read_seconds, max_text_chars=s.max_text_chars,
        )
        self.check_engine = CheckEngine(self.vault, self.register_version, self.thresholds, self.workers,
                                        s.check_timeout_seconds, parallel_above_chars=s.parallel_above_chars)
        self.relay = RelayService(self.check_engine, self.vault)
        lease = s.async_lease_seconds or s.check_timeout_seconds + s.worker_start_seconds + LEASE_MARGIN_SECONDS
        self.pending = PendingChecks(self.session_factory, self.check_engine, lease,
                                     max_attempts=s.async_max_attempts)
        # Started by the API's lifespan: only a serving process decides pending checks.
        self.claimer = Claimer(self.pending, s.async_poll_seconds)
        # Started by the API's lifespan too: every serving process delivers webhooks.
        self.webhooks = WebhookDeliverer(self.session_factory, self.vault, s)
        self._probe_lock = threading.Lock()
        self._probe = None

    def register_version(self) -> int:
        """The register's version as the database has it now."""
        with self.session_factory() as session:
            return RegisterRepository(session, self.vault).version()

    def register_summary(self) -> tuple[int, int]:
        """The register's version and how many cases it holds, as the database has them."""
        with self.session_factory() as session:
            repository = RegisterRepository(session, self.vault)
            return repository.version(), repository.count()

    def workers_ready(self) -> bool:
        """Some check worker is up, with the pipeline and a register index loaded."""
        return bool(self.workers.state().pids)

    def database_reachable(self, timeout_seconds: float = READINESS_PROBE_SECONDS) -> bool:
        """False when the database does not answer within `timeout_seconds`. A probe stuck on a
        frozen server is waited on by the next readiness request, not joined by another."""
        with self._probe_lock:
            if self._probe is None or self._probe.done():
                self._probe = Future()
                # A daemon thread: one stuck on a frozen server must not keep the process from exiting.
                threading.Thread(target=self._ping, args=(self._probe,), name="readiness", daemon=True).start()
            probe = self._probe
        try:
            return probe.result(timeout=timeout_seconds)
        except FutureTimeout:
            return False

    def _ping(self, probe: Future[bool]) -> None:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            probe.set_result(True)
        except Exception:  # noqa: BLE001  readiness reports, it does not raise
            probe.set_result(False)

    def close(self) -> None:
        self.claimer.stop()
        self.webhooks.stop()
        self.workers.close()
        self.engine.dispose()


def open_database(settings: Settings) -> tuple[Engine, sessionmaker[Session], Vault]:
    if settings.auto_migrate:
        upgrade_schema(settings.database_url)
    engine = make_engine(settings.database_url, DatabaseTimeouts.from_settings(settings))
    vault = load_vault(settings.encryption_key, settings.encryption_key_file)
    return engine, make_session_factory(engine), vault


def start_runtime(settings: Settings, extractor: Extractor | None = None) -> Runtime:
    engine, session_factory, vault = open_database(settings)
    # From here on, an address in any log line of this process is a keyed token.
    protect_logged_addresses(log_token_key(vault))
    if extractor is None:
        extractor = Extractor(settings.spacy_model, settings.models_dir)
    if settings.demo_register:
        from disclosure_guard.register.demo import load_demo_register_if_empty

        load_demo_register_if_empty(session_factory, vault)
    with session_factory() as session:
        version = RegisterRepository(session, vault).version()
    workers = WorkerPool(settings, settings.check_workers, settings.check_queue_length, settings.worker_start_seconds,
                         small_lane=settings.check_small_workers, small_weight=settings.small_item_chars,
                         bulk_nice=settings.check_worker_nice)
    workers.start()
    try:
        # A register the workers cannot read (another key, a broken row) stops the start, as a
        # pipeline that does not load does: a guard that cannot match must not serve.
        workers.run(indexed_version, register_version=version, timeout_seconds=settings.worker_start_seconds)
    except BaseException:
        workers.close()
        raise
    return Runtime(settings, engine, session_factory, vault, extractor, workers)
