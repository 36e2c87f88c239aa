"""Migration 0007 on a database with a message held by the SMTP filter before it: the message
is `waiting` (was `awaiting_review`) with no tries counted, nothing is copied (the audit events
naming it keep it, their triggers still refuse an UPDATE), and the downgrade gives the old name back."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.db.engine import alembic_config, make_engine, upgrade_schema
from tests.db.stored_rows import a_stored_check, assert_audit_trail_untouched

# A message the SMTP filter held and a reviewer released, as 0006 stored it.
HELD_MESSAGE = {"id": "chk_held", "channel": "email", "reason_codes": ",protected_address_disclosed,",
                "case_references": ",DA-1,", "submitted_by": "smtp-filter", "submitter_system": "smtp-filter",
                "review_status": "released", "relay_status": "awaiting_review"}


def test_a_held_message_is_waiting_with_no_tries_and_its_audit_events_untouched(empty_database: str):
    a_stored_check(empty_database, "0006", **HELD_MESSAGE)
    upgrade_schema(empty_database, "0007")
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT relay_status, relay_attempts, relay_error, relay_attempted_at, "
                                      "message_digest FROM checks WHERE id = 'chk_held'")).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("waiting", 0, None, None, None) and event_check == "chk_held"
    assert_audit_trail_untouched(engine)
    engine.dispose()


def test_downgrade_gives_the_old_state_back(empty_database: str):
    a_stored_check(empty_database, "0006", **HELD_MESSAGE)
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
