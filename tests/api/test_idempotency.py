"""Idempotency-Key on the POSTs of a check, over real HTTP on SQLite and PostgreSQL: a retry
with the same key answers the first check and stores nothing (no second row, no second audit
decision); the same key with another body is 409 idempotency_key_reused; a key whose first
request is still being answered is 409 idempotency_key_in_flight; a malformed key is 422; a
key is one system's; the asynchronous lane answers the same pending check again."""

from __future__ import annotations

import uuid
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from disclosure_guard.access.keys import create_api_key
from disclosure_guard.api.schemas import CheckRequest
from disclosure_guard.db.tables import AuditEventRow, CheckRow, IdempotencyKeyRow
from disclosure_guard.review.idempotency import request_digest, reserve
from tests.builders import JANE, a_letter, a_recipient
from tests.conftest import bearer
from tests.database_faults import commits_of_checks_fail

JANE_ADDRESS = JANE["addresses"][0]


def a_key() -> str:
    return str(uuid.uuid4())


def stored(runtime) -> tuple[int, int]:
    """Checks stored, and decisions in the audit trail."""
    with runtime.session_factory() as session:
        return (session.scalar(select(func.count()).select_from(CheckRow)),
                session.scalar(select(func.count()).select_from(AuditEventRow)
                               .where(AuditEventRow.action == "check.decided")))


def held_letter(ref: str = "L-1") -> dict:
    return a_letter(to=a_recipient("Sam Brown"), mentioning=f"The address is {JANE_ADDRESS}.", external_ref=ref)


def test_a_retry_with_the_same_key_answers_the_first_check_and_stores_nothing(register_case, http, runtime, keys):
    register_case()
    headers = {**bearer(keys["submitter"]), "Idempotency-Key": a_key()}
    first = http.post("/v1/checks", json=held_letter(), headers=headers)
    assert first.status_code == 200 and first.json()["decision"] == "hold"
    assert "Idempotent-Replayed" not in first.headers
    assert stored(runtime) == (1, 1)
    again = http.post("/v1/checks", json=held_letter(), headers=headers)
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert stored(runtime) == (1, 1)
    # Only a digest of the request is kept: no submitted text in the key's row.
    with runtime.session_factory() as session:
        row = session.scalars(select(IdempotencyKeyRow)).one()
    assert row.check_id == first.json()["check_id"] and len(row.request_digest) == 64
    assert JANE_ADDRESS not in repr(vars(row))
    # Without a key, the same letter is another check.
    assert http.post("/v1/checks", json=held_letter(), headers=bearer(keys["submitter"])).json()["check_id"] \
        != first.json()["check_id"]


def test_the_same_key_with_another_body_is_409_reused(register_case, http, runtime, keys):
    register_case()
    headers = {**bearer(keys["submitter"]), "Idempotency-Key": a_key()}
    assert http.post("/v1/checks", json=held_letter("L-1"), headers=headers).status_code == 200
    other = http.post("/v1/checks", json=held_letter("L-2"), headers=headers)
    assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_key_reused"
    # On another route, the same key is another request too.
    email = http.post("/v1/checks/email", content=b"To: a@example.org\r\n\r\nHello",
                      headers={**headers, "Content-Type": "message/rfc822"})
    assert email.status_code == 409 and email.json()["error"]["code"] == "idempotency_key_reused"
    assert stored(runtime) == (1, 1)


def test_a_key_still_in_flight_is_409(register_case, http, runtime, keys):
    register_case()
    key = a_key()
    letter = held_letter()
    # The first request with this key, as it stands while its check is being run.
    digest = request_digest("/v1/checks", [CheckRequest.model_validate(letter).model_dump_json().encode()])
    assert reserve(runtime.session_factory, "test-submitter", key, digest, 3600, 3600) is None
    answer = http.post("/v1/checks", json=letter, headers={**bearer(keys["submitter"]), "Idempotency-Key": key})
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "idempotency_key_in_flight"
    assert stored(runtime) == (0, 0)


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve-key", "two words", '"unterminated', "back\\slash", '""'])
def test_a_malformed_key_is_422(http, keys, key):
    answer = http.post("/v1/checks", json=held_letter(),
                       headers={**bearer(keys["submitter"]), "Idempotency-Key": key.encode()})
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_idempotency_key"


