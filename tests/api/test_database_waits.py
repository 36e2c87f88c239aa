"""The service over real HTTP when its database freezes or is locked (issue 12: with PostgreSQL
stopped a check waited more than 90 s and /readyz more than 20 s). /readyz answers within 2 s
whatever the database does; a check answers 503 database_unavailable (do not send, offer again) within its bounds."""

from __future__ import annotations

import dataclasses
import time

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from disclosure_guard.api.app import create_app
from disclosure_guard.db.engine import DatabaseTimeouts, make_engine, make_session_factory
from disclosure_guard.db.tables import CheckRow
from tests.builders import a_letter, a_recipient
from tests.conftest import bearer, serving
from tests.database_faults import checks_locked, freezable_postgres, frozen_postgres  # noqa: F401  fixtures

LETTER = a_letter(to=a_recipient("Sam Brown"), mentioning="The bins move to Tuesday, Sam.")


def assert_unavailable(answer: httpx.Response) -> None:
    # Nothing decided, and a retry may succeed: 503 with Retry-After, as for busy workers.
    assert answer.status_code == 503, answer.text
    assert answer.json()["error"]["code"] == "database_unavailable"
    assert int(answer.headers["retry-after"]) > 0


def on_database(runtime, url: str, timeouts: DatabaseTimeouts):
    engine = make_engine(url, timeouts)
    return dataclasses.replace(runtime, engine=engine, session_factory=make_session_factory(engine))


def test_readyz_answers_not_ready_within_2_s_when_the_database_never_answers(runtime, frozen_postgres):  # noqa: F811
    # The default connect timeout (5 s) is longer than /readyz may take: the probe's own bound holds.
    frozen = on_database(runtime, frozen_postgres, DatabaseTimeouts())
    with serving(create_app(runtime=frozen)) as url:
        for _ in range(2):  # the second while the first probe is still stuck
            started = time.monotonic()
            answer = httpx.get(f"{url}/readyz", timeout=10)
            assert time.monotonic() - started < 2
            assert answer.status_code == 503 and answer.json()["status"] == "not_ready"


def test_readyz_with_an_admin_key_answers_the_status_only_within_2_s_when_the_database_never_answers(
        runtime, keys, frozen_postgres):  # noqa: F811
    # The key cannot be checked without the database; looking it up would wait out the connect timeout.
    frozen = on_database(runtime, frozen_postgres, DatabaseTimeouts())
    with serving(create_app(runtime=frozen)) as url:
        started = time.monotonic()
        answer = httpx.get(f"{url}/readyz", headers=bearer(keys["admin"]), timeout=10)
        assert time.monotonic() - started < 2
    assert answer.status_code == 503 and answer.json() == {"status": "not_ready"}


def test_a_check_answers_an_error_within_the_connect_bound_when_the_database_never_answers(
        runtime, keys, frozen_postgres):  # noqa: F811
    frozen = on_database(runtime, frozen_postgres, DatabaseTimeouts(connect_seconds=1))
    with serving(create_app(runtime=frozen)) as url:
        started = time.monotonic()
        answer = httpx.post(f"{url}/v1/checks", headers=bearer(keys["submitter"]), json=LETTER, timeout=60)
    assert time.monotonic() - started < 10
    assert_unavailable(answer)


def test_a_check_answers_an_error_within_bounds_when_the_database_freezes_with_connections_open(
        runtime, keys, database_url, freezable_postgres):  # noqa: F811
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("SQLite runs in the process: there is no server to freeze")
    _, proxy = freezable_postgres
    proxied = on_database(runtime, make_url(database_url).set(host="127.0.0.1", port=proxy.port)
                          .render_as_string(hide_password=False),
                          DatabaseTimeouts(connect_seconds=1, statement_seconds=1))
    with serving(create_app(runtime=proxied)) as url:
        warm = httpx.post(f"{url}/v1/checks", headers=bearer(keys["submitter"]), json=LETTER, timeout=60)
        assert warm.status_code == 200
        proxy.frozen.set()
        started = time.monotonic()
        answer = httpx.post(f"{url}/v1/checks", headers=bearer(keys["submitter"]), json=LETTER, timeout=60)
        assert time.monotonic() - started < 15
        assert_unavailable(answer)
        started = time.monotonic()
        assert httpx.get(f"{url}/readyz", timeout=10).status_code == 503
        assert time.monotonic() - started < 2
    proxied.engine.dispose()


def test_a_check_that_cannot_store_its_record_for_a_lock_answers_an_error_and_keeps_nothing(
        runtime, keys, database_url, checks_locked):  # noqa: F811
    locked = on_database(runtime, database_url, DatabaseTimeouts(lock_seconds=0.5, sqlite_busy_seconds=0.5))
    with serving(create_app(runtime=locked)) as url:
        started = time.monotonic()
        answer = httpx.post(f"{url}/v1/checks", headers=bearer(keys["submitter"]), json=LETTER, timeout=60)
    assert time.monotonic() - started < 10
    assert_unavailable(answer)
    locked.engine.dispose()
    # Reads pass the lock: the answer was an error, and no record half-kept.
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(CheckRow)) == 0
