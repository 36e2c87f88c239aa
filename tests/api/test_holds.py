from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import httpx
import pytest

from disclosure_guard.access.keys import create_api_key
from tests.builders import JANE, a_case, a_letter, a_recipient
from tests.conftest import bearer, serving

JANE_ADDRESS = JANE["addresses"][0]


def hold_one(submit, to: str = "Sam Brown", ref: str | None = None) -> dict:
    result = submit(a_letter(to=a_recipient(to), mentioning=f"The address is {JANE_ADDRESS}.", external_ref=ref))
    assert result["decision"] == "hold", result
    return result


def test_held_items_are_listed_newest_first_with_filters(register_case, submit, http, keys):
    register_case(a_case(), a_case("DA-OTHER", protected={"names": ["Anna Nowak"], "addresses": ["2 Mill Lane, York YO1 1AA"]}))
    reviewer = bearer(keys["reviewer"])
    first = hold_one(submit)
    second = hold_one(submit)
    other = submit(a_letter(to=a_recipient("Sam Brown"), mentioning="Anna lives at 2 Mill Lane, York YO1 1AA."))
    assert other["decision"] == "hold"
    allowed = submit(a_letter(to=a_recipient("Sam Brown"), mentioning="Nothing to see."))
    listing = http.get("/v1/holds", headers=reviewer).json()
    ids = [h["check_id"] for h in listing["items"]]
    assert ids[:3] == [other["check_id"], second["check_id"], first["check_id"]]
    assert allowed["check_id"] not in ids
    by_case = http.get("/v1/holds", params={"case_reference": "DA-OTHER"}, headers=reviewer).json()
    assert [h["check_id"] for h in by_case["items"]] == [other["check_id"]]
    by_code = http.get("/v1/holds", params={"reason_code": "protected_contact_disclosed"}, headers=reviewer).json()
    assert by_code["total"] == 3
    since = listing["items"][0]["created_at"]
    recent = http.get("/v1/holds", params={"since": since}, headers=reviewer).json()
    assert [h["check_id"] for h in recent["items"]] == [other["check_id"]]
    paged = http.get("/v1/holds", params={"limit": 1, "offset": 1}, headers=reviewer).json()
    assert paged["total"] == 3 and [h["check_id"] for h in paged["items"]] == [second["check_id"]]


def test_a_hold_shows_the_item_and_findings(register_case, submit, http, keys):
    register_case()
    held = hold_one(submit, ref="LETTER-1")
    detail = http.get(f"/v1/holds/{held['check_id']}", headers=bearer(keys["reviewer"])).json()
    assert detail["status"] == "pending"
    assert detail["result"]["findings"] == held["findings"]
    assert JANE_ADDRESS in detail["content"]["parts"][0]["text"]
    assert detail["content"]["external_ref"] == "LETTER-1"


def test_release_and_reject_are_recorded_once(register_case, submit, http, keys):
    register_case()
    reviewer = bearer(keys["reviewer"])
    released = hold_one(submit)
    rejected = hold_one(submit)
    answer = http.post(f"/v1/holds/{released['check_id']}/release", json={"comment": "Checked: consent on file."},
                       headers=reviewer)
    assert answer.status_code == 200
    assert answer.json()["status"] == "released" and answer.json()["reviewed_by"] == "test-reviewer"
    assert http.post(f"/v1/holds/{rejected['check_id']}/reject", json={"comment": "No."},
                     headers=reviewer).json()["status"] == "rejected"
    again = http.post(f"/v1/holds/{released['check_id']}/reject", json={"comment": "changed my mind"}, headers=reviewer)
    assert again.status_code == 409 and again.json()["error"]["code"] == "hold_already_decided"
    detail = http.get(f"/v1/holds/{released['check_id']}", headers=reviewer).json()
    assert detail["status"] == "released" and detail["review_comment"] == "Checked: consent on file."
    pending = http.get("/v1/holds", params={"status": "pending"}, headers=reviewer).json()
    assert pending["total"] == 0


