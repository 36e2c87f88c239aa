"""Migration 0005 on a database whose checks and audit trail already hold rows: every check is
decided, nothing is copied (the audit events that name a check keep it, and their triggers
still refuse an UPDATE), and the downgrade takes the columns away again."""

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


def _old_check(database_url: str) -> None:
    upgrade_schema(database_url, "0004")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO checks (id, created_at, channel, decision, reason_codes, case_references, "
                 "register_version, submitted_by, submitter_system, sealed_result) VALUES ('chk_old', :at, "
                 "'letter', 'hold', ',guard_error,', ',,', 1, 'case-system', 'case-system', :sealed)"),
            {"at": datetime.now(UTC), "sealed": b"x"},
        )
    engine.dispose()
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session, session.begin():
        record(session, Principal("case-system", Role.SUBMITTER), AuditAction.CHECK_DECIDED, check_id="chk_old")
    engine.dispose()


def test_existing_checks_are_decided_and_their_audit_events_untouched(empty_database: str):
    _old_check(empty_database)
    upgrade_schema(empty_database, "0005")
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT decision, status, claimed_by FROM checks WHERE id = 'chk_old'")).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("hold", "decided", None) and event_check == "chk_old"
    with make_session_factory(engine)() as session, session.begin():
        assert verify_chain(session).intact
    with engine.begin() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.execute(text("UPDATE audit_events SET actor_name = 'x'"))
    engine.dispose()


def test_downgrade_takes_the_columns_away(empty_database: str):
    _old_check(empty_database)
    upgrade_schema(empty_database, "0005")
    command.downgrade(alembic_config(empty_database), "0004")
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT decision FROM checks WHERE id = 'chk_old'")).scalar_one() == "hold"
        with pytest.raises(DBAPIError):
            connection.execute(text("SELECT status FROM checks"))
    engine.dispose()
