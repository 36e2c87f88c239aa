"""API keys: created once, shown once, stored as a SHA-256 digest.

A key is 32 random bytes, so a plain digest is as strong as a slow hash here and lets a key be
looked up by its digest in one indexed query."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from disclosure_guard.access.roles import Role
from disclosure_guard.db.tables import ApiKeyRow
from disclosure_guard.errors import InvalidInput

_KEY_PREFIX = "dg_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's name and role, as recorded in the audit trail."""

    name: str
    role: Role

    def may(self, role: Role) -> bool:
        return self.role is Role.ADMIN or self.role is role


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(session: Session, role: str, name: str | None = None) -> tuple[Principal, str]:
    try:
        parsed_role = Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InvalidInput(f"unknown role {role!r}; use one of: {allowed}", "invalid_role") from None
    key = _KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKeyRow(
        name=name or f"{parsed_role.value}-{secrets.token_hex(3)}",
        role=parsed_role.value,
        key_hash=digest(key),
        created_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    return Principal(row.name, parsed_role), key


def authenticate(session: Session, key: str) -> Principal | None:
    row = session.scalar(
        select(ApiKeyRow).where(ApiKeyRow.key_hash == digest(key), ApiKeyRow.revoked_at.is_(None))
    )
    if row is None:
        return None
    return Principal(row.name, Role(row.role))
