"""Running a check and keeping its record.

The guard runs in a worker process (review/workers.py) with a deadline; a long item's parts are
extracted in several at once and decided in one. A check that errs, overruns or loses a worker
ends in hold (guard_error), never allow. The record keeps decision, reason codes and case
references in clear for the queue's filters; the findings, messages and, for held and blocked
items only, the submitted content are sealed.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.errors import NotFound
from disclosure_guard.guard import PartShare, check, extract_parts, join_shares, match_and_decide
from disclosure_guard.policy.decide import guard_error_reason
from disclosure_guard.review.outcome import CheckOutcome, ReviewStatus, guard_failed
from disclosure_guard.review.stored_result import outcome_from_document, result_document
from disclosure_guard.review.worker_process import WorkerContext
from disclosure_guard.review.workers import WorkerFailed, WorkerLost, WorkerOverran, WorkerPool
from disclosure_guard.types import Channel, Decision, Item, MatchThresholds, Span, TextPart, Verdict
from disclosure_guard.webhooks.events import check_event
from disclosure_guard.webhooks.outbox import emit

log = logging.getLogger(__name__)

RESULT_PURPOSE = "check.result"
CONTENT_PURPOSE = "check.content"
_INSERT_CHECK = insert(CheckRow.__table__)


@dataclass(frozen=True)
class Submission:
    """What the submitter sent beside the item; kept only with held and blocked items."""

    external_ref: str | None = None
    sender: str | None = None
    raw_message: bytes | None = None
    # The submitter keeps the item and offers it again when the guard fails (an MTA told 451):
    # such a failed check is recorded, but there is nothing for a reviewer to release.
    retries_on_failure: bool = False


def check_in_worker(context: WorkerContext, item: Item, thresholds: MatchThresholds) -> tuple[Verdict, int]:
    """A check as a worker runs it: the pure `guard.check` with the worker's pipeline and index,
    and the register version it was decided on."""
    index = context.index
    return check(item, index, context.extractor, thresholds), index.version


def indexed_version(context: WorkerContext) -> int:
    """The version of the register index a worker holds (it builds one if it has none)."""
    return context.index.version


def extract_in_worker(context: WorkerContext, parts: tuple[TextPart | PartShare, ...]) -> list[list[Span]]:
    """Some of a long item's parts, or shares of a long part, extracted in one worker: the
    extract stage of `guard.check` with the worker's pipeline and its index's gazetteer."""
    return extract_parts(parts, context.extractor, context.index.gazetteer())


def decide_in_worker(context: WorkerContext, item: Item, spans: list[list[Span]], shares: tuple[int, ...],
                     thresholds: MatchThresholds) -> tuple[Verdict, int]:
    """The match and decide stage of a long item whose parts were extracted in several workers:
    `spans` are its units of work's, `shares[i]` of them for `item.parts[i]` (`join_shares`)."""
    index = context.index
    joined = join_shares(item.parts, spans, shares, context.extractor)
    return match_and_decide(item, joined, index, thresholds), index.version


