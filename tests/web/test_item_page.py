"""The item page over plain HTTP, on both databases: findings marked at their offsets, never a
register value the letter did not contain, opening it audited, and release and reject from the
page with a required comment, once; under four-eyes, a release by two different reviewers."""

from __future__ import annotations

import html
import re

import httpx
from sqlalchemy import select

from disclosure_guard.audit.trail import AuditAction
from disclosure_guard.db.tables import AuditEventRow
from tests.api.test_holds import JANE_ADDRESS, hold_one
from tests.builders import a_case, register_values
from tests.web.conftest import login_token, sign_in


def test_the_item_page_marks_each_finding_where_it_stands(web, people, runtime, register_case, submit):
    people("rita")
    register_case()
    held = hold_one(submit, ref="LETTER-1")
    assert sign_in(web, "rita").status_code == 303
    page = web.get(f"/review/holds/{held['check_id']}")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "script-src 'none'" in page.headers["content-security-policy"]
    marked = [html.unescape(m) for m in re.findall(r"<mark [^>]*>([^<]*)</mark>", page.text)]
    assert JANE_ADDRESS in marked or JANE_ADDRESS in "".join(marked)
    body = next(p for p in held["findings"] if p["part"] == "body")
    assert f'<a href="#finding-1">finding 1</a>' in page.text and 'id="finding-1"' in page.text
    assert body["text"] in html.unescape(page.text) and "LETTER-1" in page.text
    letter_text = html.unescape(page.text)
    for value in register_values(a_case()):
        if value != JANE_ADDRESS:
            assert value not in letter_text, value  # only what the letter itself said
    with runtime.session_factory() as session:
        viewed = session.scalars(select(AuditEventRow).where(AuditEventRow.action == AuditAction.HOLD_VIEWED)).one()
    assert viewed.actor_name == "rita" and viewed.check_id == held["check_id"]


def test_release_and_reject_from_the_page_need_a_comment_and_happen_once(web, people, register_case, submit):
    people("rita")
    register_case()
    released, rejected = hold_one(submit), hold_one(submit)
    assert sign_in(web, "rita").status_code == 303
    token = login_token(web.get(f"/review/holds/{released['check_id']}").text)
    path = f"/review/holds/{released['check_id']}"

    empty = web.post(f"{path}/release", data={"csrf_token": token, "comment": "   "})
    assert empty.status_code == 400 and 'data-code="comment_required"' in empty.text
    assert web.post(f"{path}/release", data={"comment": "fine"}).status_code == 403  # no form token
    done = web.post(f"{path}/release", data={"csrf_token": token, "comment": "Consent on file."})
    assert done.status_code == 303 and done.headers["location"] == path
    shown = web.get(path).text
    assert 'data-status="released">Released by rita' in shown and "Consent on file." in shown
    assert "<textarea" not in shown  # decided: no forms left
    again = web.post(f"{path}/reject", data={"csrf_token": token, "comment": "changed my mind"})
    assert again.status_code == 409 and 'data-code="hold_already_decided"' in again.text

    assert web.post(f"/review/holds/{rejected['check_id']}/reject",
                    data={"csrf_token": token, "comment": "Wrong recipient."}).status_code == 303
    assert "Rejected by rita" in web.get(f"/review/holds/{rejected['check_id']}").text
    missing = web.get("/review/holds/chk_000000")
    assert missing.status_code == 404 and 'data-code="hold_not_found"' in missing.text


def test_four_eyes_the_first_release_waits_for_a_different_reviewer(four_eyes_url, people, register_case, submit):
    people("rita")
    people("sam")
    register_case()
    held = hold_one(submit)
    path = f"/review/holds/{held['check_id']}"
    with httpx.Client(base_url=four_eyes_url, timeout=60) as rita, \
            httpx.Client(base_url=four_eyes_url, timeout=60) as sam:
        assert sign_in(rita, "rita").status_code == 303 and sign_in(sam, "sam").status_code == 303
        before = rita.get(path).text
        assert 'id="release-hint"' in before  # the page says a second release will be needed
        token = login_token(before)
        first = rita.post(f"{path}/release", data={"csrf_token": token, "comment": "Consent on file."})
        assert first.status_code == 303 and first.headers["location"] == path

        shown = rita.get(path).text
        assert 'data-awaiting="second_reviewer">Awaiting a second reviewer' in shown
        assert 'data-code="awaiting_second_reviewer"' in shown and 'data-code="second_reviewer_required"' in shown
        assert f'action="{path}/release"' not in shown and f'action="{path}/reject"' in shown
        assert "Consent on file." in shown
        row = re.search(rf'<tr data-check-id="{held["check_id"]}".*?</tr>', rita.get("/review/").text, re.S)
        assert row and "Awaiting a second reviewer" in row.group(0)

        again = rita.post(f"{path}/release", data={"csrf_token": token, "comment": "Really."})  # an older tab
        assert again.status_code == 409 and 'data-code="second_reviewer_required"' in again.text
        assert "a different reviewer must release it too" in again.text

        theirs = sam.get(path).text
        assert f'action="{path}/release"' in theirs and "First release</dt><dd" in theirs
        assert 'data-code="second_reviewer_required"' not in theirs
        done = sam.post(f"{path}/release", data={"csrf_token": login_token(theirs), "comment": "Agreed."})
        assert done.status_code == 303
        final = sam.get(path).text
        assert 'data-status="released">Released by sam' in final and 'data-approved-by="rita"' in final
        assert "<textarea" not in final


def test_four_eyes_a_reject_from_the_page_needs_one_reviewer(four_eyes_url, people, register_case, submit):
    people("rita")
    register_case()
    held = hold_one(submit)
    path = f"/review/holds/{held['check_id']}"
    with httpx.Client(base_url=four_eyes_url, timeout=60) as rita:
        sign_in(rita, "rita")
        token = login_token(rita.get(path).text)
        assert rita.post(f"{path}/reject", data={"csrf_token": token, "comment": "Wrong recipient."}).status_code == 303
        assert 'data-status="rejected">Rejected by rita' in rita.get(path).text
