"""The asynchronous lane: a check answered 202 at once and decided in the background.

What cannot be answered within the request (a 500-page bundle) is stored as a pending check:
its row in `checks` with status "pending", decision "hold" (until decided it is not to be
sent) and its content sealed as a held item's is (review/checks.py). Any replica's claimer
takes it, runs it through the same worker pool as a check in a request (so its deadline and
fail-closed rules hold: past the deadline it is held, guard_error, never allowed) and stores
the result in the same row.

- Claims are in the database, so a pending check survives a restart and spreads over
  replicas: `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL, then on both databases an
  `UPDATE ... WHERE status = 'pending' AND (unclaimed or lease over)` whose row count says who
  won; SQLite has one writer at a time, so the UPDATE alone decides.
- A claim holds for a lease (the deadline plus the workers' start time, plus a margin); a
  claimer that died with a check is replaced by whoever claims after the lease.
- A decision is stored only by the claimer that still holds the claim (`claimed_by` in the
  UPDATE's WHERE): a claimer whose lease ran out and was reclaimed decides nothing, so no check
  is decided twice and the audit trail records each decision once.
- Tries are counted (`claims`): a check whose claimer dies with it again and again (the item
  kills the process, its result cannot be stored) is tried `max_attempts` times, and the claim
  after that holds it (guard_error) without running it. A claim given back with nothing checked
  (every worker busy, the process shutting down) is not a try.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import ApiKeyRow, CheckRow
from disclosure_guard.errors import Busy
from disclosure_guard.policy.decide import guard_error_reason
from disclosure_guard.review.checks import (
    CONTENT_PURPOSE,
    CheckEngine,
    Submission,
    content_document,
    decided_outcome,
    decision_columns,
    find_check_row,
    keeps_content,
    new_check_id,
    record_decision,
    result_of,
)
from disclosure_guard.review.outcome import CheckOutcome, guard_failed
from disclosure_guard.review.polling import PollingLoop
from disclosure_guard.types import (
    Channel,
    Decision,
    Item,
    Recipient,
    RecipientType,
    TextPart,
    UnreadablePart,
    Verdict,
)

log = logging.getLogger(__name__)

PENDING = "pending"
DECIDED = "decided"
# Beyond the deadline and the workers' start time: the claimer's own reads and writes.
LEASE_MARGIN_SECONDS = 60.0


@dataclass(frozen=True)
class PendingCheck:
    """A check not decided yet: not to be sent."""

    check_id: str
    external_ref: str | None
    created_at: datetime


def enqueue(session: Session, vault: Vault, actor: Principal, item: Item, submission: Submission) -> PendingCheck:
    """Store `item` as a pending check, its content sealed as a held item's is."""
    check_id = new_check_id()
    created_at = datetime.now(UTC)
    session.add(
        CheckRow(
            id=check_id,
            created_at=created_at,
            channel=item.channel.value,
            decision=Decision.HOLD.value,
            reason_codes=",",
            case_references=",",
            register_version=0,
            submitted_by=actor.name,
            submitter_system=actor.system,
            sealed_result=b"",
            sealed_content=vault.seal_json(content_document(item, submission), f"{CONTENT_PURPOSE}:{check_id}"),
            status=PENDING,
        )
    )
    session.flush()
    return PendingCheck(check_id, submission.external_ref, created_at)


def load_check(session: Session, vault: Vault, check_id: str, *, system: str | None = None) -> CheckOutcome | PendingCheck:
    """The decided outcome, or the pending check; with `system`, another system's check is not
    found either (as load_result)."""
    row = find_check_row(session, check_id, system=system)
    if row.status == PENDING:
        document = vault.open_json(row.sealed_content, f"{CONTENT_PURPOSE}:{row.id}")
        return PendingCheck(row.id, document.get("external_ref"), row.created_at)
    return result_of(vault, row)


def item_of(document: dict[str, Any]) -> tuple[Item, Submission]:
    """The item and submission back from `content_document`."""
    item = Item(
        channel=Channel(document["channel"]),
        recipients=tuple(Recipient(RecipientType(r["type"]), r["name"], r["email"], r["address"])
                         for r in document["recipients"]),
        parts=tuple(TextPart(p["name"], p["text"]) for p in document["parts"]),
        unreadable=tuple(UnreadablePart(u["name"], u["why"]) for u in document["unreadable"]),
    )
    raw = document.get("raw_message")
    submission = Submission(external_ref=document.get("external_ref"), sender=document.get("sender"),
                            raw_message=raw.encode("latin-1") if raw is not None else None)
    return item, submission


@dataclass(frozen=True)
class Claim:
    check_id: str
    claimer: str


