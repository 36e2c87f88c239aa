"""The worker processes checks run in: a job past its deadline is answered without its worker,
which is killed and replaced; a worker that dies is replaced; a full queue is refused at once;
no worker decides on a register older than the one it was given.

These run on the session's pool (two workers, a queue of two): the tasks below are what a test
hands a worker, real functions run in real processes."""

from __future__ import annotations

import os
import threading
import time

import pytest

from disclosure_guard.errors import Busy
from disclosure_guard.review.worker_process import StaleRegister
from disclosure_guard.review.workers import (
    DEFAULT_CLASS_UNIT, RETRY_AFTER_SECONDS, WorkerFailed, WorkerLost, WorkerOverran)
from tests.worker_tasks import (
    crash,
    every_worker_busy_and_the_queue_full,
    fail_quoting,
    gazetteer_compiled,
    index_version,
    pid_of,
    sleep_for,
    wait_until_whole,
)


def test_a_job_runs_in_a_worker_process(runtime):
    pid = runtime.workers.run(pid_of, timeout_seconds=10)
    assert pid != os.getpid() and pid in runtime.workers.state().pids


def test_a_job_past_its_deadline_is_answered_at_the_deadline_and_its_worker_replaced(runtime):
    pool = runtime.workers
    before = pool.state()
    started = time.monotonic()
    with pytest.raises(WorkerOverran):
        pool.run(sleep_for, 30, timeout_seconds=0.5)
    assert time.monotonic() - started < 2
    wait_until_whole(pool, before.replaced)
    after = pool.state()
    assert len(set(before.pids) - set(after.pids)) == 1, "exactly the overrunning worker was replaced"
    assert pool.run(pid_of, timeout_seconds=10) in after.pids


def test_a_worker_that_crashes_fails_its_job_and_is_replaced(runtime):
    pool = runtime.workers
    before = pool.state()
    with pytest.raises(WorkerLost):
        pool.run(crash, timeout_seconds=10)
    wait_until_whole(pool, before.replaced)
    assert pool.run(pid_of, timeout_seconds=10) in pool.state().pids


def test_a_task_that_raises_is_reported_by_type_and_place_never_by_its_text(runtime):
    pool = runtime.workers
    before = pool.state()
    with pytest.raises(WorkerFailed) as failed:
        pool.run(fail_quoting, "Flat 3, 12 Elm Road", timeout_seconds=10)
    assert failed.value.kind == "ValueError" and "worker_tasks.py" in failed.value.where
    assert "Elm Road" not in str(failed.value)
    assert pool.state().pids == before.pids, "a task that raises does not cost its worker"


def test_a_full_queue_is_refused_at_once_and_the_work_in_it_still_finishes(runtime):
    pool = runtime.workers
    with every_worker_busy_and_the_queue_full(pool) as answers:
        started = time.monotonic()
        with pytest.raises(Busy) as refused:
            pool.run(pid_of, timeout_seconds=20)
        assert time.monotonic() - started < 0.5
    assert refused.value.code == "guard_busy" and refused.value.retry_after_seconds == RETRY_AFTER_SECONDS
    assert len(answers) == pool.size + pool.queue_length


def first_served_of_two_waiting(pool, first: tuple[str, int], second: tuple[str, int]) -> str:
    """The name of the job the next free worker takes, of two (name, weight) queued in this order
    while every worker is busy."""
    order: list[str] = []

    def wait_then(name: str, weight: int) -> None:
        pool.run(pid_of, timeout_seconds=30, weight=weight)
        order.append(name)

    # One worker frees well before the others, and only once both jobs are waiting: so the
    # first free worker is the only choice made, however slow the machine is.
    busy = [threading.Thread(target=pool.run, args=(sleep_for, 3.0 if n == 0 else 8.0),
                             kwargs={"timeout_seconds": 30}) for n in range(pool.size)]
    for thread in busy:
        thread.start()
    while pool.state().idle:
        time.sleep(0.01)
    earlier = threading.Thread(target=wait_then, args=first)
    earlier.start()
    while pool.state().waiting < 1:
        time.sleep(0.01)
    later = threading.Thread(target=wait_then, args=second)
    later.start()
    queued_by = time.monotonic() + 2.5
    while pool.state().waiting < 2 and time.monotonic() < queued_by:
        time.sleep(0.01)
    assert pool.state().waiting == 2, "both jobs should wait while every worker is busy"
    for thread in (*busy, earlier, later):
        thread.join(timeout=30)
    return order[0]


