"""Path and query parameters have a pattern and a length: a value outside them is 422
validation_error, never a 500, and the answer does not echo it (issue 12, point 6)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.builders import a_case
from tests.conftest import bearer

# A space, a NUL, 300 characters: each was a 500 on PUT /v1/cases/{reference}.
BAD_REFERENCES = ["DA 2026", "DA\x002026", "D" * 300, "-DA-1", "DA\t2026"]


def _case_body() -> dict:
    return {k: v for k, v in a_case().items() if k != "reference"}


@pytest.mark.parametrize("reference", BAD_REFERENCES, ids=["space", "nul", "300-chars", "leading-dash", "tab"])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_a_case_reference_outside_the_rule_is_422(http, keys, method, reference):
    answer = http.request(method, f"/v1/cases/{quote(reference, safe='')}", headers=bearer(keys["register_admin"]),
                          json=_case_body() if method == "PUT" else None)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert [f["field"] for f in error["fields"]] == ["reference"]
    assert "2026" not in answer.text and "D" * 20 not in answer.text  # the value is not echoed


def test_a_reference_an_import_accepts_is_one_the_routes_address(http, keys):
    admin = bearer(keys["register_admin"])
    reference = "DA/2026/17"
    assert http.post("/v1/register/import", json={"cases": [a_case(reference)]}, headers=admin).status_code == 200
    assert http.get("/v1/cases/DA/2026/17", headers=admin).json()["reference"] == reference
    assert http.get(f"/v1/cases/{quote(reference, safe='')}", headers=admin).status_code == 200
    assert http.put("/v1/cases/DA/2026/17", json=_case_body(), headers=admin).json()["created"] is False
    assert http.delete("/v1/cases/DA/2026/17", headers=admin).status_code == 200


@pytest.mark.parametrize("reference", BAD_REFERENCES + [" DA-1"], ids=["space", "nul", "300-chars", "leading-dash",
                                                                      "tab", "padded"])
def test_an_import_refuses_the_references_the_routes_refuse(http, keys, reference):
    answer = http.post("/v1/register/import", json={"cases": [a_case(reference)]},
                       headers=bearer(keys["register_admin"]))
    assert answer.status_code == 422
    assert [f["field"] for f in answer.json()["error"]["fields"]] == ["cases.0.reference"]


@pytest.mark.parametrize("path, role", [
    ("/v1/audit?actor_name=a%00b", "auditor"),
    ("/v1/audit?case_reference=DA%00", "auditor"),
    ("/v1/audit?check_id=chk%00", "auditor"),
    ("/v1/audit?actor_name=" + "a" * 201, "auditor"),
    ("/v1/holds/chk%00x", "reviewer"),
    ("/v1/holds/" + "c" * 41, "reviewer"),
    ("/v1/holds?case_reference=DA%00", "reviewer"),
    ("/v1/holds?case_reference=" + "D" * 101, "reviewer"),
])
def test_an_id_or_filter_outside_its_rule_is_422(http, keys, path, role):
    answer = http.get(path, headers=bearer(keys[role]))
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["code"] == "validation_error"


def test_a_hold_decision_on_a_bad_id_is_422(http, keys):
    answer = http.post("/v1/holds/chk%20x/release", json={"comment": "ok"}, headers=bearer(keys["reviewer"]))
    assert answer.status_code == 422
    assert [f["field"] for f in answer.json()["error"]["fields"]] == ["check_id"]


def test_a_check_id_outside_its_rule_is_422(http, keys):
    answer = http.get("/v1/checks/chk%00x", headers=bearer(keys["submitter"]))
    assert answer.status_code == 422
    assert [f["field"] for f in answer.json()["error"]["fields"]] == ["check_id"]
