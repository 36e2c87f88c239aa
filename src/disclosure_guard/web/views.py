"""View models: what each page shows, built from the services' typed results. Templates read
these and nothing else; no template or handler queries the database.

The queue's filters arrive as a query string a person may have edited: each is parsed here,
and one that does not parse is named back to them (the page answers 400) rather than ignored."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from disclosure_guard.access.users import User
from disclosure_guard.review.holds import Hold, HoldFilter, count_holds_by_status, list_holds
from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.types import Channel, ReasonCode

PAGE_SIZE = 25
MAX_CASE_REFERENCE_CHARS = 100

# What each reason means to a reviewer, in the words of the page.
REASON_LABELS: dict[ReasonCode, str] = {
    ReasonCode.PROTECTED_CONTACT_TO_RESTRICTED: "Protected person's details going to a restricted contact",
    ReasonCode.UNCERTAIN_RESTRICTED_RECIPIENT: "Recipient may be a restricted contact",
    ReasonCode.PROTECTED_PARTY_AT_RESTRICTED_ADDRESS: "Protected person named at a restricted contact's address",
    ReasonCode.PROTECTED_PERSON_TO_RESTRICTED: "Protected person named to a restricted contact",
    ReasonCode.PROTECTED_CONTACT_DISCLOSED: "Protected person's contact details in the item",
    ReasonCode.RECIPIENT_AT_PROTECTED_ADDRESS: "Recipient at a protected address",
    ReasonCode.UNREADABLE_CONTENT: "Part of the item could not be read",
    ReasonCode.GUARD_ERROR: "The guard could not finish the check",
}
STATUS_LABELS: dict[ReviewStatus, str] = {
    ReviewStatus.PENDING: "Waiting for review",
    ReviewStatus.RELEASED: "Released",
    ReviewStatus.REJECTED: "Rejected",
}
# Four-eyes: pending, released once, not to be sent until a different reviewer releases it too.
AWAITING_SECOND_REVIEWER = "Awaiting a second reviewer"


def status_label(hold: Hold) -> str:
    return AWAITING_SECOND_REVIEWER if hold.awaiting_second_reviewer else STATUS_LABELS[hold.status]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters as the form holds them (strings, so the form shows what was typed)."""

    status: str = ""
    reason: str = ""
    case_reference: str = ""
    channel: str = ""
    since: str = ""
    until: str = ""
    page: int = 1

    def query(self, **changes: object) -> str:
        """This view's query string, with `changes`; empty filters are left out. The fields are
        named in the URL as the form names them, so that a page link keeps every filter."""
        return query_of(replace(self, **changes), {"case_reference": "case", "since": "from", "until": "to"})


@dataclass(frozen=True)
class ParsedFilters:
    form: QueueFilters
    hold_filter: HoldFilter
    problems: tuple[str, ...]


def query_of(form: object, names: dict[str, str] | None = None) -> str:
    """A list page's filters (a dataclass of strings and a page) as a query string: empty filters
    and page 1 are left out; `names` renames a field to its name in the URL."""
    names = names or {}
    values = {names.get(k, k): v for k, v in vars(form).items() if v not in ("", None)}
    if values.get("page") == 1:
        del values["page"]
    return "?" + urlencode(values) if values else ""


