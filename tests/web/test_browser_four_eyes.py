"""Four-eyes in a real browser: Debian's Chromium, headless, against the real server with
DG_FOUR_EYES on, on each database. Two reviewers in two browser profiles: the first releases and
sees the item awaiting a second reviewer, her older tab's release is refused, and the second,
with the keyboard, completes the release."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.test_holds import hold_one
from tests.web.test_browser import _screenshots, _sign_in


@pytest.fixture
def second_page(browser) -> Iterator[object]:  # noqa: ANN001
    """Another reviewer's browser profile: no cookie shared with `page`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_two_reviewers_release_an_item_under_four_eyes(page, second_page, four_eyes_url, people, register_case,
                                                       submit):
    people("rita")
    people("sam")
    register_case()
    held = hold_one(submit)
    rita, sam = page, second_page

    _sign_in(rita, four_eyes_url, "rita")
    rita.locator(f"tr[data-check-id={held['check_id']}] a").click()
    older_tab = rita.context.new_page()
    older_tab.goto(rita.url)
    assert "a different reviewer must release it too" in rita.get_by_label("Why it may be sent").evaluate(
        "box => document.getElementById(box.getAttribute('aria-describedby')).textContent")
    rita.get_by_label("Why it may be sent").fill("Consent on file.")
    rita.get_by_role("button", name="Release").click()

    status = rita.locator("dd[data-status]")
    assert status.inner_text() == "Awaiting a second reviewer" and status.get_attribute("data-status") == "pending"
    assert "rita released this item" in rita.get_by_role("status").inner_text()
    assert rita.get_by_role("button", name="Release").count() == 0  # only Reject is left to her
    assert rita.get_by_role("button", name="Reject").is_visible()
    rita.screenshot(path=str(_screenshots() / "item-awaiting-second-reviewer.png"), full_page=True)

    older_tab.get_by_label("Why it may be sent").fill("Really, it is fine.")
    older_tab.get_by_role("button", name="Release").click()
    alert = older_tab.get_by_role("alert")
    assert alert.get_attribute("data-code") == "second_reviewer_required"
    assert "a different reviewer must release it too" in alert.inner_text()

    _sign_in(sam, four_eyes_url, "sam")
    row = sam.locator(f"tr[data-check-id={held['check_id']}]")
    assert "Awaiting a second reviewer" in row.inner_text()
    row.locator("a").click()
    assert "Awaiting a second reviewer: rita released this item" in sam.inner_text("body")
    assert "Consent on file." in sam.inner_text("body")
    # The keyboard alone: from the comment box, Tab reaches Release and Enter presses it.
    sam.get_by_label("Why it may be sent").fill("Agreed: the letter may go.")
    sam.keyboard.press("Tab")
    assert sam.evaluate("() => document.activeElement.textContent") == "Release"
    sam.keyboard.press("Enter")
    sam.wait_for_url(f"**/review/holds/{held['check_id']}")
    status = sam.locator("dd[data-status]")
    status.wait_for()
    assert status.inner_text() == "Released by sam" and status.get_attribute("data-status") == "released"
    assert sam.locator("dd[data-approved-by]").inner_text().startswith("by rita, ")
    assert sam.locator("textarea").count() == 0

    rita.reload()
    assert rita.locator("dd[data-status]").inner_text() == "Released by sam"
