"""Every endpoint but the probes needs a key of the right role: none or wrong is 401, a key of
another role is 403. admin may do everything."""

from __future__ import annotations

import pytest

from tests.conftest import bearer

ENDPOINTS = [
    ("POST", "/v1/checks", "submitter"),
    ("POST", "/v1/checks/email", "submitter"),
    ("POST", "/v1/checks/document", "submitter"),
    ("GET", "/v1/checks/chk_x", "submitter"),
    ("GET", "/v1/holds", "reviewer"),
    ("GET", "/v1/holds/chk_x", "reviewer"),
    ("POST", "/v1/holds/chk_x/release", "reviewer"),
    ("POST", "/v1/holds/chk_x/reject", "reviewer"),
    ("POST", "/v1/register/import", "register_admin"),
    ("GET", "/v1/cases", "register_admin"),
    ("GET", "/v1/cases/X", "register_admin"),
    ("PUT", "/v1/cases/X", "register_admin"),
    ("DELETE", "/v1/cases/X", "register_admin"),
    ("GET", "/v1/audit", "auditor"),
]


@pytest.mark.parametrize(("method", "path", "role"), ENDPOINTS)
def test_no_key_wrong_key_and_wrong_role(http, keys, method, path, role):
    missing = http.request(method, path)
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "missing_api_key"
    wrong = http.request(method, path, headers=bearer("dg_not-a-key"))
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_api_key"
    other_role = next(r for r in keys if r not in (role, "admin"))
    forbidden = http.request(method, path, headers=bearer(keys[other_role]))
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "forbidden_role"


@pytest.mark.parametrize(("method", "path", "role"), ENDPOINTS)
def test_admin_and_the_right_role_get_past_auth(http, keys, method, path, role):
    for key in (keys[role], keys["admin"]):
        answer = http.request(method, path, headers=bearer(key))
        assert answer.status_code not in (401, 403), answer.text


def test_probes_need_no_key(http):
    assert http.get("/healthz").json() == {"status": "ok"}
    ready = http.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["database"] is True and body["register_index"] is True
    assert body["pipeline"]["name"] and body["pipeline"]["version"]
    assert isinstance(body["register_version"], int)
