"""The audit trail: append-only events saying who did what, when, to which case or check.
Details are counts, codes and decisions: never a register value or submitted text. Each event
is chained to the one before it by its hash (audit/chain.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import append
from disclosure_guard.db.tables import AuditEventRow


class AuditAction(StrEnum):
    REGISTER_IMPORTED = "register.imported"
    CASE_CREATED = "case.created"
    CASE_REPLACED = "case.replaced"
    CASE_DELETED = "case.deleted"
    CHECK_DECIDED = "check.decided"
    HOLD_RELEASED = "hold.released"
    # Four-eyes: the first of the two releases a held item needs; it stays pending.
    HOLD_RELEASE_APPROVED = "hold.release_approved"
    HOLD_REJECTED = "hold.rejected"
    HOLD_RELAYED = "hold.relayed"
    HOLD_BOUNCED = "hold.bounced"
    HOLD_DROPPED = "hold.dropped"
    HOLD_RELAY_FAILED = "hold.relay_failed"
    HOLD_RELAY_RETRIED = "hold.relay_retried"
    APIKEY_CREATED = "apikey.created"
    APIKEY_REVOKED = "apikey.revoked"
    APIKEY_ROTATED = "apikey.rotated"
    WEBHOOK_CREATED = "webhook.created"
    WEBHOOK_DELETED = "webhook.deleted"
    USER_CREATED = "user.created"
    USER_DISABLED = "user.disabled"
    USER_PASSWORD_RESET = "user.password_reset"
    USER_SIGNED_IN = "user.signed_in"
    USER_SIGNED_OUT = "user.signed_out"
    USER_LOCKED_OUT = "user.locked_out"
    HOLD_VIEWED = "hold.viewed"
    BLOCK_VIEWED = "block.viewed"
    BLOCK_FEEDBACK = "block.feedback"
    AUDIT_EXPORTED = "audit.exported"


def record(
    session: Session,
    actor: Principal,
    action: AuditAction,
    *,
    case_reference: str | None = None,
    check_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    append(
        session,
        AuditEventRow(
            actor_name=actor.name,
            actor_role=actor.role.value,
            action=action.value,
            case_reference=case_reference,
            check_id=check_id,
            detail=json.dumps(detail or {}, sort_keys=True),
        )
    )


@dataclass(frozen=True)
class AuditEvent:
    """Who did what, when, to which case or check. The API lists these as they are; `detail`
    holds counts, codes and decisions, never a register value or submitted text. `hash` chains
    the event to `prev_hash`, the hash of the event before it (audit/chain.py)."""

    id: int
    at: datetime
    actor_name: str
    actor_role: Role
    action: AuditAction
    case_reference: str | None
    check_id: str | None
    detail: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditFilter:
    action: AuditAction | None = None
    actor_name: str | None = None
    case_reference: str | None = None
    check_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def list_events(session: Session, filters: AuditFilter, offset: int, limit: int) -> tuple[list[AuditEvent], int]:
    query = select(AuditEventRow)
    if filters.action:
        query = query.where(AuditEventRow.action == filters.action)
    if filters.actor_name:
        query = query.where(AuditEventRow.actor_name == filters.actor_name)
    if filters.case_reference:
        query = query.where(AuditEventRow.case_reference == filters.case_reference)
    if filters.check_id:
        query = query.where(AuditEventRow.check_id == filters.check_id)
    if filters.since:
        query = query.where(AuditEventRow.at >= filters.since)
    if filters.until:
        query = query.where(AuditEventRow.at < filters.until)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(AuditEventRow.id.desc()).offset(offset).limit(limit)).all()
    events = [
        AuditEvent(row.id, row.at, row.actor_name, Role(row.actor_role), AuditAction(row.action), row.case_reference,
                   row.check_id, json.loads(row.detail), row.prev_hash, row.hash)
        for row in rows
    ]
    return events, total
