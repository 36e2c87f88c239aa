"""The reviewer pages' routes: sign-in, sign-out, the hold queue and a held item. Each handler reads a form
or a query, calls one service and renders a view model; who may see a page is a dependency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from disclosure_guard.access.roles import Role
from disclosure_guard.access.users import LockoutPolicy, SignInRefusal, sign_in
from disclosure_guard.access.web_sessions import (
    SessionPolicy, WebSession, end_session, new_form_token, open_session, resume_session, same_token,
)
from disclosure_guard.api.deps import RuntimeDep, SessionDep
from disclosure_guard.errors import Conflict, NotFound
from disclosure_guard.review.holds import ReviewAction, decide_hold, open_hold
from disclosure_guard.settings import Settings
from disclosure_guard.web.audit_view import AUDIT_PATH
from disclosure_guard.web.headers import ReviewPageHeaders
from disclosure_guard.web.item_view import MAX_COMMENT_CHARS, item_page
from disclosure_guard.web.pages import STATIC_DIR, PageRefused, SignInRequired, render
from disclosure_guard.web.views import ParsedFilters, parse_filters, queue_page

SESSION_COOKIE = "dg_review_session"
# The sign-in form's own token (double-submit): there is no session yet to keep it in.
LOGIN_COOKIE = "dg_review_login"
LOGIN_PATH = "/review/login"

router = APIRouter(prefix="/review", include_in_schema=False)

_REFUSALS = {
    SignInRefusal.INVALID_CREDENTIALS: "The user name or password is not right.",
    SignInRefusal.ACCOUNT_LOCKED: "This account is locked after repeated failed sign-ins. Try again later, "
                                  "or ask an administrator to reset the password.",
}


@dataclass(frozen=True)
class Landing:
    """The page a role lands on when signing in, and the way back to it from a refused page."""

    path: str
    back: str


QUEUE_LANDING = Landing("/review/", "Back to the hold queue")
# An auditor has no queue: sent there, they would land on a refusal.
AUDIT_LANDING = Landing(AUDIT_PATH, "Back to the audit trail")
SIGN_IN_LANDING = Landing(LOGIN_PATH, "Back to the sign-in page")


def landing(role: Role | None) -> Landing:
    if role is None:
        return SIGN_IN_LANDING
    return AUDIT_LANDING if role is Role.AUDITOR else QUEUE_LANDING


def _session_policy(settings: Settings) -> SessionPolicy:
    return SessionPolicy(idle=timedelta(seconds=settings.review_idle_timeout_seconds),
                         lifetime=timedelta(seconds=settings.review_session_max_seconds))


def _secure(request: Request, settings: Settings) -> bool:
    if settings.review_secure_cookie is not None:
        return settings.review_secure_cookie
    return request.url.scheme == "https"


def _set_cookie(response: Response, request: Request, settings: Settings, name: str, value: str, path: str) -> None:
    response.set_cookie(name, value, path=path, httponly=True, samesite="strict", secure=_secure(request, settings))


def signed_in(request: Request, runtime: RuntimeDep, session: SessionDep) -> WebSession:
    token = request.cookies.get(SESSION_COOKIE)
    web = resume_session(session, token, _session_policy(runtime.settings))
    if web is None:
        raise SignInRequired(expired=bool(token))
    # For a refusal further on (a role, a form token): its page links back to where this role lands.
    request.state.review_role = web.user.role
    return web


SignedIn = Annotated[WebSession, Depends(signed_in)]


def require_role(role: Role, refusal: str) -> Callable[[WebSession], WebSession]:
    """A dependency: a signed-in person whose role may open the page; anyone else is refused 403
    with `refusal`, which names the page and the role it needs."""

    def signed_in_as(web: SignedIn) -> WebSession:
        if not web.user.principal.may(role):
            raise PageRefused(403, "forbidden_role", refusal)
        return web

    return signed_in_as


reviewer = require_role(Role.REVIEWER, "The hold queue is for reviewers; your account does not have that role.")


ReviewerPage = Annotated[WebSession, Depends(reviewer)]


def form_checked(web: SignedIn, csrf_token: Annotated[str | None, Form()] = None) -> WebSession:
    """A signed-in form post carrying its session's form token; without it the post is refused."""
    if not same_token(web.csrf_token, csrf_token):
        raise PageRefused(403, "csrf_token_invalid", "This form was not sent from this site's page. "
                                                     "Go back, reload the page and try again.")
    return web


