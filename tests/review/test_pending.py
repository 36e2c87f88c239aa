"""The asynchronous lane's claims, on SQLite and PostgreSQL: two claimers never decide one check
twice, a claim past its lease is taken again, and a check past its deadline is held
(guard_error), never allowed. The API's own claimer is paused, so that each test's claimers are
the only ones."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.db.tables import AuditEventRow, CheckRow
from disclosure_guard.review.checks import Submission
from disclosure_guard.review.pending import DECIDED, PENDING, PendingCheck, PendingChecks, enqueue, load_check
from disclosure_guard.runtime import Runtime
from disclosure_guard.types import Channel, Item, Recipient, RecipientType, TextPart
from tests.worker_tasks import check_slowly

SUBMITTER = Principal("case-system", Role.SUBMITTER)


def a_pending_check(runtime: Runtime, text: str = "Dear Sir, the hearing is on Monday.") -> str:
    item = Item(Channel.LETTER, (Recipient(RecipientType.TO, name="Sam Brown"),), (TextPart("body", text),))
    with runtime.session_factory() as session, session.begin():
        return enqueue(session, runtime.vault, SUBMITTER, item, Submission(external_ref="L-9")).check_id


def claimers(runtime: Runtime, count: int, lease_seconds: float = 120.0) -> list[PendingChecks]:
    return [PendingChecks(runtime.session_factory, runtime.check_engine, lease_seconds, claimer=f"test-{i}")
            for i in range(count)]


def slow(runtime: Runtime) -> PendingChecks:
    """A claimer whose checks run 2 s past a deadline of 0.5 s."""
    engine = dataclasses.replace(runtime.check_engine, task=check_slowly, timeout_seconds=0.5)
    return PendingChecks(runtime.session_factory, engine, 120.0, claimer="slow")


def decisions_audited(runtime: Runtime, check_id: str) -> int:
    with runtime.session_factory() as session:
        return len(session.scalars(select(AuditEventRow).where(AuditEventRow.check_id == check_id)).all())


def test_a_pending_check_is_decided_by_a_claimer(paused_claimer):
    check_id = a_pending_check(paused_claimer)
    with paused_claimer.session_factory() as session:
        assert isinstance(load_check(session, paused_claimer.vault, check_id), PendingCheck)
    assert claimers(paused_claimer, 1)[0].run_once()
    with paused_claimer.session_factory() as session:
        outcome = load_check(session, paused_claimer.vault, check_id)
        row = session.get(CheckRow, check_id)
        assert row.status == DECIDED and row.decision == "allow" and row.sealed_content is None
    assert outcome.decision.value == "allow" and outcome.external_ref == "L-9"
    assert decisions_audited(paused_claimer, check_id) == 1


def test_two_claimers_racing_take_a_check_once(paused_claimer):
    check_id = a_pending_check(paused_claimer)
    racers = claimers(paused_claimer, 4)
    claims: list = []
    start = threading.Barrier(len(racers))

    def race(claimer: PendingChecks) -> None:
        start.wait()
        claims.append(claimer.claim())

    threads = [threading.Thread(target=race, args=(c,)) for c in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [claim for claim in claims if claim is not None]
    assert len(won) == 1 and won[0].check_id == check_id


def test_a_claim_past_its_lease_is_taken_again_and_the_first_claimer_decides_nothing(paused_claimer):
    check_id = a_pending_check(paused_claimer)
    first, second = claimers(paused_claimer, 2)
    lost = first.claim()
    assert lost is not None and second.claim() is None  # the lease holds
    with paused_claimer.session_factory() as session, session.begin():
        session.execute(update(CheckRow).where(CheckRow.id == check_id)
                        .values(claim_expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    taken = second.claim()
    assert taken is not None and taken.check_id == check_id
    assert second.decide(taken)
    assert not first.decide(lost)
    assert decisions_audited(paused_claimer, check_id) == 1


def test_a_pending_check_past_its_deadline_is_held_never_allowed(paused_claimer):
    check_id = a_pending_check(paused_claimer)
    assert slow(paused_claimer).run_once()
    with paused_claimer.session_factory() as session:
        outcome = load_check(session, paused_claimer.vault, check_id)
        row = session.get(CheckRow, check_id)
        assert row.status == DECIDED and row.review_status == "pending"
    assert outcome.decision.value == "hold"
    assert [r.code.value for r in outcome.verdict.reasons] == ["guard_error"]


def test_a_check_failed_while_shutting_down_is_left_for_the_next_claimer(paused_claimer):
    """A worker stopped under a check at shutdown says nothing about the item: the check stays
    pending, unclaimed, for whoever starts next, rather than held as guard_error."""
    check_id = a_pending_check(paused_claimer)
    closing = slow(paused_claimer)
    closing.closing.set()
    assert not closing.run_once()
    with paused_claimer.session_factory() as session:
        row = session.get(CheckRow, check_id)
        assert (row.status, row.claimed_by, row.claim_expires_at, row.claims) == (PENDING, None, None, 0)
    assert claimers(paused_claimer, 1)[0].run_once()
    with paused_claimer.session_factory() as session:
        assert load_check(session, paused_claimer.vault, check_id).decision.value == "allow"


def test_a_check_tried_again_and_again_is_held_after_its_tries_without_another(paused_claimer):
    """Its claimers die with it (the process killed, its result never stored): each claim is a
    try, and the claim after the last try holds it (guard_error) rather than running it again."""
    check_id = a_pending_check(paused_claimer)
    dying = PendingChecks(paused_claimer.session_factory, paused_claimer.check_engine, 120.0, claimer="dies",
                          max_attempts=2)
    for _ in range(2):
        assert dying.claim() is not None
        with paused_claimer.session_factory() as session, session.begin():
            session.execute(update(CheckRow).where(CheckRow.id == check_id)
                            .values(claim_expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    # Were it run, this claimer's check would be allowed: it is held without running.
    last = PendingChecks(paused_claimer.session_factory, paused_claimer.check_engine, 120.0, claimer="last",
                         max_attempts=2)
    assert last.run_once()
    with paused_claimer.session_factory() as session:
        outcome = load_check(session, paused_claimer.vault, check_id)
        row = session.get(CheckRow, check_id)
        assert (row.status, row.claims, row.review_status) == (DECIDED, 3, "pending")
    assert outcome.decision.value == "hold" and [r.code.value for r in outcome.verdict.reasons] == ["guard_error"]
    assert decisions_audited(paused_claimer, check_id) == 1


def test_a_check_decided_within_its_tries_is_run(paused_claimer):
    check_id = a_pending_check(paused_claimer)
    first, second = claimers(paused_claimer, 2)
    first.max_attempts = second.max_attempts = 2
    assert first.claim() is not None
    with paused_claimer.session_factory() as session, session.begin():
        session.execute(update(CheckRow).where(CheckRow.id == check_id)
                        .values(claim_expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert second.run_once()
    with paused_claimer.session_factory() as session:
        assert load_check(session, paused_claimer.vault, check_id).decision.value == "allow"


def test_nothing_to_claim_is_none(paused_claimer):
    assert claimers(paused_claimer, 1)[0].claim() is None
    with paused_claimer.session_factory() as session:
        assert session.scalar(select(CheckRow).where(CheckRow.status == PENDING)) is None
