"""The reviewer pages: people (users) made through the service, a signed-in HTTP client, and one
real Chromium for the session (Debian's, headless, driven by Playwright). Without Chromium the
browser tests fail, never skip."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import delete

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.access.users import create_user
from disclosure_guard.api.app import create_app
from disclosure_guard.db.tables import UserRow, WebSessionRow
from disclosure_guard.runtime import Runtime
from tests.conftest import serving

PASSWORD = "correct horse battery staple"
CHROMIUM = os.environ.get("DG_TEST_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def people(runtime: Runtime) -> Callable[..., str]:
    """make(name, role) creates a user with PASSWORD; the users and sessions of earlier tests are gone."""
    with runtime.session_factory() as session, session.begin():
        session.execute(delete(WebSessionRow))
        session.execute(delete(UserRow))

    def make(name: str = "rita", role: Role = Role.REVIEWER, password: str = PASSWORD) -> str:
        with runtime.session_factory() as session, session.begin():
            create_user(session, Principal("test-admin", Role.ADMIN), name, role.value, password)
        return name

    return make


@pytest.fixture
def four_eyes_url(session_runtime, runtime) -> Iterator[str]:  # noqa: ANN001
    """The app served with DG_FOUR_EYES on (the session's server has it off)."""
    strict = dataclasses.replace(session_runtime, settings=session_runtime.settings.model_copy(
        update={"four_eyes": True}))
    with serving(create_app(runtime=strict)) as url:
        yield url


def login_token(page_html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page_html)
    assert found, "the page has no form token"
    return found.group(1)


def sign_in(client: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    form = client.get("/review/login")
    return client.post("/review/login", data={"username": name, "password": password,
                                              "csrf_token": login_token(form.text)})


@pytest.fixture
def web(server_url: str, runtime: Runtime) -> Iterator[httpx.Client]:
    """A client that keeps cookies and does not follow redirects, as the tests look at each answer."""
    with httpx.Client(base_url=server_url, timeout=60, follow_redirects=False) as client:
        yield client


# Package scope: one browser for all the browser tests, closed before any other test runs after them.
@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium is required for the browser tests and is not at {CHROMIUM}: "
                    "apt-get install chromium (scripts/bootstrap does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator[object]:  # noqa: ANN001
    """A fresh browser profile per test: no cookie carries over."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()
