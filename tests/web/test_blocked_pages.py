"""The blocked items' pages over plain HTTP, on both databases: the list and its filters, a
blocked item read-only with its findings marked (no release, no reject, no register value it did
not contain), opening it audited, and the "this was wrong" note: a required comment, the form
token, and the audit event the register admins read (sealed at rest, opened on the audit page)."""

from __future__ import annotations

import html
import json
import re

from sqlalchemy import select

from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import verify_chain
from disclosure_guard.audit.trail import AuditAction
from disclosure_guard.db.tables import AuditEventRow
from tests.api.test_holds import JANE_ADDRESS, hold_one
from tests.builders import MARK, a_case, a_letter, a_recipient, register_values
from tests.web.conftest import login_token, sign_in

HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


def block_one(submit, mentioning: str = "", ref: str | None = None, channel: str = "letter") -> dict:
    """A letter to the restricted contact at his address, giving the protected person's address: blocked."""
    result = submit(a_letter(to=a_recipient("Mark Doe", address=MARK["addresses"][0]),
                             mentioning=f"She now lives at {JANE_ADDRESS}. {mentioning}", external_ref=ref,
                             channel=channel))
    assert result["decision"] == "block", result
    return result


def row_ids(page: str) -> list[str]:
    return re.findall(r'<tr data-check-id="([^"]+)"', page)


def _events(runtime, action: AuditAction) -> list[AuditEventRow]:
    with runtime.session_factory() as session:
        return list(session.scalars(select(AuditEventRow).where(AuditEventRow.action == action)
                                    .order_by(AuditEventRow.id)))


def test_blocked_items_are_listed_newest_first_with_filters(web, people, register_case, submit):
    people("rita")
    register_case(a_case(), a_case("DA-OTHER", protected={"names": ["Anna Nowak"],
                                                          "addresses": ["2 Mill Lane, York YO1 1AA"]}))
    first, second = block_one(submit), block_one(submit)
    held = hold_one(submit)
    assert sign_in(web, "rita").status_code == 303

    listed = web.get("/review/blocked")
    assert listed.status_code == 200 and listed.headers["cache-control"] == "no-store"
    assert row_ids(listed.text) == [second["check_id"], first["check_id"]]  # a hold is not a block
    assert held["check_id"] not in listed.text
    assert 'aria-current="page">Blocked items' in listed.text
    for value in register_values(a_case()):
        assert value not in html.unescape(listed.text)
    assert row_ids(web.get("/review/blocked", params={"case": "DA-OTHER"}).text) == []
    assert len(row_ids(web.get("/review/blocked", params={"case": "DA-2026-00017"}).text)) == 2
    assert row_ids(web.get("/review/blocked", params={"channel": "email"}).text) == []
    assert len(row_ids(web.get("/review/blocked", params={
        "reason": "protected_contact_to_restricted", "channel": "letter"}).text)) == 2
    today = listed.text.split('datetime="')[1][:10]
    assert len(row_ids(web.get("/review/blocked", params={"from": today, "to": today}).text)) == 2
    assert row_ids(web.get("/review/blocked", params={"to": "2000-01-01"}).text) == []

    bad = web.get("/review/blocked", params={"reason": "maybe", "to": "tomorrow"})
    assert bad.status_code == 400 and 'data-code="invalid_filter"' in bad.text
    assert "reason &#39;maybe&#39; is not one of" in bad.text and "to must be a date" in bad.text


def test_the_blocked_list_pages_through_many_items(web, people, register_case, submit):
    from disclosure_guard.web.views import PAGE_SIZE

    people("rita")
    register_case()
    made = [block_one(submit)["check_id"] for _ in range(PAGE_SIZE + 1)]
    assert sign_in(web, "rita").status_code == 303
    first = web.get("/review/blocked")
    assert row_ids(first.text) == made[::-1][:PAGE_SIZE] and 'rel="next"' in first.text
    second = web.get("/review/blocked", params={"page": 2})
    assert row_ids(second.text) == [made[0]] and 'rel="prev"' in second.text


def test_blocked_items_are_for_reviewers_and_admins(web, people, register_case, submit):
    register_case()
    blocked = block_one(submit)
    people("audrey", Role.AUDITOR)
    people("ada", Role.ADMIN)
    assert web.get("/review/blocked").status_code == 303  # signed out: to the sign-in page
    assert web.get(f"/review/blocked/{blocked['check_id']}").headers["location"] == "/review/login"
    assert sign_in(web, "audrey").status_code == 303
    for path in ("/review/blocked", f"/review/blocked/{blocked['check_id']}"):
        refused = web.get(path)
        assert refused.status_code == 403 and 'data-code="forbidden_role"' in refused.text
    token = login_token(web.get("/review/audit").text)
    refused = web.post(f"/review/blocked/{blocked['check_id']}/feedback", data={"csrf_token": token, "comment": "x"})
    assert refused.status_code == 403 and 'data-code="forbidden_role"' in refused.text
    web.cookies.clear()
    assert sign_in(web, "ada").status_code == 303
    assert web.get(f"/review/blocked/{blocked['check_id']}").status_code == 200


