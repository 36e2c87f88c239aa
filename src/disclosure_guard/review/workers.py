"""The worker processes checks run in, so that a check past its deadline can be stopped.

A thread cannot be stopped: a check abandoned at its deadline kept its thread for minutes, and
after a handful of 5 MB items every small letter waited behind them and was held (issue 12). A
process can be killed. So each check is handed to one of a fixed number of worker processes,
each with the extraction pipeline loaded once and its own register index; a check that
overruns is answered without its worker, and that worker is killed and replaced.

- Capacity: `size` checks run at once and up to `queue_length` more wait for a free worker;
  beyond that a check is refused at once (`Busy`), never left to wait behind a queue that
  cannot move in time. Waiting jobs go by size class, lightest class first, and in arrival
  order within a class: one sender's large items must not make everyone's letters wait for
  them, and a letter must not wait behind a stream of slightly shorter emails (by weight alone,
  at 8 clients a one-page letter's p95 was 1.2 s against an email's 0.12 s; issue 13). The
  classes: up to `small_weight` (a letter, an email) one class, then each doubling of it.
- The deadline runs from the moment the check is handed over: waiting for a worker counts.
  The time a worker spends rebuilding its register index after the register changed does
  not (a rebuild at 100,000 cases takes about as long as the deadline, and would otherwise
  kill every worker in turn); it has its own bound, `start_seconds`, as loading does.
- The register: each job carries the register version the server has acknowledged. A worker
  whose index is older rebuilds before it starts; one that can only find an older register
  fails the job. No check is decided on a register older than the one acknowledged.
- A worker that dies mid-check (a crash, the OOM killer) fails that check; a new one takes
  its place.
- A lane for small items: `small_lane` more workers take only jobs no heavier than
  `small_weight` (a letter, an email), so that with every other worker deep in a long document
  a letter still starts at once. The other workers run at a lower CPU priority (`bulk_nice`),
  so the letter's worker and the server's own threads get the cores first when they need them;
  a long document loses no throughput by it, since the cores stay busy either way.
- One item, several workers (`run_many`): a long item's parts are handed out as several jobs
  under one deadline, each waiting its turn as any job does; the first failure fails the item
  at once, and never a partial answer.

A task is a module-level function `task(context, *args)` run in the worker; `context` holds
the worker's pipeline and index (what runs in the worker: review/worker_process.py). The pool
knows nothing of what a check is.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from disclosure_guard.errors import Busy
from disclosure_guard.review.worker_process import DONE, READY, STARTED, Job, serve_jobs, worker_settings
from disclosure_guard.settings import Settings

log = logging.getLogger(__name__)

# A refused check is worth offering again once a worker may have finished one; most checks
# take well under a second, and a gateway retrying every few seconds costs little.
RETRY_AFTER_SECONDS = 5
# The first size class's bound when there is no small items' weight: about a letter's text.
DEFAULT_CLASS_UNIT = 20_000
# A worker that failed to start is started again after a pause that grows to this.
MAX_RESTART_PAUSE_SECONDS = 30.0
# Imported once in the fork server, so that a new worker neither imports the code nor loads
# the model again (see forkserver_pipeline).
_PRELOAD = ["disclosure_guard.review.checks", "disclosure_guard.review.forkserver_pipeline"]

class WorkerError(Exception):
    """A job got no answer from its worker. The message never carries job data."""


class WorkerOverran(WorkerError):
    """The deadline passed: waiting for a worker, or with the job in one (killed)."""


class WorkerFailed(WorkerError):
    """The task raised in the worker; `where` is the file and line, never the text."""

    def __init__(self, kind: str, where: str) -> None:
        super().__init__(f"{kind} at {where}")
        self.kind = kind
        self.where = where


class WorkerLost(WorkerError):
    """The worker died with the job in it."""


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    small_only: bool = False  # of the small items' lane

    @property
    def pid(self) -> int | None:
        return self.process.pid


@dataclass(frozen=True)
class PoolState:
    size: int
    idle: int
    waiting: int
    replaced: int
    pids: tuple[int, ...]


class WorkerPool:
    """`size` worker processes, started once; see the module docstring."""

    def __init__(self, settings: Settings, size: int, queue_length: int, start_seconds: float, *,
                 small_lane: int = 0, small_weight: int = 0, bulk_nice: int = 0) -> None:
        self.size = size
        self.queue_length = queue_length
        self.start_seconds = start_seconds
        self.small_lane = small_lane
        self.small_weight = small_weight
        self.bulk_nice = bulk_nice
        self._settings = worker_settings(settings)
        # Fork is unsafe once the server runs threads; a fork server is a clean, single-threaded
        # parent that already imported the code.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self._mp = multiprocessing.get_context(method)
        if method == "forkserver":
            self._mp.set_forkserver_preload(_PRELOAD)
        self._lock = threading.Lock()
        # One condition per waiting job, all on `_lock`: a worker given back wakes the job first
        # in line alone. Waking every waiter on each hand-back (notify_all) made each of them
        # take the GIL to find it was not its turn, several times per check at 8 clients.
        self._turns: dict[tuple[int, int], threading.Condition] = {}
        self._idle: deque[_Worker] = deque()
        self._idle_small: deque[_Worker] = deque()  # the small items' lane
        self._all: dict[int, _Worker] = {}
        # Waiting jobs as (size class, arrival): the lightest class first, then the earliest.
        self._queue: list[tuple[int, int]] = []
        self._class_unit = small_weight if small_weight > 0 else DEFAULT_CLASS_UNIT
        self._tickets = itertools.count()
        self._replaced = 0
        self._closed = False

    # Starting and stopping

    def start(self) -> None:
        """Start every worker and wait until each has loaded; a worker that cannot load stops
        the start, as a pipeline that does not load must not serve."""
        started: list[_Worker] = []
        errors: list[BaseException] = []

        def one(small_only: bool) -> None:
            try:
                started.append(self._spawn(small_only))
            except BaseException as exc:  # noqa: BLE001  reported below
                errors.append(exc)

        lanes = [False] * self.size + [True] * self.small_lane
        threads = [threading.Thread(target=one, args=(small_only,), name="dg-worker-start") for small_only in lanes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with self._lock:
            for worker in started:
                self._idle_of(worker).append(worker)
            self._wake_first()
        if errors:
            self.close()
            raise RuntimeError(f"{len(errors)} of {len(lanes)} check workers did not start") from errors[0]
        log.info("%s check workers and %s for small items ready (queue %s)", self.size, self.small_lane,
                 self.queue_length)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all.values())
            for turn in self._turns.values():
                turn.notify()
        # All told first, then each waited for: a busy worker is given two seconds, not each in turn.
        for worker in workers:
            self._tell_to_stop(worker)
        for worker in workers:
            self._wait_for_end(worker)

    def state(self) -> PoolState:
        with self._lock:
            return PoolState(self.size + self.small_lane, len(self._idle) + len(self._idle_small), len(self._queue),
                             self._replaced,
                             tuple(sorted(w.pid for w in self._all.values() if w.pid)))

    # Running a job

    def run(self, task: Callable[..., Any], *args: Any, register_version: int | None = None,
            timeout_seconds: float, weight: int = 0) -> Any:
        """`task(context, *args)` in a worker, answered within `timeout_seconds` of now (index
        rebuilds aside) or not at all: raises Busy, WorkerOverran, WorkerFailed or WorkerLost.
        Of the jobs waiting for a worker the lightest goes first (`weight`: for a check, its
        characters of text), so a letter does not wait behind 5 MB items that will overrun."""
        deadline = time.monotonic() + timeout_seconds
        worker = self._take(deadline, weight)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            self._give_back(worker)
            raise WorkerOverran("the deadline passed before a worker was free")
        connection = worker.connection
        try:
            connection.send(Job(task, args, register_version))
            if not connection.poll(self.start_seconds):
                self._retire(worker, "did not start its job in time")
                raise WorkerOverran("the worker did not start the job in time")
            kind, payload = connection.recv()
            if kind == STARTED:
                if not connection.poll(remaining):
                    self._retire(worker, "overran its deadline")
                    raise WorkerOverran("the job overran its deadline")
                kind, payload = connection.recv()
        except (EOFError, OSError) as exc:
            self._retire(worker, f"died with a job in it ({type(exc).__name__})")
            raise WorkerLost("the worker died with the job in it") from None
        except WorkerError:
            raise
        except Exception:
            # A job that could not be handed over (it did not pickle): the worker's pipe may
            # hold part of it, so the worker is not trusted with another.
            self._retire(worker, "could not be handed its job")
            raise
        self._give_back(worker)
        if kind == DONE:
            return payload
        raise WorkerFailed(*payload)

    def run_many(self, jobs: Sequence[tuple[Callable[..., Any], tuple[Any, ...], int]], *,
                 register_version: int | None = None, timeout_seconds: float) -> list[Any]:
        """Several jobs of one item at once, each `(task, args, weight)` in a worker of its own
        as `run` runs it, all within `timeout_seconds` of now: the answers in the jobs' order,
        or the first failure (Busy, WorkerOverran, WorkerFailed, WorkerLost) as soon as there
        is one. Never a partial answer: one job failing fails them all. The others are not
        waited for; each ends by its deadline and gives its worker back (or has it replaced)."""
        deadline = time.monotonic() + timeout_seconds
        answers: list[Any] = [None] * len(jobs)
        failures: list[BaseException] = []
        finished = threading.Condition()
        done = 0

        def one(position: int, task: Callable[..., Any], args: tuple[Any, ...], weight: int) -> None:
            nonlocal done
            try:
                answer = self.run(task, *args, register_version=register_version,
                                  timeout_seconds=max(deadline - time.monotonic(), 1e-3), weight=weight)
            except BaseException as exc:  # noqa: BLE001  handed to the caller
                with finished:
                    failures.append(exc)
                    done += 1
                    finished.notify_all()
                return
            with finished:
                answers[position] = answer
                done += 1
                finished.notify_all()

        for position, (task, args, weight) in enumerate(jobs):
            threading.Thread(target=one, args=(position, task, args, weight), name="dg-item-part",
                             daemon=True).start()
        with finished:
            while done < len(jobs) and not failures:
                finished.wait()
            if failures:
                raise failures[0]
        return answers

    def size_class(self, weight: int) -> int:
        """0 up to the small items' weight (every small item alike), then one more for each
        doubling: 1 up to twice it, 2 up to four times... A job of weight 0 (what is left of an
        item that has had its turn) comes before them all."""
        if weight <= 0:
            return -1
        if weight <= self._class_unit:
            return 0
        return ((weight - 1) // self._class_unit).bit_length()

    def _idle_of(self, worker: _Worker) -> deque[_Worker]:
        return self._idle_small if worker.small_only else self._idle

    def _free_for(self, weight: int) -> deque[_Worker] | None:
        """Where a job of `weight` takes its worker now: the small items' lane first for a small
        job (the other workers stay free for long ones), else the others; None if neither."""
        if self._idle_small and weight <= self.small_weight:
            return self._idle_small
        return self._idle or None

    def _take(self, deadline: float, weight: int) -> _Worker:
        """A free worker, for the first waiting job of the lightest size class."""
        with self._lock:
            if self._closed:
                raise Busy("the guard is shutting down", "guard_busy", retry_after_seconds=RETRY_AFTER_SECONDS)
            if self._free_for(weight) is None and len(self._queue) >= self.queue_length:
                raise Busy(f"all {self.size} check workers are busy and {len(self._queue)} checks wait",
                           "guard_busy", retry_after_seconds=RETRY_AFTER_SECONDS)
            ticket = (self.size_class(weight), next(self._tickets))
            heapq.heappush(self._queue, ticket)
            turn = self._turns[ticket] = threading.Condition(self._lock)
            try:
                while True:
                    # Small items are all of class 0, ahead of every other: so when the first
                    # in line cannot use a free small-items worker, no job waiting can.
                    while not (self._queue[0] == ticket and (free := self._free_for(weight)) is not None):
                        remaining = deadline - time.monotonic()
                        if remaining <= 0:
                            raise WorkerOverran("no worker was free before the deadline")
                        if self._closed:
                            raise Busy("the guard is shutting down", "guard_busy",
                                       retry_after_seconds=RETRY_AFTER_SECONDS)
                        turn.wait(remaining)
                    worker = free.popleft()
                    if worker.process.is_alive():
                        heapq.heappop(self._queue)
                        del self._turns[ticket]
                        ticket = None
                        if self._idle or self._idle_small:
                            self._wake_first()
                        return worker
                    self._replace_later(worker, "had died while idle")
            finally:
                if ticket is not None:
                    # Given up (deadline, shutdown): the next in line may be waiting on this one.
                    self._queue.remove(ticket)
                    heapq.heapify(self._queue)
                    del self._turns[ticket]
                    self._wake_first()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                return
            self._idle_of(worker).append(worker)
            self._wake_first()

    def _wake_first(self) -> None:
        """Wake the job first in line, if any (the caller holds the lock). Only it can take a
        free worker: small jobs are one class, ahead of all others, so when the first cannot
        use a worker of the small items' lane, no job waiting can."""
        if self._queue:
            self._turns[self._queue[0]].notify()

    # Replacing workers

    def _retire(self, worker: _Worker, why: str) -> None:
        with self._lock:
            self._replace_later(worker, why)

    def _replace_later(self, worker: _Worker, why: str) -> None:
        """Kill `worker` and start another in the background (the caller holds the lock)."""
        log.error("check worker %s %s: killed and replaced", worker.pid, why)
        if worker.process.is_alive():
            worker.process.kill()
        self._all.pop(id(worker), None)
        self._replaced += 1
        threading.Thread(target=self._replace, args=(worker,), name="dg-worker-replace", daemon=True).start()

    def _replace(self, dead: _Worker) -> None:
        dead.process.join(timeout=10)
        _close_quietly(dead.connection)
        pause = 0.5
        while not self._closed:
            try:
                worker = self._spawn(dead.small_only)
            except Exception as exc:  # noqa: BLE001  try again: fewer workers, not none
                log.error("a check worker did not start (%s); trying again in %.0f s", type(exc).__name__, pause)
                time.sleep(pause)
                pause = min(pause * 2, MAX_RESTART_PAUSE_SECONDS)
                continue
            with self._lock:
                if not self._closed:
                    self._idle_of(worker).append(worker)
                    self._wake_first()
                    return
            self._stop(worker)
            return

    def _stop(self, worker: _Worker) -> None:
        self._tell_to_stop(worker)
        self._wait_for_end(worker)

    @staticmethod
    def _tell_to_stop(worker: _Worker) -> None:
        try:
            worker.connection.send(None)
        except Exception:  # noqa: BLE001, S110  it is being ended either way
            pass

    @staticmethod
    def _wait_for_end(worker: _Worker) -> None:
        worker.process.join(timeout=2)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=5)
        _close_quietly(worker.connection)

    def _spawn(self, small_only: bool = False) -> _Worker:
        ours, theirs = self._mp.Pipe(duplex=True)
        nice = 0 if small_only else self.bulk_nice
        process = self._mp.Process(target=serve_jobs, args=(self._settings, theirs, nice), daemon=True,
                                   name="dg-small-item-worker" if small_only else "dg-check-worker")
        process.start()
        theirs.close()
        worker = _Worker(process, ours, small_only)
        with self._lock:
            self._all[id(worker)] = worker
        try:
            if not ours.poll(self.start_seconds):
                raise TimeoutError("the worker did not load in time")
            kind, _ = ours.recv()
            if kind != READY:
                raise RuntimeError("the worker did not say it was ready")
        except BaseException:
            with self._lock:
                self._all.pop(id(worker), None)
            process.kill()
            process.join(timeout=5)
            ours.close()
            raise
        return worker


def _close_quietly(connection: Connection) -> None:
    # A worker killed at its deadline just as the pool closes is ended by both the replacing
    # thread and close(); two threads closing one Connection can both pass its "still open" test
    # and the second os.close fails (EBADF). The worker is ended either way.
    try:
        connection.close()
    except OSError:
        pass
