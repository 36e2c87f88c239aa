"""The audit trail as a page, and its CSV export: auditors and admins, as GET /v1/audit.
Each export is itself audited (audit.exported): who took which rows away, and when."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from disclosure_guard.access.roles import Role
from disclosure_guard.access.web_sessions import WebSession
from disclosure_guard.api.deps import RuntimeDep, SessionDep
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.web.audit_view import (
    AUDIT_PATH, ExportTooLarge, ParsedAuditFilters, audit_csv, audit_page, export_rows, parse_audit_filters,
)
from disclosure_guard.web.pages import PageRefused, render
from disclosure_guard.web.routes import require_role

router = APIRouter(prefix=AUDIT_PATH, include_in_schema=False)


auditor = require_role(Role.AUDITOR, "The audit trail is for auditors; your account does not have that role.")
AuditorPage = Annotated[WebSession, Depends(auditor)]


def audit_filters(
    action: Annotated[str, Query(max_length=60)] = "",
    actor: Annotated[str, Query(max_length=400)] = "",
    case: Annotated[str, Query(max_length=200)] = "",
    check: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(alias="from", max_length=40)] = "",
    until: Annotated[str, Query(alias="to", max_length=40)] = "",
    page: Annotated[str, Query(max_length=10)] = "1",
) -> ParsedAuditFilters:
    return parse_audit_filters(action, actor, case, check, since, until, page)


AuditFiltersDep = Annotated[ParsedAuditFilters, Depends(audit_filters)]


@router.get("", response_class=HTMLResponse)
def audit_trail(web: AuditorPage, runtime: RuntimeDep, session: SessionDep, parsed: AuditFiltersDep) -> Response:
    """Audit events, newest first, with filters and pages."""
    view = audit_page(session, runtime.vault, web.user, web.csrf_token, parsed)
    return render("audit.html", 400 if parsed.problems else 200, view=view, user=web.user,
                  csrf_token=web.csrf_token)


@router.get("/export", response_class=Response)
def audit_export(web: AuditorPage, runtime: RuntimeDep, session: SessionDep, parsed: AuditFiltersDep) -> Response:
    """The same filtered rows as CSV, every page of them, as an attachment."""
    if parsed.problems:
        raise PageRefused(400, "invalid_filter", "These filters could not be used: " + "; ".join(parsed.problems))
    try:
        rows = export_rows(session, runtime.vault, parsed.audit_filter)
    except ExportTooLarge as exc:
        raise PageRefused(400, exc.code, f"{exc.message}: narrow the filters (a date range) and export "
                                         "again.") from None
    form = parsed.form
    record(session, web.user.principal, AuditAction.AUDIT_EXPORTED, detail={
        "rows": len(rows),
        "filters": {k: v for k, v in {"action": form.action, "actor": form.actor, "case_reference": form.case,
                                      "check_id": form.check, "from": form.since, "to": form.until}.items() if v},
    })
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Response(audit_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="audit-trail-{stamp}.csv"'})
