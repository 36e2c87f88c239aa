import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter

from disclosure_guard.api.deps import Auditor, PageDep, SessionDep
from disclosure_guard.api.schemas import AuditPage
from disclosure_guard.audit.trail import AuditFilter, list_events

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("", response_model=AuditPage)
def list_audit(
    _: Auditor, session: SessionDep, page: PageDep,
    action: str | None = None, actor_name: str | None = None, case_reference: str | None = None,
    check_id: str | None = None, since: datetime | None = None, until: datetime | None = None,
) -> dict[str, Any]:
    """Audit events, newest first."""
    offset, limit = page
    rows, total = list_events(session, AuditFilter(action, actor_name, case_reference, check_id, since, until),
                              offset, limit)
    items = [
        {"id": r.id, "at": r.at, "actor_name": r.actor_name, "actor_role": r.actor_role, "action": r.action,
         "case_reference": r.case_reference, "check_id": r.check_id, "detail": json.loads(r.detail)}
        for r in rows
    ]
    return {"items": items, "total": total, "offset": offset, "limit": limit}
