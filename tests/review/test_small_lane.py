"""The small items' lane (review/workers.py): a worker kept for light jobs starts a letter at
once while every other worker is deep in a long document, never takes a long job itself, is
replaced as a small items' worker, and the other workers run at a lower CPU priority.

On a pool of its own: one worker for any job, one for small jobs only (at most 1,000)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from disclosure_guard.review.workers import WorkerLost, WorkerPool
from tests.worker_tasks import crash, niceness, pid_of, sleep_for

SMALL, LONG = 300, 5_000_000


@pytest.fixture
def pool(runtime) -> Iterator[WorkerPool]:
    settings = runtime.settings
    pool = WorkerPool(settings, 1, 4, settings.worker_start_seconds, small_lane=1, small_weight=1_000, bulk_nice=5)
    pool.start()
    try:
        yield pool
    finally:
        pool.close()


def busy_with_a_long_job(pool: WorkerPool, seconds: float) -> tuple[threading.Thread, list[int]]:
    ran_in: list[int] = []
    thread = threading.Thread(target=lambda: ran_in.append(
        pool.run(sleep_for, seconds, timeout_seconds=30, weight=LONG)))
    thread.start()
    deadline = time.monotonic() + 10
    while pool.state().idle != 1:  # the long job has the worker for any job; the small one is free
        assert time.monotonic() < deadline, pool.state()
        time.sleep(0.01)
    return thread, ran_in


def test_a_small_job_starts_at_once_while_the_other_worker_is_in_a_long_one(pool):
    long_job, _ = busy_with_a_long_job(pool, 3.0)
    small_ran_in = pool.run(pid_of, timeout_seconds=10, weight=SMALL)
    assert long_job.is_alive(), "the small job was answered while the long one still ran"
    long_job.join(timeout=30)
    assert small_ran_in in pool.state().pids


def test_a_long_job_waits_for_its_own_worker_rather_than_take_the_small_items_one(pool):
    first, first_ran_in = busy_with_a_long_job(pool, 1.5)
    second_ran_in: list[int] = []
    second = threading.Thread(target=lambda: second_ran_in.append(
        pool.run(pid_of, timeout_seconds=30, weight=LONG)))
    second.start()
    deadline = time.monotonic() + 10
    while pool.state().waiting != 1:
        assert time.monotonic() < deadline, pool.state()
        time.sleep(0.01)
    assert pool.state().idle == 1, "the small items' worker stays free while the long job waits"
    for thread in (first, second):
        thread.join(timeout=30)
    assert second_ran_in == first_ran_in, "both long jobs ran in the one worker for any job"


def test_a_small_items_worker_that_dies_is_replaced_by_another(pool):
    with pytest.raises(WorkerLost):
        pool.run(crash, timeout_seconds=10, weight=SMALL)
    deadline = time.monotonic() + 30
    while not (pool.state().replaced == 1 and pool.state().idle == 2):
        assert time.monotonic() < deadline, pool.state()
        time.sleep(0.05)
    long_job, _ = busy_with_a_long_job(pool, 3.0)
    pool.run(pid_of, timeout_seconds=10, weight=SMALL)
    assert long_job.is_alive(), "the new worker took the small job at once: it is of the lane too"
    long_job.join(timeout=30)


def test_the_workers_for_long_jobs_yield_the_cores(pool):
    server = os.getpriority(os.PRIO_PROCESS, 0)
    long_job, _ = busy_with_a_long_job(pool, 1.5)
    assert pool.run(niceness, timeout_seconds=10, weight=SMALL) == server
    long_job.join(timeout=30)
    small_job = threading.Thread(target=pool.run, args=(sleep_for, 1.5), kwargs={"timeout_seconds": 30, "weight": SMALL})
    small_job.start()
    while pool.state().idle != 1:
        time.sleep(0.01)
    assert pool.run(niceness, timeout_seconds=10, weight=LONG) == min(server + 5, 19)
    small_job.join(timeout=30)
