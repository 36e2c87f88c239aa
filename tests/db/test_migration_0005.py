"""Migration 0005 on a database whose checks and audit trail already hold rows: every check is
decided, nothing is copied (the audit events that name a check keep it, and their triggers
still refuse an UPDATE), and the downgrade takes the columns away again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.db.engine import alembic_config, make_engine, upgrade_schema
from tests.db.stored_rows import a_stored_check, assert_audit_trail_untouched


def test_existing_checks_are_decided_and_their_audit_events_untouched(empty_database: str):
    a_stored_check(empty_database, "0004")
    upgrade_schema(empty_database, "0005")
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT decision, status, claimed_by FROM checks WHERE id = 'chk_old'")).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("hold", "decided", None) and event_check == "chk_old"
    assert_audit_trail_untouched(engine)
    engine.dispose()


def test_downgrade_takes_the_columns_away(empty_database: str):
    a_stored_check(empty_database, "0004")
    upgrade_schema(empty_database, "0005")
    command.downgrade(alembic_config(empty_database), "0004")
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT decision FROM checks WHERE id = 'chk_old'")).scalar_one() == "hold"
        with pytest.raises(DBAPIError):
            connection.execute(text("SELECT status FROM checks"))
    engine.dispose()