CheckedForm = Annotated[WebSession, Depends(form_checked)]


def reviewer_form(web: CheckedForm) -> WebSession:
    return reviewer(web)


ReviewerForm = Annotated[WebSession, Depends(reviewer_form)]


def _login_page(token: str, status_code: int = 200, *, error: SignInRefusal | None = None, username: str = "",
                notice: str | None = None) -> HTMLResponse:
    return render("login.html", status_code, csrf_token=token, username=username, notice=notice,
                  error_code=error.value if error else None, error=_REFUSALS[error] if error else None)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, runtime: RuntimeDep, expired: bool = False, signed_out: bool = False) -> Response:
    token = new_form_token()
    notice = ("You were signed out after a time without activity. Please sign in again." if expired
              else "You are signed out." if signed_out else None)
    response = _login_page(token, notice=notice)
    _set_cookie(response, request, runtime.settings, LOGIN_COOKIE, token, LOGIN_PATH)
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request, runtime: RuntimeDep, session: SessionDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=4096)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    if not same_token(request.cookies.get(LOGIN_COOKIE), csrf_token):
        raise PageRefused(403, "csrf_token_invalid", "The sign-in form had expired or was not sent from this "
                                                     "site's page. Open the sign-in page again.")
    settings = runtime.settings
    attempt = sign_in(session, username, password, LockoutPolicy(
        failures=settings.review_lockout_failures, lock_for=timedelta(seconds=settings.review_lockout_seconds)))
    if attempt.user is None:
        return _login_page(csrf_token or "", 401, error=attempt.refusal, username=username)
    token, _ = open_session(session, attempt.user, _session_policy(settings))
    response = RedirectResponse(landing(attempt.user.role).path, status_code=303)
    _set_cookie(response, request, settings, SESSION_COOKIE, token, "/review")
    response.delete_cookie(LOGIN_COOKIE, path=LOGIN_PATH)
    return response


