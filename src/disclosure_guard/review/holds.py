"""The hold queue: held checks waiting for a reviewer, who releases or rejects each once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.errors import Conflict, NotFound
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.review.checks import ReviewStatus, load_content, load_result

COMMENT_PURPOSE = "check.review_comment"


class ReviewAction(StrEnum):
    RELEASE = "release"
    REJECT = "reject"


_OUTCOME = {
    ReviewAction.RELEASE: (ReviewStatus.RELEASED, AuditAction.HOLD_RELEASED),
    ReviewAction.REJECT: (ReviewStatus.REJECTED, AuditAction.HOLD_REJECTED),
}


@dataclass(frozen=True)
class HoldFilter:
    status: str | None = None
    case_reference: str | None = None
    reason_code: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def list_holds(session: Session, filters: HoldFilter, offset: int, limit: int) -> tuple[list[CheckRow], int]:
    query = select(CheckRow).where(CheckRow.review_status.is_not(None))
    if filters.status:
        query = query.where(CheckRow.review_status == filters.status)
    if filters.case_reference:
        query = query.where(CheckRow.case_references.contains(f",{filters.case_reference},", autoescape=True))
    if filters.reason_code:
        query = query.where(CheckRow.reason_codes.contains(f",{filters.reason_code},", autoescape=True))
    if filters.since:
        query = query.where(CheckRow.created_at >= filters.since)
    if filters.until:
        query = query.where(CheckRow.created_at < filters.until)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(CheckRow.created_at.desc(), CheckRow.id.desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), total


def hold_summary(row: CheckRow) -> dict[str, Any]:
    return {
        "check_id": row.id,
        "created_at": row.created_at.isoformat(),
        "channel": row.channel,
        "decision": row.decision,
        "status": row.review_status,
        "reason_codes": [c for c in row.reason_codes.split(",") if c],
        "case_references": [c for c in row.case_references.split(",") if c],
        "submitted_by": row.submitted_by,
        "reviewed_by": row.reviewed_by,
        "reviewed_at": row.reviewed_at.isoformat() if row.reviewed_at else None,
    }


def get_hold(session: Session, vault: Vault, check_id: str) -> dict[str, Any]:
    row, result = load_result(session, vault, check_id)
    if row.review_status is None:
        raise NotFound("no held item with that id", "hold_not_found")
    comment = (
        vault.open(row.sealed_review_comment, f"{COMMENT_PURPOSE}:{row.id}").decode()
        if row.sealed_review_comment else None
    )
    return {**hold_summary(row), "result": result, "content": load_content(vault, row), "review_comment": comment}


def decide_hold(
    session: Session, vault: Vault, actor: Principal, check_id: str, action: ReviewAction, comment: str
) -> dict[str, Any]:
    row = session.get(CheckRow, check_id)
    if row is None or row.review_status is None:
        raise NotFound("no held item with that id", "hold_not_found")
    status, audit_action = _OUTCOME[action]
    now = datetime.now(UTC)
    # A conditional update, so that two reviewers deciding at once cannot both succeed.
    changed = session.execute(
        update(CheckRow)
        .where(CheckRow.id == check_id, CheckRow.review_status == ReviewStatus.PENDING)
        .values(
            review_status=status,
            reviewed_by=actor.name,
            reviewed_at=now,
            sealed_review_comment=vault.seal(comment.encode(), f"{COMMENT_PURPOSE}:{check_id}"),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Conflict(f"this item was already {row.review_status}", "hold_already_decided")
    record(session, actor, audit_action, check_id=check_id,
           detail={"status": status, "case_references": [c for c in row.case_references.split(",") if c]})
    session.flush()
    session.refresh(row)
    return hold_summary(row)
