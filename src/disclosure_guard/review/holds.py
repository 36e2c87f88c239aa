"""The hold queue: held checks waiting for a reviewer, who releases or rejects each once.

Under four-eyes (DG_FOUR_EYES) a release needs two different reviewers: the first release is
recorded as an approval and the item stays pending, "awaiting a second reviewer", until someone
else releases it too. A reject needs one reviewer, approval or not: it is the safe direction
(the item is not sent), and a second opinion must not be needed to stop a leak."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.errors import Conflict, NotFound
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.review.checks import load_content, result_of
from disclosure_guard.review.outcome import CheckOutcome, ReviewStatus
from disclosure_guard.review.relay import RelayError, RelayService, RelayStatus
from disclosure_guard.types import Channel, Decision, ReasonCode
from disclosure_guard.webhooks.events import review_event
from disclosure_guard.webhooks.outbox import emit

COMMENT_PURPOSE = "check.review_comment"
APPROVAL_COMMENT_PURPOSE = "check.approval_comment"


class ReviewAction(StrEnum):
    RELEASE = "release"
    REJECT = "reject"


_OUTCOME = {
    ReviewAction.RELEASE: (ReviewStatus.RELEASED, AuditAction.HOLD_RELEASED),
    ReviewAction.REJECT: (ReviewStatus.REJECTED, AuditAction.HOLD_REJECTED),
}


@dataclass(frozen=True)
class Hold:
    """A held item as the queue lists it: the facts kept in clear, no submitted text."""

    check_id: str
    created_at: datetime
    channel: Channel
    decision: Decision
    status: ReviewStatus
    relay_status: RelayStatus | None
    relay_attempts: int
    relay_error: RelayError | None
    relay_attempted_at: datetime | None
    reason_codes: tuple[ReasonCode, ...]
    case_references: tuple[str, ...]
    submitted_by: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    submitter_system: str | None = None
    # Four-eyes: the first reviewer's release; reviewed_by is the second's, once complete.
    approved_by: str | None = None
    approved_at: datetime | None = None

    @property
    def awaiting_second_reviewer(self) -> bool:
        return self.status is ReviewStatus.PENDING and self.approved_by is not None


@dataclass(frozen=True)
class HeldItem:
    """A held item as its reviewer reads it: the result, the item, the review comment and, under
    four-eyes, the first reviewer's comment."""

    hold: Hold
    result: CheckOutcome
    content: dict[str, Any] | None
    review_comment: str | None
    approval_comment: str | None = None


@dataclass(frozen=True)
class HoldFilter:
    status: ReviewStatus | None = None
    case_reference: str | None = None
    reason_code: ReasonCode | None = None
    since: datetime | None = None
    until: datetime | None = None
    channel: Channel | None = None


class CheckFilter(Protocol):
    """What the hold queue and the blocked list both filter checks by."""

    @property
    def case_reference(self) -> str | None: ...
    @property
    def reason_code(self) -> ReasonCode | None: ...
    @property
    def since(self) -> datetime | None: ...
    @property
    def until(self) -> datetime | None: ...
    @property
    def channel(self) -> Channel | None: ...


def page_of_checks(session: Session, query: Select[tuple[CheckRow]], filters: CheckFilter, offset: int,
                   limit: int) -> tuple[Sequence[CheckRow], int]:
    """The checks of `query` that `filters` match, newest first, `limit` of them from `offset`, and
    how many match in all."""
    if filters.case_reference:
        query = query.where(CheckRow.case_references.contains(f",{filters.case_reference},", autoescape=True))
    if filters.reason_code:
        query = query.where(CheckRow.reason_codes.contains(f",{filters.reason_code},", autoescape=True))
    if filters.since:
        query = query.where(CheckRow.created_at >= filters.since)
    if filters.until:
        query = query.where(CheckRow.created_at < filters.until)
    if filters.channel:
        query = query.where(CheckRow.channel == filters.channel)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(CheckRow.created_at.desc(), CheckRow.id.desc()).offset(offset).limit(limit)
    ).all()
    return rows, total


