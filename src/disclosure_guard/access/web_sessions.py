"""Server-side sessions for the reviewer pages. The browser holds a random token in a cookie; the
database holds its SHA-256, the user, the session's form (CSRF) token and when it ends. Every
page looks the session up again, so a sign-out, a disabled user or an idle timeout takes effect
on the very next request."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import aware
from disclosure_guard.access.users import User, user_of
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.tables import UserRow, WebSessionRow


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    lifetime: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class WebSession:
    """A live session: who, and the token every form of theirs must carry."""

    user: User
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_form_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), given.encode())


def open_session(session: Session, user: User, policy: SessionPolicy, now: datetime | None = None) -> tuple[str, WebSession]:
    """A new session for a user who has just signed in; returns the cookie's token."""
    now = now or datetime.now(UTC)
    user_id = session.scalar(select(UserRow.id).where(UserRow.name == user.name))
    token, csrf = secrets.token_urlsafe(32), new_form_token()
    session.add(WebSessionRow(token_hash=_digest(token), user_id=user_id, csrf_token=csrf, created_at=now,
                              last_seen_at=now, expires_at=now + policy.lifetime))
    session.flush()
    return token, WebSession(user, csrf)


def resume_session(session: Session, token: str | None, policy: SessionPolicy,
                   now: datetime | None = None) -> WebSession | None:
    """The session the cookie names, if it is still live; its idle clock starts again."""
    if not token or len(token) > 200:
        return None
    now = now or datetime.now(UTC)
    found = session.execute(
        select(WebSessionRow, UserRow).join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.token_hash == _digest(token))
    ).one_or_none()
    if found is None:
        return None
    row, user_row = found
    if (row.ended_at is not None or user_row.disabled_at is not None or aware(row.expires_at) <= now
            or aware(row.last_seen_at) + policy.idle <= now):
        if row.ended_at is None:
            row.ended_at = now
            session.flush()
        return None
    row.last_seen_at = now
    session.flush()
    return WebSession(user_of(user_row), row.csrf_token)


def end_session(session: Session, token: str | None) -> None:
    """Sign-out: the session ends for good, whoever holds a copy of the cookie."""
    if not token:
        return
    row = session.get(WebSessionRow, _digest(token))
    if row is None or row.ended_at is not None:
        return
    row.ended_at = datetime.now(UTC)
    user_row = session.get(UserRow, row.user_id)
    if user_row is not None:
        user = user_of(user_row)
        record(session, user.principal, AuditAction.USER_SIGNED_OUT, detail={"user": user.name})
    session.flush()
