"""Running a check: one that overruns its deadline, or whose worker dies, is held as guard_error
and its worker replaced; the next check is decided as usual. A refused check stores nothing."""

from __future__ import annotations

import dataclasses
import time

import pytest
from sqlalchemy import func, select

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.errors import Busy
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.review.checks import Submission
from disclosure_guard.types import Channel, Decision, ReasonCode, Recipient, RecipientType
from tests.worker_tasks import crash, every_worker_busy_and_the_queue_full, wait_until_whole

SUBMITTER = Principal("test-submitter", Role.SUBMITTER)
HARMLESS = "The bins move to Tuesday, Sam. Nothing else has changed."
# About 200,000 words: minutes of work for the pipeline, far past a one-second deadline.
OVERSIZED = "Dear Sam, the meeting about the allotments has moved to Tuesday at the hall.\n" * 14_000


def submit(runtime, body: str, engine=None):
    item = item_from_fields(Channel.LETTER, [Recipient(RecipientType.TO, name="Sam Brown")], body=body,
                            limits=runtime.ingest_limits)
    with runtime.session_factory() as session, session.begin():
        return (engine or runtime.check_engine).submit(session, SUBMITTER, item, Submission())


def stored_checks(runtime) -> int:
    with runtime.session_factory() as session:
        return session.scalar(select(func.count()).select_from(CheckRow))


def test_a_check_past_its_deadline_is_held_as_guard_error_and_its_worker_replaced(runtime):
    before = runtime.workers.state()
    # In one worker: a text this long would otherwise be shared out over every worker, and each
    # one overrunning be replaced.
    hasty = dataclasses.replace(runtime.check_engine, timeout_seconds=1.0, parallel_above_chars=None)
    started = time.monotonic()
    outcome = submit(runtime, OVERSIZED, hasty)
    assert time.monotonic() - started < 5
    assert outcome.decision is Decision.HOLD
    assert [r.code for r in outcome.verdict.reasons] == [ReasonCode.GUARD_ERROR]
    wait_until_whole(runtime.workers, before.replaced)
    assert len(set(before.pids) - set(runtime.workers.state().pids)) == 1
    assert submit(runtime, HARMLESS).decision is Decision.ALLOW


def test_a_check_whose_worker_crashes_is_held_as_guard_error_and_the_pool_recovers(runtime):
    before = runtime.workers.state()
    crashing = dataclasses.replace(runtime.check_engine, task=crash)
    outcome = submit(runtime, HARMLESS, crashing)
    assert outcome.decision is Decision.HOLD and outcome.guard_failed
    wait_until_whole(runtime.workers, before.replaced)
    assert submit(runtime, HARMLESS).decision is Decision.ALLOW


def test_a_check_refused_for_a_full_queue_raises_busy_and_stores_nothing(runtime):
    with every_worker_busy_and_the_queue_full(runtime.workers), pytest.raises(Busy):
        submit(runtime, HARMLESS)
    assert stored_checks(runtime) == 0