def list_holds(session: Session, filters: HoldFilter, offset: int, limit: int) -> tuple[list[Hold], int]:
    query = select(CheckRow).where(CheckRow.review_status.is_not(None))
    if filters.status:
        query = query.where(CheckRow.review_status == filters.status)
    rows, total = page_of_checks(session, query, filters, offset, limit)
    return [hold_of(row) for row in rows], total


def count_holds_by_status(session: Session) -> dict[ReviewStatus, int]:
    """How many held items are in each review status, every status named (0 for none)."""
    counted = dict(session.execute(
        select(CheckRow.review_status, func.count()).where(CheckRow.review_status.is_not(None))
        .group_by(CheckRow.review_status)
    ).all())
    return {status: counted.get(status.value, 0) for status in ReviewStatus}


def _listed(delimited: str) -> tuple[str, ...]:
    return tuple(value for value in delimited.split(",") if value)


def hold_of(row: CheckRow) -> Hold:
    assert row.review_status is not None
    return Hold(
        check_id=row.id,
        created_at=row.created_at,
        channel=Channel(row.channel),
        decision=Decision(row.decision),
        status=ReviewStatus(row.review_status),
        relay_status=RelayStatus(row.relay_status) if row.relay_status else None,
        relay_attempts=row.relay_attempts or 0,
        relay_error=RelayError(row.relay_error) if row.relay_error else None,
        relay_attempted_at=row.relay_attempted_at,
        reason_codes=tuple(ReasonCode(code) for code in _listed(row.reason_codes)),
        case_references=_listed(row.case_references),
        submitted_by=row.submitted_by,
        reviewed_by=row.reviewed_by,
        reviewed_at=row.reviewed_at,
        submitter_system=row.submitter_system,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
    )


def get_hold(session: Session, vault: Vault, check_id: str) -> HeldItem:
    row = session.get(CheckRow, check_id)
    if row is None or row.review_status is None:
        raise NotFound("no held item with that id", "hold_not_found")
    comment = (
        vault.open(row.sealed_review_comment, f"{COMMENT_PURPOSE}:{row.id}").decode()
        if row.sealed_review_comment else None
    )
    approval_comment = (
        vault.open(row.sealed_approval_comment, f"{APPROVAL_COMMENT_PURPOSE}:{row.id}").decode()
        if row.sealed_approval_comment else None
    )
    return HeldItem(hold_of(row), result_of(vault, row), load_content(vault, row), comment, approval_comment)


def open_hold(session: Session, vault: Vault, actor: Principal, check_id: str) -> HeldItem:
    """A held item opened by a person on the reviewer pages: who looked at its content, and
    when, is itself an audit event (the content may hold a protected person's details)."""
    item = get_hold(session, vault, check_id)
    record(session, actor, AuditAction.HOLD_VIEWED, check_id=check_id,
           detail={"case_references": list(item.hold.case_references)})
    return item


def decide_hold(
    session: Session, vault: Vault, actor: Principal, check_id: str, action: ReviewAction, comment: str,
    *, four_eyes: bool = False,
) -> Hold:
    """Release or reject a pending held item, once. With `four_eyes`, a release by the first
    reviewer is an approval that leaves it pending; only a different reviewer's completes it."""
    row = session.get(CheckRow, check_id)
    if row is None or row.review_status is None:
        raise NotFound("no held item with that id", "hold_not_found")
    if four_eyes and action is ReviewAction.RELEASE:
        return _release_with_four_eyes(session, vault, actor, row, comment)
    status, audit_action = _OUTCOME[action]
    if not _decided(session, vault, actor, check_id, status, comment):
        _refuse_decided(session, row)
    _record_decision(session, actor, row, status, audit_action)
    return hold_of(row)


