"""Migration 0004 on a database whose audit trail already holds events: they are chained in id
order (gaps in the ids included), later appends continue the chain, and from then on the
database refuses UPDATE and DELETE of an event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import GENESIS_HASH, BreakKind, event_hash, verify_chain
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.engine import make_engine, make_session_factory, upgrade_schema
from disclosure_guard.db.tables import AuditEventRow


def _old_trail(database_url: str) -> None:
    """Three events as 0003 stored them, with ids 1, 4 and 6 (rolled-back inserts leave gaps)."""
    upgrade_schema(database_url, "0003")
    engine = create_engine(database_url)
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        for number, event_id in enumerate((1, 4, 6)):
            connection.execute(
                text("INSERT INTO audit_events (id, at, actor_name, actor_role, action, case_reference, detail) "
                     "VALUES (:id, :at, 'cli', 'register_admin', 'case.created', :reference, :detail)"),
                {"id": event_id, "at": start + timedelta(minutes=number), "reference": f"DA-{event_id}",
                 "detail": '{"parties": 2, "register_version": %d}' % event_id},
            )
    engine.dispose()


def test_existing_events_are_chained_in_order_and_appends_continue(empty_database: str):
    _old_trail(empty_database)
    upgrade_schema(empty_database, "0004")
    engine = make_engine(empty_database)
    sessions = make_session_factory(engine)
    with sessions() as session, session.begin():
        report = verify_chain(session)
        assert report.intact and (report.events, report.latest_event_id) == (3, 6)
        record(session, Principal("ops", Role.REGISTER_ADMIN), AuditAction.CASE_DELETED, case_reference="DA-4")
    with sessions() as session:
        events = session.query(AuditEventRow).order_by(AuditEventRow.id).all()
        assert [e.id for e in events] == [1, 4, 6, 7]
        assert events[0].prev_hash == GENESIS_HASH
        assert all(later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:]))
        assert verify_chain(session).intact
    with sessions() as session, session.begin():
        with pytest.raises(DBAPIError, match="append-only"):
            session.execute(text("UPDATE audit_events SET actor_name = 'x' WHERE id = 4"))
    engine.dispose()


def test_an_event_inserted_into_a_gap_is_named(empty_database: str):
    _old_trail(empty_database)
    upgrade_schema(empty_database, "0004")
    engine = make_engine(empty_database)
    sessions = make_session_factory(engine)
    with sessions() as session, session.begin():
        first = session.get(AuditEventRow, 1)
        forged = AuditEventRow(id=2, at=first.at, actor_name="cli", actor_role="register_admin",
                               action="case.deleted", case_reference="DA-1", check_id=None, detail="{}",
                               prev_hash=first.hash)
        forged.hash = event_hash(forged, first.hash)  # links correctly to the event before it
        session.add(forged)
    with sessions() as session, session.begin():
        found = verify_chain(session).first_break
    assert (found.event_id, found.kind) == (2, BreakKind.INSERTED)
    assert "event 4 links past it to event 1" in found.message
    engine.dispose()


def test_downgrade_takes_the_chain_and_the_triggers_away(empty_database: str):
    from alembic import command

    from disclosure_guard.db.engine import alembic_config

    _old_trail(empty_database)
    upgrade_schema(empty_database, "0004")
    command.downgrade(alembic_config(empty_database), "0003")
    engine = create_engine(empty_database)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id = 6"))
        assert connection.execute(text("SELECT count(*) FROM audit_events")).scalar_one() == 2
    engine.dispose()
    upgrade_schema(empty_database, "0004")
    sessions = make_session_factory(engine := make_engine(empty_database))
    with sessions() as session, session.begin():
        report = verify_chain(session)
    assert report.intact and report.events == 2
    engine.dispose()
