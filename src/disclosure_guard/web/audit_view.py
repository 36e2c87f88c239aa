"""The audit trail page's view model and its CSV export: the same query as GET /v1/audit
(audit.trail.list_events), the same filters, the same rows in both.

The filters arrive as a query string a person may have edited: each one that does not parse is
named back (400), never ignored. A cell of the export that a spreadsheet would run as a formula
(one starting = + - @, a tab or a carriage return) is prefixed with a quote, as OWASP advises
against CSV injection; an actor's name or a case reference is typed by people."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from disclosure_guard.access.users import User
from disclosure_guard.audit.trail import AuditAction, AuditEvent, AuditFilter, list_events
from disclosure_guard.crypto import Vault
from disclosure_guard.errors import InvalidInput
from disclosure_guard.review.blocked import SEALED_COMMENT, feedback_comment
from disclosure_guard.web.views import (
    MAX_CASE_REFERENCE_CHARS, Option, paging, parse_dates, parse_page, query_of, utc,
)

AUDIT_PATH = "/review/audit"
EXPORT_PATH = "/review/audit/export"
PAGE_SIZE = 50
# An export is built in memory: past this many rows the filters must be narrower.
MAX_EXPORT_ROWS = 50_000
MAX_ACTOR_CHARS = 200
MAX_CHECK_ID_CHARS = 80
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("event_id", "at", "actor", "actor_role", "action", "case_reference", "check_id", "detail", "comment",
               "hash")


@dataclass(frozen=True)
class AuditFilters:
    """The filters as the form holds them (strings, so the form shows what was typed)."""

    action: str = ""
    actor: str = ""
    case: str = ""
    check: str = ""
    since: str = ""
    until: str = ""
    page: int = 1

    def query(self, **changes: object) -> str:
        """This view's query string, with `changes`; empty filters and page 1 are left out.
        `since`/`until` are `from`/`to` in the URL, as on the queue."""
        return query_of(replace(self, **changes), {"since": "from", "until": "to"})


@dataclass(frozen=True)
class ParsedAuditFilters:
    form: AuditFilters
    audit_filter: AuditFilter
    problems: tuple[str, ...]


def _at_most(value: str, chars: int, name: str, problems: list[str]) -> str | None:
    if len(value) > chars:
        problems.append(f"{name} is at most {chars} characters")
        return None
    return value or None


def parse_audit_filters(action: str, actor: str, case: str, check: str, since: str, until: str,
                        page: str) -> ParsedAuditFilters:
    problems: list[str] = []
    form = AuditFilters(action.strip(), actor.strip(), case.strip(), check.strip(), since.strip(), until.strip())
    parsed_action = None
    if form.action:
        try:
            parsed_action = AuditAction(form.action)
        except ValueError:
            problems.append(f"action {form.action!r} is not one of: {', '.join(a.value for a in AuditAction)}")
    since_at, until_at = parse_dates(form.since, form.until, problems)
    page_number = parse_page(page, problems)
    audit_filter = AuditFilter(
        action=parsed_action,
        actor_name=_at_most(form.actor, MAX_ACTOR_CHARS, "an actor's name", problems),
        case_reference=_at_most(form.case, MAX_CASE_REFERENCE_CHARS, "a case reference", problems),
        check_id=_at_most(form.check, MAX_CHECK_ID_CHARS, "a check id", problems),
        since=since_at, until=until_at,
    )
    return ParsedAuditFilters(replace(form, page=page_number), audit_filter, tuple(problems))


@dataclass(frozen=True)
class AuditRow:
    event_id: int
    at: str
    at_iso: str
    actor: str
    actor_role: str
    action: str
    case_reference: str
    check_id: str
    detail: str
    comment: str
    hash: str

    def cells(self) -> tuple[str, ...]:
        return (str(self.event_id), self.at_iso, self.actor, self.actor_role, self.action, self.case_reference,
                self.check_id, self.detail, self.comment, self.hash)


def audit_row(event: AuditEvent, vault: Vault) -> AuditRow:
    at = utc(event.at)
    # The sealed note is opened into its own column; the detail shows the rest as the trail holds it.
    detail = {k: v for k, v in event.detail.items() if k != SEALED_COMMENT}
    return AuditRow(
        event_id=event.id, at=at.strftime("%Y-%m-%d %H:%M:%S UTC"), at_iso=at.isoformat(timespec="seconds"),
        actor=event.actor_name, actor_role=event.actor_role.value, action=event.action.value,
        case_reference=event.case_reference or "", check_id=event.check_id or "",
        detail=json.dumps(detail, sort_keys=True, separators=(", ", ": ")) if detail else "",
        comment=feedback_comment(vault, event) or "", hash=event.hash,
    )


@dataclass(frozen=True)
class AuditPage:
    user: User
    csrf_token: str
    filters: AuditFilters
    problems: tuple[str, ...]
    rows: tuple[AuditRow, ...]
    total: int
    page: int
    pages: int
    previous_href: str | None
    next_href: str | None
    export_href: str
    actions: tuple[Option, ...] = field(default=tuple(Option(a.value, a.value) for a in AuditAction))


def audit_page(session: Session, vault: Vault, user: User, csrf_token: str, parsed: ParsedAuditFilters) -> AuditPage:
    form = parsed.form
    if parsed.problems:
        events, total = [], 0
    else:
        events, total = list_events(session, parsed.audit_filter, (form.page - 1) * PAGE_SIZE, PAGE_SIZE)
    at = paging(AUDIT_PATH, form, total, PAGE_SIZE)
    return AuditPage(
        user=user, csrf_token=csrf_token, filters=form, problems=parsed.problems,
        rows=tuple(audit_row(e, vault) for e in events), total=total, page=at.page, pages=at.pages,
        previous_href=at.previous_href, next_href=at.next_href,
        export_href=EXPORT_PATH + form.query(page=1),
    )


class ExportTooLarge(InvalidInput):
    code = "export_too_large"

    def __init__(self, total: int) -> None:
        super().__init__(f"{total} events match; an export holds at most {MAX_EXPORT_ROWS}")
        self.total = total


def export_rows(session: Session, vault: Vault, audit_filter: AuditFilter) -> list[AuditRow]:
    """Every event the filters match, newest first (as the page lists them), in one query, so
    that events appended meanwhile cannot shift one batch's rows into the next."""
    events, total = list_events(session, audit_filter, 0, MAX_EXPORT_ROWS)
    if total > MAX_EXPORT_ROWS:
        raise ExportTooLarge(total)
    return [audit_row(e, vault) for e in events]


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading quote."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def audit_csv(rows: list[AuditRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row.cells()])
    return out.getvalue()