def _decided(session: Session, vault: Vault, actor: Principal, check_id: str, status: ReviewStatus,
             comment: str, *, approved_by_other_than: str | None = None) -> bool:
    """The decision stored, if the item is still pending (and, for a four-eyes release, approved
    by someone other than `approved_by_other_than`): a conditional update, so that two reviewers
    deciding at once cannot both succeed."""
    conditions = [CheckRow.id == check_id, CheckRow.review_status == ReviewStatus.PENDING]
    if approved_by_other_than is not None:
        conditions += [CheckRow.approved_by.is_not(None), CheckRow.approved_by != approved_by_other_than]
    return session.execute(
        update(CheckRow)
        .where(*conditions)
        .values(
            review_status=status,
            reviewed_by=actor.name,
            reviewed_at=datetime.now(UTC),
            sealed_review_comment=vault.seal(comment.encode(), f"{COMMENT_PURPOSE}:{check_id}"),
        )
        .execution_options(synchronize_session=False)
    ).rowcount == 1


def _refuse_decided(session: Session, row: CheckRow) -> None:
    session.refresh(row)
    raise Conflict(f"this item was already {row.review_status}", "hold_already_decided")


def _record_decision(session: Session, actor: Principal, row: CheckRow, status: ReviewStatus,
                     audit_action: AuditAction) -> None:
    session.flush()
    session.refresh(row)
    detail: dict[str, Any] = {"status": status.value, "case_references": list(_listed(row.case_references))}
    if status is ReviewStatus.RELEASED and row.approved_by is not None:
        detail["approved_by"] = [row.approved_by, actor.name]
    record(session, actor, audit_action, check_id=row.id, detail=detail)
    # The webhook (and the SMTP filter's relay) hear of a completed decision only, never of a
    # first approval.
    emit(session, review_event(status), row.id, row.submitter_system)
    session.flush()


def _release_with_four_eyes(session: Session, vault: Vault, actor: Principal, row: CheckRow, comment: str) -> Hold:
    check_id = row.id
    # The first release: only on a pending item nobody has approved yet.
    approved = session.execute(
        update(CheckRow)
        .where(CheckRow.id == check_id, CheckRow.review_status == ReviewStatus.PENDING,
               CheckRow.approved_by.is_(None))
        .values(
            approved_by=actor.name,
            approved_at=datetime.now(UTC),
            sealed_approval_comment=vault.seal(comment.encode(), f"{APPROVAL_COMMENT_PURPOSE}:{check_id}"),
        )
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    if approved:
        session.flush()
        session.refresh(row)
        record(session, actor, AuditAction.HOLD_RELEASE_APPROVED, check_id=check_id,
               detail={"status": ReviewStatus.PENDING.value, "approvals": 1,
                       "case_references": list(_listed(row.case_references))})
        session.flush()
        return hold_of(row)
    # Someone has approved it: the second release completes it, if it is someone else's.
    if _decided(session, vault, actor, check_id, ReviewStatus.RELEASED, comment,
                approved_by_other_than=actor.name):
        _record_decision(session, actor, row, ReviewStatus.RELEASED, AuditAction.HOLD_RELEASED)
        return hold_of(row)
    session.refresh(row)
    if row.review_status != ReviewStatus.PENDING:
        raise Conflict(f"this item was already {row.review_status}", "hold_already_decided")
    raise Conflict("you released this item already; four-eyes needs a different reviewer's release",
                   "second_reviewer_required")


def retry_relay(session: Session, relay: RelayService, actor: Principal, check_id: str) -> Hold:
    """A held message whose relay `failed` goes back in line, once the next hop is mended."""
    row = session.get(CheckRow, check_id)
    if row is None or row.review_status is None:
        raise NotFound("no held item with that id", "hold_not_found")
    if not relay.retry_failed(session, actor, check_id):
        raise Conflict("only a held message whose relay failed can be retried", "relay_not_failed")
    session.flush()
    session.refresh(row)
    return hold_of(row)
