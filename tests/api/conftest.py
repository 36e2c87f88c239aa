from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.builders import a_case
from tests.conftest import bearer


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
