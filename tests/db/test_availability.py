"""Which real database errors say "the database did not answer in time" (503, offer again) and
which say the guard is wrong (500): each raised by a real server or file, not built by hand."""

from __future__ import annotations

import socket
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.db.availability import database_unavailable
from disclosure_guard.db.engine import DatabaseTimeouts, make_engine
from tests.conftest import POSTGRES_ADMIN_URL


def raised_by(engine, statement: str) -> DBAPIError:  # noqa: ANN001
    with pytest.raises(DBAPIError) as raised:
        with engine.connect() as connection:
            connection.execute(text(statement))
    engine.dispose()
    return raised.value


def test_a_postgres_statement_past_its_timeout_is_unavailable():
    engine = make_engine(POSTGRES_ADMIN_URL, DatabaseTimeouts(statement_seconds=0.2))
    assert database_unavailable(raised_by(engine, "SELECT pg_sleep(5)"))


def test_a_postgres_server_that_refuses_the_connection_is_unavailable():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/test", DatabaseTimeouts(connect_seconds=1))
    assert database_unavailable(raised_by(engine, "SELECT 1"))


def test_a_sqlite_file_locked_past_the_busy_timeout_is_unavailable(tmp_path):
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x INTEGER)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.2})
        assert database_unavailable(raised_by(engine, "SELECT * FROM t"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize("url", ["sqlite://", POSTGRES_ADMIN_URL])
def test_a_missing_table_is_not_unavailable_but_a_fault(url):
    # A retry will not cure it: the answer stays 500 internal_error.
    engine = make_engine(url, DatabaseTimeouts()) if url.startswith("postgresql") else create_engine(url)
    assert not database_unavailable(raised_by(engine, "SELECT * FROM no_such_table_here"))


def test_an_error_that_is_not_the_database_is_not_unavailable():
    assert not database_unavailable(ValueError("not a database error"))
