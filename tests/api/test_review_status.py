"""Review status on the check, over real HTTP on SQLite and PostgreSQL: a held item's answer
carries `review` (pending, then released or rejected with when; under four-eyes, awaiting a second
reviewer once released once), and GET /v1/checks/{id} follows the reviewer; allowed and blocked
items carry null; the reviewer's comment is never in it."""

from __future__ import annotations

from tests.api.test_holds import a_second_reviewer, four_eyes_http, hold_one  # noqa: F401  four_eyes_http: a fixture
from tests.builders import JANE, a_letter, a_recipient
from tests.conftest import bearer

JANE_ADDRESS = JANE["addresses"][0]


def test_a_held_item_is_pending_then_released_with_when(register_case, submit, http, keys):
    register_case()
    held = submit(a_letter(to=a_recipient("Sam Brown"), mentioning=f"The address is {JANE_ADDRESS}."))
    assert held["decision"] == "hold"
    assert held["review"] == {"status": "pending", "decided_at": None, "awaiting_second_reviewer": False}
    submitter = bearer(keys["submitter"])
    assert http.get(f"/v1/checks/{held['check_id']}", headers=submitter).json()["review"]["status"] == "pending"

    comment = "Consent on file for case DA-2026-00017."
    released = http.post(f"/v1/holds/{held['check_id']}/release", json={"comment": comment},
                         headers=bearer(keys["reviewer"])).json()
    answer = http.get(f"/v1/checks/{held['check_id']}", headers=submitter)
    assert answer.status_code == 200
    review = answer.json()["review"]
    assert review["status"] == "released"
    assert review["decided_at"] is not None and review["decided_at"][:19] == released["reviewed_at"][:19]
    assert comment not in answer.text and "Consent" not in answer.text
    # Nothing else about the answer moved: it is the check as decided, with where it stands now.
    assert {k: v for k, v in answer.json().items() if k != "review"} == {k: v for k, v in held.items() if k != "review"}


def test_a_rejected_hold_says_rejected(register_case, submit, http, keys):
    register_case()
    held = submit(a_letter(to=a_recipient("Sam Brown"), mentioning=f"The address is {JANE_ADDRESS}."))
    http.post(f"/v1/holds/{held['check_id']}/reject", json={"comment": "No."}, headers=bearer(keys["reviewer"]))
    review = http.get(f"/v1/checks/{held['check_id']}", headers=bearer(keys["submitter"])).json()["review"]
    assert review["status"] == "rejected" and review["decided_at"] is not None


def test_allowed_and_blocked_items_have_no_review(register_case, submit, http, keys):
    register_case()
    allowed = submit(a_letter(to=a_recipient("Sam Brown"), mentioning="The hearing is on Monday."))
    blocked = submit(a_letter(to=a_recipient("Mark Doe"), mentioning=f"She moved to {JANE_ADDRESS}."))
    assert allowed["decision"] == "allow" and allowed["review"] is None
    assert blocked["decision"] == "block" and blocked["review"] is None
    for check in (allowed, blocked):
        assert http.get(f"/v1/checks/{check['check_id']}", headers=bearer(keys["submitter"])).json()["review"] is None


def test_the_review_status_is_an_enum_in_the_openapi(http):
    schemas = http.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["ReviewStatus"]["enum"] == ["pending", "released", "rejected"]
    review = schemas["CheckResponse"]["properties"]["review"]
    assert {"$ref": "#/components/schemas/ReviewOut"} in review["anyOf"]
    assert set(schemas["ReviewOut"]["properties"]) == {"status", "decided_at", "awaiting_second_reviewer"}
    assert schemas["ReviewOut"]["properties"]["awaiting_second_reviewer"]["type"] == "boolean"


def test_under_four_eyes_a_first_release_leaves_the_check_pending_awaiting_a_second_reviewer(
        four_eyes_http, runtime, register_case, submit, keys):  # noqa: F811
    register_case()
    http, submitter = four_eyes_http, bearer(keys["submitter"])
    held = hold_one(submit)
    path = f"/v1/checks/{held['check_id']}"
    assert http.get(path, headers=submitter).json()["review"]["awaiting_second_reviewer"] is False

    comment = "Consent on file for case DA-2026-00017."
    first = http.post(f"/v1/holds/{held['check_id']}/release", json={"comment": comment},
                      headers=bearer(keys["reviewer"]))
    assert first.status_code == 200 and first.json()["awaiting_second_reviewer"] is True
    answer = http.get(path, headers=submitter)
    # A first release is not a release: still pending, not to be sent, and now saying why.
    assert answer.json()["review"] == {"status": "pending", "decided_at": None, "awaiting_second_reviewer": True}
    assert comment not in answer.text and "test-reviewer" not in answer.text  # nor who, nor their words

    second = http.post(f"/v1/holds/{held['check_id']}/release", json={"comment": "Agreed."},
                       headers=a_second_reviewer(runtime))
    assert second.status_code == 200, second.text
    review = http.get(path, headers=submitter).json()["review"]
    assert review["status"] == "released" and review["awaiting_second_reviewer"] is False
    assert review["decided_at"][:19] == second.json()["reviewed_at"][:19]


def test_under_four_eyes_a_reject_after_a_first_release_awaits_no_one(
        four_eyes_http, register_case, submit, keys):  # noqa: F811
    register_case()
    held = hold_one(submit)
    reviewer = bearer(keys["reviewer"])
    four_eyes_http.post(f"/v1/holds/{held['check_id']}/release", json={"comment": "Fine."}, headers=reviewer)
    four_eyes_http.post(f"/v1/holds/{held['check_id']}/reject", json={"comment": "Not fine."}, headers=reviewer)
    review = four_eyes_http.get(f"/v1/checks/{held['check_id']}", headers=bearer(keys["submitter"])).json()["review"]
    assert review["status"] == "rejected" and review["awaiting_second_reviewer"] is False
