from __future__ import annotations

from tests.audit.trails import tamper
from tests.builders import a_case, a_letter, a_recipient, register_values
from tests.conftest import bearer


def test_register_changes_checks_and_reviews_are_audited_without_register_values(register_case, submit, http, keys):
    case = register_case()
    admin = bearer(keys["register_admin"])
    held = submit(a_letter(to=a_recipient("Sam Brown"), mentioning="Address: Flat 3, 12 Elm Road, Leeds LS6 2AB"))
    http.post(f"/v1/holds/{held['check_id']}/release", json={"comment": "ok"}, headers=bearer(keys["reviewer"]))
    http.delete("/v1/cases/DA-2026-00017", headers=admin)
    auditor = bearer(keys["auditor"])
    events = http.get("/v1/audit", headers=auditor).json()
    actions = [e["action"] for e in events["items"]]
    assert actions[:4] == ["case.deleted", "hold.released", "check.decided", "register.imported"]
    released = events["items"][1]
    assert released["actor_name"] == "test-reviewer" and released["actor_role"] == "reviewer"
    assert released["check_id"] == held["check_id"]
    assert events["items"][0]["case_reference"] == "DA-2026-00017"
    for value in register_values(case):
        assert value.lower() not in str(events).lower()
    only_checks = http.get("/v1/audit", params={"action": "check.decided"}, headers=auditor).json()
    assert [e["check_id"] for e in only_checks["items"]] == [held["check_id"]]
    by_case = http.get("/v1/audit", params={"case_reference": "DA-2026-00017"}, headers=auditor).json()
    assert by_case["total"] == 1


def test_audit_events_are_append_only(register_case, http, keys):
    register_case(a_case("DA-1"))
    auditor = bearer(keys["auditor"])
    before = http.get("/v1/audit", headers=auditor).json()["items"]
    register_case(a_case("DA-2"))
    after = http.get("/v1/audit", headers=auditor).json()["items"]
    assert after[1:] == before
    assert http.delete("/v1/audit", headers=auditor).status_code == 405


def test_auditors_verify_the_chain_and_see_the_first_event_that_does_not(register_case, http, keys):
    register_case(a_case("DA-1"))
    register_case(a_case("DA-2"))
    auditor = bearer(keys["auditor"])
    events = http.get("/v1/audit", headers=auditor).json()["items"]
    assert events[0]["prev_hash"] == events[1]["hash"]
    verified = http.get("/v1/audit/verify", headers=auditor)
    assert verified.status_code == 200
    assert verified.json() == {"intact": True, "events": 2, "latest_event_id": events[0]["id"],
                               "latest_hash": events[0]["hash"], "first_break": None}
    anchored = http.get("/v1/audit/verify", params={"anchor": f"{events[1]['id']}:{events[1]['hash']}"},
                        headers=auditor)
    assert anchored.json()["intact"] is True
    assert http.get("/v1/audit/verify", headers=bearer(keys["submitter"])).status_code == 403
    wrong = http.get("/v1/audit/verify", params={"anchor": "1:nothex"}, headers=auditor)
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "invalid_anchor"


def test_verify_over_the_api_names_an_edited_event(register_case, http, keys, runtime):
    register_case(a_case("DA-1"))
    register_case(a_case("DA-2"))
    auditor = bearer(keys["auditor"])
    first = http.get("/v1/audit", headers=auditor).json()["items"][-1]
    tamper(runtime, f"UPDATE audit_events SET actor_name = 'nobody' WHERE id = {first['id']}")
    report = http.get("/v1/audit/verify", headers=auditor).json()
    assert report["intact"] is False
    assert report["first_break"]["event_id"] == first["id"] and report["first_break"]["kind"] == "edited"
