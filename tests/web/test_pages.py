"""The reviewer pages over plain HTTP, on both databases: who gets in, the security headers on
every page, the form tokens, the lock-out, the session cookie's flags and the queue's filters."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy import select

from disclosure_guard.access.roles import Role
from disclosure_guard.api.app import create_app
from disclosure_guard.audit.trail import AuditAction
from disclosure_guard.db.tables import AuditEventRow
from tests.api.test_holds import hold_one
from tests.builders import JANE, a_case, register_values
from tests.conftest import serving
from tests.web.conftest import PASSWORD, login_token, sign_in


def _headers_are_safe(answer: httpx.Response) -> None:
    policy = answer.headers["content-security-policy"]
    assert "script-src 'none'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"


def _way_back(refused: httpx.Response) -> tuple[str, str]:
    """The refused page's link back: (href, words)."""
    [(href, words)] = re.findall(r'<main[^>]*>.*<a href="([^"]*)">([^<]*)</a>', refused.text, re.S)
    return href, words


def test_signed_out_the_queue_sends_you_to_sign_in(web, people):
    for path in ("/review/", "/review"):
        answer = web.get(path)
        assert answer.status_code == 303
    assert web.get("/review/").headers["location"] == "/review/login"
    form = web.get("/review/login")
    assert form.status_code == 200 and '<label for="username">' in form.text and '<label for="password">' in form.text
    _headers_are_safe(form)
    _headers_are_safe(web.get("/review/"))


def test_sign_in_sets_a_strict_httponly_cookie_and_sign_out_ends_the_session(web, people, runtime):
    people("rita")
    signed_in = sign_in(web, "rita")
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/review/"
    cookie = next(c for c in signed_in.headers.get_list("set-cookie") if c.startswith("dg_review_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict") and "Path=/review" in cookie
    assert "Secure" not in cookie  # plain HTTP here; see the HTTPS test below
    queue = web.get("/review/")
    assert queue.status_code == 200 and "Signed in as <strong>rita</strong>" in queue.text
    _headers_are_safe(queue)
    stolen = dict(web.cookies)

    out = web.post("/review/logout", data={"csrf_token": login_token(queue.text)})
    assert out.status_code == 303 and out.headers["location"] == "/review/login?signed_out=true"
    assert web.get("/review/").status_code == 303
    # A copy of the cookie taken before sign-out signs no one in after it.
    with httpx.Client(base_url=str(web.base_url), cookies=stolen, follow_redirects=False) as thief:
        assert thief.get("/review/").status_code == 303
    with runtime.session_factory() as session:
        actions = session.scalars(select(AuditEventRow.action).order_by(AuditEventRow.id)).all()
    assert actions[-2:] == [AuditAction.USER_SIGNED_IN, AuditAction.USER_SIGNED_OUT]


def test_a_form_posted_without_its_token_is_refused(web, people):
    people("rita")
    web.get("/review/login")
    refused = web.post("/review/login", data={"username": "rita", "password": PASSWORD})
    assert refused.status_code == 403 and 'data-code="csrf_token_invalid"' in refused.text
    assert _way_back(refused) == ("/review/login", "Back to the sign-in page")  # no one is signed in
    _headers_are_safe(refused)
    # A token from another browser's form is no better: it must match this browser's cookie.
    with httpx.Client(base_url=str(web.base_url)) as other:
        foreign = login_token(other.get("/review/login").text)
    refused = web.post("/review/login", data={"username": "rita", "password": PASSWORD, "csrf_token": foreign})
    assert refused.status_code == 403

    assert sign_in(web, "rita").status_code == 303
    assert web.post("/review/logout").status_code == 403
    refused = web.post("/review/logout", data={"csrf_token": "guessed"})
    assert refused.status_code == 403 and _way_back(refused) == ("/review/", "Back to the hold queue")
    assert web.get("/review/").status_code == 200  # still signed in


def test_repeated_failures_lock_the_account(web, people, runtime):
    people("rita")
    failures = runtime.settings.review_lockout_failures
    for _ in range(failures - 1):
        wrong = sign_in(web, "rita", "not the password at all")
        assert wrong.status_code == 401 and 'data-code="invalid_credentials"' in wrong.text
    locked = sign_in(web, "rita", "not the password at all")
    assert locked.status_code == 401 and 'data-code="account_locked"' in locked.text
    # Now even the right password is refused, until the lock runs out or the password is reset.
    right = sign_in(web, "rita")
    assert right.status_code == 401 and 'data-code="account_locked"' in right.text
    unknown = sign_in(web, "nobody")
    assert unknown.status_code == 401 and 'data-code="invalid_credentials"' in unknown.text
    with runtime.session_factory() as session:
        assert session.scalar(select(AuditEventRow.action).where(
            AuditEventRow.action == AuditAction.USER_LOCKED_OUT)) is not None


def test_the_queue_is_for_reviewers_and_admins(web, people):
    people("audrey", Role.AUDITOR)
    people("ada", Role.ADMIN)
    assert sign_in(web, "audrey").status_code == 303
    refused = web.get("/review/")
    assert refused.status_code == 403 and 'data-code="forbidden_role"' in refused.text
    # The way back is to the page an auditor lands on, not to the queue that refused her.
    assert _way_back(refused) == ("/review/audit", "Back to the audit trail")
    assert _way_back(web.get("/review/holds/no-such-check")) == ("/review/audit", "Back to the audit trail")
    web.cookies.clear()
    assert sign_in(web, "ada").status_code == 303
    assert web.get("/review/").status_code == 200
    refused = web.get("/review/holds/no-such-check")
    assert refused.status_code == 404 and _way_back(refused) == ("/review/", "Back to the hold queue")


def test_the_cookie_is_secure_behind_https(session_runtime, runtime, people):
    people("rita")
    app = create_app(runtime=session_runtime)
    with serving(app, proxy_headers=True, forwarded_allow_ips="127.0.0.1") as url, \
            httpx.Client(base_url=url, headers={"X-Forwarded-Proto": "https"}, follow_redirects=False) as client:
        form = client.get("/review/login")
        token = form.cookies["dg_review_login"]
        # The cookie is Secure, so the client (speaking plain HTTP to the proxy's side) is given it by hand.
        client.cookies.set("dg_review_login", token)
        answer = client.post("/review/login", data={"username": "rita", "password": PASSWORD, "csrf_token": token})
        cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("dg_review_session="))
    assert answer.status_code == 303 and "Secure" in cookie


