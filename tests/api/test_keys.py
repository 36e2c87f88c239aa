"""Keys over the API, admin only: list, create, revoke, rotate. A revoked key fails on the very
next request, an expired one and a rotated-out one too, each with its own code; a secret is in
one answer only and never listed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from disclosure_guard.db.tables import ApiKeyRow
from tests.conftest import bearer


@pytest.fixture
def admin(keys) -> dict[str, str]:
    return bearer(keys["admin"])


def create(http, admin, **body) -> dict:
    answer = http.post("/v1/keys", json=body, headers=admin)
    assert answer.status_code == 200, answer.text
    return answer.json()


def refusal(http, key: str) -> tuple[int, str]:
    answer = http.get("/v1/audit", headers=bearer(key))
    return answer.status_code, answer.json()["error"]["code"]


def test_create_list_and_use(http, admin):
    made = create(http, admin, role="auditor", name="auditor-api", expires_in="90d")
    assert made["secret"].startswith("dg_")
    key = made["key"]
    assert key["name"] == key["system"] == "auditor-api" and key["role"] == "auditor" and key["status"] == "active"
    expires = datetime.fromisoformat(key["expires_at"])
    assert timedelta(days=89) < expires - datetime.now(UTC) <= timedelta(days=90)
    assert http.get("/v1/audit", headers=bearer(made["secret"])).status_code == 200
    listed = http.get("/v1/keys", headers=admin).json()
    assert listed["total"] == len(listed["items"]) == 6  # five from the fixture, one made here
    assert {k["name"] for k in listed["items"]} >= {"auditor-api", "test-admin"}
    assert made["secret"] not in str(listed) and "key_hash" not in str(listed)
    events = http.get("/v1/audit", params={"action": "apikey.created"}, headers=admin).json()["items"]
    assert events[0]["detail"]["name"] == "auditor-api" and events[0]["actor_name"] == "test-admin"
    assert made["secret"] not in str(events)


def test_bad_requests_have_codes(http, admin):
    create(http, admin, role="submitter", name="mailer")
    cases = [
        ({"role": "submitter", "name": "mailer"}, 409, "api_key_name_taken"),
        ({"role": "submitter", "expires_in": "90 days"}, 422, "invalid_duration"),
        ({"role": "submitter", "expires_in": "0d"}, 422, "invalid_duration"),
        ({"role": "superuser"}, 422, "validation_error"),
        ({"role": "submitter", "name": "has space"}, 422, "validation_error"),
        ({"role": "submitter", "secret": "dg_mine"}, 422, "validation_error"),
    ]
    for body, status, code in cases:
        answer = http.post("/v1/keys", json=body, headers=admin)
        assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), body
    for action in ("revoke", "rotate"):
        missing = http.post(f"/v1/keys/nobody/{action}", headers=admin)
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "api_key_not_found"
        control = http.post(f"/v1/keys/bad%00name/{action}", headers=admin)
        assert control.status_code == 422 and control.json()["error"]["code"] == "validation_error"


def test_revoked_is_refused_on_the_next_request(http, admin):
    made = create(http, admin, role="auditor", name="auditor-api")
    assert http.get("/v1/audit", headers=bearer(made["secret"])).status_code == 200
    revoked = http.post("/v1/keys/auditor-api/revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked" and revoked.json()["revoked_at"]
    assert refusal(http, made["secret"]) == (401, "api_key_revoked")
    again = http.post("/v1/keys/auditor-api/revoke", headers=admin)
    assert again.status_code == 409 and again.json()["error"]["code"] == "api_key_revoked"
    rotate = http.post("/v1/keys/auditor-api/rotate", headers=admin)
    assert rotate.status_code == 409 and rotate.json()["error"]["code"] == "api_key_revoked"


def test_an_admin_revoking_its_own_key_is_refused_next(http, keys, admin):
    assert http.post("/v1/keys/test-admin/revoke", headers=admin).status_code == 200
    assert http.get("/v1/keys", headers=admin).status_code == 401


def test_rotation_grace_and_its_end(http, admin, runtime):
    made = create(http, admin, role="auditor", name="auditor-api")
    rotated = http.post("/v1/keys/auditor-api/rotate", headers=admin)
    assert rotated.status_code == 200, rotated.text
    new, key = rotated.json()["secret"], rotated.json()["key"]
    assert new != made["secret"] and key["rotated_at"]
    grace = datetime.fromisoformat(key["previous_secret_valid_until"]) - datetime.now(UTC)
    assert timedelta(hours=23) < grace <= timedelta(hours=24)  # DG_KEY_ROTATION_GRACE_SECONDS' default
    for secret in (new, made["secret"]):
        assert http.get("/v1/audit", headers=bearer(secret)).status_code == 200
    with runtime.session_factory() as session, session.begin():
        session.execute(update(ApiKeyRow).where(ApiKeyRow.name == "auditor-api")
                        .values(previous_key_expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert refusal(http, made["secret"]) == (401, "api_key_rotated")
    assert http.get("/v1/audit", headers=bearer(new)).status_code == 200
    events = http.get("/v1/audit", params={"action": "apikey.rotated"}, headers=admin).json()["items"]
    assert events[0]["detail"]["grace_seconds"] == 86400 and new not in str(events)


def test_an_expired_key_is_refused(http, admin, runtime):
    made = create(http, admin, role="auditor", name="auditor-api", expires_in="30m")
    with runtime.session_factory() as session, session.begin():
        session.execute(update(ApiKeyRow).where(ApiKeyRow.name == "auditor-api")
                        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert refusal(http, made["secret"]) == (401, "api_key_expired")
    listed = {k["name"]: k for k in http.get("/v1/keys", headers=admin).json()["items"]}
    assert listed["auditor-api"]["status"] == "expired"
    rotate = http.post("/v1/keys/auditor-api/rotate", headers=admin)
    assert rotate.status_code == 409 and rotate.json()["error"]["code"] == "api_key_expired"


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/v1/keys"), ("POST", "/v1/keys"), ("POST", "/v1/keys/test-auditor/revoke"),
    ("POST", "/v1/keys/test-auditor/rotate"),
])
def test_only_admins_manage_keys(http, keys, method, path):
    for role in ("submitter", "reviewer", "register_admin", "auditor"):
        answer = http.request(method, path, json={"role": "admin"}, headers=bearer(keys[role]))
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden_role"
    assert http.request(method, path).status_code == 401


def test_readiness_details_only_to_an_admin(http, keys, admin):
    public = http.get("/readyz")
    assert public.status_code == 200 and public.json() == {"status": "ready"}
    for role in ("submitter", "reviewer", "register_admin", "auditor"):
        assert http.get("/readyz", headers=bearer(keys[role])).json() == {"status": "ready"}
    details = http.get("/readyz", headers=admin).json()
    assert details["status"] == "ready" and details["database"] is True and details["register_index"] is True
    assert isinstance(details["register_version"], int) and isinstance(details["register_cases"], int)
    assert details["pipeline"]["name"]
    bad = http.get("/readyz", headers=bearer("dg_not-a-key"))
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "invalid_api_key"
