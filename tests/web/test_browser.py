"""The reviewer pages in a real browser: Debian's Chromium, headless, against the real server on
each database. What a reviewer does with a keyboard and a mouse: sign in, filter the queue, sign
out; and what the pages must withstand: repeated wrong passwords, a form without its token, an
idle session, and markup typed where text belongs."""

from __future__ import annotations

import dataclasses
import time

from disclosure_guard.api.app import create_app
from tests.api.test_holds import hold_one
from tests.builders import a_case, a_letter, a_recipient, register_values
from tests.conftest import serving
from tests.web.conftest import PASSWORD

HOSTILE = '"><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'


def _sign_in(page, base_url: str, name: str, password: str = PASSWORD) -> None:  # noqa: ANN001
    page.goto(f"{base_url}/review/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _rows(page) -> list[str]:  # noqa: ANN001
    return page.locator("tr[data-check-id]").evaluate_all("rows => rows.map(r => r.dataset.checkId)")


def test_a_reviewer_signs_in_filters_the_queue_and_signs_out(page, server_url, people, register_case, submit):
    people("rita")
    register_case(a_case(), a_case("DA-OTHER", protected={"names": ["Anna Nowak"],
                                                          "addresses": ["2 Mill Lane, York YO1 1AA"]}))
    first, second = hold_one(submit), hold_one(submit)
    other = submit(a_letter(to=a_recipient("Sam Brown"), mentioning="Anna lives at 2 Mill Lane, York YO1 1AA."))

    page.goto(f"{server_url}/review/")
    assert page.url.endswith("/review/login")
    # Keyboard first: the user name field takes focus, and focus is visible.
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.id, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused[1] != "none"
    _sign_in(page, server_url, "rita")
    assert page.url.endswith("/review/")
    assert page.get_by_role("heading", name="Held items").is_visible()
    assert _rows(page) == [other["check_id"], second["check_id"], first["check_id"]]
    text = page.inner_text("body")
    assert "Waiting for review: 3" in text and "Signed in as rita" in text
    assert not any(value in text for value in register_values(a_case()))
    page.screenshot(path=str(_screenshots() / "queue.png"), full_page=True)

    page.get_by_label("Case reference").fill("DA-OTHER")
    page.get_by_role("button", name="Filter").click()
    assert _rows(page) == [other["check_id"]] and "case=DA-OTHER" in page.url
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Channel").select_option("email")
    page.get_by_role("button", name="Filter").click()
    assert _rows(page) == [] and page.get_by_text("No held items match these filters.").is_visible()
    page.get_by_label("Channel").select_option("letter")
    page.get_by_label("Status", exact=True).select_option("pending")
    page.get_by_role("button", name="Filter").click()
    assert len(_rows(page)) == 3

    page.get_by_role("button", name="Sign out").click()
    assert page.url.endswith("/review/login?signed_out=true")
    assert page.get_by_text("You are signed out.").is_visible()
    page.goto(f"{server_url}/review/")
    assert page.url.endswith("/review/login")


def test_repeated_wrong_passwords_lock_the_account(page, server_url, people, runtime):
    people("rita")
    for _ in range(runtime.settings.review_lockout_failures):
        _sign_in(page, server_url, "rita", "not the password at all")
    _sign_in(page, server_url, "rita")
    alert = page.get_by_role("alert")
    assert "locked" in alert.inner_text() and alert.get_attribute("data-code") == "account_locked"
    assert page.url.endswith("/review/login")


def test_a_form_without_its_token_is_refused(page, server_url, people):
    people("rita")
    _sign_in(page, server_url, "rita")
    page.locator("form.account input[name=csrf_token]").evaluate("input => input.remove()")
    page.get_by_role("button", name="Sign out").click()
    alert = page.get_by_role("alert")
    assert alert.get_attribute("data-code") == "csrf_token_invalid"
    page.goto(f"{server_url}/review/")  # still signed in: the refused post did nothing
    assert page.get_by_text("Signed in as rita").is_visible()


def test_an_idle_session_is_signed_out(page, session_runtime, runtime, people):
    people("rita")
    hasty = dataclasses.replace(session_runtime, settings=session_runtime.settings.model_copy(
        update={"review_idle_timeout_seconds": 1.5}))
    with serving(create_app(runtime=hasty)) as url:
        _sign_in(page, url, "rita")
        assert page.url.endswith("/review/")
        time.sleep(2)
        page.reload()
        assert page.url.endswith("/review/login?expired=true")
        assert page.get_by_text("signed out after a time without activity").is_visible()


def test_markup_typed_into_the_pages_is_shown_as_text(page, server_url, people):
    people("rita")
    _sign_in(page, server_url, "rita-x", HOSTILE + "!")  # a failed sign-in shows the name typed back
    page.get_by_label("User name").fill(HOSTILE)
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_label("User name").input_value() == HOSTILE
    assert page.evaluate("() => window.pwned") is None and page.locator("img[src=x]").count() == 0

    _sign_in(page, server_url, "rita")
    page.get_by_label("Case reference").fill(HOSTILE[:100])
    page.get_by_role("button", name="Filter").click()
    assert page.get_by_label("Case reference").input_value() == HOSTILE[:100]
    assert page.evaluate("() => window.pwned") is None and page.locator("img[src=x]").count() == 0


def test_an_item_shows_its_findings_in_place_and_is_released_with_a_comment(page, server_url, people,
                                                                          register_case, submit):
    people("rita")
    register_case()
    held, other = hold_one(submit), hold_one(submit)
    _sign_in(page, server_url, "rita")
    page.locator(f"tr[data-check-id={held['check_id']}] a").click()
    assert page.get_by_role("heading", name="Why it was held").is_visible()
    # Each <mark> starts at its finding's offset in the part it marks.
    marks = page.evaluate("""() => [...document.querySelectorAll('pre.part mark')].map(mark => {
        const range = document.createRange();
        range.setStart(mark.parentNode, 0); range.setEndBefore(mark);
        return [range.toString().length, mark.textContent]; })""")
    body_findings = [(f["start"], f["text"]) for f in held["findings"] if f["part"] == "body"]
    assert body_findings
    for start, text in body_findings:  # overlapping findings cut each other's marks: a prefix starts there
        assert any(offset == start and text.startswith(marked) for offset, marked in marks), (start, text, marks)
    page.screenshot(path=str(_screenshots() / "item.png"), full_page=True)

    # A second tab decides first; this one's release is then refused, not applied twice.
    second = page.context.new_page()
    second.goto(page.url)
    second.get_by_label("Why it must not be sent").fill("Wrong recipient.")
    second.get_by_role("button", name="Reject").click()
    assert "Rejected by rita" in second.inner_text("body")
    page.get_by_label("Why it may be sent").fill("Consent on file.")
    page.get_by_role("button", name="Release").click()
    assert page.get_by_role("alert").get_attribute("data-code") == "hold_already_decided"

    page.goto(f"{server_url}/review/holds/{other['check_id']}")
    page.get_by_role("button", name="Release").click()  # no comment: the browser asks for one
    assert page.url.endswith(other["check_id"])
    page.get_by_label("Why it may be sent").fill("Consent on file.")
    page.get_by_role("button", name="Release").click()
    assert "Released by rita" in page.inner_text("body") and "Consent on file." in page.inner_text("body")


def test_a_hostile_letter_is_shown_as_text(page, server_url, people, register_case, submit):
    people("rita")
    register_case()
    hostile = submit(a_letter(to=a_recipient("Sam Brown"), mentioning=(
        "The address is Flat 3, 12 Elm Road, Leeds LS6 2AB. <script>window.pwned = 1</script>"
        '<img src=x onerror="window.pwned = 2">')))
    assert hostile["decision"] == "hold"
    _sign_in(page, server_url, "rita")
    page.goto(f"{server_url}/review/holds/{hostile['check_id']}")
    body = page.locator("pre.part").first.inner_text()
    assert "<script>window.pwned = 1</script>" in body and '<img src=x onerror="window.pwned = 2">' in body
    assert page.evaluate("() => window.pwned") is None and page.locator("img").count() == 0


def _screenshots():  # noqa: ANN202
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
