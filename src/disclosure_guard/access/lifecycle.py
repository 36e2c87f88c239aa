"""A key's life after creation: listed, revoked, rotated; each step in the audit trail.

The CLI and the admin API call the same functions, so that both record the same events. No
function here returns or records a stored digest; a new secret is returned once, to be shown once.

Durations are written as operators say them: "90d", "12h", "30m".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal, aware, create_api_key, digest, new_secret
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.tables import ApiKeyRow
from disclosure_guard.errors import Conflict, InvalidInput, NotFound

_DURATION = re.compile(r"\s*(\d{1,6})\s*([dhm])\s*")
_UNIT_SECONDS = {"d": 86_400, "h": 3_600, "m": 60}
# Ten years: longer is a typo, and a far date would overflow some databases' timestamps.
_LONGEST = timedelta(days=3650)


class KeyStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class KeyInfo:
    """A key as an operator may see it: never its secret or its digest."""

    name: str
    role: Role
    system: str
    status: KeyStatus
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    rotated_at: datetime | None
    # Until then the secret it had before its last rotation still works.
    previous_secret_valid_until: datetime | None


def parse_duration(text: str) -> timedelta:
    """'90d', '12h', '30m' -> a timedelta; anything else, zero or over ten years is invalid_duration."""
    match = _DURATION.fullmatch(text or "")
    if match is None:
        raise InvalidInput("a duration is a whole number and a unit: 90d, 12h or 30m", "invalid_duration")
    duration = timedelta(seconds=int(match[1]) * _UNIT_SECONDS[match[2]])
    if not timedelta(0) < duration <= _LONGEST:
        raise InvalidInput("a duration is more than 0 and at most 3650d", "invalid_duration")
    return duration


def key_info(row: ApiKeyRow, now: datetime | None = None) -> KeyInfo:
    now = now or datetime.now(UTC)
    expires_at, grace_ends = aware(row.expires_at), aware(row.previous_key_expires_at)
    if row.revoked_at is not None:
        status = KeyStatus.REVOKED
    elif expires_at is not None and expires_at <= now:
        status = KeyStatus.EXPIRED
    else:
        status = KeyStatus.ACTIVE
    in_grace = status is KeyStatus.ACTIVE and row.previous_key_hash is not None and grace_ends and grace_ends > now
    return KeyInfo(row.name, Role(row.role), row.system, status, aware(row.created_at), expires_at,
                   aware(row.revoked_at), aware(row.rotated_at), grace_ends if in_grace else None)


def list_keys(session: Session, offset: int = 0, limit: int | None = None) -> tuple[list[KeyInfo], int]:
    total = session.scalar(select(func.count()).select_from(ApiKeyRow)) or 0
    query = select(ApiKeyRow).order_by(ApiKeyRow.created_at, ApiKeyRow.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    now = datetime.now(UTC)
    return [key_info(row, now) for row in session.scalars(query)], total


def issue_key(
    session: Session, actor: Principal, role: str, name: str | None = None, *,
    system: str | None = None, expires_in: str | None = None,
) -> tuple[KeyInfo, str]:
    """A new key and its secret, to be shown once."""
    lifetime = parse_duration(expires_in) if expires_in is not None else None
    principal, secret = create_api_key(session, role, name, system=system, expires_in=lifetime)
    row = _row(session, principal.name)
    record(session, actor, AuditAction.APIKEY_CREATED,
           detail={"name": row.name, "role": row.role, "system": row.system,
                   "expires_at": row.expires_at.isoformat() if row.expires_at else None})
    return key_info(row), secret


def revoke_key(session: Session, actor: Principal, name: str) -> KeyInfo:
    """Both the key's secret and, within a rotation's grace, its old one stop working at once."""
    row = _row(session, name)
    if row.revoked_at is not None:
        raise Conflict(f"the key {name!r} is revoked already", "api_key_revoked")
    row.revoked_at = datetime.now(UTC)
    session.flush()
    record(session, actor, AuditAction.APIKEY_REVOKED, detail={"name": row.name, "role": row.role,
                                                               "system": row.system})
    return key_info(row)


def rotate_key(session: Session, actor: Principal, name: str, grace: timedelta) -> tuple[KeyInfo, str]:
    """A new secret for the key; the current one keeps working for `grace`, so that the systems
    using it can be moved over. An earlier secret still in its grace stops at once."""
    row = _row(session, name)
    info = key_info(row)
    if info.status is KeyStatus.REVOKED:
        raise Conflict(f"the key {name!r} is revoked; create a new one", "api_key_revoked")
    if info.status is KeyStatus.EXPIRED:
        raise Conflict(f"the key {name!r} has expired; create a new one", "api_key_expired")
    secret = new_secret()
    now = datetime.now(UTC)
    row.previous_key_hash = row.key_hash if grace > timedelta(0) else None
    row.previous_key_expires_at = now + grace if grace > timedelta(0) else None
    row.key_hash = digest(secret)
    row.rotated_at = now
    session.flush()
    record(session, actor, AuditAction.APIKEY_ROTATED,
           detail={"name": row.name, "role": row.role, "system": row.system,
                   "grace_seconds": int(grace.total_seconds())})
    return key_info(row, now), secret


def _row(session: Session, name: str) -> ApiKeyRow:
    row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.name == name))
    if row is None:
        raise NotFound(f"no key named {name!r}", "api_key_not_found")
    return row
