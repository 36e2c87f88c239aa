"""What tests hand the check workers: real functions run in the real worker processes (they
import this module by name), and a way to fill every worker and the queue for a while."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from disclosure_guard.review.worker_process import WorkerContext
from disclosure_guard.review.workers import WorkerPool


def pid_of(_: WorkerContext) -> int:
    return os.getpid()


def sleep_for(_: WorkerContext, seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def check_slowly(context: WorkerContext, *args: object) -> object:
    """A check that takes 2 s more than the real one: past a short deadline for sure."""
    from disclosure_guard.review.checks import check_in_worker

    time.sleep(2)
    return check_in_worker(context, *args)


def crash(_: WorkerContext, *__: object) -> None:
    os._exit(3)


def fail_quoting(_: WorkerContext, text: str) -> None:
    raise ValueError(f"could not read {text}")


def index_version(context: WorkerContext) -> int:
    return context.index.version


def gazetteer_compiled(context: WorkerContext) -> bool:
    """Whether the register's names were compiled before any text was read with them."""
    return context.extractor.has_prepared(context.index.gazetteer())


@contextmanager
def every_worker_busy_and_the_queue_full(pool: WorkerPool, seconds: float = 1.5) -> Iterator[list[int]]:
    """Inside, one more job is refused; on leaving, the jobs that filled the pool have finished
    (their answers, one per job, are in the list)."""
    answers: list[int] = []
    fillers = [threading.Thread(target=lambda: answers.append(pool.run(sleep_for, seconds, timeout_seconds=30)))
               for _ in range(pool.size + pool.queue_length)]
    for filler in fillers:
        filler.start()
    deadline = time.monotonic() + 10
    while (pool.state().idle, pool.state().waiting) != (0, pool.queue_length):
        if time.monotonic() > deadline:
            pytest.fail(f"the pool did not fill: {pool.state()}")
        time.sleep(0.01)
    try:
        yield answers
    finally:
        for filler in fillers:
            filler.join(timeout=30)


def wait_until_whole(pool: WorkerPool, replaced_before: int, within: float = 30) -> None:
    """Until a worker has been replaced since `replaced_before` and every worker is free."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        state = pool.state()
        if state.replaced > replaced_before and state.idle == pool.size and len(state.pids) == pool.size:
            return
        time.sleep(0.05)
    pytest.fail(f"the pool did not recover: {pool.state()}")


def logged_line(_: WorkerContext, text: str) -> str:
    """`text` as the worker's own log handler would write it."""
    import logging

    record = logging.getLogger("disclosure_guard.test").makeRecord(
        "disclosure_guard.test", logging.WARNING, __file__, 1, "%s", (text,), None)
    return logging.getLogger().handlers[0].format(record)


def niceness(_: WorkerContext) -> int:
    """The worker's CPU priority (nice value)."""
    return os.getpriority(os.PRIO_PROCESS, 0)
