"""People who sign in to the reviewer pages: created, disabled and given a new password from the
command line, every change audited; signing in checks an Argon2id hash and locks an account
after repeated failures.

A password never leaves this module: only its Argon2id hash (argon2-cffi's defaults, RFC 9106's
second recommended setting) is stored, and nothing about it is logged or audited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal, aware
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.tables import UserRow, WebSessionRow
from disclosure_guard.errors import Conflict, InvalidInput, NotFound

# The roles a person can hold; submitters and register admins are systems, with API keys.
USER_ROLES = (Role.REVIEWER, Role.AUDITOR, Role.ADMIN)
USER_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}$"
# NCSC guidance: length is what makes a password strong; no composition rules.
MIN_PASSWORD_CHARS = 12
# Argon2 reads the whole password; a megabyte of it would be a cheap way to keep a core busy.
MAX_PASSWORD_CHARS = 1024

_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    created_at: datetime
    disabled_at: datetime | None

    @property
    def principal(self) -> Principal:
        return Principal(self.name, self.role)


@dataclass(frozen=True)
class LockoutPolicy:
    failures: int = 5
    lock_for: timedelta = timedelta(minutes=15)


class SignInRefusal(StrEnum):
    # One code for an unknown name, a wrong password and a disabled account, so that the page
    # does not tell which names exist.
    INVALID_CREDENTIALS = "invalid_credentials"
    ACCOUNT_LOCKED = "account_locked"


@dataclass(frozen=True)
class SignInAttempt:
    """Either the user who signed in, or why not. A refusal is an answer, not an exception: the
    failure count it wrote must be committed, not rolled back."""

    user: User | None
    refusal: SignInRefusal | None = None


def user_of(row: UserRow) -> User:
    return User(row.name, Role(row.role), aware(row.created_at), aware(row.disabled_at))


def check_user_name(name: str) -> str:
    if not re.fullmatch(USER_NAME_PATTERN, name):
        raise InvalidInput("a user name is 1 to 200 letters, digits and . _ @ + -, starting with a letter or digit",
                           "invalid_user_name")
    return name


def parse_user_role(role: str) -> Role:
    allowed = ", ".join(r.value for r in USER_ROLES)
    try:
        parsed = Role(role)
    except ValueError:
        parsed = None
    if parsed not in USER_ROLES:
        raise InvalidInput(f"unknown role {role!r} for a person; use one of: {allowed}", "invalid_role")
    return parsed


def check_password(password: str) -> str:
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise InvalidInput(f"a password is {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters",
                           "invalid_password")
    return password


def _row(session: Session, name: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        raise NotFound(f"no user named {name!r}", "user_not_found")
    return row


def _end_sessions(session: Session, row: UserRow, now: datetime) -> None:
    session.execute(update(WebSessionRow).where(WebSessionRow.user_id == row.id, WebSessionRow.ended_at.is_(None))
                    .values(ended_at=now).execution_options(synchronize_session=False))


def create_user(session: Session, actor: Principal, name: str, role: str, password: str) -> User:
    name, parsed_role, password = check_user_name(name), parse_user_role(role), check_password(password)
    if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
        raise Conflict(f"a user named {name!r} exists already", "user_name_taken")
    now = datetime.now(UTC)
    row = UserRow(name=name, role=parsed_role.value, password_hash=_hasher.hash(password), created_at=now,
                  password_changed_at=now, failed_sign_ins=0)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"a user named {name!r} exists already", "user_name_taken") from None
    record(session, actor, AuditAction.USER_CREATED, detail={"user": name, "role": parsed_role.value})
    return user_of(row)


def disable_user(session: Session, actor: Principal, name: str) -> User:
    """The user can no longer sign in, and any session they have open ends now."""
    row = _row(session, name)
    now = datetime.now(UTC)
    if row.disabled_at is None:
        row.disabled_at = now
    _end_sessions(session, row, now)
    session.flush()
    record(session, actor, AuditAction.USER_DISABLED, detail={"user": name})
    return user_of(row)


def reset_password(session: Session, actor: Principal, name: str, password: str) -> User:
    """A new password; the lock-out is lifted and every open session ends."""
    row = _row(session, name)
    now = datetime.now(UTC)
    row.password_hash = _hasher.hash(check_password(password))
    row.password_changed_at = now
    row.failed_sign_ins = 0
    row.locked_until = None
    _end_sessions(session, row, now)
    session.flush()
    record(session, actor, AuditAction.USER_PASSWORD_RESET, detail={"user": name})
    return user_of(row)


def list_users(session: Session) -> list[User]:
    return [user_of(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return _hasher.hash("not any user's password")


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def sign_in(session: Session, name: str, password: str, policy: LockoutPolicy,
            now: datetime | None = None) -> SignInAttempt:
    now = now or datetime.now(UTC)
    row = session.scalar(select(UserRow).where(UserRow.name == name)) if len(name) <= 200 else None
    too_long = len(password) > MAX_PASSWORD_CHARS
    if row is None or row.disabled_at is not None or too_long:
        # The same Argon2 work as for a real user, so that the answer's timing does not tell
        # which names exist.
        _verifies(_decoy_hash(), password[:MAX_PASSWORD_CHARS])
        return SignInAttempt(None, SignInRefusal.INVALID_CREDENTIALS)
    locked_until = aware(row.locked_until)
    if locked_until is not None and locked_until > now:
        return SignInAttempt(None, SignInRefusal.ACCOUNT_LOCKED)
    if not _verifies(row.password_hash, password):
        row.failed_sign_ins += 1
        if row.failed_sign_ins >= policy.failures:
            row.failed_sign_ins = 0
            row.locked_until = now + policy.lock_for
            record(session, user_of(row).principal, AuditAction.USER_LOCKED_OUT,
                   detail={"user": row.name, "failures": policy.failures})
            session.flush()
            return SignInAttempt(None, SignInRefusal.ACCOUNT_LOCKED)
        session.flush()
        return SignInAttempt(None, SignInRefusal.INVALID_CREDENTIALS)
    row.failed_sign_ins = 0
    row.locked_until = None
    if _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(password)
    user = user_of(row)
    record(session, user.principal, AuditAction.USER_SIGNED_IN, detail={"user": row.name})
    session.flush()
    return SignInAttempt(user)