def test_review_needs_a_comment_and_a_held_item(register_case, submit, http, keys):
    register_case()
    reviewer = bearer(keys["reviewer"])
    held = hold_one(submit)
    assert http.post(f"/v1/holds/{held['check_id']}/release", json={}, headers=reviewer).status_code == 422
    assert http.post(f"/v1/holds/{held['check_id']}/release", json={"comment": "  "}, headers=reviewer).status_code == 422
    assert http.post(f"/v1/holds/{held['check_id']}/reject", json={}, headers=reviewer).status_code == 422
    # A refused review leaves no trace: the hold is still pending, undecided and in the queue.
    detail = http.get(f"/v1/holds/{held['check_id']}", headers=reviewer).json()
    assert detail["status"] == "pending"
    assert detail["reviewed_by"] is None and detail["reviewed_at"] is None and detail["review_comment"] is None
    pending = http.get("/v1/holds", params={"status": "pending"}, headers=reviewer).json()
    assert [h["check_id"] for h in pending["items"]] == [held["check_id"]]
    allowed = submit(a_letter(to=a_recipient("Sam Brown"), mentioning="Nothing."))
    missing = http.post(f"/v1/holds/{allowed['check_id']}/release", json={"comment": "x"}, headers=reviewer)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "hold_not_found"


@pytest.fixture
def four_eyes_http(session_runtime, runtime) -> Iterator[httpx.Client]:  # noqa: ANN001
    """The API served with DG_FOUR_EYES on (the session's server has it off)."""
    from disclosure_guard.api.app import create_app

    strict = dataclasses.replace(session_runtime, settings=session_runtime.settings.model_copy(
        update={"four_eyes": True}))
    with serving(create_app(runtime=strict)) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def a_second_reviewer(runtime, name: str = "second-reviewer") -> dict[str, str]:  # noqa: ANN001
    with runtime.session_factory() as session, session.begin():
        return bearer(create_api_key(session, "reviewer", name)[1])


def test_four_eyes_a_release_needs_a_second_different_reviewer(four_eyes_http, runtime, register_case, submit, keys):
    register_case()
    http, first, second = four_eyes_http, bearer(keys["reviewer"]), a_second_reviewer(runtime)
    held = hold_one(submit)
    path = f"/v1/holds/{held['check_id']}"

    approved = http.post(f"{path}/release", json={"comment": "Consent on file."}, headers=first)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "pending" and approved.json()["awaiting_second_reviewer"] is True
    assert approved.json()["approved_by"] == "test-reviewer" and approved.json()["reviewed_by"] is None
    # Still not to be sent: the submitter's answer says pending, and the queue lists it as waiting.
    check = http.get(f"/v1/checks/{held['check_id']}", headers=bearer(keys["submitter"])).json()
    assert check["review"]["status"] == "pending" and check["review"]["awaiting_second_reviewer"] is True
    listed = http.get("/v1/holds", params={"status": "pending"}, headers=first).json()["items"]
    assert [(h["check_id"], h["awaiting_second_reviewer"]) for h in listed] == [(held["check_id"], True)]

    again = http.post(f"{path}/release", json={"comment": "Really."}, headers=first)
    assert again.status_code == 409 and again.json()["error"]["code"] == "second_reviewer_required"
    detail = http.get(path, headers=second).json()
    assert detail["approval_comment"] == "Consent on file." and detail["review_comment"] is None

    done = http.post(f"{path}/release", json={"comment": "Agreed."}, headers=second)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "released" and done.json()["awaiting_second_reviewer"] is False
    assert (done.json()["approved_by"], done.json()["reviewed_by"]) == ("test-reviewer", "second-reviewer")
    late = http.post(f"{path}/release", json={"comment": "Me too."}, headers=bearer(keys["admin"]))
    assert late.status_code == 409 and late.json()["error"]["code"] == "hold_already_decided"

    trail = http.get("/v1/audit", params={"check_id": held["check_id"]}, headers=bearer(keys["auditor"])).json()
    reviews = [(e["action"], e["actor_name"]) for e in trail["items"] if e["action"].startswith("hold.release")]
    assert reviews == [("hold.released", "second-reviewer"), ("hold.release_approved", "test-reviewer")]


def test_four_eyes_a_reject_needs_one_reviewer(four_eyes_http, register_case, submit, keys):
    register_case()
    reviewer = bearer(keys["reviewer"])
    held, approved = hold_one(submit), hold_one(submit)
    rejected = four_eyes_http.post(f"/v1/holds/{held['check_id']}/reject", json={"comment": "No."}, headers=reviewer)
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    four_eyes_http.post(f"/v1/holds/{approved['check_id']}/release", json={"comment": "Fine."}, headers=reviewer)
    changed = four_eyes_http.post(f"/v1/holds/{approved['check_id']}/reject", json={"comment": "Not fine."},
                                  headers=reviewer)
    assert changed.status_code == 200 and changed.json()["status"] == "rejected"
