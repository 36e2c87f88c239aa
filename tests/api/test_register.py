from __future__ import annotations

import copy

from sqlalchemy import text

from tests.builders import a_case, register_values
from tests.conftest import bearer


def test_import_creates_then_updates_by_reference(http, keys):
    admin = bearer(keys["register_admin"])
    first = http.post("/v1/register/import", json={"cases": [a_case("DA-1"), a_case("DA-2")]}, headers=admin)
    assert first.status_code == 200
    assert first.json()["created"] == 2 and first.json()["updated"] == 0
    replaced = a_case("DA-1", protected={"names": ["Anna Nowak"], "addresses": ["2 Mill Lane, York YO1 1AA"]})
    second = http.post("/v1/register/import", json={"cases": [replaced]}, headers=admin)
    assert second.json()["created"] == 0 and second.json()["updated"] == 1
    assert second.json()["register_version"] > first.json()["register_version"]
    case = http.get("/v1/cases/DA-1", headers=admin).json()
    assert case["parties"][0]["names"] == ["Anna Nowak"]


def test_cases_are_listed_paginated(http, keys):
    admin = bearer(keys["register_admin"])
    http.post("/v1/register/import", json={"cases": [a_case(f"DA-{i:02}") for i in range(5)]}, headers=admin)
    page = http.get("/v1/cases", params={"offset": 2, "limit": 2}, headers=admin).json()
    assert page["total"] == 5
    assert [c["reference"] for c in page["items"]] == ["DA-02", "DA-03"]
    assert http.get("/v1/cases", params={"limit": 0}, headers=admin).status_code == 422


def test_put_get_delete_a_case(http, keys):
    admin = bearer(keys["register_admin"])
    body = {k: v for k, v in a_case("DA-9").items() if k != "reference"}
    created = http.put("/v1/cases/DA-9", json=body, headers=admin)
    assert created.status_code == 200 and created.json()["created"] is True
    assert http.get("/v1/cases/DA-9", headers=admin).json()["parties"][1]["names"] == ["Mark Doe"]
    again = http.put("/v1/cases/DA-9", json=body, headers=admin)
    assert again.json()["created"] is False
    deleted = http.delete("/v1/cases/DA-9", headers=admin)
    assert deleted.status_code == 200
    missing = http.get("/v1/cases/DA-9", headers=admin)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "case_not_found"
    assert http.delete("/v1/cases/DA-9", headers=admin).status_code == 404


def test_invalid_case_is_422_naming_the_field_without_echoing_it(http, keys):
    bad = a_case("DA-1")
    bad["parties"][0]["emails"] = ["not-an-email-jane-secret"]
    answer = http.post("/v1/register/import", json={"cases": [bad]}, headers=bearer(keys["register_admin"]))
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"][0]["field"] == "cases.0.parties.0.emails"
    assert "jane-secret" not in answer.text


def test_a_rejected_import_changes_nothing(http, keys):
    admin = bearer(keys["register_admin"])
    original = a_case("DA-1")
    http.post("/v1/register/import", json={"cases": [original]}, headers=admin)
    before_version = http.get("/readyz", headers=bearer(keys["admin"])).json()["register_version"]
    changed = a_case("DA-1", protected={"names": ["Someone Else"], "addresses": ["1 New Street, Leeds LS1 1AA"]})
    broken = a_case("DA-2")
    broken["parties"][0]["dates_of_birth"] = ["31/31/1990"]
    answer = http.post("/v1/register/import", json={"cases": [changed, broken]}, headers=admin)
    assert answer.status_code == 422
    duplicate = http.post("/v1/register/import", json={"cases": [changed, copy.deepcopy(changed)]}, headers=admin)
    assert duplicate.status_code == 422
    assert http.get("/v1/cases/DA-1", headers=admin).json()["parties"][0]["names"] == original["parties"][0]["names"]
    assert http.get("/v1/cases/DA-2", headers=admin).status_code == 404
    assert http.get("/readyz", headers=bearer(keys["admin"])).json()["register_version"] == before_version


def test_register_values_are_not_stored_in_clear(http, keys, runtime):
    case = a_case("DA-1", notes="Moved after the incident in March")
    http.post("/v1/register/import", json={"cases": [case]}, headers=bearer(keys["register_admin"]))
    dump = database_dump(runtime)
    for value in register_values(case):
        assert value.encode() not in dump and value.lower().encode() not in dump.lower()
    assert b"DA-1" in dump  # the reference is the key, kept in clear


def database_dump(runtime) -> bytes:
    """Every row of every table, as bytes; for SQLite, the file itself too."""
    chunks: list[bytes] = []
    with runtime.engine.connect() as connection:
        for table in ("cases", "checks", "audit_events", "api_keys", "register_state"):
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    chunks.append(value if isinstance(value, bytes) else str(value).encode())
    url = runtime.engine.url
    if url.get_backend_name() == "sqlite":
        runtime.engine.dispose()  # checkpoints the WAL into the file
        from pathlib import Path

        for suffix in ("", "-wal"):
            path = Path(url.database + suffix)
            if path.exists():
                chunks.append(path.read_bytes())
    return b"\n".join(chunks)
