"""The audit trail's hash chain on both databases: appends chain from the genesis and queue
rather than fork; UPDATE and DELETE are refused; and an event edited, deleted or inserted
behind the triggers' back is named by verify."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import (
    GENESIS_HASH, BreakKind, canonical_content, chain_head, event_hash, parse_anchor,
)
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.tables import AuditChainHeadRow, AuditEventRow
from disclosure_guard.runtime import Runtime
from tests.audit.trails import OPS, audited, stored_hashes, tamper, verified
from tests.conftest import audit_guards_off


def test_the_canonical_content_is_a_fixed_format():
    # Every stored hash depends on this exact serialisation: a change here breaks every trail.
    event = SimpleNamespace(id=42, at=datetime(2026, 11, 30, 19, 20, 1, 123456, tzinfo=UTC), actor_name="ops",
                            actor_role="register_admin", action="case.deleted", case_reference="DA-2026-00017",
                            check_id=None, detail='{"register_version": 7}')
    assert canonical_content(event, GENESIS_HASH) == (
        b'{"action":"case.deleted","actor_name":"ops","actor_role":"register_admin",'
        b'"at":"2026-11-30T19:20:01.123456Z","case_reference":"DA-2026-00017","check_id":null,'
        b'"detail":"{\\"register_version\\": 7}","id":42,"prev_hash":"' + GENESIS_HASH.encode() + b'"}'
    )
    assert event_hash(event, GENESIS_HASH) == "a1aeafb0ef959f28c2038ebdf614248c7bfb6b4b35a43ec01ee2bdf4fbfd6707"
    # SQLite hands the time back without a zone; it is the same instant, so the same hash.
    naive = SimpleNamespace(**{**vars(event), "at": event.at.replace(tzinfo=None)})
    assert event_hash(naive, GENESIS_HASH) == event_hash(event, GENESIS_HASH)


def test_parse_anchor_takes_what_audit_head_prints():
    assert parse_anchor(f"7:{'AB' * 32}\n") == (7, "ab" * 32)
    for wrong in ("7", f"x:{'a' * 64}", "7:abc", f"7:{'g' * 64}", f"-1:{'a' * 64}", f"\u00b2:{'a' * 64}"):
        with pytest.raises(ValueError):
            parse_anchor(wrong)


def test_events_chain_from_the_genesis(runtime: Runtime):
    assert verified(runtime).intact and verified(runtime).latest_hash == GENESIS_HASH
    audited(runtime, 3)
    with runtime.session_factory() as session:
        events = session.scalars(select(AuditEventRow).order_by(AuditEventRow.id)).all()
        head = session.get(AuditChainHeadRow, 1)
        latest = chain_head(session)
    assert [e.id for e in events] == [1, 2, 3]
    assert [e.prev_hash for e in events] == [GENESIS_HASH, events[0].hash, events[1].hash]
    assert all(e.hash == event_hash(e, e.prev_hash) for e in events)
    assert (head.last_event_id, head.last_hash) == latest == (3, events[2].hash)
    report = verified(runtime, {2: events[1].hash})
    assert report.intact and (report.events, report.latest_event_id, report.latest_hash) == (3, 3, events[2].hash)


def test_an_append_rolled_back_leaves_the_chain_as_it_was(runtime: Runtime):
    audited(runtime, 1)
    with runtime.session_factory() as session, session.begin():
        record(session, OPS, AuditAction.CASE_DELETED, case_reference="DA-gone")
        session.rollback()
    audited(runtime, 1)
    report = verified(runtime)
    assert report.intact and report.latest_event_id == 2


def test_update_delete_and_truncate_are_refused(runtime: Runtime):
    audited(runtime, 2)
    refused = ["UPDATE audit_events SET detail = '{}' WHERE id = 1", "DELETE FROM audit_events WHERE id = 2"]
    if runtime.engine.dialect.name == "postgresql":
        refused.append("TRUNCATE audit_events")
    for statement in refused:
        with runtime.session_factory() as session, session.begin():
            with pytest.raises(DBAPIError, match="append-only"):
                session.execute(text(statement))
    assert verified(runtime).intact and verified(runtime).events == 2


def test_an_edited_event_is_named(runtime: Runtime):
    audited(runtime, 4)
    tamper(runtime, "UPDATE audit_events SET actor_name = 'someone-else' WHERE id = 2")
    found = verified(runtime).first_break
    assert (found.event_id, found.kind) == (2, BreakKind.EDITED)


def test_an_edited_event_with_its_hash_recomputed_is_named(runtime: Runtime):
    audited(runtime, 4)
    with runtime.session_factory() as session, session.begin(), audit_guards_off(session):
        event = session.get(AuditEventRow, 2)
        event.detail = '{"register_version": 99}'
        event.hash = event_hash(event, event.prev_hash)
    found = verified(runtime).first_break
    assert (found.event_id, found.kind) == (2, BreakKind.EDITED)
    assert "event 3 still links to its old hash" in found.message


@pytest.mark.parametrize("deleted", [1, 3, 5])  # the first, one in the middle, the latest
def test_a_deleted_event_is_named(runtime: Runtime, deleted: int):
    audited(runtime, 5)
    tamper(runtime, f"DELETE FROM audit_events WHERE id = {deleted}")
    report = verified(runtime)
    assert (report.first_break.event_id, report.first_break.kind) == (deleted, BreakKind.DELETED)
    assert report.latest_event_id == deleted - 1


def test_an_event_inserted_outside_the_trail_is_named(runtime: Runtime):
    audited(runtime, 2)
    with runtime.session_factory() as session:
        last_id, last_hash = chain_head(session)
    forged = AuditEventRow(id=last_id + 1, at=datetime.now(UTC), actor_name="ops", actor_role="register_admin",
                           action="case.created", case_reference="DA-forged", check_id=None, detail="{}",
                           prev_hash=last_hash)
    # Even with a hash that links correctly: the chain head never recorded it.
    forged.hash = event_hash(forged, last_hash)
    with runtime.session_factory() as session, session.begin():
        session.add(forged)
    found = verified(runtime).first_break
    assert (found.event_id, found.kind) == (3, BreakKind.INSERTED)


def test_a_trail_rewritten_from_an_anchored_event_is_caught_by_the_anchor(runtime: Runtime):
    audited(runtime, 4)
    anchored = stored_hashes(runtime)
    # Whoever can write the database can recompute every later hash and the head...
    with runtime.session_factory() as session, session.begin(), audit_guards_off(session):
        prev_hash = anchored[1]
        for event in session.scalars(select(AuditEventRow).where(AuditEventRow.id >= 2).order_by(AuditEventRow.id)):
            if event.id == 2:
                event.actor_name = "someone-else"
            event.prev_hash, event.hash = prev_hash, event_hash(event, prev_hash)
            prev_hash = event.hash
        session.execute(update(AuditChainHeadRow).values(last_hash=prev_hash))
    assert verified(runtime).intact
    # ...so a hash kept outside the database is what shows it.
    found = verified(runtime, {3: anchored[3]}).first_break
    assert (found.event_id, found.kind) == (3, BreakKind.REWRITTEN)
    assert verified(runtime, {1: anchored[1]}).intact
    missing = verified(runtime, {9: "a" * 64}).first_break
    assert (missing.event_id, missing.kind) == (9, BreakKind.DELETED)


def test_concurrent_appends_queue_instead_of_forking(runtime: Runtime):
    writers, each = 6, 8
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(number: int) -> None:
        try:
            start.wait()
            audited(runtime, each, Principal(f"writer-{number}", Role.REVIEWER))
        except BaseException as exc:  # noqa: BLE001  reported below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    report = verified(runtime)
    assert report.intact and report.events == writers * each
    assert sorted(stored_hashes(runtime)) == list(range(1, writers * each + 1))


def test_a_second_append_waits_for_the_first_to_commit(runtime: Runtime):
    audited(runtime, 1)
    second_done = threading.Event()

    def second() -> None:
        audited(runtime, 1, Principal("second", Role.REVIEWER))
        second_done.set()

    with runtime.session_factory() as session, session.begin():
        record(session, Principal("first", Role.REVIEWER), AuditAction.CASE_DELETED, case_reference="DA-1")
        session.flush()
        waiting = threading.Thread(target=second)
        waiting.start()
        time.sleep(1.0)
        assert not second_done.is_set()  # it queues behind the open append
    waiting.join(timeout=30)
    assert second_done.is_set()
    with runtime.session_factory() as session:
        actors = session.scalars(select(AuditEventRow.actor_name).order_by(AuditEventRow.id)).all()
    assert actors == ["ops", "first", "second"]
    assert verified(runtime).intact


def test_verify_while_appends_go_on_never_reports_a_break(runtime: Runtime):
    # A cron job verifies during traffic: the head row and the events are read as one snapshot.
    audited(runtime, 3)
    writing = threading.Event()
    writing.set()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            audited(runtime, 15, Principal("writer", Role.REVIEWER))
        except BaseException as exc:  # noqa: BLE001  reported below
            failures.append(exc)

    writers = [threading.Thread(target=write) for _ in range(3)]
    for thread in writers:
        thread.start()
    reports = []
    while any(thread.is_alive() for thread in writers):
        reports.append(verified(runtime))
    for thread in writers:
        thread.join()
    assert not failures and reports
    assert [r.first_break for r in reports if not r.intact] == []
    assert verified(runtime).events == 3 + 3 * 15
