"""Migration 0006 on a database that already holds checks and an audit trail: it only adds the
users and web_sessions tables, so what is stored is untouched (the chain still verifies, its
triggers still refuse an UPDATE), and the downgrade takes the two tables away again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, text

from disclosure_guard.db.engine import alembic_config, make_engine, upgrade_schema
from tests.db.stored_rows import a_stored_check, assert_audit_trail_untouched


def test_the_tables_are_added_and_nothing_stored_is_touched(empty_database: str):
    a_stored_check(empty_database, "0005")
    upgrade_schema(empty_database, "0006")
    engine = make_engine(empty_database)
    assert {"users", "web_sessions"} <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT decision FROM checks WHERE id = 'chk_old'")).scalar_one() == "hold"
        assert connection.execute(text("SELECT check_id FROM audit_events")).scalar_one() == "chk_old"
    assert_audit_trail_untouched(engine)
    engine.dispose()


def test_downgrade_takes_the_tables_away(empty_database: str):
    upgrade_schema(empty_database, "0006")
    command.downgrade(alembic_config(empty_database), "0005")
    engine = create_engine(empty_database)
    assert not {"users", "web_sessions"} & set(inspect(engine).get_table_names())
    engine.dispose()
