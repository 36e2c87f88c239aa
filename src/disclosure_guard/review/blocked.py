"""Blocked items, read-only: the checks the guard blocked, listed and opened by reviewers, and
the "this was wrong" note a reviewer leaves for the register admins.

A block is final (nothing to release), so a reviewer only reads it; a note that the register
is wrong somewhere is a feedback event in the audit trail (block.feedback). The note is a
person's free text and may quote the item, so it is sealed in the event's detail, like a
review comment on its check, and opened only for those who read the trail."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.audit.trail import AuditAction, AuditEvent, record
from disclosure_guard.crypto import Vault, VaultError
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.errors import NotFound
from disclosure_guard.review.checks import load_content, result_of
from disclosure_guard.review.holds import page_of_checks
from disclosure_guard.review.outcome import CheckOutcome
from disclosure_guard.types import Channel, Decision, ReasonCode

FEEDBACK_PURPOSE = "block.feedback"
# The detail key of a feedback event's sealed note (base64 of the vault's sealed bytes).
SEALED_COMMENT = "comment_sealed"
UNREADABLE_NOTE = "(this note could not be opened with this server's key)"


@dataclass(frozen=True)
class Blocked:
    """A blocked item as the list shows it: the facts kept in clear, no submitted text."""

    check_id: str
    created_at: datetime
    channel: Channel
    reason_codes: tuple[ReasonCode, ...]
    case_references: tuple[str, ...]
    submitted_by: str
    submitter_system: str | None


@dataclass(frozen=True)
class BlockedItem:
    """A blocked item as a reviewer reads it: the result and the item as the guard read it."""

    blocked: Blocked
    result: CheckOutcome
    content: dict[str, Any] | None


@dataclass(frozen=True)
class BlockedFilter:
    case_reference: str | None = None
    reason_code: ReasonCode | None = None
    since: datetime | None = None
    until: datetime | None = None
    channel: Channel | None = None


def _listed(delimited: str) -> tuple[str, ...]:
    return tuple(value for value in delimited.split(",") if value)


def _blocked_of(row: CheckRow) -> Blocked:
    return Blocked(
        check_id=row.id, created_at=row.created_at, channel=Channel(row.channel),
        reason_codes=tuple(ReasonCode(code) for code in _listed(row.reason_codes)),
        case_references=_listed(row.case_references), submitted_by=row.submitted_by,
        submitter_system=row.submitter_system,
    )


def list_blocked(session: Session, filters: BlockedFilter, offset: int, limit: int) -> tuple[list[Blocked], int]:
    """Blocked checks, newest first, and how many match."""
    rows, total = page_of_checks(session, select(CheckRow).where(CheckRow.decision == Decision.BLOCK), filters,
                                 offset, limit)
    return [_blocked_of(row) for row in rows], total


def _blocked_row(session: Session, check_id: str) -> CheckRow:
    row = session.get(CheckRow, check_id)
    if row is None or row.decision != Decision.BLOCK:
        raise NotFound("no blocked item with that id", "blocked_not_found")
    return row


def open_blocked(session: Session, vault: Vault, actor: Principal, check_id: str) -> BlockedItem:
    """A blocked item opened by a person: who looked at its content, and when, is audited
    (block.viewed), as for a held item (the content may hold a protected person's details)."""
    row = _blocked_row(session, check_id)
    item = BlockedItem(_blocked_of(row), result_of(vault, row), load_content(vault, row))
    record(session, actor, AuditAction.BLOCK_VIEWED, check_id=check_id,
           detail={"case_references": list(item.blocked.case_references)})
    return item


def send_block_feedback(session: Session, vault: Vault, actor: Principal, check_id: str, comment: str) -> None:
    """'This was wrong': a note on a blocked item for the register admins, as an audit event
    naming the check, its cases and reasons (in clear) and the note (sealed)."""
    row = _blocked_row(session, check_id)
    sealed = vault.seal(comment.encode(), FEEDBACK_PURPOSE)
    cases = _listed(row.case_references)
    # The event's own case column (the trail's case filter) when the block concerns one case.
    record(session, actor, AuditAction.BLOCK_FEEDBACK, check_id=check_id,
           case_reference=cases[0] if len(cases) == 1 else None, detail={
        "case_references": list(cases),
        "reason_codes": list(_listed(row.reason_codes)),
        SEALED_COMMENT: base64.b64encode(sealed).decode(),
    })


def feedback_comment(vault: Vault, event: AuditEvent) -> str | None:
    """The note of a block.feedback event, opened; None for any other event. A note that will
    not open (another vault key) is said to be so, never guessed at."""
    sealed = event.detail.get(SEALED_COMMENT) if event.action is AuditAction.BLOCK_FEEDBACK else None
    if not isinstance(sealed, str):
        return None
    try:
        return vault.open(base64.b64decode(sealed, validate=True), FEEDBACK_PURPOSE).decode()
    except (VaultError, ValueError):  # a damaged or foreign seal: said so, not an error page
        return UNREADABLE_NOTE
