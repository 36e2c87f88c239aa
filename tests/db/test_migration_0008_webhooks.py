"""Migration 0008 on a database whose checks and audit trail already hold rows: it only adds
tables (idempotency keys, webhook endpoints, their outbox and attempts), so every check and
audit event stays as it was and the chain still verifies; the downgrade takes the tables away."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, text

from disclosure_guard.db.engine import alembic_config, make_engine, upgrade_schema

NEW_TABLES = {"idempotency_keys", "webhook_endpoints", "webhook_deliveries", "webhook_attempts"}
from tests.db.stored_rows import a_stored_check, assert_audit_trail_untouched


def test_the_new_tables_are_added_and_nothing_else_moves(empty_database: str):
    a_stored_check(empty_database, "0007", review_status="pending")
    upgrade_schema(empty_database, "0008")
    engine = make_engine(empty_database)
    assert NEW_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        row = connection.execute(text("SELECT decision, review_status, status FROM checks WHERE id = 'chk_old'")).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("hold", "pending", "decided") and event_check == "chk_old"
    assert_audit_trail_untouched(engine)
    engine.dispose()


def test_downgrade_takes_the_tables_away(empty_database: str):
    a_stored_check(empty_database, "0007", review_status="pending")
    upgrade_schema(empty_database, "0008")
    command.downgrade(alembic_config(empty_database), "0007")
    engine = create_engine(empty_database)
    assert not NEW_TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT decision FROM checks WHERE id = 'chk_old'")).scalar_one() == "hold"
    engine.dispose()
