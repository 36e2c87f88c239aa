"""Databases that misbehave, for the tests of bounded waits: a PostgreSQL that accepts and never
answers, and a lock another connection holds."""

from __future__ import annotations

import socket
import sqlite3
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@pytest.fixture(scope="session")
def frozen_postgres() -> Iterator[str]:
    """A URL whose server accepts connections and never says a word, as a PostgreSQL stopped
    with SIGSTOP does (its kernel still accepts). The shared PostgreSQL is left alone."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgresql+psycopg://postgres@127.0.0.1:{listener.getsockname()[1]}/test"
    stop.set()
    thread.join(timeout=5)
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture
def checks_locked(database_url: str, runtime) -> Iterator[None]:  # noqa: ARG001  runtime: the schema
    """Another connection holds a lock on the checks table (PostgreSQL) or the database's
    writer lock (SQLite), as a long import, a migration or a stuck session would."""
    if make_url(database_url).get_backend_name() == "sqlite":
        holder = sqlite3.connect(make_url(database_url).database, timeout=0, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("DELETE FROM checks WHERE id = 'none'")
        yield
        holder.execute("ROLLBACK")
        holder.close()
        return
    engine = create_engine(database_url)
    with engine.connect() as holder:
        transaction = holder.begin()
        holder.execute(text("LOCK TABLE checks IN EXCLUSIVE MODE"))
        yield
        transaction.rollback()
    engine.dispose()
