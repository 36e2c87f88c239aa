"""Shared fixtures: the real spaCy pipeline (loaded once), real databases (SQLite and
PostgreSQL, every database test runs on both), and a real HTTP server per database."""

from __future__ import annotations

import base64
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import hypothesis
import pytest
import uvicorn
from sqlalchemy import create_engine, delete, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from disclosure_guard.audit.chain import GENESIS_HASH
from disclosure_guard.crypto import generate_key
from disclosure_guard.db.tables import (
    ApiKeyRow, AuditChainHeadRow, AuditEventRow, CaseRow, CheckRow, IdempotencyKeyRow, RegisterStateRow,
    WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow,
)
from disclosure_guard.extraction import Extractor
from disclosure_guard.review.polling import PollingLoop
from disclosure_guard.runtime import Runtime, start_runtime
from disclosure_guard.settings import Settings
from tests.builders import a_case

POSTGRES_ADMIN_URL = os.environ.get(
    "DG_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# Property tests explore new examples on every run of the suite; on CI (`.ci/run` sets
# HYPOTHESIS_PROFILE=ci) they run a fixed set, so that a red run names a change, not a draw.
hypothesis.settings.register_profile("ci", derandomize=True, database=None)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def _create_postgres_database() -> tuple[str, str]:
    name = "dg_test_" + secrets.token_hex(4)
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # the suite fails, never skips, without PostgreSQL
        pytest.fail(f"PostgreSQL is required for the tests and is not reachable at {POSTGRES_ADMIN_URL}: {exc}")
    finally:
        admin.dispose()
    return str(make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)), name


def _drop_postgres_database(name: str) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'guard.db'}"
        return
    url, name = _create_postgres_database()
    yield url
    _drop_postgres_database(name)


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        database_url=database_url,
        encryption_key=generate_key(),
        encryption_key_file=tmp_path_factory.mktemp("keys") / "unused.key",
        auto_migrate=True,
        demo_register=False,
        # One pool per backend for the session; a short queue, so a test can fill it quickly.
        check_workers=2,
        check_queue_length=2,
        # No small items' lane in the shared pool: its tests count on two workers any job may take
        # (tests/review/test_small_lane.py builds a pool with one).
        check_small_workers=0,
        # Webhook receivers in the tests listen on 127.0.0.1 over plain http.
        webhooks_allow_insecure=True,
        webhook_backoff_seconds=0.5,
    )


@pytest.fixture(scope="session")
def session_runtime(settings: Settings, extractor: Extractor) -> Iterator[Runtime]:
    runtime = start_runtime(settings, extractor=extractor)
    yield runtime
    runtime.close()


@pytest.fixture
def runtime(session_runtime: Runtime) -> Iterator[Runtime]:
    """A runtime whose database starts empty for each test. The register version only ever
    moves forward, so no worker can mistake a new register for the one it indexed."""
    with session_runtime.session_factory() as session, session.begin():
        with audit_guards_off(session):
            session.execute(delete(AuditEventRow))
        session.execute(update(AuditChainHeadRow).values(last_event_id=0, last_hash=GENESIS_HASH))
        for table in (WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow, IdempotencyKeyRow,
                      CheckRow, CaseRow, ApiKeyRow):
            session.execute(delete(table))
        session.execute(update(RegisterStateRow).values(version=RegisterStateRow.version + 1))
    yield session_runtime


@contextmanager
def audit_guards_off(session: Session) -> Iterator[None]:
    """Inside the session's transaction, the triggers that refuse UPDATE and DELETE on audit
    events are set aside: to empty the trail between tests, and to tamper with it as someone
    who can write the database would. On PostgreSQL this needs a superuser (the tests' role)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL session_replication_role = replica"))
        yield
        session.execute(text("SET LOCAL session_replication_role = origin"))
        return
    triggers = session.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'")
    ).all()
    for trigger in triggers:
        session.execute(text(f'DROP TRIGGER "{trigger.name}"'))
    yield
    for trigger in triggers:
        session.execute(text(trigger.sql))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app, **options: Any) -> Iterator[str]:  # noqa: ANN001
    """The app on a real socket (uvicorn in a thread, with any further uvicorn `options`); yields
    its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server_url(session_runtime: Runtime) -> Iterator[str]:
    from disclosure_guard.api.app import create_app

    with serving(create_app(runtime=session_runtime)) as url:
        yield url


@pytest.fixture
def http(server_url: str, runtime: Runtime) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server_url, timeout=60) as client:
        yield client


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@contextmanager
def stopped(service: PollingLoop) -> Iterator[None]:
    """One of the serving API's background loops stopped for a while, started again after if
    it was running."""
    was_running = service.running
    service.stop()
    try:
        yield
    finally:
        if was_running:
            service.start()


@pytest.fixture
def paused_claimer(runtime: Runtime) -> Iterator[Runtime]:
    """The serving API's claimer stopped: pending checks stay pending until another claims them."""
    with stopped(runtime.claimer):
        yield runtime


@pytest.fixture
def keys(runtime: Runtime) -> dict[str, str]:
    """One API key per role, by role name."""
    from disclosure_guard.access.keys import create_api_key
    from disclosure_guard.access.roles import Role

    made: dict[str, str] = {}
    with runtime.session_factory() as session, session.begin():
        for role in Role:
            made[role.value] = create_api_key(session, role.value, f"test-{role.value}")[1]
    return made


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def register_case(http: httpx.Client, keys: dict[str, str]) -> Callable[..., dict[str, Any]]:
    """Import cases over the API and return the first one."""

    def load(*cases: dict[str, Any]) -> dict[str, Any]:
        cases = cases or (a_case(),)
        answer = http.post("/v1/register/import", json={"cases": list(cases)}, headers=bearer(keys["register_admin"]))
        assert answer.status_code == 200, answer.text
        return cases[0]

    return load


@pytest.fixture
def submit(http: httpx.Client, keys: dict[str, str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def send(item: dict[str, Any]) -> dict[str, Any]:
        answer = http.post("/v1/checks", json=item, headers=bearer(keys["submitter"]))
        assert answer.status_code == 200, answer.text
        return answer.json()

    return send