@router.post("/logout", response_class=HTMLResponse)
def logout(request: Request, _: CheckedForm, session: SessionDep) -> Response:
    end_session(session, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(f"{LOGIN_PATH}?signed_out=true", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/review")
    return response


@router.get("", response_class=HTMLResponse)
def queue_without_slash() -> Response:
    return RedirectResponse("/review/", status_code=303)


@dataclass(frozen=True)
class ListQuery:
    """The query string of the queue and of the blocked list: their filters but status (a block has none)."""

    reason: str
    case: str
    channel: str
    since: str
    until: str
    page: str

    def parsed(self, status: str = "") -> ParsedFilters:
        return parse_filters(status, self.reason, self.case, self.channel, self.since, self.until, self.page)


def list_query(
    reason: Annotated[str, Query(max_length=80)] = "",
    case: Annotated[str, Query(max_length=200)] = "",
    channel: Annotated[str, Query(max_length=40)] = "",
    since: Annotated[str, Query(alias="from", max_length=40)] = "",
    until: Annotated[str, Query(alias="to", max_length=40)] = "",
    page: Annotated[str, Query(max_length=10)] = "1",
) -> ListQuery:
    return ListQuery(reason, case, channel, since, until, page)


ListQueryDep = Annotated[ListQuery, Depends(list_query)]


@router.get("/", response_class=HTMLResponse)
def queue(web: ReviewerPage, runtime: RuntimeDep, session: SessionDep, query: ListQueryDep,
          status: Annotated[str, Query(max_length=40)] = "") -> Response:
    """Held items, newest first, with counts by status and the filters."""
    parsed = query.parsed(status)
    view = queue_page(session, web.user, web.csrf_token, parsed,
                      timedelta(minutes=runtime.settings.review_overdue_minutes))
    return render("queue.html", 400 if parsed.problems else 200, view=view)


CheckIdPath = Annotated[str, Path(max_length=80)]


def _no_such_item() -> PageRefused:
    return PageRefused(404, "hold_not_found", "There is no held item with that id.")


@router.get("/holds/{check_id}", response_class=HTMLResponse)
def held_item(check_id: CheckIdPath, web: ReviewerPage, runtime: RuntimeDep, session: SessionDep) -> Response:
    """One held item with its findings marked in place; opening it is audited (hold.viewed)."""
    try:
        held = open_hold(session, runtime.vault, web.user.principal, check_id)
    except NotFound:
        raise _no_such_item() from None
    view = item_page(held, viewer=web.user.name, four_eyes=runtime.settings.four_eyes)
    return render("item.html", view=view, user=web.user, csrf_token=web.csrf_token)


_CONFLICTS = {
    "hold_already_decided": "Someone else decided this item first; nothing was changed. "
                            "Open it again to see their decision.",
    "second_reviewer_required": "You have released this item already. Four-eyes: a different reviewer must "
                                "release it too before it may be sent; nothing was changed. You may still reject it.",
}


def _decide(check_id: str, action: ReviewAction, web: WebSession, runtime: RuntimeDep, session: SessionDep,
            comment: str) -> Response:
    comment = comment.strip()
    if not comment or len(comment) > MAX_COMMENT_CHARS:
        raise PageRefused(400, "comment_required", f"A comment of 1 to {MAX_COMMENT_CHARS} characters is required: "
                                                   "say why, for the audit trail. Go back and add one.")
    try:
        decide_hold(session, runtime.vault, web.user.principal, check_id, action, comment,
                    four_eyes=runtime.settings.four_eyes)
    except NotFound:
        raise _no_such_item() from None
    except Conflict as exc:
        raise PageRefused(409, exc.code, _CONFLICTS.get(exc.code, _CONFLICTS["hold_already_decided"])) from None
    return RedirectResponse(f"/review/holds/{check_id}", status_code=303)


@router.post("/holds/{check_id}/release", response_class=HTMLResponse)
def release(check_id: CheckIdPath, web: ReviewerForm, runtime: RuntimeDep, session: SessionDep,
            comment: Annotated[str, Form(max_length=20_000)] = "") -> Response:
    return _decide(check_id, ReviewAction.RELEASE, web, runtime, session, comment)


@router.post("/holds/{check_id}/reject", response_class=HTMLResponse)
def reject(check_id: CheckIdPath, web: ReviewerForm, runtime: RuntimeDep, session: SessionDep,
           comment: Annotated[str, Form(max_length=20_000)] = "") -> Response:
    return _decide(check_id, ReviewAction.REJECT, web, runtime, session, comment)


def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageRefused)
    back = landing(getattr(request.state, "review_role", None))
    return render("refused.html", exc.status_code, code=exc.code, message=exc.message, back=back)


def _to_sign_in(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    response = RedirectResponse(f"{LOGIN_PATH}?expired=true" if exc.expired else LOGIN_PATH, status_code=303)
    if exc.expired:
        response.delete_cookie(SESSION_COOKIE, path="/review")
    return response


def install_review_pages(app: FastAPI) -> None:
    """The pages, their stylesheet, their security headers and their HTML answers to errors."""
    app.include_router(router)
    app.mount("/review/static", StaticFiles(directory=STATIC_DIR), name="review-static")
    app.add_middleware(ReviewPageHeaders)
    app.add_exception_handler(PageRefused, _refused)
    app.add_exception_handler(SignInRequired, _to_sign_in)
