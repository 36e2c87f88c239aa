from datetime import datetime

from fastapi import APIRouter

from disclosure_guard.api.deps import Admin, PageDep, Reviewer, RuntimeDep, SessionDep
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.params import CaseReferenceQuery, CheckIdPath
from disclosure_guard.api.schemas import HoldDetail, HoldPage, HoldSummary, ReviewRequest
from disclosure_guard.review.holds import HoldFilter, ReviewAction, decide_hold, get_hold, list_holds, retry_relay
from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.types import ReasonCode

router = APIRouter(prefix="/v1/holds", tags=["hold queue"], responses=documented_errors(401, 403, 422))


@router.get("", response_model=HoldPage)
def list_held(
    _: Reviewer, session: SessionDep, page: PageDep,
    status: ReviewStatus | None = None, case_reference: CaseReferenceQuery = None, reason_code: ReasonCode | None = None,
    since: datetime | None = None, until: datetime | None = None,
) -> HoldPage:
    """Held items, newest first."""
    offset, limit = page
    holds, total = list_holds(session, HoldFilter(status, case_reference, reason_code, since, until), offset, limit)
    return HoldPage(items=[HoldSummary.model_validate(h) for h in holds], total=total, offset=offset, limit=limit)


@router.get("/{check_id}", response_model=HoldDetail, responses=documented_errors(404))
def show_hold(check_id: CheckIdPath, _: Reviewer, runtime: RuntimeDep, session: SessionDep) -> HoldDetail:
    return HoldDetail.from_held_item(get_hold(session, runtime.vault, check_id))


@router.post("/{check_id}/release", response_model=HoldSummary, responses=documented_errors(404, 409))
def release_hold(check_id: CheckIdPath, body: ReviewRequest, actor: Reviewer, runtime: RuntimeDep,
                 session: SessionDep) -> HoldSummary:
    """Released: it may be sent. Under four-eyes (DG_FOUR_EYES) the first release leaves it pending,
    `awaiting_second_reviewer`, until a different reviewer releases it too."""
    return HoldSummary.model_validate(decide_hold(session, runtime.vault, actor, check_id, ReviewAction.RELEASE,
                                                  body.comment, four_eyes=runtime.settings.four_eyes))


@router.post("/{check_id}/reject", response_model=HoldSummary, responses=documented_errors(404, 409))
def reject_hold(check_id: CheckIdPath, body: ReviewRequest, actor: Reviewer, runtime: RuntimeDep,
                session: SessionDep) -> HoldSummary:
    return HoldSummary.model_validate(
        decide_hold(session, runtime.vault, actor, check_id, ReviewAction.REJECT, body.comment))


@router.post("/{check_id}/retry-relay", response_model=HoldSummary, responses=documented_errors(404, 409))
def retry_held_relay(check_id: CheckIdPath, actor: Admin, runtime: RuntimeDep, session: SessionDep) -> HoldSummary:
    """A held message whose relay to the next hop `failed`, back in line once the next hop is mended."""
    return HoldSummary.model_validate(retry_relay(session, runtime.relay, actor, check_id))
