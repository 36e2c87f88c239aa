"""Migration 0009 (pending check attempts) on a database whose checks and audit trail already
hold rows: every check has been claimed no times, nothing is copied (the audit events that name
a check keep it, and their triggers still refuse an UPDATE), and the downgrade takes the column
away again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.db.engine import alembic_config, make_engine, upgrade_schema
from tests.db.stored_rows import a_stored_check, assert_audit_trail_untouched

REVISION, BEFORE = "0009", "0008"


def test_existing_checks_have_no_claims_and_their_audit_events_are_untouched(empty_database: str):
    a_stored_check(empty_database, BEFORE)
    upgrade_schema(empty_database, REVISION)
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT decision, status, claims FROM checks WHERE id = 'chk_old'")).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("hold", "decided", 0) and event_check == "chk_old"
    assert_audit_trail_untouched(engine)
    engine.dispose()


def test_downgrade_takes_the_column_away(empty_database: str):
    a_stored_check(empty_database, BEFORE)
    upgrade_schema(empty_database, REVISION)
    command.downgrade(alembic_config(empty_database), BEFORE)
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM checks WHERE id = 'chk_old'")).scalar_one() == "decided"
        with pytest.raises(DBAPIError):
            connection.execute(text("SELECT claims FROM checks"))
    engine.dispose()
