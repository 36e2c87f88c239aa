"""The blocked items and the audit trail in a real browser (Debian's Chromium, headless, against
the real server on each database): a reviewer opens a blocked item and says it was wrong; an
auditor filters the trail and downloads it as CSV; and the pages by keyboard alone, Tab by Tab,
with the focus always visible."""

from __future__ import annotations

import csv
import io

from disclosure_guard.access.roles import Role
from tests.api.test_holds import hold_one
from tests.builders import a_case, register_values
from tests.web.test_blocked_pages import HOSTILE, block_one
from tests.web.test_browser import _screenshots, _sign_in

FOCUSED = """() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), id: e.id, text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
          name: e.getAttribute('name'), outline: s.outlineStyle, shadow: s.boxShadow,
          onScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth}; }"""


def _tab(page) -> dict:  # noqa: ANN001
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["onScreen"] and (focused["outline"] != "none" or focused["shadow"] != "none"), focused
    return focused


def test_a_reviewer_opens_a_blocked_item_and_says_it_was_wrong(page, server_url, people, runtime, register_case,
                                                             submit):
    people("rita")
    register_case()
    blocked = block_one(submit, mentioning=HOSTILE)
    hold_one(submit)
    _sign_in(page, server_url, "rita")
    page.get_by_role("link", name="Blocked items").click()
    assert page.url.endswith("/review/blocked")
    assert page.locator("tr[data-check-id]").count() == 1
    page.screenshot(path=str(_screenshots() / "blocked.png"), full_page=True)

    page.locator(f"tr[data-check-id={blocked['check_id']}] a").click()
    assert page.get_by_role("heading", name="Why it was blocked").is_visible()
    assert page.locator("pre.part mark").count() >= 1
    # Read-only: nothing to release or reject; the letter's markup is text, never run.
    assert page.get_by_role("button", name="Release").count() == 0 and page.get_by_role("button", name="Reject").count() == 0
    assert "<script>window.pwned = 1</script>" in page.locator("pre.part").first.inner_text()
    assert page.evaluate("() => window.pwned") is None and page.locator("img").count() == 0
    text = page.inner_text("body")
    said = page.locator("pre.part").first.inner_text() + page.locator("table.recipients").inner_text()
    assert [v for v in register_values(a_case()) if v in text and v not in said] == []  # only what the letter said

    page.get_by_role("button", name="This was wrong").click()  # no note: the browser asks for one
    assert page.url.endswith(blocked["check_id"])
    page.get_by_label("What was wrong").fill("The register still has her old flat; she moved in 2025.")
    page.screenshot(path=str(_screenshots() / "blocked-item.png"), full_page=True)
    page.get_by_role("button", name="This was wrong").click()
    assert page.get_by_role("status").filter(has_text="your note is in the audit trail").is_visible()
    assert page.url.endswith("?feedback=sent")


def test_an_auditor_filters_the_trail_and_downloads_it_as_csv(page, server_url, people, runtime, register_case,
                                                            submit):
    people("rita")
    people("audrey", Role.AUDITOR)
    register_case()
    blocked = block_one(submit)
    _sign_in(page, server_url, "rita")
    page.goto(f"{server_url}/review/blocked/{blocked['check_id']}")
    page.get_by_label("What was wrong").fill("=1+1 the address is out of date")
    page.get_by_role("button", name="This was wrong").click()
    page.get_by_role("button", name="Sign out").click()

    _sign_in(page, server_url, "audrey")
    assert page.url.endswith("/review/audit")  # an auditor's sign-in leads to the trail, not the queue
    assert page.get_by_role("heading", name="Audit trail").is_visible()
    page.get_by_label("Action").select_option("block.feedback")
    page.get_by_label("Actor").fill("rita")
    page.get_by_role("button", name="Filter").click()
    assert "action=block.feedback" in page.url and "actor=rita" in page.url
    rows = page.locator("tr[data-event-id]")
    assert rows.count() == 1 and "=1+1 the address is out of date" in rows.first.inner_text()
    page.screenshot(path=str(_screenshots() / "audit.png"), full_page=True)

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download it as CSV").click()
    download = waiting.value
    assert download.suggested_filename.startswith("audit-trail-") and download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as exported:
        [row] = list(csv.DictReader(io.StringIO(exported.read())))
    assert row["action"] == "block.feedback" and row["actor"] == "rita" and row["check_id"] == blocked["check_id"]
    assert row["comment"] == "'=1+1 the address is out of date"  # a formula, defused

    page.get_by_label("Action").select_option("")
    page.get_by_label("Check id").fill(blocked["check_id"])
    page.get_by_role("button", name="Filter").click()
    actions = page.locator("tr[data-event-id]").evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert actions == ["block.viewed", "block.feedback", "block.viewed"]  # rita's on that check, newest first


def _tab_through(page, wanted: set[str], limit: int = 40) -> list[dict]:  # noqa: ANN001
    """Tab until every control named in `wanted` (by name, or by text for links and buttons) has
    had the focus, each one visibly; fails if the focus runs off the page first."""
    reached: list[dict] = []
    while not wanted <= {f["name"] or f["text"] for f in reached}:
        assert len(reached) < limit, (wanted, reached)
        reached.append(_tab(page))
        assert reached[-1]["tag"] != "body", (wanted, reached)
    return reached


def test_the_pages_work_by_keyboard_with_visible_focus(page, server_url, people, register_case, submit):
    people("ada", Role.ADMIN)
    register_case()
    hold_one(submit)
    block_one(submit)
    _sign_in(page, server_url, "ada")
    assert page.url.endswith("/review/")
    page.goto(f"{server_url}/review/")  # a page loaded afresh: the focus starts at its top

    skip = _tab(page)  # the first Tab lands on the skip link, shown on screen
    assert skip["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    _tab_through(page, {"status", "reason", "case", "channel", "from", "to", "Filter", "Clear filters"})

    page.goto(f"{server_url}/review/")
    seen = [_tab(page) for _ in range(5)]
    assert [f["text"] for f in seen] == ["Skip to content", "Hold queue", "Blocked items", "Audit trail", "Sign out"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back to "Blocked items"
    assert page.evaluate(FOCUSED)["text"] == "Blocked items"
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/blocked")
    _tab_through(page, {"reason", "case", "channel", "from", "to", "Filter"})
    # On to the first blocked item, and its note, by keyboard alone.
    while page.evaluate("() => document.activeElement.closest('tr') === null"):
        _tab(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/blocked/chk_*")
    _tab_through(page, {"comment", "This was wrong"})

    page.goto(f"{server_url}/review/audit")
    _tab_through(page, {"action", "actor", "case", "check", "from", "to", "Filter"})
