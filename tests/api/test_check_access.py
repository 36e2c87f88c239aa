"""Object-level authorization (issue 12, point 3): a submitter key reads only the checks its own
system submitted; another system's check is 404 check_not_found, word for word the answer for
an id that does not exist. Reviewers reach checks through the hold queue whoever submitted
them, admins everything. Every endpoint that takes an id is here, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from disclosure_guard.access.keys import create_api_key
from tests.builders import JANE, a_letter, a_recipient
from tests.conftest import bearer

JANE_ADDRESS = JANE["addresses"][0]


@pytest.fixture
def systems(runtime) -> dict[str, str]:
    """Two keys of the case system (one with the system's name, one naming it), and one of
    another system."""
    with runtime.session_factory() as session, session.begin():
        return {
            "case": create_api_key(session, "submitter", "case-system")[1],
            "case-too": create_api_key(session, "submitter", "case-system-batch", system="case-system")[1],
            "other": create_api_key(session, "submitter", "mailer")[1],
        }


@pytest.fixture
def held_check(register_case, http, systems) -> dict:
    """A held check of the case system, quoting the victim's address: what must not leak."""
    register_case()
    letter = a_letter(to=a_recipient("Sam Brown"), mentioning=f"The address is {JANE_ADDRESS}.", external_ref="L-1")
    answer = http.post("/v1/checks", json=letter, headers=bearer(systems["case"]))
    assert answer.status_code == 200 and answer.json()["decision"] == "hold", answer.text
    return answer.json()


def test_a_submitter_reads_its_own_systems_checks(http, systems, held_check):
    for key in (systems["case"], systems["case-too"]):
        again = http.get(f"/v1/checks/{held_check['check_id']}", headers=bearer(key))
        assert again.status_code == 200 and again.json() == held_check


def test_another_systems_check_is_not_found_as_if_it_did_not_exist(http, systems, held_check):
    theirs = http.get(f"/v1/checks/{held_check['check_id']}", headers=bearer(systems["other"]))
    missing = http.get("/v1/checks/chk_000000000000000000000000", headers=bearer(systems["other"]))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json() == {"error": {"code": "check_not_found", "message": "no check with that id"}}
    assert JANE_ADDRESS not in theirs.text and "Elm" not in theirs.text


def test_admins_read_any_check_and_reviewers_reach_it_through_the_queue(http, keys, systems, held_check):
    check_id = held_check["check_id"]
    assert http.get(f"/v1/checks/{check_id}", headers=bearer(keys["admin"])).json() == held_check
    # The check endpoint is the submitters' (a reviewer's key is 403 there, as before); the
    # hold queue is the reviewers', for every system's holds.
    assert http.get(f"/v1/checks/{check_id}", headers=bearer(keys["reviewer"])).status_code == 403
    for key in (keys["reviewer"], keys["admin"]):
        assert http.get(f"/v1/holds/{check_id}", headers=bearer(key)).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/v1/holds/{id}", None),
    ("POST", "/v1/holds/{id}/release", {"comment": "sent anyway"}),
    ("POST", "/v1/holds/{id}/reject", {"comment": "stopped"}),
])
def test_no_submitter_reaches_a_hold_not_even_its_own(http, systems, held_check, method, path, body):
    url = path.format(id=held_check["check_id"])
    for key in systems.values():
        answer = http.request(method, url, json=body, headers=bearer(key))
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden_role"
        assert JANE_ADDRESS not in answer.text


def test_a_reviewer_of_any_name_decides_any_systems_hold(http, runtime, systems, held_check):
    with runtime.session_factory() as session, session.begin():
        reviewer = create_api_key(session, "reviewer", "mailer-reviewer", system="mailer")[1]
    answer = http.post(f"/v1/holds/{held_check['check_id']}/release", json={"comment": "consent on file"},
                       headers=bearer(reviewer))
    assert answer.status_code == 200 and answer.json()["status"] == "released"


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/v1/cases/DA-2026-00017"), ("PUT", "/v1/cases/DA-2026-00017"), ("DELETE", "/v1/cases/DA-2026-00017"),
    ("POST", "/v1/keys/case-system/revoke"), ("POST", "/v1/keys/case-system/rotate"),
])
def test_the_other_id_endpoints_refuse_a_submitter_by_role(http, systems, held_check, method, path):
    for key in systems.values():
        answer = http.request(method, path, json={}, headers=bearer(key))
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden_role"


def test_email_and_document_checks_belong_to_their_system_too(register_case, http, systems):
    register_case()
    raw = (b"From: caseworker@council.example.gov.uk\r\nTo: Sam Brown <sam@example.net>\r\nSubject: x\r\n\r\n"
           b"The address is " + JANE_ADDRESS.encode() + b".\r\n")
    email = http.post("/v1/checks/email", content=raw,
                      headers={**bearer(systems["case"]), "Content-Type": "message/rfc822"})
    document = http.post("/v1/checks/document", headers=bearer(systems["case"]),
                         files={"file": ("letter.txt", f"The address is {JANE_ADDRESS}.".encode(), "text/plain")},
                         data={"recipients": '[{"type": "to", "name": "Sam Brown"}]'})
    for answer in (email, document):
        assert answer.status_code == 200, answer.text
        check_id = answer.json()["check_id"]
        assert http.get(f"/v1/checks/{check_id}", headers=bearer(systems["case-too"])).status_code == 200
        assert http.get(f"/v1/checks/{check_id}", headers=bearer(systems["other"])).status_code == 404
