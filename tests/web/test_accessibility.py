"""Accessibility of every reviewer page over plain HTTP, the HTML parsed: a label for every
control, a skip link to the main landmark, header and nav landmarks, tables with a caption and
scoped headers, ids unique and every aria reference pointing at one. (Keyboard use and visible
focus are checked in a real browser: tests/web/test_browser_audit.py.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx

from disclosure_guard.access.roles import Role
from tests.api.test_holds import hold_one
from tests.web.conftest import sign_in
from tests.web.test_blocked_pages import block_one

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    inside: tuple[str, ...] = ()


@dataclass
class Page(HTMLParser):
    elements: list[Element] = field(default_factory=list)
    _open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, inside=tuple(e.tag for e in self._open))
        if tag == "caption":
            next(e for e in reversed(self._open) if e.tag == "table").attrs["has-caption"] = "yes"
        self.elements.append(element)
        if tag not in {"input", "meta", "link", "br", "img", "hr"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def all(self, *tags: str) -> list[Element]:
        return [e for e in self.elements if e.tag in tags]


def parsed(answer: httpx.Response) -> Page:
    assert answer.status_code in (200, 400, 401), answer.status_code
    page = Page()
    page.feed(answer.text)
    return page


def assert_accessible(answer: httpx.Response, signed_in: bool = True) -> Page:
    page = parsed(answer)
    where = str(answer.url)
    assert page.all("html")[0].attrs.get("lang"), where
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids)), (where, sorted(i for i in ids if ids.count(i) > 1))

    labels = {e.attrs["for"]: e.text.strip() for e in page.all("label") if e.attrs.get("for")}
    controls = [e for e in page.all("input", "select", "textarea")
                if e.attrs.get("type", "text") not in UNLABELLED_TYPES]
    assert controls, where
    for control in controls:
        named = labels.get(control.attrs.get("id", "")) or control.attrs.get("aria-label") or "label" in control.inside
        assert named, (where, control.tag, control.attrs)
    for element in page.elements:  # every aria reference points at an element of this page
        for attr in ("aria-describedby", "aria-labelledby"):
            for ref in element.attrs.get(attr, "").split():
                assert ref in ids, (where, attr, ref)
    for label in labels:
        assert label in ids, (where, "a label for nothing", label)

    links = page.all("a")
    assert links[0].attrs["href"] == "#main" and "skip" in links[0].text.lower(), where  # first thing to Tab to
    [main] = page.all("main")
    assert main.attrs["id"] == "main", where
    assert len(page.all("header")) == 1 and page.all("h1"), where
    if signed_in:
        navs = page.all("nav")
        assert navs and all(n.attrs.get("aria-label") for n in navs), where
        assert len({n.attrs["aria-label"] for n in navs}) == len(navs), where  # landmarks told apart
    for table in page.all("table"):
        assert table.attrs.get("has-caption"), (where, table.attrs)
    for th in page.all("th"):
        assert th.attrs.get("scope") in ("col", "row"), (where, th.text)
    return page


def test_the_sign_in_page_is_accessible(web, people):
    people("rita")
    assert_accessible(web.get("/review/login"), signed_in=False)
    refused = sign_in(web, "rita", "not the password at all")
    page = assert_accessible(refused, signed_in=False)
    username = next(e for e in page.all("input") if e.attrs.get("id") == "username")
    assert username.attrs.get("aria-invalid") == "true" and username.attrs.get("aria-describedby") == "sign-in-error"


def test_the_reviewer_pages_are_accessible(web, people, register_case, submit):
    people("rita")
    register_case()
    held, blocked = hold_one(submit), block_one(submit)
    assert sign_in(web, "rita").status_code == 303
    for path in ("/review/", "/review/?status=maybe", f"/review/holds/{held['check_id']}", "/review/blocked",
                 f"/review/blocked/{blocked['check_id']}"):
        assert_accessible(web.get(path))
    queue = assert_accessible(web.get("/review/"))
    current = [a for a in queue.all("a") if a.attrs.get("aria-current") == "page"]
    assert [a.text for a in current] == ["Hold queue"]


def test_the_audit_trail_page_is_accessible(web, people):
    people("audrey", Role.AUDITOR)
    assert sign_in(web, "audrey").status_code == 303
    for path in ("/review/audit", "/review/audit?action=nothing"):
        page = assert_accessible(web.get(path))
    filters = {e.attrs["name"] for e in page.all("input", "select") if e.attrs.get("type") != "hidden"}
    assert filters == {"action", "actor", "case", "check", "from", "to"}
