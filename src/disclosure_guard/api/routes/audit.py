from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from disclosure_guard.api.deps import Auditor, PageDep, SessionDep
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.params import ActorNameQuery, CaseReferenceQuery, CheckIdQuery
from disclosure_guard.api.schemas import AuditPage, AuditVerification
from disclosure_guard.audit.chain import parse_anchor, verify_chain
from disclosure_guard.audit.trail import AuditAction, AuditFilter, list_events
from disclosure_guard.errors import InvalidInput

router = APIRouter(prefix="/v1/audit", tags=["audit"], responses=documented_errors(401, 403, 422))


@router.get("", response_model=AuditPage)
def list_audit(
    _: Auditor, session: SessionDep, page: PageDep,
    action: AuditAction | None = None, actor_name: ActorNameQuery = None, case_reference: CaseReferenceQuery = None,
    check_id: CheckIdQuery = None, since: datetime | None = None, until: datetime | None = None,
) -> AuditPage:
    """Audit events, newest first."""
    offset, limit = page
    events, total = list_events(session, AuditFilter(action, actor_name, case_reference, check_id, since, until),
                                offset, limit)
    return AuditPage(items=events, total=total, offset=offset, limit=limit)


@router.get("/verify", response_model=AuditVerification)
def verify_audit(
    _: Auditor, session: SessionDep,
    anchor: Annotated[list[str], Query(description="EVENT_ID:HASH kept outside the database (repeatable).")] = [],  # noqa: B006
) -> AuditVerification:
    """Recompute the hash chain of the whole trail; the first event that does not verify, if any."""
    try:
        anchors = dict(parse_anchor(a) for a in anchor)
    except ValueError as exc:
        raise InvalidInput(str(exc), "invalid_anchor") from None
    return AuditVerification.from_report(verify_chain(session, anchors))