def work_units(parts: Sequence[TextPart], workers: int) -> list[TextPart | PartShare]:
    """The parts as units of work for `workers` workers: a part with more text than a worker's
    even share of the item's (a 1 MB body, a bundle in one DOCX) cut into shares of its chunks,
    as many as it holds even shares; the others whole."""
    even = max(1, sum(len(part.text) for part in parts) // max(1, workers))
    units: list[TextPart | PartShare] = []
    for part in parts:
        count = min(workers, -(-len(part.text) // even))
        if count > 1:
            units.extend(PartShare(part.name, part.text, share, count) for share in range(count))
        else:
            units.append(part)
    return units


def units_per_part(units: Sequence[TextPart | PartShare]) -> tuple[int, ...]:
    """How many of `units` (`work_units`) each part became, in part order: 1 for a part kept
    whole, its number of shares for one cut (counted at its first share)."""
    return tuple(unit.shares if isinstance(unit, PartShare) else 1 for unit in units
                 if not isinstance(unit, PartShare) or unit.share == 0)


def unit_chars(unit: TextPart | PartShare) -> int:
    return len(unit.text) // unit.shares if isinstance(unit, PartShare) else len(unit.text)


def part_groups(parts: Sequence[TextPart | PartShare], groups: int) -> list[range]:
    """The parts (or units of work: `work_units`) in at most `groups` runs of neighbours with
    about as much text each: one run per worker. Every part is in exactly one run, in order."""
    groups = max(1, min(groups, len(parts)))
    ends = list(itertools.accumulate(unit_chars(part) for part in parts))
    total = ends[-1] if ends else 0
    cuts = [0]
    for j in range(1, groups):
        # The cut nearest to an even share, leaving at least one part to this run and each after it.
        share = total * j / groups
        cuts.append(min(range(cuts[-1] + 1, len(parts) - (groups - j) + 1), key=lambda end: abs(ends[end - 1] - share)))
    cuts.append(len(parts))
    return [range(start, end) for start, end in zip(cuts, cuts[1:])]


def text_chars(item: Item) -> int:
    return sum(len(part.text) for part in item.parts)


def run_guard(
    item: Item,
    register_version: int,
    thresholds: MatchThresholds,
    workers: WorkerPool,
    timeout_seconds: float,
    task: Callable[..., tuple[Verdict, int]] = check_in_worker,
    *,
    parallel_above_chars: int | None = None,
    extract_task: Callable[..., list[list[Span]]] = extract_in_worker,
) -> tuple[Verdict, int]:
    """The verdict and the register version it was decided on. A check that overruns, fails or
    loses its worker is held (guard_error), never allowed; Busy (nothing checked) goes up.

    An item with more than `parallel_above_chars` of text has its parts (a long document's
    pages), or shares of a long part's chunks (`work_units`), extracted in several workers at
    once (`extract_task`), then is matched and decided once, in one worker, within the same
    deadline; one unit's worker failing, dying or overrunning holds the whole item, never a
    decision on the parts that were read."""
    weight = text_chars(item)
    units = (work_units(item.parts, workers.size)
             if parallel_above_chars is not None and weight > parallel_above_chars else [])
    runs = part_groups(units, workers.size) if units else []
    try:
        if len(runs) > 1:
            return _run_split(item, weight, units, runs, register_version, thresholds, workers, timeout_seconds,
                              extract_task)
        return workers.run(task, item, thresholds, register_version=register_version,
                           timeout_seconds=timeout_seconds, weight=weight)
    except WorkerOverran:
        log.error("check exceeded its %.1f s deadline: held", timeout_seconds)
        reason = guard_error_reason("The check did not finish in time.")
    except WorkerFailed as failed:
        # Where it failed, not the exception's text: that text may quote register values.
        log.error("check failed with %s at %s: held", failed.kind, failed.where)
        reason = guard_error_reason("The guard failed while checking this item.")
    except WorkerLost:
        log.error("check's worker died: held")
        reason = guard_error_reason("The guard failed while checking this item.")
    return Verdict(Decision.HOLD, (reason,), ()), register_version


def _run_split(item: Item, weight: int, units: list[TextPart | PartShare], runs: list[range], register_version: int,
               thresholds: MatchThresholds, workers: WorkerPool, timeout_seconds: float,
               extract_task: Callable[..., list[list[Span]]]) -> tuple[Verdict, int]:
    deadline = time.monotonic() + timeout_seconds
    # Each part's job waits as the whole item (`weight`) would: pieces of a long document are no
    # letters, neither in the queue's order nor for the small items' workers.
    jobs = [(extract_task, (tuple(units[i] for i in run),), weight) for run in runs]
    extracted = workers.run_many(jobs, register_version=register_version, timeout_seconds=timeout_seconds)
    spans = [unit_spans for run_spans in extracted for unit_spans in run_spans]
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise WorkerOverran("the deadline passed before the item's parts were put together")
    # Weight 0: the item has had its turn; what is left is short and holds its sender up.
    return workers.run(decide_in_worker, item, spans, units_per_part(units), thresholds,
                       register_version=register_version, timeout_seconds=remaining, weight=0)


def content_document(item: Item, submission: Submission) -> dict[str, Any]:
    return {
        "channel": item.channel.value,
        "external_ref": submission.external_ref,
        "sender": submission.sender,
        "recipients": [
            {"type": r.type.value, "name": r.name, "email": r.email, "address": r.address}
            for r in item.recipients
        ],
        "parts": [{"name": p.name, "text": p.text} for p in item.parts],
        "unreadable": [{"name": u.name, "why": u.why} for u in item.unreadable],
        "raw_message": submission.raw_message.decode("latin-1") if submission.raw_message else None,
    }


def new_check_id() -> str:
    return "chk_" + secrets.token_hex(12)


def decided_outcome(check_id: str, created_at: datetime, submission: Submission, verdict: Verdict,
                    register_version: int, started: float) -> CheckOutcome:
    """The outcome of a decided check, queued for review when it is a hold a reviewer can act on."""
    queued = verdict.decision is Decision.HOLD and not (submission.retries_on_failure and guard_failed(verdict))
    return CheckOutcome(
        check_id=check_id,
        external_ref=submission.external_ref,
        created_at=created_at,
        verdict=verdict,
        register_version=register_version,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        review_status=ReviewStatus.PENDING if queued else None,
    )


def keeps_content(outcome: CheckOutcome) -> bool:
    # The content is kept for whoever may look at the item again: a reviewer of a hold, or
    # whoever answers for a block. A check the submitter will repeat keeps none.
    return outcome.verdict.decision is Decision.BLOCK or outcome.review_status is ReviewStatus.PENDING


def _codes_and_references(verdict: Verdict) -> tuple[list[str], list[str]]:
    return (sorted({r.code.value for r in verdict.reasons}),
            sorted({r.case_reference for r in verdict.reasons if r.case_reference}))


def decision_columns(vault: Vault, outcome: CheckOutcome) -> dict[str, Any]:
    """The check row's columns that say what was decided: in clear for the queue's filters,
    the result sealed."""
    codes, references = _codes_and_references(outcome.verdict)
    return {
        "decision": outcome.verdict.decision.value,
        "reason_codes": "," + ",".join(codes) + ",",
        "case_references": "," + ",".join(references) + ",",
        "register_version": outcome.register_version,
        "sealed_result": vault.seal_json(result_document(outcome), f"{RESULT_PURPOSE}:{outcome.check_id}"),
        "review_status": outcome.review_status,
    }


def record_decision(session: Session, actor: Principal, outcome: CheckOutcome, channel: Channel,
                    **detail: Any) -> None:
    codes, references = _codes_and_references(outcome.verdict)
    record(
        session, actor, AuditAction.CHECK_DECIDED, check_id=outcome.check_id,
        detail={"decision": outcome.verdict.decision.value, "reason_codes": codes, "case_references": references,
                "channel": channel.value, **detail},
    )
    # In the decision's transaction: a webhook is sent if and only if the decision was stored.
    event = check_event(outcome.verdict.decision, outcome.review_status)
    if event is not None:
        emit(session, event, outcome.check_id, actor.system)


def store_check(
    session: Session,
    vault: Vault,
    actor: Principal,
    item: Item,
    submission: Submission,
    verdict: Verdict,
    register_version: int,
    started: float,
) -> CheckOutcome:
    check_id = new_check_id()
    outcome = decided_outcome(check_id, datetime.now(UTC), submission, verdict, register_version, started)
    # A plain INSERT, not an ORM object flushed through the unit of work, which took twice the
    # CPU of the INSERT itself on every check (issue 13). Whoever reads the row again loads it.
    session.flush()
    session.connection().execute(_INSERT_CHECK, {
        "id": check_id,
        "created_at": outcome.created_at,
        "channel": item.channel.value,
        "submitted_by": actor.name,
        "submitter_system": actor.system,
        "sealed_content": (
            vault.seal_json(content_document(item, submission), f"{CONTENT_PURPOSE}:{check_id}")
            if keeps_content(outcome) else None
        ),
        **decision_columns(vault, outcome),
    })
    record_decision(session, actor, outcome, item.channel)
    return outcome


def find_check_row(session: Session, check_id: str, *, system: str | None = None) -> CheckRow:
    """With `system`, a check another system submitted is not found either: the same answer as
    for no check at all, so that an id cannot be probed for."""
    row = session.get(CheckRow, check_id)
    if row is None or (system is not None and row.submitter_system != system):
        raise NotFound("no check with that id", "check_not_found")
    return row


def load_result(session: Session, vault: Vault, check_id: str, *, system: str | None = None) -> CheckOutcome:
    return result_of(vault, find_check_row(session, check_id, system=system))


def result_of(vault: Vault, row: CheckRow) -> CheckOutcome:
    document = vault.open_json(row.sealed_result, f"{RESULT_PURPOSE}:{row.id}")
    status = ReviewStatus(row.review_status) if row.review_status else None
    outcome = outcome_from_document(document, status)
    return dataclasses.replace(outcome, reviewed_at=row.reviewed_at, awaiting_second_reviewer=(
        status is ReviewStatus.PENDING and row.approved_by is not None))


def load_content(vault: Vault, row: CheckRow) -> dict[str, Any] | None:
    if row.sealed_content is None:
        return None
    return vault.open_json(row.sealed_content, f"{CONTENT_PURPOSE}:{row.id}")


@dataclass
class CheckEngine:
    """Everything a check needs beyond the item: the register's version, the workers that run
    the pipeline (each with its own register index), the thresholds and the deadline."""

    vault: Vault
    # The register version as the database has it now: one read, no index (the workers hold those).
    register_version: Callable[[], int]
    thresholds: MatchThresholds
    workers: WorkerPool
    timeout_seconds: float
    # Items with more text than this, in several parts, are extracted in several workers at once.
    parallel_above_chars: int | None = None
    # What a worker runs; only a test that makes a worker crash gives others.
    task: Callable[..., tuple[Verdict, int]] = check_in_worker
    extract_task: Callable[..., list[list[Span]]] = extract_in_worker

    def submit(self, session: Session, actor: Principal, item: Item, submission: Submission) -> CheckOutcome:
        """Raises Busy, with nothing stored, when no worker can take the check."""
        started = time.perf_counter()
        verdict, version = self.decide(item)
        return store_check(session, self.vault, actor, item, submission, verdict, version, started)

    def decide(self, item: Item) -> tuple[Verdict, int]:
        """The verdict on `item` and the register version it was decided on; held, never
        allowed, when there is no register to decide on. Raises Busy when no worker can take it."""
        try:
            # The version the workers must decide on at least: the register as it is now.
            version = self.register_version()
        except Exception as exc:  # noqa: BLE001  no register, no allow
            log.error("register version unavailable (%s): check held", type(exc).__name__)
            verdict = Verdict(Decision.HOLD, (guard_error_reason("The register could not be loaded."),), ())
            return verdict, 0
        return run_guard(item, version, self.thresholds, self.workers, self.timeout_seconds, self.task,
                         parallel_above_chars=self.parallel_above_chars, extract_task=self.extract_task)
