"""People who sign in to the reviewer pages (access/users.py, access/web_sessions.py), on both
databases: Argon2id hashes, the roles a person may hold, the lock-out and what lifts it, sessions
that end at sign-out, idle time, their lifetime or a disabled account, and every change audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.access.users import (
    LockoutPolicy, SignInRefusal, create_user, disable_user, reset_password, sign_in,
)
from disclosure_guard.access.web_sessions import SessionPolicy, end_session, open_session, resume_session
from disclosure_guard.audit.trail import AuditAction
from disclosure_guard.db.tables import AuditEventRow, UserRow, WebSessionRow
from disclosure_guard.errors import Conflict, InvalidInput, NotFound

ADMIN = Principal("cli", Role.ADMIN)
PASSWORD = "correct horse battery staple"
POLICY = LockoutPolicy(failures=3, lock_for=timedelta(minutes=15))


@pytest.fixture
def db(runtime):
    with runtime.session_factory() as session, session.begin():
        session.execute(delete(WebSessionRow))
        session.execute(delete(UserRow))
    with runtime.session_factory() as session:
        yield session


def test_a_user_is_stored_with_an_argon2id_hash_and_audited(db):
    with db.begin():
        user = create_user(db, ADMIN, "rita", "reviewer", PASSWORD)
    assert user.role is Role.REVIEWER and user.disabled_at is None
    stored = db.scalar(select(UserRow.password_hash).where(UserRow.name == "rita"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    event = db.scalars(select(AuditEventRow)).one()
    assert event.action == AuditAction.USER_CREATED and event.actor_name == "cli"
    assert PASSWORD not in event.detail and '"role": "reviewer"' in event.detail


@pytest.mark.parametrize(("name", "role", "password", "code"), [
    ("rita", "submitter", PASSWORD, "invalid_role"),  # systems have keys, not passwords
    ("rita", "superuser", PASSWORD, "invalid_role"),
    ("rita", "reviewer", "short", "invalid_password"),
    ("-rita", "reviewer", PASSWORD, "invalid_user_name"),
    ("ri ta", "reviewer", PASSWORD, "invalid_user_name"),
])
def test_bad_input_is_refused_with_a_code(db, name, role, password, code):
    with pytest.raises(InvalidInput) as refused, db.begin():
        create_user(db, ADMIN, name, role, password)
    assert refused.value.code == code


def test_names_are_unique_and_unknown_names_not_found(db):
    with db.begin():
        create_user(db, ADMIN, "rita", "reviewer", PASSWORD)
    with pytest.raises(Conflict, match="exists already"), db.begin():
        create_user(db, ADMIN, "rita", "auditor", PASSWORD)
    with pytest.raises(NotFound), db.begin():
        disable_user(db, ADMIN, "nobody")


def test_sign_in_locks_after_repeated_failures_and_a_reset_lifts_it(db):
    with db.begin():
        create_user(db, ADMIN, "rita", "reviewer", PASSWORD)
    now = datetime.now(UTC)
    for _ in range(POLICY.failures - 1):
        with db.begin():
            assert sign_in(db, "rita", "wrong password!", POLICY, now).refusal is SignInRefusal.INVALID_CREDENTIALS
    with db.begin():
        assert sign_in(db, "rita", "wrong password!", POLICY, now).refusal is SignInRefusal.ACCOUNT_LOCKED
    with db.begin():
        assert sign_in(db, "rita", PASSWORD, POLICY, now).refusal is SignInRefusal.ACCOUNT_LOCKED
    with db.begin():  # the lock runs out
        assert sign_in(db, "rita", PASSWORD, POLICY, now + POLICY.lock_for + timedelta(seconds=1)).user is not None
    for _ in range(POLICY.failures):
        with db.begin():
            sign_in(db, "rita", "wrong password!", POLICY)
    with db.begin():
        reset_password(db, ADMIN, "rita", "a brand new long password")
    with db.begin():
        assert sign_in(db, "rita", PASSWORD, POLICY).refusal is SignInRefusal.INVALID_CREDENTIALS
    with db.begin():
        assert sign_in(db, "rita", "a brand new long password", POLICY).user.name == "rita"
    actions = db.scalars(select(AuditEventRow.action).order_by(AuditEventRow.id)).all()
    assert actions.count(AuditAction.USER_LOCKED_OUT) == 2 and AuditAction.USER_PASSWORD_RESET in actions


def test_sessions_end_at_sign_out_idle_time_lifetime_and_disable(db):
    with db.begin():
        user = create_user(db, ADMIN, "rita", "reviewer", PASSWORD)
    policy = SessionPolicy(idle=timedelta(minutes=30), lifetime=timedelta(hours=2))
    start = datetime.now(UTC)
    with db.begin():
        token, opened = open_session(db, user, policy, start)
    with db.begin():
        assert db.scalar(select(WebSessionRow.token_hash)) != token  # only its digest is kept
    moment = start
    for _ in range(3):  # in use every 25 minutes: alive, each use restarting the idle clock
        moment += timedelta(minutes=25)
        with db.begin():
            resumed = resume_session(db, token, policy, moment)
        assert resumed is not None and resumed.csrf_token == opened.csrf_token
    with db.begin():  # the lifetime ends it however busy
        assert resume_session(db, token, policy, start + policy.lifetime) is None

    with db.begin():
        idle_token, _ = open_session(db, user, policy, start)
    with db.begin():
        assert resume_session(db, idle_token, policy, start + policy.idle) is None

    with db.begin():
        out_token, _ = open_session(db, user, policy)
        end_session(db, out_token)
    with db.begin():
        assert resume_session(db, out_token, policy) is None

    with db.begin():
        live_token, _ = open_session(db, user, policy)
        disable_user(db, ADMIN, "rita")
    with db.begin():
        assert resume_session(db, live_token, policy) is None
        assert sign_in(db, "rita", PASSWORD, POLICY).refusal is SignInRefusal.INVALID_CREDENTIALS
    with db.begin():
        assert resume_session(db, None, policy) is None and resume_session(db, "x" * 500, policy) is None
