"""Every wait on the database is bounded: a server that accepts and never answers (as a frozen
PostgreSQL does), one that freezes with a connection open, a statement that runs on, a lock
another connection holds, SQLite's writer lock. Each ends in an error within its bound, never in
a wait without limit."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from disclosure_guard.db.engine import CLIENT_GRACE_SECONDS, DatabaseTimeouts, make_engine
from tests.conftest import POSTGRES_ADMIN_URL
from tests.database_faults import checks_locked, freezable_postgres, frozen_postgres  # noqa: F401  fixtures

TIGHT = DatabaseTimeouts(connect_seconds=1, statement_seconds=0.5, lock_seconds=0.5, sqlite_busy_seconds=0.5)


def test_connecting_to_a_server_that_never_answers_fails_within_the_connect_timeout(frozen_postgres):  # noqa: F811
    engine = make_engine(frozen_postgres, TIGHT)
    started = time.monotonic()
    with pytest.raises(OperationalError):
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    # libpq's shortest connect_timeout is 2 s.
    assert time.monotonic() - started < 4
    engine.dispose()


def test_a_statement_on_a_connection_whose_server_freezes_is_cut_off_after_the_statement_timeout(
        freezable_postgres):  # noqa: F811
    url, proxy = freezable_postgres
    engine = make_engine(url, TIGHT)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
        proxy.frozen.set()
        started = time.monotonic()
        with pytest.raises(OperationalError):
            connection.execute(text("SELECT 2"))
    # The server's 0.5 s cannot fire; the client cuts off CLIENT_GRACE_SECONDS later.
    assert time.monotonic() - started < TIGHT.statement_seconds + CLIENT_GRACE_SECONDS + 2
    engine.dispose()


def test_a_pooled_connection_whose_server_froze_is_not_waited_on_when_handed_out(freezable_postgres):  # noqa: F811
    url, proxy = freezable_postgres
    engine = make_engine(url, TIGHT)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    proxy.frozen.set()
    started = time.monotonic()
    with pytest.raises(OperationalError):
        with engine.connect() as connection:  # the pool's ping is cut off; a new connection times out
            connection.execute(text("SELECT 1"))
    assert time.monotonic() - started < TIGHT.connect_seconds + CLIENT_GRACE_SECONDS + 2 + 2
    engine.dispose()


def test_a_statement_that_runs_on_is_cancelled_at_the_statement_timeout():
    # PostgreSQL only: SQLite runs in-process, and its one wait, the writer lock, is tested below.
    engine = make_engine(POSTGRES_ADMIN_URL, TIGHT)
    started = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"):
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_sleep(10)"))
    assert time.monotonic() - started < 3
    engine.dispose()


def test_a_write_waiting_for_a_lock_another_connection_holds_fails_within_the_lock_timeout(
        database_url, checks_locked):  # noqa: F811
    engine = make_engine(database_url, DatabaseTimeouts(statement_seconds=5, lock_seconds=0.5, sqlite_busy_seconds=0.5))
    started = time.monotonic()
    with pytest.raises(OperationalError, match="lock"):
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM checks WHERE id = 'none'"))
    assert time.monotonic() - started < 3
    engine.dispose()


def test_the_settings_reach_the_engine(settings):
    timeouts = DatabaseTimeouts.from_settings(settings.model_copy(update={
        "db_connect_timeout_seconds": 3, "db_statement_timeout_seconds": 7, "db_lock_timeout_seconds": 2,
        "sqlite_busy_timeout_seconds": 4}))
    assert timeouts == DatabaseTimeouts(3, 7, 2, 4)
