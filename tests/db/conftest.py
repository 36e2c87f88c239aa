"""A fresh, empty database per test, on each backend, for migrations to be tried on: the
session's databases are already at head, and a migration test needs one at an older revision."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import BACKENDS, _create_postgres_database, _drop_postgres_database


@pytest.fixture(params=BACKENDS)
def empty_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # noqa: ANN001
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    url, name = _create_postgres_database()
    yield url
    _drop_postgres_database(name)
