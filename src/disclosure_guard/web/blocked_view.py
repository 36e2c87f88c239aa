"""The blocked items' view models: the list (the queue's filters, less status) and one blocked
item as the guard read it, rendered as the held item page renders it (web/item_view.py), with no
release or reject, only a "this was wrong" note for the register admins.

Everything shown comes from the submitted item or the check's explanation: never a register value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from disclosure_guard.access.users import User
from disclosure_guard.review.blocked import Blocked, BlockedFilter, BlockedItem, list_blocked
from disclosure_guard.types import Channel
from disclosure_guard.web.item_view import (
    MAX_COMMENT_CHARS, FindingView, PartView, ReasonView, RecipientView, finding_view, pieces_of, recipient_views,
)
from disclosure_guard.web.views import PAGE_SIZE, REASON_LABELS, Option, ParsedFilters, QueueFilters

BLOCKED_PATH = "/review/blocked"


@dataclass(frozen=True)
class BlockedRow:
    check_id: str
    received: str
    received_iso: str
    channel: str
    submitted_by: str
    reasons: tuple[str, ...]
    cases: tuple[str, ...]


@dataclass(frozen=True)
class BlockedListPage:
    user: User
    csrf_token: str
    filters: QueueFilters
    problems: tuple[str, ...]
    rows: tuple[BlockedRow, ...]
    total: int
    page: int
    pages: int
    previous_href: str | None
    next_href: str | None
    reasons: tuple[Option, ...] = field(default=tuple(Option(r.value, l) for r, l in REASON_LABELS.items()))
    channels: tuple[Option, ...] = field(default=tuple(Option(c.value, c.value) for c in Channel))


def _utc(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _row(blocked: Blocked) -> BlockedRow:
    received = _utc(blocked.created_at)
    return BlockedRow(
        check_id=blocked.check_id,
        received=received.strftime("%Y-%m-%d %H:%M UTC"),
        received_iso=received.isoformat(timespec="seconds"),
        channel=blocked.channel.value,
        submitted_by=blocked.submitter_system or blocked.submitted_by,
        reasons=tuple(REASON_LABELS.get(code, code.value) for code in blocked.reason_codes),
        cases=blocked.case_references,
    )


def blocked_filter(parsed: ParsedFilters) -> BlockedFilter:
    """The queue's parsed filters as the blocked list reads them (a block has no review status)."""
    held = parsed.hold_filter
    return BlockedFilter(case_reference=held.case_reference, reason_code=held.reason_code, since=held.since,
                         until=held.until, channel=held.channel)


def blocked_list_page(session: Session, user: User, csrf_token: str, parsed: ParsedFilters) -> BlockedListPage:
    form = parsed.form
    if parsed.problems:
        found, total = [], 0
    else:
        found, total = list_blocked(session, blocked_filter(parsed), (form.page - 1) * PAGE_SIZE, PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return BlockedListPage(
        user=user, csrf_token=csrf_token, filters=form, problems=parsed.problems,
        rows=tuple(_row(b) for b in found), total=total, page=form.page, pages=pages,
        previous_href=BLOCKED_PATH + form.query(page=form.page - 1) if form.page > 1 else None,
        next_href=BLOCKED_PATH + form.query(page=form.page + 1) if form.page < pages else None,
    )


@dataclass(frozen=True)
class BlockedItemPage:
    check_id: str
    received: str
    channel: str
    submitted_by: str
    external_ref: str | None
    cases: tuple[str, ...]
    reasons: tuple[ReasonView, ...]
    recipients: tuple[RecipientView, ...]
    parts: tuple[PartView, ...]
    unreadable: tuple[tuple[str, str], ...]
    findings: tuple[FindingView, ...]
    content_kept: bool
    feedback_sent: bool
    max_comment_chars: int = MAX_COMMENT_CHARS


def blocked_item_page(item: BlockedItem, feedback_sent: bool = False) -> BlockedItemPage:
    verdict, content = item.result.verdict, item.content
    # Findings are numbered from 1 on the page; reasons cite them by their index in the verdict.
    numbered = list(enumerate(verdict.findings, start=1))
    return BlockedItemPage(
        check_id=item.blocked.check_id,
        received=_utc(item.blocked.created_at).strftime("%Y-%m-%d %H:%M UTC"),
        channel=item.blocked.channel.value,
        submitted_by=item.blocked.submitter_system or item.blocked.submitted_by,
        external_ref=(content or {}).get("external_ref"),
        cases=item.blocked.case_references,
        reasons=tuple(
            ReasonView(reason.code.value, REASON_LABELS.get(reason.code, reason.code.value), str(reason.severity),
                       reason.message, reason.case_reference, tuple(i + 1 for i in reason.finding_ids))
            for reason in verdict.reasons
        ),
        recipients=recipient_views(content, verdict),
        parts=tuple(
            PartView(part["name"], pieces_of(part["text"], [(n, f) for n, f in numbered if f.part == part["name"]]))
            for part in (content or {}).get("parts") or []
        ),
        unreadable=tuple((u.get("name", ""), u.get("why", "")) for u in (content or {}).get("unreadable") or []),
        findings=tuple(finding_view(n, f) for n, f in numbered),
        content_kept=content is not None,
        feedback_sent=feedback_sent,
    )
