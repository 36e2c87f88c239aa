"""The blocked items' view models: the list (the queue's filters, less status) and one blocked
item as the guard read it, rendered as the held item page renders it (web/item_view.py), with no
release or reject, only a "this was wrong" note for the register admins.

Everything shown comes from the submitted item or the check's explanation: never a register value."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from disclosure_guard.access.users import User
from disclosure_guard.review.blocked import Blocked, BlockedFilter, BlockedItem, list_blocked
from disclosure_guard.types import Channel
from disclosure_guard.web.item_view import MAX_COMMENT_CHARS, ItemRead, item_read
from disclosure_guard.web.views import (
    PAGE_SIZE, REASON_LABELS, Option, ParsedFilters, QueueFilters, minute_of, paging, utc,
)

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


def _row(blocked: Blocked) -> BlockedRow:
    received = utc(blocked.created_at)
    return BlockedRow(
        check_id=blocked.check_id,
        received=minute_of(received),
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
    at = paging(BLOCKED_PATH, form, total, PAGE_SIZE)
    return BlockedListPage(
        user=user, csrf_token=csrf_token, filters=form, problems=parsed.problems,
        rows=tuple(_row(b) for b in found), total=total, page=at.page, pages=at.pages,
        previous_href=at.previous_href, next_href=at.next_href,
    )


@dataclass(frozen=True)
class BlockedItemPage:
    check_id: str
    received: str
    channel: str
    submitted_by: str
    external_ref: str | None
    cases: tuple[str, ...]
    read: ItemRead
    feedback_sent: bool
    max_comment_chars: int = MAX_COMMENT_CHARS


def blocked_item_page(item: BlockedItem, feedback_sent: bool = False) -> BlockedItemPage:
    content = item.content
    return BlockedItemPage(
        check_id=item.blocked.check_id,
        received=minute_of(item.blocked.created_at),
        channel=item.blocked.channel.value,
        submitted_by=item.blocked.submitter_system or item.blocked.submitted_by,
        external_ref=(content or {}).get("external_ref"),
        cases=item.blocked.case_references,
        read=item_read(content, item.result.verdict),
        feedback_sent=feedback_sent,
    )
