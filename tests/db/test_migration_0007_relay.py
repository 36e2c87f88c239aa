"""Migration 0007 on a database with a message held by the SMTP filter before it: the message
is `waiting` (was `awaiting_review`) with no tries counted, nothing is copied (the audit events
naming it keep it, their triggers still refuse an UPDATE), and the downgrade gives the old name back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import verify_chain
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.engine import alembic_config, make_engine, make_session_factory, upgrade_schema


def _held_message(database_url: str) -> None:
    upgrade_schema(database_url, "0006")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO checks (id, created_at, channel, decision, reason_codes, case_references, "
                 "register_version, submitted_by, submitter_system, sealed_result, review_status, relay_status) "
                 "VALUES ('chk_held', :at, 'email', 'hold', ',protected_address_disclosed,', ',DA-1,', 1, "
                 "'smtp-filter', 'smtp-filter', :sealed, 'released', 'awaiting_review')"),
            {"at": datetime.now(UTC), "sealed": b"x"},
        )
    engine.dispose()
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session, session.begin():
        record(session, Principal("smtp-filter", Role.SUBMITTER), AuditAction.CHECK_DECIDED, check_id="chk_held")
    engine.dispose()


def test_a_held_message_is_waiting_with_no_tries_and_its_audit_events_untouched(empty_database: str):
    _held_message(empty_database)
    upgrade_schema(empty_database, "0007")
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT relay_status, relay_attempts, relay_error, relay_attempted_at, "
                                      "message_digest FROM checks WHERE id = 'chk_held'")).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("waiting", 0, None, None, None) and event_check == "chk_held"
    with make_session_factory(engine)() as session, session.begin():
        assert verify_chain(session).intact
    with engine.begin() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.execute(text("UPDATE audit_events SET actor_name = 'x'"))
    engine.dispose()


def test_downgrade_gives_the_old_state_back(empty_database: str):
    _held_message(empty_database)
    upgrade_schema(empty_database, "0007")
    engine = create_engine(empty_database)
    with engine.begin() as connection:
        connection.execute(text("UPDATE checks SET relay_status = 'failed', relay_attempts = 30"))
    command.downgrade(alembic_config(empty_database), "0006")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT relay_status FROM checks")).scalar_one() == "awaiting_review"
        with pytest.raises(DBAPIError):
            connection.execute(text("SELECT relay_attempts FROM checks"))
    engine.dispose()
