"""Databases that misbehave, for the tests of bounded waits: a PostgreSQL that accepts and never
answers, one that freezes with connections open, and a lock another connection holds."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def commits_of_checks_fail(database_url: str) -> Iterator[None]:
    """Every transaction that stores a check fails at its COMMIT, and only there, as one does
    whose database goes away or times out at the last step: a deferred constraint the new check
    row breaks (SQLite: a deferred foreign key to a row that is not there; PostgreSQL: a
    deferred constraint trigger that raises)."""
    engine = create_engine(database_url)
    if make_url(database_url).get_backend_name() == "sqlite":
        setup = ["CREATE TABLE commit_fault_parent (id TEXT PRIMARY KEY)",
                 "CREATE TABLE commit_fault (check_id TEXT REFERENCES commit_fault_parent (id) "
                 "DEFERRABLE INITIALLY DEFERRED)",
                 "CREATE TRIGGER commit_fault AFTER INSERT ON checks "
                 "BEGIN INSERT INTO commit_fault VALUES (NEW.id); END"]
        teardown = ["DROP TRIGGER commit_fault", "DROP TABLE commit_fault", "DROP TABLE commit_fault_parent"]
    else:
        setup = ["CREATE FUNCTION commit_fault() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$ BEGIN RAISE EXCEPTION 'the commit fails'; END $$",
                 "CREATE CONSTRAINT TRIGGER commit_fault AFTER INSERT ON checks "
                 "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION commit_fault()"]
        teardown = ["DROP TRIGGER commit_fault ON checks", "DROP FUNCTION commit_fault()"]
    with engine.begin() as connection:
        for statement in setup:
            connection.execute(text(statement))
    try:
        yield
    finally:
        with engine.begin() as connection:
            for statement in teardown:
                connection.execute(text(statement))
        engine.dispose()


class FreezableProxy:
    """A TCP relay in front of the shared PostgreSQL that can freeze: connections stay open and
    new ones are accepted, but not a byte more goes either way, as with a server stopped by
    SIGSTOP. Only the connections through it freeze; the shared server is untouched."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.frozen = threading.Event()
        self._stop = threading.Event()
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.2)
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def port(self) -> int:
        return self._listener.getsockname()[1]

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client = self._listener.accept()[0]
            except TimeoutError:
                continue
            except OSError:
                return
            self._sockets.append(client)
            if self.frozen.is_set():
                continue
            server = socket.create_connection(self.upstream)
            self._sockets.append(server)
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        source.settimeout(0.1)
        while not self._stop.is_set():
            if self.frozen.is_set():
                time.sleep(0.05)
                continue
            try:
                data = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            while self.frozen.is_set() and not self._stop.is_set():
                time.sleep(0.05)  # read just as it froze: held, as a stopped server would
            try:
                target.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        for sock in self._sockets:
            sock.close()


@pytest.fixture
def freezable_postgres() -> Iterator[tuple[str, FreezableProxy]]:
    """A URL to the shared PostgreSQL through a FreezableProxy, and the proxy."""
    from tests.conftest import POSTGRES_ADMIN_URL

    url = make_url(POSTGRES_ADMIN_URL)
    proxy = FreezableProxy((url.host or "127.0.0.1", url.port or 5432))
    yield url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), proxy
    proxy.close()
