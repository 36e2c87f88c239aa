"""Engine and session factory, and schema upgrades through Alembic (the only source of the schema).

Every wait on the database is bounded, so that a frozen or locked database turns a check into
an error (do not send) within its deadline instead of holding it without limit: connecting,
each statement and each lock wait on PostgreSQL, the busy wait on SQLite, and waiting for a
pooled connection. A PostgreSQL that freezes with connections open cannot enforce its own
timeouts: the client cuts such a connection off a little later (db/watchdog.py).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from disclosure_guard.db.watchdog import ConnectionWatchdog

if TYPE_CHECKING:
    from disclosure_guard.settings import Settings

_REPO_ROOT = Path(__file__).resolve().parents[3]
# How much longer than the server's own limit the client waits before cutting a connection off.
CLIENT_GRACE_SECONDS = 2.0
_WATCHDOG = ConnectionWatchdog()


@dataclass(frozen=True)
class DatabaseTimeouts:
    connect_seconds: float = 5.0
    statement_seconds: float = 10.0
    lock_seconds: float = 5.0
    sqlite_busy_seconds: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> DatabaseTimeouts:
        return cls(settings.db_connect_timeout_seconds, settings.db_statement_timeout_seconds,
                   settings.db_lock_timeout_seconds, settings.sqlite_busy_timeout_seconds)


def _postgres_connect_args(timeouts: DatabaseTimeouts) -> dict[str, object]:
    # libpq counts connect_timeout in whole seconds, and treats anything under 2 as 2.
    return {
        "connect_timeout": max(2, math.ceil(timeouts.connect_seconds)),
        "options": f"-c statement_timeout={round(timeouts.statement_seconds * 1000)}"
                   f" -c lock_timeout={round(timeouts.lock_seconds * 1000)}",
    }


def make_engine(database_url: str, timeouts: DatabaseTimeouts | None = None) -> Engine:
    timeouts = timeouts or DatabaseTimeouts()
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        pooled: dict[str, float] = {}
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
            pooled["pool_timeout"] = timeouts.connect_seconds
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": timeouts.sqlite_busy_seconds},
                               **pooled)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            # WAL lets the hold queue be read while a check is being written.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_timeout=timeouts.connect_seconds,
                           connect_args=_postgres_connect_args(timeouts))
    _watch_every_wait(engine, timeouts)
    return engine


def _watch_every_wait(engine: Engine, timeouts: DatabaseTimeouts) -> None:
    """Every round trip on this engine's connections under the watchdog: statements, commits
    and rollbacks at the statement timeout, the pool's ping at the connect timeout, each plus
    CLIENT_GRACE_SECONDS. (The dialect is this engine's own instance.)"""
    dialect = engine.dialect
    statement = timeouts.statement_seconds + CLIENT_GRACE_SECONDS
    ping = timeouts.connect_seconds + CLIENT_GRACE_SECONDS

    def on_connection(method: Callable[..., object], seconds: float) -> Callable[..., object]:
        @functools.wraps(method)
        def guarded(dbapi_connection, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            with _WATCHDOG.guarding(dbapi_connection.fileno(), seconds):
                return method(dbapi_connection, *args, **kwargs)
        return guarded

    def on_cursor(method: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(method)
        def guarded(cursor, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            with _WATCHDOG.guarding(cursor.connection.fileno(), statement):
                return method(cursor, *args, **kwargs)
        return guarded

    dialect.do_ping = on_connection(dialect.do_ping, ping)
    dialect.do_commit = on_connection(dialect.do_commit, statement)
    dialect.do_rollback = on_connection(dialect.do_rollback, statement)
    dialect.do_execute = on_cursor(dialect.do_execute)
    dialect.do_executemany = on_cursor(dialect.do_executemany)
    dialect.do_execute_no_params = on_cursor(dialect.do_execute_no_params)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(database_url: str) -> Config:
    config = Config(str(_REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(_REPO_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_schema(database_url: str, revision: str = "head") -> None:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(database_url), revision)