def test_a_blocked_item_is_shown_read_only_with_its_findings_marked(web, people, runtime, register_case, submit):
    people("rita")
    register_case()
    blocked = block_one(submit, ref="LETTER-9")
    held = hold_one(submit)
    assert sign_in(web, "rita").status_code == 303
    page = web.get(f"/review/blocked/{blocked['check_id']}")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "script-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    marked = "".join(html.unescape(m) for m in re.findall(r"<mark [^>]*>([^<]*)</mark>", page.text))
    assert JANE_ADDRESS in marked
    assert 'data-code="protected_contact_to_restricted"' in page.text and "LETTER-9" in page.text
    assert '<a href="#finding-1">finding 1</a>' in page.text and 'id="finding-1"' in page.text
    # Read-only: no release or reject, only the note.
    assert "/release" not in page.text and "/reject" not in page.text and ">Release<" not in page.text
    assert f'action="/review/blocked/{blocked["check_id"]}/feedback"' in page.text
    shown = html.unescape(page.text)
    for value in register_values(a_case()):
        if value not in (JANE_ADDRESS, "Mark Doe", MARK["addresses"][0]):  # what the letter itself said
            assert value not in shown, value
    viewed = _events(runtime, AuditAction.BLOCK_VIEWED)
    assert [(e.actor_name, e.check_id) for e in viewed] == [("rita", blocked["check_id"])]
    assert json.loads(viewed[0].detail) == {"case_references": ["DA-2026-00017"]}

    for missing in ("chk_000000", held["check_id"]):  # a held item is not a blocked one
        answer = web.get(f"/review/blocked/{missing}")
        assert answer.status_code == 404 and 'data-code="blocked_not_found"' in answer.text


def test_a_hostile_blocked_letter_is_shown_as_text(web, people, register_case, submit):
    people("rita")
    register_case()
    blocked = block_one(submit, mentioning=HOSTILE)
    assert sign_in(web, "rita").status_code == 303
    page = web.get(f"/review/blocked/{blocked['check_id']}").text
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.pwned = 2&#34;&gt;" in page


def test_this_was_wrong_needs_a_comment_and_its_token_and_is_audited(web, people, runtime, register_case, submit):
    people("rita")
    register_case()
    blocked = block_one(submit)
    path = f"/review/blocked/{blocked['check_id']}"
    assert sign_in(web, "rita").status_code == 303
    token = login_token(web.get(path).text)
    note = "=HYPERLINK(\"x\") Jane moved in 2025; the register still has her old flat."

    assert web.post(f"{path}/feedback", data={"comment": note}).status_code == 403  # no form token
    refused = web.post(f"{path}/feedback", data={"comment": note, "csrf_token": "guessed"})
    assert refused.status_code == 403 and 'data-code="csrf_token_invalid"' in refused.text
    empty = web.post(f"{path}/feedback", data={"csrf_token": token, "comment": "  "})
    assert empty.status_code == 400 and 'data-code="comment_required"' in empty.text
    assert _events(runtime, AuditAction.BLOCK_FEEDBACK) == []
    missing = web.post("/review/blocked/chk_000000/feedback", data={"csrf_token": token, "comment": note})
    assert missing.status_code == 404

    sent = web.post(f"{path}/feedback", data={"csrf_token": token, "comment": note})
    assert sent.status_code == 303 and sent.headers["location"] == f"{path}?feedback=sent"
    assert 'data-code="feedback_sent"' in web.get(sent.headers["location"]).text
    [event] = _events(runtime, AuditAction.BLOCK_FEEDBACK)
    assert (event.actor_name, event.actor_role, event.check_id, event.case_reference) == (
        "rita", "reviewer", blocked["check_id"], "DA-2026-00017")
    detail = json.loads(event.detail)
    assert detail["case_references"] == ["DA-2026-00017"]
    assert set(detail["reason_codes"]) == {r["code"] for r in blocked["reasons"]}
    # The note is a person's free text: sealed in the trail, never in clear.
    assert "Jane moved" not in event.detail and "comment_sealed" in detail
    with runtime.session_factory() as session:  # the sealed note is part of the chained event
        assert verify_chain(session, {}).intact
