"""API keys: created once, shown once, stored as a SHA-256 digest.

A key is 32 random bytes, so a plain digest is as strong as a slow hash here and lets a key be
looked up by its digest in one indexed query. Every request looks its key up again: a revoked,
expired or rotated-out key fails on the very next request, as nothing is cached."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from disclosure_guard.access.roles import Role
from disclosure_guard.db.tables import ApiKeyRow
from disclosure_guard.errors import Conflict, InvalidInput, Unauthenticated

_KEY_PREFIX = "dg_"
# Names and systems travel in URLs (/v1/keys/{name}/revoke) and the audit trail.
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's name and role, as recorded in the audit trail, and the system
    it speaks for (its name unless given), which scopes what a submitter may read."""

    name: str
    role: Role
    system: str = field(default="")

    def __post_init__(self) -> None:
        if not self.system:
            object.__setattr__(self, "system", self.name)

    def may(self, role: Role) -> bool:
        return self.role is Role.ADMIN or self.role is role

    def only_system(self) -> str | None:
        """The one system whose checks this caller may read; None for every system (admins,
        and reviewers through the hold queue)."""
        return self.system if self.role is Role.SUBMITTER else None


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes for what was written in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def new_secret() -> str:
    return _KEY_PREFIX + secrets.token_urlsafe(32)


def parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InvalidInput(f"unknown role {role!r}; use one of: {allowed}", "invalid_role") from None


def check_name(value: str, what: str) -> str:
    if not re.fullmatch(NAME_PATTERN, value):
        raise InvalidInput(f"a key's {what} is 1 to 200 letters, digits and . _ : @ + -, starting with a letter "
                           "or digit", f"invalid_key_{what}")
    return value


def create_api_key(
    session: Session,
    role: str,
    name: str | None = None,
    *,
    system: str | None = None,
    expires_in: timedelta | None = None,
) -> tuple[Principal, str]:
    parsed_role = parse_role(role)
    name = check_name(name, "name") if name else f"{parsed_role.value}-{secrets.token_hex(3)}"
    system = check_name(system, "system") if system else name
    if session.scalar(select(ApiKeyRow.id).where(ApiKeyRow.name == name)) is not None:
        raise Conflict(f"a key named {name!r} exists already; revoke or rotate it, or pick another name",
                       "api_key_name_taken")
    key = new_secret()
    now = datetime.now(UTC)
    row = ApiKeyRow(
        name=name,
        role=parsed_role.value,
        system=system,
        key_hash=digest(key),
        created_at=now,
        expires_at=now + expires_in if expires_in else None,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        # Two creates raced for the name: the unique index took the first. The caller's
        # transaction is rolled back, as for any error.
        raise Conflict(f"a key named {name!r} exists already", "api_key_name_taken") from None
    return Principal(row.name, parsed_role, row.system), key


# What authenticate reads of a key, as a plain SELECT built once: every request asks, and
# building the query and loading an ORM object each time took three times the CPU (issue 13).
_LOOKUP = select(
    ApiKeyRow.name, ApiKeyRow.role, ApiKeyRow.system, ApiKeyRow.key_hash, ApiKeyRow.revoked_at,
    ApiKeyRow.expires_at, ApiKeyRow.previous_key_expires_at,
).where(or_(ApiKeyRow.key_hash == bindparam("hashed"), ApiKeyRow.previous_key_hash == bindparam("hashed")))


def authenticate(session: Session, key: str, now: datetime | None = None) -> Principal:
    """The key's principal, or Unauthenticated with the reason as its code."""
    now = now or datetime.now(UTC)
    hashed = digest(key)
    row = session.connection().execute(_LOOKUP, {"hashed": hashed}).first()
    if row is None:
        raise Unauthenticated("the API key is not valid", "invalid_api_key")
    if row.revoked_at is not None:
        raise Unauthenticated("the API key was revoked", "api_key_revoked")
    expires_at = aware(row.expires_at)
    if expires_at is not None and expires_at <= now:
        raise Unauthenticated("the API key has expired", "api_key_expired")
    if row.key_hash != hashed:
        grace_ends = aware(row.previous_key_expires_at)
        if grace_ends is None or grace_ends <= now:
            raise Unauthenticated("the API key was rotated; use its new secret", "api_key_rotated")
    return Principal(row.name, Role(row.role), row.system)
