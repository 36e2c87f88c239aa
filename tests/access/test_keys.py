"""A key is looked up on every request and says why it fails: revoked, expired, or rotated
out after its grace period. Each on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from disclosure_guard.access.keys import Principal, authenticate, create_api_key
from disclosure_guard.access.lifecycle import KeyStatus, issue_key, list_keys, parse_duration, revoke_key, rotate_key
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.trail import AuditAction, AuditFilter, list_events
from disclosure_guard.errors import Conflict, InvalidInput, NotFound, Unauthenticated

ADMIN = Principal("test-admin", Role.ADMIN)
DAY = timedelta(days=1)


def failure(session, key: str, now: datetime | None = None) -> str:
    with pytest.raises(Unauthenticated) as refused:
        authenticate(session, key, now)
    return refused.value.code


@pytest.mark.parametrize(("text", "seconds"), [("90d", 90 * 86400), ("12h", 43200), ("30m", 1800), (" 1d ", 86400)])
def test_durations_as_operators_write_them(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "90", "d", "1.5d", "-1d", "0d", "3651d", "90 days", "1w", "999999999d"])
def test_other_durations_are_invalid_duration(text):
    with pytest.raises(InvalidInput) as refused:
        parse_duration(text)
    assert refused.value.code == "invalid_duration"


def test_a_key_speaks_for_its_name_unless_given_a_system(runtime):
    with runtime.session_factory() as session, session.begin():
        plain, plain_key = create_api_key(session, "submitter", "case-system")
        named, named_key = create_api_key(session, "submitter", "case-system-2", system="case-system")
        assert authenticate(session, plain_key) == Principal("case-system", Role.SUBMITTER, "case-system")
        assert authenticate(session, named_key).system == "case-system"
        assert plain.only_system() == named.only_system() == "case-system"
        assert Principal("x", Role.ADMIN).only_system() is None
        assert Principal("x", Role.REVIEWER).only_system() is None


def test_names_are_unique_and_plain(runtime):
    with runtime.session_factory() as session, session.begin():
        create_api_key(session, "submitter", "mailer")
        with pytest.raises(Conflict) as taken:
            create_api_key(session, "reviewer", "mailer")
        assert taken.value.code == "api_key_name_taken"
        for bad_name in ("", " mailer", "a b", "x\x00y", "é", "n" * 201):
            with pytest.raises(InvalidInput):
                create_api_key(session, "submitter", bad_name or None, system=bad_name or "ok\n")


def test_a_revoked_key_fails_at_once_and_cannot_be_rotated(runtime):
    with runtime.session_factory() as session, session.begin():
        _, key = create_api_key(session, "submitter", "mailer")
    with runtime.session_factory() as session, session.begin():
        revoke_key(session, ADMIN, "mailer")
    with runtime.session_factory() as session, session.begin():
        assert failure(session, key) == "api_key_revoked"
        with pytest.raises(Conflict) as again:
            revoke_key(session, ADMIN, "mailer")
        assert again.value.code == "api_key_revoked"
        with pytest.raises(Conflict) as rotated:
            rotate_key(session, ADMIN, "mailer", DAY)
        assert rotated.value.code == "api_key_revoked"
        with pytest.raises(NotFound) as missing:
            revoke_key(session, ADMIN, "nobody")
        assert missing.value.code == "api_key_not_found"


def test_a_key_expires(runtime):
    with runtime.session_factory() as session, session.begin():
        info, key = issue_key(session, ADMIN, "submitter", "temp", expires_in="1h")
        assert info.expires_at is not None and info.status is KeyStatus.ACTIVE
        assert authenticate(session, key).name == "temp"
        assert failure(session, key, datetime.now(UTC) + timedelta(hours=1, seconds=1)) == "api_key_expired"
        with pytest.raises(InvalidInput) as bad:
            issue_key(session, ADMIN, "submitter", "temp2", expires_in="forever")
        assert bad.value.code == "invalid_duration"


def test_rotation_keeps_the_old_secret_for_the_grace_period_only(runtime):
    with runtime.session_factory() as session, session.begin():
        _, old = create_api_key(session, "submitter", "mailer")
    with runtime.session_factory() as session, session.begin():
        info, new = rotate_key(session, ADMIN, "mailer", DAY)
    assert new != old and info.rotated_at is not None
    assert info.previous_secret_valid_until is not None
    with runtime.session_factory() as session:
        assert authenticate(session, new).name == authenticate(session, old).name == "mailer"
        later = datetime.now(UTC) + DAY + timedelta(seconds=1)
        assert failure(session, old, later) == "api_key_rotated"
        assert authenticate(session, new, later).name == "mailer"
    # A second rotation ends the first old secret's grace at once; revoking ends every secret.
    with runtime.session_factory() as session, session.begin():
        _, newest = rotate_key(session, ADMIN, "mailer", DAY)
    with runtime.session_factory() as session, session.begin():
        assert failure(session, old) == "invalid_api_key"
        assert authenticate(session, new).name == authenticate(session, newest).name == "mailer"
        revoke_key(session, ADMIN, "mailer")
    with runtime.session_factory() as session:
        assert failure(session, new) == failure(session, newest) == "api_key_revoked"


def test_no_grace_period_ends_the_old_secret_at_once(runtime):
    with runtime.session_factory() as session, session.begin():
        _, old = create_api_key(session, "submitter", "mailer")
        info, new = rotate_key(session, ADMIN, "mailer", timedelta(0))
        assert info.previous_secret_valid_until is None
        assert failure(session, old) == "invalid_api_key"
        assert authenticate(session, new).name == "mailer"


def test_each_step_is_audited_without_a_secret(runtime):
    with runtime.session_factory() as session, session.begin():
        _, created = issue_key(session, ADMIN, "submitter", "mailer", system="post-room", expires_in="90d")
        _, rotated = rotate_key(session, ADMIN, "mailer", DAY)
        revoke_key(session, ADMIN, "mailer")
        infos, total = list_keys(session)
        events, _ = list_events(session, AuditFilter(actor_name="test-admin"), 0, 10)
    assert total == 1 and infos[0].status is KeyStatus.REVOKED and infos[0].system == "post-room"
    assert [e.action for e in events] == [AuditAction.APIKEY_REVOKED, AuditAction.APIKEY_ROTATED,
                                          AuditAction.APIKEY_CREATED]
    assert all(e.detail["name"] == "mailer" and e.detail["system"] == "post-room" for e in events)
    assert events[1].detail["grace_seconds"] == 86400
    assert events[2].detail["expires_at"]
    every_detail = repr([e.detail for e in events])
    assert created not in every_detail and rotated not in every_detail
