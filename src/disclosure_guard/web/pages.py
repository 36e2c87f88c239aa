"""Rendering: one Jinja2 environment over web/templates, autoescaping everything (a `<script>`
in a letter is shown as text), and the exceptions a page answers with instead of JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

# autoescape=True for every template, whatever its name; StrictUndefined so that a view model
# missing a field fails the page (an error, and so no page) rather than rendering a blank.
_environment = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined)


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_environment.get_template(template).render(**context), status_code=status_code)


class SignInRequired(Exception):  # noqa: N818  (an answer, like FastAPI's HTTPException)
    """No live session: the browser is sent to the sign-in page. `expired` when it had one."""

    def __init__(self, expired: bool) -> None:
        super().__init__("sign-in required")
        self.expired = expired


class PageRefused(Exception):  # noqa: N818
    """A page answered with an HTML error page carrying a stable code (data-code)."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status_code, self.code, self.message = status_code, code, message
