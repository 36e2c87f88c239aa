from datetime import datetime

from fastapi import APIRouter

from disclosure_guard.api.deps import Auditor, PageDep, SessionDep
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.schemas import AuditPage
from disclosure_guard.audit.trail import AuditAction, AuditFilter, list_events

router = APIRouter(prefix="/v1/audit", tags=["audit"], responses=documented_errors(401, 403, 422))


@router.get("", response_model=AuditPage)
def list_audit(
    _: Auditor, session: SessionDep, page: PageDep,
    action: AuditAction | None = None, actor_name: str | None = None, case_reference: str | None = None,
    check_id: str | None = None, since: datetime | None = None, until: datetime | None = None,
) -> AuditPage:
    """Audit events, newest first."""
    offset, limit = page
    events, total = list_events(session, AuditFilter(action, actor_name, case_reference, check_id, since, until),
                                offset, limit)
    return AuditPage(items=events, total=total, offset=offset, limit=limit)