def test_a_quoted_key_is_the_same_key(register_case, http, keys):
    register_case()
    key = a_key()
    first = http.post("/v1/checks", json=held_letter(), headers={**bearer(keys["submitter"]), "Idempotency-Key": key})
    quoted = http.post("/v1/checks", json=held_letter(),
                       headers={**bearer(keys["submitter"]), "Idempotency-Key": f'"{key}"'})
    assert quoted.json()["check_id"] == first.json()["check_id"]


def test_a_key_is_one_systems(register_case, http, runtime, keys):
    register_case()
    with runtime.session_factory() as session, session.begin():
        other = create_api_key(session, "submitter", "mailer")[1]
    key = a_key()
    ours = http.post("/v1/checks", json=held_letter(), headers={**bearer(keys["submitter"]), "Idempotency-Key": key})
    theirs = http.post("/v1/checks", json=held_letter(), headers={**bearer(other), "Idempotency-Key": key})
    assert theirs.status_code == 200 and theirs.json()["check_id"] != ours.json()["check_id"]
    assert stored(runtime)[0] == 2


def test_a_request_that_failed_gives_its_key_up(http, keys):
    key = a_key()
    headers = {**bearer(keys["submitter"]), "Idempotency-Key": key}
    bad = {**held_letter(), "attachments": [{"content_base64": "not base64!"}]}
    assert http.post("/v1/checks", json=bad, headers=headers).json()["error"]["code"] == "invalid_attachment"
    fixed = http.post("/v1/checks", json=held_letter(), headers=headers)
    assert fixed.status_code == 200


def test_a_request_whose_commit_failed_gives_its_key_up(register_case, http, runtime, keys, database_url):
    """The check was made but its transaction did not commit: nothing is stored, and the retry
    with the same key is checked again at once, not told 409 in flight until the lease ends."""
    register_case()
    headers = {**bearer(keys["submitter"]), "Idempotency-Key": a_key()}
    with commits_of_checks_fail(database_url):
        failed = http.post("/v1/checks", json=held_letter(), headers=headers)
    assert failed.status_code >= 500, failed.text
    assert stored(runtime) == (0, 0)
    retried = http.post("/v1/checks", json=held_letter(), headers=headers)
    assert retried.status_code == 200, retried.text
    assert retried.json()["decision"] == "hold" and "Idempotent-Replayed" not in retried.headers
    assert stored(runtime) == (1, 1)


def test_the_email_and_document_routes_replay_too(register_case, http, runtime, keys):
    register_case()
    message = EmailMessage()
    message["From"] = "caseworker@council.example.gov.uk"
    message["To"] = "Sam Brown <sam@example.org>"
    message["Subject"] = "Your case"
    message.set_content(f"She lives at {JANE_ADDRESS}.")
    headers = {**bearer(keys["submitter"]), "Idempotency-Key": a_key(), "Content-Type": "message/rfc822"}
    first = http.post("/v1/checks/email", content=bytes(message), headers=headers)
    again = http.post("/v1/checks/email", content=bytes(message), headers=headers)
    assert first.status_code == again.status_code == 200 and again.json() == first.json()

    def document():  # a new multipart boundary each time, as a real retry has
        return http.post("/v1/checks/document", headers={**bearer(keys["submitter"]), "Idempotency-Key": key},
                         files={"file": ("letter.txt", f"She lives at {JANE_ADDRESS}.".encode(), "text/plain")},
                         data={"recipients": '[{"type": "to", "name": "Sam Brown"}]', "external_ref": "D-1"})

    key = a_key()
    first_document, again_document = document(), document()
    assert first_document.status_code == 200 and again_document.json() == first_document.json()
    assert again_document.headers["Idempotent-Replayed"] == "true"
    assert stored(runtime) == (2, 2)


def test_the_asynchronous_lane_answers_the_same_pending_check(register_case, http, runtime, keys, paused_claimer):
    register_case()
    headers = {**bearer(keys["submitter"]), "Idempotency-Key": a_key(), "Prefer": "respond-async"}
    first = http.post("/v1/checks", json=held_letter(), headers=headers)
    again = http.post("/v1/checks", json=held_letter(), headers=headers)
    assert first.status_code == again.status_code == 202
    assert again.json()["check_id"] == first.json()["check_id"] and again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert stored(runtime) == (1, 0)
