"""The blocked items' pages: the list, one blocked item read-only, and its "this was wrong" note
for the register admins. Reviewers and admins, as the hold queue; who looks is audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from disclosure_guard.api.deps import RuntimeDep, SessionDep
from disclosure_guard.errors import NotFound
from disclosure_guard.review.blocked import open_blocked, send_block_feedback
from disclosure_guard.web.blocked_view import BLOCKED_PATH, blocked_item_page, blocked_list_page
from disclosure_guard.web.item_view import MAX_COMMENT_CHARS
from disclosure_guard.web.pages import PageRefused, render
from disclosure_guard.web.routes import CheckIdPath, ListQueryDep, ReviewerForm, ReviewerPage

router = APIRouter(prefix=BLOCKED_PATH, include_in_schema=False)


def _no_such_item() -> PageRefused:
    return PageRefused(404, "blocked_not_found", "There is no blocked item with that id.")


@router.get("", response_class=HTMLResponse)
def blocked_list(web: ReviewerPage, session: SessionDep, query: ListQueryDep) -> Response:
    """Blocked items, newest first, with the queue's filters (a block has no review status)."""
    parsed = query.parsed()
    view = blocked_list_page(session, web.user, web.csrf_token, parsed)
    return render("blocked.html", 400 if parsed.problems else 200, view=view, user=web.user,
                  csrf_token=web.csrf_token)


@router.get("/{check_id}", response_class=HTMLResponse)
def blocked_item(check_id: CheckIdPath, web: ReviewerPage, runtime: RuntimeDep, session: SessionDep,
                 feedback: Annotated[str, Query(max_length=10)] = "") -> Response:
    """One blocked item with its findings marked in place; opening it is audited (block.viewed)."""
    try:
        item = open_blocked(session, runtime.vault, web.user.principal, check_id)
    except NotFound:
        raise _no_such_item() from None
    return render("blocked_item.html", view=blocked_item_page(item, feedback_sent=feedback == "sent"),
                  user=web.user, csrf_token=web.csrf_token)


@router.post("/{check_id}/feedback", response_class=HTMLResponse)
def block_feedback(check_id: CheckIdPath, web: ReviewerForm, runtime: RuntimeDep, session: SessionDep,
                   comment: Annotated[str, Form(max_length=20_000)] = "") -> Response:
    """'This was wrong': a note for the register admins, kept as an audit event (block.feedback)."""
    comment = comment.strip()
    if not comment or len(comment) > MAX_COMMENT_CHARS:
        raise PageRefused(400, "comment_required", f"A note of 1 to {MAX_COMMENT_CHARS} characters is required: "
                                                   "say what was wrong, for the register admins. Go back and add one.")
    try:
        send_block_feedback(session, runtime.vault, web.user.principal, check_id, comment)
    except NotFound:
        raise _no_such_item() from None
    return RedirectResponse(f"{BLOCKED_PATH}/{check_id}?feedback=sent", status_code=303)
