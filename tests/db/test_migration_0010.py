"""Migration 0010 (four-eyes approval) on a database whose checks and audit trail already hold
rows: a held item waiting for its reviewer has no first approval (it still needs one reviewer's
release, or two under DG_FOUR_EYES), nothing is copied (the audit events that name a check keep
it, and their triggers still refuse an UPDATE), and the downgrade takes the columns away again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.db.engine import alembic_config, make_engine, upgrade_schema
from tests.db.stored_rows import a_stored_check, assert_audit_trail_untouched

REVISION, BEFORE = "0010", "0009"


def test_a_pending_hold_has_no_approval_and_its_audit_events_are_untouched(empty_database: str):
    a_stored_check(empty_database, BEFORE, review_status="pending")
    upgrade_schema(empty_database, REVISION)
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT review_status, approved_by, approved_at, sealed_approval_comment FROM checks WHERE id = 'chk_old'"
        )).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("pending", None, None, None) and event_check == "chk_old"
    assert_audit_trail_untouched(engine)
    engine.dispose()


def test_downgrade_takes_the_columns_away(empty_database: str):
    a_stored_check(empty_database, BEFORE, review_status="pending")
    upgrade_schema(empty_database, REVISION)
    engine = create_engine(empty_database)
    with engine.begin() as connection:
        connection.execute(text("UPDATE checks SET approved_by = 'rita' WHERE id = 'chk_old'"))
    engine.dispose()
    command.downgrade(alembic_config(empty_database), BEFORE)
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT review_status FROM checks WHERE id = 'chk_old'")).scalar_one() == "pending"
        for column in ("approved_by", "approved_at", "sealed_approval_comment"):
            with pytest.raises(DBAPIError):
                connection.execute(text(f"SELECT {column} FROM checks"))
            connection.rollback()
    engine.dispose()