def parse_day(value: str, name: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{name} must be a date written YYYY-MM-DD")
        return None


def parse_dates(since: str, until: str, problems: list[str]) -> tuple[datetime | None, datetime | None]:
    """A 'from' and 'to' date as the bounds of a query: whole days in UTC, 'to' including the day
    it names (so its bound is the next midnight, excluded)."""
    first, last = parse_day(since, "from", problems), parse_day(until, "to", problems)
    if first and last and last < first:
        problems.append("the 'to' date is before the 'from' date")
    return (datetime.combine(first, time(), UTC) if first else None,
            datetime.combine(last + timedelta(days=1), time(), UTC) if last else None)


def parse_page(page: str, problems: list[str]) -> int:
    if page.isdigit() and 0 < int(page) < 1_000_000:
        return int(page)
    problems.append("page must be a whole number from 1")
    return 1


def parse_filters(status: str, reason: str, case_reference: str, channel: str, since: str, until: str,
                  page: str) -> ParsedFilters:
    problems: list[str] = []
    form = QueueFilters(status.strip(), reason.strip(), case_reference.strip(), channel.strip(), since.strip(),
                        until.strip())
    parsed_status = _member(ReviewStatus, form.status, "status", problems)
    parsed_reason = _member(ReasonCode, form.reason, "reason", problems)
    parsed_channel = _member(Channel, form.channel, "channel", problems)
    if len(form.case_reference) > MAX_CASE_REFERENCE_CHARS:
        problems.append(f"a case reference is at most {MAX_CASE_REFERENCE_CHARS} characters")
    since_at, until_at = parse_dates(form.since, form.until, problems)
    form = replace(form, page=parse_page(page, problems))
    hold_filter = HoldFilter(
        status=parsed_status, case_reference=form.case_reference or None, reason_code=parsed_reason,
        since=since_at, until=until_at, channel=parsed_channel,
    )
    return ParsedFilters(form, hold_filter, tuple(problems))


def _member(enum: type, value: str, name: str, problems: list[str]):  # noqa: ANN202
    if not value:
        return None
    try:
        return enum(value)
    except ValueError:
        problems.append(f"{name} {value!r} is not one of: {', '.join(m.value for m in enum)}")
        return None


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int
    href: str


@dataclass(frozen=True)
class HoldRow:
    check_id: str
    received: str
    received_iso: str
    channel: str
    submitted_by: str
    reasons: tuple[str, ...]
    reason_codes: tuple[str, ...]
    cases: tuple[str, ...]
    status: str
    status_label: str
    age: str
    overdue: bool
    awaiting_second_reviewer: bool = False


@dataclass(frozen=True)
class QueuePage:
    user: User
    csrf_token: str
    filters: QueueFilters
    problems: tuple[str, ...]
    counts: tuple[StatusCount, ...]
    rows: tuple[HoldRow, ...]
    total: int
    page: int
    pages: int
    previous_href: str | None
    next_href: str | None
    overdue_after: str
    statuses: tuple[Option, ...] = field(default=tuple(Option(s.value, l) for s, l in STATUS_LABELS.items()))
    reasons: tuple[Option, ...] = field(default=tuple(Option(r.value, l) for r, l in REASON_LABELS.items()))
    channels: tuple[Option, ...] = field(default=tuple(Option(c.value, c.value) for c in Channel))


def age_of(delta: timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


def utc(moment: datetime) -> datetime:
    """A stored moment in UTC; one stored without a zone (SQLite keeps none) was written in UTC."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def minute_of(moment: datetime) -> str:
    return utc(moment).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class Paging:
    """Where a list page stands among its pages, and the links to its neighbours."""

    page: int
    pages: int
    previous_href: str | None
    next_href: str | None


class ListForm(Protocol):
    """A list page's filters as its form holds them: the page shown, and the query string of another."""

    @property
    def page(self) -> int: ...

    def query(self, **changes: object) -> str: ...


def paging(path: str, form: ListForm, total: int, page_size: int) -> Paging:
    pages = max(1, -(-total // page_size))
    return Paging(form.page, pages,
                  path + form.query(page=form.page - 1) if form.page > 1 else None,
                  path + form.query(page=form.page + 1) if form.page < pages else None)


def hold_row(hold: Hold, now: datetime, overdue_after: timedelta) -> HoldRow:
    received = utc(hold.created_at)
    waiting = now - received
    return HoldRow(
        check_id=hold.check_id,
        received=minute_of(received),
        received_iso=received.isoformat(timespec="seconds"),
        channel=hold.channel.value,
        submitted_by=hold.submitter_system or hold.submitted_by,
        reasons=tuple(REASON_LABELS.get(code, code.value) for code in hold.reason_codes),
        reason_codes=tuple(code.value for code in hold.reason_codes),
        cases=hold.case_references,
        status=hold.status.value,
        status_label=status_label(hold),
        awaiting_second_reviewer=hold.awaiting_second_reviewer,
        # Only an item still waiting can be late; a decided one shows how long it waited for no one.
        age=age_of(waiting) if hold.status is ReviewStatus.PENDING else "-",
        overdue=hold.status is ReviewStatus.PENDING and waiting > overdue_after,
    )


def queue_page(session: Session, user: User, csrf_token: str, parsed: ParsedFilters, overdue_after: timedelta,
               now: datetime | None = None) -> QueuePage:
    now = now or datetime.now(UTC)
    form = parsed.form
    counts = tuple(
        StatusCount(status.value, STATUS_LABELS[status], count, "/review/" + QueueFilters(status=status.value).query())
        for status, count in count_holds_by_status(session).items()
    )
    if parsed.problems:
        holds, total = [], 0
    else:
        holds, total = list_holds(session, parsed.hold_filter, (form.page - 1) * PAGE_SIZE, PAGE_SIZE)
    at = paging("/review/", form, total, PAGE_SIZE)
    return QueuePage(
        user=user,
        csrf_token=csrf_token,
        filters=form,
        problems=parsed.problems,
        counts=counts,
        rows=tuple(hold_row(hold, now, overdue_after) for hold in holds),
        total=total,
        page=at.page,
        pages=at.pages,
        previous_href=at.previous_href,
        next_href=at.next_href,
        overdue_after=age_of(overdue_after),
    )