def test_the_lightest_waiting_job_gets_the_next_free_worker(runtime):
    assert first_served_of_two_waiting(runtime.workers, ("5 MB item", 5_000_000), ("letter", 300)) == "letter"


def test_a_job_that_waits_past_its_deadline_for_a_worker_is_not_started(runtime):
    pool = runtime.workers
    before = pool.state()
    busy = [threading.Thread(target=pool.run, args=(sleep_for, 1.0), kwargs={"timeout_seconds": 20})
            for _ in range(pool.size)]
    for thread in busy:
        thread.start()
    while pool.state().idle:
        time.sleep(0.02)
    with pytest.raises(WorkerOverran):
        pool.run(pid_of, timeout_seconds=0.3)
    for thread in busy:
        thread.join(timeout=20)
    assert pool.state().pids == before.pids, "nothing was killed: the job never reached a worker"


def test_a_worker_decides_on_the_register_it_is_given_or_a_newer_one_never_an_older(runtime, register_case):
    register_case()
    version = runtime.register_version()
    assert runtime.workers.run(index_version, register_version=version, timeout_seconds=30) >= version
    with pytest.raises(WorkerFailed) as stale:
        runtime.workers.run(index_version, register_version=version + 1000, timeout_seconds=30)
    assert stale.value.kind == StaleRegister.__name__


def test_a_worker_compiles_the_registers_names_with_its_index_not_in_the_first_check(runtime, register_case):
    # Compiling them takes seconds at 10,000 cases; in the first check it ate the check's deadline.
    register_case()
    version = runtime.register_version()
    assert runtime.workers.run(gazetteer_compiled, register_version=version, timeout_seconds=30)


def test_small_jobs_wait_in_arrival_order(runtime):
    """A letter is not passed over for every slightly shorter email that arrives after it: all
    small items are one size class, first come first served."""
    assert first_served_of_two_waiting(runtime.workers, ("letter", 2_100), ("email", 1_200)) == "letter"


def test_size_classes(runtime):
    pool = runtime.workers
    unit = pool.small_weight or DEFAULT_CLASS_UNIT
    assert [pool.size_class(w) for w in (0, 1, unit, unit + 1, 2 * unit, 2 * unit + 1, 4 * unit, 5_000_000)] \
        == [-1, 0, 0, 1, 1, 2, 2, (4_999_999 // unit).bit_length()]


def test_every_waiting_job_is_woken_in_turn_not_left_to_its_deadline(runtime):
    """A worker given back wakes only the job first in line; the next one must still be woken
    when its turn comes (by the next worker given back), not find out at its deadline."""
    pool = runtime.workers
    busy = [threading.Thread(target=pool.run, args=(sleep_for, 1.0 + n), kwargs={"timeout_seconds": 30})
            for n in range(pool.size)]
    for thread in busy:
        thread.start()
    while pool.state().idle:
        time.sleep(0.01)
    served: list[int] = []

    def wait_then(weight: int) -> None:
        served.append(pool.run(pid_of, timeout_seconds=120, weight=weight))

    waiting = [threading.Thread(target=wait_then, args=(weight,)) for weight in (5_000_000, 300)]
    started = time.monotonic()
    for thread in waiting:
        thread.start()
    for thread in (*busy, *waiting):
        thread.join(timeout=150)
    assert len(served) == 2
    assert time.monotonic() - started < 60, "a waiting job was left to wait for its deadline"
