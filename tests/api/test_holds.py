from __future__ import annotations

from tests.builders import JANE, a_case, a_letter, a_recipient
from tests.conftest import bearer

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
