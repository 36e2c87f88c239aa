"""Migration 0008 on a database whose checks and audit trail already hold rows: it only adds
tables (idempotency keys, webhook endpoints, their outbox and attempts), so every check and
audit event stays as it was and the chain still verifies; the downgrade takes the tables away."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import create_engine, inspect, text

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import verify_chain
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.engine import alembic_config, make_engine, make_session_factory, upgrade_schema

NEW_TABLES = {"idempotency_keys", "webhook_endpoints", "webhook_deliveries", "webhook_attempts"}


def _old_check(database_url: str) -> None:
    upgrade_schema(database_url, "0007")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO checks (id, created_at, channel, decision, reason_codes, case_references, "
                 "register_version, submitted_by, submitter_system, sealed_result, review_status) VALUES "
                 "('chk_old', :at, 'letter', 'hold', ',guard_error,', ',,', 1, 'case-system', 'case-system', "
                 ":sealed, 'pending')"),
            {"at": datetime.now(UTC), "sealed": b"x"},
        )
    engine.dispose()
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session, session.begin():
        record(session, Principal("case-system", Role.SUBMITTER), AuditAction.CHECK_DECIDED, check_id="chk_old")
    engine.dispose()


def test_the_new_tables_are_added_and_nothing_else_moves(empty_database: str):
    _old_check(empty_database)
    upgrade_schema(empty_database, "0008")
    engine = make_engine(empty_database)
    assert NEW_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        row = connection.execute(text("SELECT decision, review_status, status FROM checks WHERE id = 'chk_old'")).one()
        event_check = connection.execute(text("SELECT check_id FROM audit_events")).scalar_one()
    assert tuple(row) == ("hold", "pending", "decided") and event_check == "chk_old"
    with make_session_factory(engine)() as session, session.begin():
        assert verify_chain(session).intact
    engine.dispose()


def test_downgrade_takes_the_tables_away(empty_database: str):
    _old_check(empty_database)
    upgrade_schema(empty_database, "0008")
    command.downgrade(alembic_config(empty_database), "0007")
    engine = create_engine(empty_database)
    assert not NEW_TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT decision FROM checks WHERE id = 'chk_old'")).scalar_one() == "hold"
    engine.dispose()