def test_the_idle_timeout_signs_you_out(session_runtime, runtime, people):
    import time

    people("rita")
    hasty = dataclasses.replace(session_runtime, settings=session_runtime.settings.model_copy(
        update={"review_idle_timeout_seconds": 1.0}))
    with serving(create_app(runtime=hasty)) as url, httpx.Client(base_url=url, follow_redirects=False) as client:
        assert sign_in(client, "rita").status_code == 303
        assert client.get("/review/").status_code == 200
        time.sleep(1.3)
        expired = client.get("/review/")
        assert expired.status_code == 303 and expired.headers["location"] == "/review/login?expired=true"
        notice = client.get(expired.headers["location"])
        assert "signed out after a time without activity" in notice.text


def test_the_queue_filters_and_counts(web, people, register_case, submit):
    people("rita")
    register_case(a_case(), a_case("DA-OTHER", protected={"names": ["Anna Nowak"],
                                                          "addresses": ["2 Mill Lane, York YO1 1AA"]}))
    first, second = hold_one(submit), hold_one(submit)
    other = submit({**hold_letter("Anna lives at 2 Mill Lane, York YO1 1AA.")})
    assert sign_in(web, "rita").status_code == 303

    everything = web.get("/review/")
    assert row_ids(everything.text) == [other["check_id"], second["check_id"], first["check_id"]]
    assert re.search(r'data-status="pending">Waiting for review: <strong>3</strong>', everything.text)
    for value in register_values(a_case()):
        assert value not in everything.text  # the queue shows facts about items, never the register
    by_case = web.get("/review/", params={"case": "DA-OTHER"})
    assert row_ids(by_case.text) == [other["check_id"]]
    assert row_ids(web.get("/review/", params={"channel": "email"}).text) == []
    assert len(row_ids(web.get("/review/", params={"status": "pending", "reason": "protected_contact_disclosed",
                                                    "channel": "letter"}).text)) == 3
    today = everything.text.split('datetime="')[1][:10]
    assert len(row_ids(web.get("/review/", params={"from": today, "to": today}).text)) == 3
    assert row_ids(web.get("/review/", params={"to": "2000-01-01"}).text) == []

    bad = web.get("/review/", params={"status": "maybe", "from": "yesterday"})
    assert bad.status_code == 400 and 'data-code="invalid_filter"' in bad.text
    assert "status &#39;maybe&#39; is not one of" in bad.text and "from must be a date" in bad.text


def hold_letter(mentioning: str) -> dict:
    from tests.builders import a_letter, a_recipient

    return a_letter(to=a_recipient("Sam Brown"), mentioning=mentioning)


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-check-id="([^"]+)"', html)


def test_the_queue_pages_through_many_items(web, people, runtime, register_case, submit):
    from disclosure_guard.web.views import PAGE_SIZE

    people("rita")
    register_case()
    made = [hold_one(submit)["check_id"] for _ in range(PAGE_SIZE + 1)]
    assert sign_in(web, "rita").status_code == 303
    first = web.get("/review/")
    assert row_ids(first.text) == made[::-1][:PAGE_SIZE] and 'rel="next"' in first.text
    second = web.get("/review/", params={"page": 2})
    assert row_ids(second.text) == [made[0]] and 'rel="prev"' in second.text
    assert JANE["names"][0] not in first.text + second.text
    # The next page's link keeps every filter, in the names the form sends them by.
    today = datetime.now(UTC).date().isoformat()
    filtered = web.get("/review/", params={"case": "DA-2026-00017", "from": today, "to": today})
    next_href = html.unescape(re.search(r'<a href="([^"]+)" rel="next"', filtered.text)[1])
    assert parse_qs(urlsplit(next_href).query) == {
        "case": ["DA-2026-00017"], "from": [today], "to": [today], "page": ["2"]}
    assert row_ids(web.get(next_href).text) == [made[0]]
