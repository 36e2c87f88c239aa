"""Every endpoint but the probes needs a key of the right role: none or wrong is 401, a key of
another role is 403. admin may do everything."""

from __future__ import annotations

import pytest

from tests.conftest import bearer

ENDPOINTS = [
    ("POST", "/v1/checks", "submitter", 422, "validation_error"),
    ("POST", "/v1/checks/email", "submitter", 415, "unsupported_media_type"),
    ("POST", "/v1/checks/document", "submitter", 422, "validation_error"),
    ("GET", "/v1/checks/chk_x", "submitter", 404, "check_not_found"),
    ("GET", "/v1/holds", "reviewer", 200, None),
    ("GET", "/v1/holds/chk_x", "reviewer", 404, "hold_not_found"),
    ("POST", "/v1/holds/chk_x/release", "reviewer", 422, "validation_error"),
    ("POST", "/v1/holds/chk_x/reject", "reviewer", 422, "validation_error"),
    ("POST", "/v1/register/import", "register_admin", 422, "validation_error"),
    ("GET", "/v1/cases", "register_admin", 200, None),
    ("GET", "/v1/cases/X", "register_admin", 404, "case_not_found"),
    ("PUT", "/v1/cases/X", "register_admin", 422, "validation_error"),
    ("DELETE", "/v1/cases/X", "register_admin", 404, "case_not_found"),
    ("GET", "/v1/audit", "auditor", 200, None),
    ("GET", "/v1/keys", "admin", 200, None),
    ("POST", "/v1/keys", "admin", 422, "validation_error"),
    ("POST", "/v1/keys/nobody/revoke", "admin", 404, "api_key_not_found"),
    ("POST", "/v1/keys/nobody/rotate", "admin", 404, "api_key_not_found"),
]


@pytest.mark.parametrize(("method", "path", "role"), [endpoint[:3] for endpoint in ENDPOINTS])
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


@pytest.mark.parametrize(("method", "path", "role", "status", "code"), ENDPOINTS)
def test_admin_and_the_right_role_get_past_auth(http, keys, method, path, role, status, code):
    """Past auth, each endpoint answers what its own rules say to a bodiless request with a
    made-up id: the exact status and error code, so that a 500 is a failure."""
    for key in (keys[role], keys["admin"]):
        answer = http.request(method, path, headers=bearer(key))
        assert answer.status_code == status, answer.text
        if code is None:
            assert "error" not in answer.json()
        else:
            assert answer.json()["error"]["code"] == code


def test_probes_need_no_key(http, keys):
    assert http.get("/healthz").json() == {"status": "ok"}
    ready = http.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}
    body = http.get("/readyz", headers=bearer(keys["admin"])).json()  # the details: admins only
    assert body["database"] is True and body["register_index"] is True
    assert body["pipeline"]["name"] and body["pipeline"]["version"]
    assert isinstance(body["register_version"], int)
