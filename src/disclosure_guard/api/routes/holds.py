from datetime import datetime
from typing import Any

from fastapi import APIRouter

from disclosure_guard.api.deps import PageDep, Reviewer, RuntimeDep, SessionDep
from disclosure_guard.api.schemas import HoldDetail, HoldPage, HoldSummary, ReviewRequest
from disclosure_guard.review.holds import HoldFilter, ReviewAction, decide_hold, get_hold, hold_summary, list_holds

router = APIRouter(prefix="/v1/holds", tags=["hold queue"])


@router.get("", response_model=HoldPage)
def list_held(
    _: Reviewer, session: SessionDep, page: PageDep,
    status: str | None = None, case_reference: str | None = None, reason_code: str | None = None,
    since: datetime | None = None, until: datetime | None = None,
) -> dict[str, Any]:
    """Held items, newest first. status: pending, released or rejected."""
    offset, limit = page
    rows, total = list_holds(session, HoldFilter(status, case_reference, reason_code, since, until), offset, limit)
    return {"items": [hold_summary(r) for r in rows], "total": total, "offset": offset, "limit": limit}


@router.get("/{check_id}", response_model=HoldDetail)
def show_hold(check_id: str, _: Reviewer, runtime: RuntimeDep, session: SessionDep) -> dict[str, Any]:
    return get_hold(session, runtime.vault, check_id)


@router.post("/{check_id}/release", response_model=HoldSummary)
def release_hold(check_id: str, body: ReviewRequest, actor: Reviewer, runtime: RuntimeDep,
                 session: SessionDep) -> dict[str, Any]:
    return decide_hold(session, runtime.vault, actor, check_id, ReviewAction.RELEASE, body.comment)


@router.post("/{check_id}/reject", response_model=HoldSummary)
def reject_hold(check_id: str, body: ReviewRequest, actor: Reviewer, runtime: RuntimeDep,
                session: SessionDep) -> dict[str, Any]:
    return decide_hold(session, runtime.vault, actor, check_id, ReviewAction.REJECT, body.comment)
