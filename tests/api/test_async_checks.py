"""The asynchronous lane over real HTTP, on SQLite and PostgreSQL: Prefer: respond-async (or an
item past DG_ASYNC_ABOVE_BYTES) is 202 with a Location and a pending body that says not to send;
polling the Location gives the decision; a pending check outlives the runtime that took it; a
submitter of another system gets 404, as for any check of theirs."""

from __future__ import annotations

import dataclasses
import time
from email.message import EmailMessage

import httpx
import pytest

from disclosure_guard.access.keys import create_api_key
from disclosure_guard.api.app import create_app
from tests.builders import JANE, a_letter, a_recipient
from tests.conftest import bearer, serving

JANE_ADDRESS = JANE["addresses"][0]
ASYNC = {"Prefer": "respond-async"}


def decided(http: httpx.Client, location: str, key: str, within_seconds: float = 60) -> dict:
    """The answer at `location` once it is no longer 202."""
    deadline = time.monotonic() + within_seconds
    while time.monotonic() < deadline:
        answer = http.get(location, headers=bearer(key))
        if answer.status_code != 202:
            assert answer.status_code == 200, answer.text
            return answer.json()
        assert answer.json()["status"] == "pending" and answer.json()["decision"] is None
        time.sleep(0.2)
    pytest.fail(f"{location} was not decided within {within_seconds} s")


def assert_pending(answer: httpx.Response, *, asked: bool = True) -> dict:
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["decision"] is None and body["status"] == "pending" and body["check_id"].startswith("chk_")
    assert "do not send" in body["message"]
    assert answer.headers["Location"] == f"/v1/checks/{body['check_id']}"
    assert answer.headers.get("Preference-Applied") == ("respond-async" if asked else None)
    return body


def test_respond_async_is_202_then_the_decision_by_polling(register_case, http, keys):
    register_case()
    letter = a_letter(to=a_recipient("Sam Brown"), mentioning=f"The address is {JANE_ADDRESS}.", external_ref="L-1")
    answer = http.post("/v1/checks", json=letter, headers={**bearer(keys["submitter"]), **ASYNC})
    pending = assert_pending(answer)
    assert pending["external_ref"] == "L-1" and JANE_ADDRESS not in answer.text
    result = decided(http, answer.headers["Location"], keys["submitter"])
    assert result["check_id"] == pending["check_id"] and result["external_ref"] == "L-1"
    assert result["decision"] in ("hold", "block") and result["findings"]


def test_a_clean_letter_through_the_lane_is_allowed(register_case, http, keys):
    register_case()
    letter = a_letter(to=a_recipient("Sam Brown"), mentioning="The hearing is on Monday.")
    answer = http.post("/v1/checks", json=letter, headers={**bearer(keys["submitter"]),
                                                           "Prefer": "wait=5, respond-async; x=1"})
    assert_pending(answer)
    assert decided(http, answer.headers["Location"], keys["submitter"])["decision"] == "allow"


def test_email_and_document_take_the_lane_too(register_case, http, keys):
    register_case()
    message = EmailMessage()
    message["To"] = "Sam Brown <sam@example.com>"
    message["Subject"] = "Your case"
    message.set_content(f"Her new address is {JANE_ADDRESS}.")
    email = http.post("/v1/checks/email", content=bytes(message),
                      headers={**bearer(keys["submitter"]), **ASYNC, "Content-Type": "message/rfc822"})
    assert_pending(email)
    document = http.post(
        "/v1/checks/document", headers={**bearer(keys["submitter"]), **ASYNC},
        files={"file": ("letter.txt", f"She lives at {JANE_ADDRESS}.".encode(), "text/plain")},
        data={"recipients": '[{"type": "to", "name": "Sam Brown"}]'},
    )
    assert_pending(document)
    for answer in (email, document):
        assert decided(http, answer.headers["Location"], keys["submitter"])["decision"] in ("hold", "block")


def test_without_the_preference_a_check_is_answered_in_the_request(register_case, http, keys):
    register_case()
    answer = http.post("/v1/checks", json=a_letter(to=a_recipient("Sam Brown")), headers=bearer(keys["submitter"]))
    assert answer.status_code == 200 and answer.json()["decision"] == "allow"


def test_an_item_past_the_size_setting_takes_the_lane_unasked(register_case, runtime, keys):
    register_case()
    sized = dataclasses.replace(runtime, settings=runtime.settings.model_copy(update={"async_above_bytes": 200}))
    with serving(create_app(runtime=sized)) as url, httpx.Client(base_url=url, timeout=60) as http:
        small = http.post("/v1/checks", json={"channel": "letter", "recipients": [a_recipient("Sam Brown")],
                                              "body": "Hello."}, headers=bearer(keys["submitter"]))
        assert small.status_code == 200
        large = http.post("/v1/checks", json=a_letter(to=a_recipient("Sam Brown"), mentioning="x " * 200),
                          headers=bearer(keys["submitter"]))
        assert_pending(large, asked=False)
        assert decided(http, large.headers["Location"], keys["submitter"])["decision"] == "allow"


def test_a_pending_check_outlives_its_runtime_and_is_decided_by_the_next(register_case, http, keys, paused_claimer):
    register_case()
    letter = a_letter(to=a_recipient("Sam Brown"), mentioning=f"The address is {JANE_ADDRESS}.")
    answer = http.post("/v1/checks", json=letter, headers={**bearer(keys["submitter"]), **ASYNC})
    assert_pending(answer)
    time.sleep(1.5)  # more than a claimer's poll: no one is claiming
    assert_pending(http.get(answer.headers["Location"], headers=bearer(keys["submitter"])), asked=False)
    # A new Runtime on the same database, served by a new app whose lifespan starts its claimer.
    restarted = dataclasses.replace(paused_claimer)
    with serving(create_app(runtime=restarted)) as url, httpx.Client(base_url=url, timeout=60) as again:
        result = decided(again, answer.headers["Location"], keys["submitter"])
    assert result["decision"] in ("hold", "block")
    assert not restarted.claimer.running


def test_another_systems_pending_and_decided_check_is_not_found(register_case, http, runtime, keys):
    register_case()
    with runtime.session_factory() as session, session.begin():
        other = create_api_key(session, "submitter", "mailer")[1]
    answer = http.post("/v1/checks", json=a_letter(to=a_recipient("Sam Brown")),
                       headers={**bearer(keys["submitter"]), **ASYNC})
    location = assert_pending(answer) and answer.headers["Location"]
    theirs = http.get(location, headers=bearer(other))
    assert theirs.status_code == 404 and theirs.json()["error"]["code"] == "check_not_found"
    decided(http, location, keys["submitter"])
    assert http.get(location, headers=bearer(other)).status_code == 404
    assert http.get(location, headers=bearer(keys["admin"])).status_code == 200