class PendingChecks:
    """Claims pending checks and decides them through the check engine's workers."""

    def __init__(self, session_factory: sessionmaker[Session], engine: CheckEngine, lease_seconds: float,
                 claimer: str | None = None, max_attempts: int = 3) -> None:
        self.session_factory = session_factory
        self.engine = engine
        self.lease_seconds = lease_seconds
        self.max_attempts = max_attempts
        self.claimer = claimer or "claimer-" + secrets.token_hex(8)
        # Set while the process shuts down: its workers are being stopped, and a check they
        # fail then says nothing about the item.
        self.closing = threading.Event()

    def claim(self) -> Claim | None:
        """The oldest pending check no one holds a live claim on, now ours; None if there is none."""
        now = datetime.now(UTC)
        claimable = (CheckRow.status == PENDING) & or_(CheckRow.claimed_by.is_(None), CheckRow.claim_expires_at < now)
        with self.session_factory() as session, session.begin():
            check_id = session.scalar(
                select(CheckRow.id).where(claimable).order_by(CheckRow.created_at).limit(1)
                .with_for_update(skip_locked=True)
            )
            if check_id is None:
                return None
            won = session.execute(
                update(CheckRow).where(CheckRow.id == check_id, claimable)
                .values(claimed_by=self.claimer, claim_expires_at=now + timedelta(seconds=self.lease_seconds),
                        claims=CheckRow.claims + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
        return Claim(check_id, self.claimer) if won == 1 else None

    def decide(self, claim: Claim) -> bool:
        """Run the claimed check and store its result; False when the claim was lost meanwhile
        (another claimer decides it, or has)."""
        started = time.perf_counter()
        vault = self.engine.vault
        with self.session_factory() as session:
            row = session.get(CheckRow, claim.check_id)
            if row is None or row.status != PENDING or row.claimed_by != claim.claimer:
                return False
            item, submission = item_of(vault.open_json(row.sealed_content, f"{CONTENT_PURPOSE}:{row.id}"))
            role = session.scalar(select(ApiKeyRow.role).where(ApiKeyRow.name == row.submitted_by))
            # The audit trail names the submitter as at submission; a key since deleted was a submitter's.
            actor = Principal(name=row.submitted_by, role=Role(role) if role else Role.SUBMITTER,
                              system=row.submitter_system or "")
            created_at = row.created_at
            tries = row.claims
        if tries > self.max_attempts:
            # Tried that often and never decided: whatever stops it would stop it again.
            log.error("pending check %s claimed %s times without a decision: held", claim.check_id, tries)
            verdict = Verdict(Decision.HOLD, (guard_error_reason(
                f"The check was tried {self.max_attempts} times and never finished."),), ())
            return self._store(claim, item, submission, actor, created_at, verdict, self._register_version(), started)
        try:
            verdict, version = self.engine.decide(item)
        except Busy:
            # Nothing was checked: the check is offered to the next claimer at once, not after the lease.
            self._release(claim)
            return False
        if self.closing.is_set() and guard_failed(verdict):
            # Shutting down: the next claimer (after a restart, or another replica) checks it afresh.
            self._release(claim)
            return False
        return self._store(claim, item, submission, actor, created_at, verdict, version, started)

    def _register_version(self) -> int:
        try:
            return self.engine.register_version()
        except Exception:  # noqa: BLE001  the hold stands without it
            return 0

    def _release(self, claim: Claim) -> None:
        """Give the claim back with nothing checked: not a try."""
        with self.session_factory() as session, session.begin():
            session.execute(
                update(CheckRow).where(CheckRow.id == claim.check_id, CheckRow.status == PENDING,
                                       CheckRow.claimed_by == claim.claimer)
                .values(claimed_by=None, claim_expires_at=None, claims=CheckRow.claims - 1)
                .execution_options(synchronize_session=False)
            )

    def run_once(self) -> bool:
        """Claim and decide one pending check; False when there was none to claim."""
        claim = self.claim()
        if claim is None:
            return False
        return self.decide(claim)

    def _store(self, claim: Claim, item: Item, submission: Submission, actor: Principal, created_at: datetime,
               verdict: Verdict, version: int, started: float) -> bool:
        outcome = decided_outcome(claim.check_id, created_at, submission, verdict, version, started)
        values: dict[str, Any] = {**decision_columns(self.engine.vault, outcome), "status": DECIDED,
                                  "claim_expires_at": None}
        # As for a check in a request: the content stays only with a hold or a block.
        if not keeps_content(outcome):
            values["sealed_content"] = None
        with self.session_factory() as session, session.begin():
            stored = session.execute(
                update(CheckRow)
                .where(CheckRow.id == claim.check_id, CheckRow.status == PENDING, CheckRow.claimed_by == claim.claimer)
                .values(**values).execution_options(synchronize_session=False)
            ).rowcount
            if stored != 1:
                log.warning("pending check %s was claimed by another meanwhile: its result is dropped", claim.check_id)
                return False
            record_decision(session, actor, outcome, item.channel, **{"async": True})
        return True


class Claimer(PollingLoop):
    """A background thread deciding pending checks one at a time, started and stopped with
    the API (its lifespan). `wake` is a hint that one was just stored; without it the thread
    looks every `poll_seconds`."""

    thread_name = "dg-pending-claimer"
    failed_step = "pending check not decided (%s): it is claimed again after its lease"

    def __init__(self, pending: PendingChecks, poll_seconds: float) -> None:
        super().__init__(poll_seconds)
        self.pending = pending

    def step(self) -> bool:
        return self.pending.run_once()

    def on_start(self) -> None:
        self.pending.closing.clear()

    def on_stop(self) -> None:
        # A check its workers fail while the API shuts down is given back, not held.
        self.pending.closing.set()
