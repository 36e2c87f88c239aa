"""Running a check and keeping its record.

The guard runs with a deadline; a check that errs or overruns ends in hold (guard_error),
never allow. The record keeps decision, reason codes and case references in clear for the
queue's filters; the findings, messages and, for held and blocked items only, the submitted
content are sealed.
"""

from __future__ import annotations

import logging
import secrets
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.errors import NotFound
from disclosure_guard.extraction import Extractor
from disclosure_guard.guard import check
from disclosure_guard.matching import RegisterIndex
from disclosure_guard.policy.decide import guard_error_reason
from disclosure_guard.register.index_holder import IndexHolder
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.types import Decision, Item, MatchThresholds, Verdict

log = logging.getLogger(__name__)

RESULT_PURPOSE = "check.result"
CONTENT_PURPOSE = "check.content"
ENVELOPE_PURPOSE = "check.envelope"


class ReviewStatus:
    PENDING = "pending"
    RELEASED = "released"
    REJECTED = "rejected"


class RelayStatus:
    """Where a message held by the SMTP filter stands on its way to the next hop."""

    AWAITING_REVIEW = "awaiting_review"
    RELAYING = "relaying"
    RELAYED = "relayed"
    BOUNCED = "bounced"
    DROPPED = "dropped"
    FAILED = "failed"


@dataclass(frozen=True)
class SmtpEnvelope:
    mail_from: str
    rcpt_tos: tuple[str, ...]


@dataclass(frozen=True)
class Submission:
    """What the submitter sent beside the item; kept only with held and blocked items."""

    external_ref: str | None = None
    sender: str | None = None
    raw_message: bytes | None = None
    envelope: SmtpEnvelope | None = None


def run_guard(
    item: Item,
    index: RegisterIndex,
    extractor: Extractor,
    thresholds: MatchThresholds,
    executor: ThreadPoolExecutor,
    timeout_seconds: float,
) -> Verdict:
    started = time.perf_counter()
    future = executor.submit(check, item, index, extractor, thresholds)
    try:
        verdict = future.result(timeout=timeout_seconds)
        # A result that arrives after the deadline is treated as no result: the deadline is
        # the operator's promise, whether the worker noticed it or not.
        if time.perf_counter() - started > timeout_seconds:
            raise FutureTimeout
        return verdict
    except FutureTimeout:
        log.error("check exceeded its %.1f s deadline: held", timeout_seconds)
        return Verdict(Decision.HOLD, (guard_error_reason("The check did not finish in time."),), ())
    except Exception as exc:  # noqa: BLE001  the guard fails closed on anything at all
        # Log where it failed, not the exception's text: that text may quote register values.
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f"{frame.filename}:{frame.lineno}" if frame else "unknown"
        log.error("check failed with %s at %s: held", type(exc).__name__, where)
        return Verdict(Decision.HOLD, (guard_error_reason("The guard failed while checking this item."),), ())


def result_document(check_id: str, verdict: Verdict, register_version: int, elapsed_ms: float,
                    created_at: datetime, external_ref: str | None) -> dict[str, Any]:
    return {
        "check_id": check_id,
        "external_ref": external_ref,
        "created_at": created_at.isoformat(),
        "decision": verdict.decision.value,
        "reasons": [
            {
                "code": r.code.value,
                "severity": r.severity.value,
                "message": r.message,
                "case_reference": r.case_reference,
                "finding_ids": list(r.finding_ids),
            }
            for r in verdict.reasons
        ],
        "findings": [
            {
                "id": i,
                "kind": f.kind.value,
                "part": f.part,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "party_role": f.party.role.value,
                "case_reference": f.party.case_reference,
                "parties": [{"index": p.party_index, "role": p.role.value} for p in f.matched_parties],
                "score": round(f.score, 4),
                "strength": f.strength.value,
                "matcher": f.matcher,
                "components": {k: round(v, 4) for k, v in f.components.items()},
            }
            for i, f in enumerate(verdict.findings)
        ],
        "register_version": register_version,
        "elapsed_ms": round(elapsed_ms, 2),
    }


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


def store_check(
    session: Session,
    vault: Vault,
    actor: Principal,
    item: Item,
    submission: Submission,
    verdict: Verdict,
    register_version: int,
    started: float,
) -> dict[str, Any]:
    check_id = new_check_id()
    created_at = datetime.now(UTC)
    elapsed_ms = (time.perf_counter() - started) * 1000
    document = result_document(check_id, verdict, register_version, elapsed_ms, created_at,
                               submission.external_ref)
    keep_content = verdict.decision is not Decision.ALLOW
    relay_later = submission.envelope is not None and verdict.decision is Decision.HOLD
    codes = sorted({r.code.value for r in verdict.reasons})
    references = sorted({r.case_reference for r in verdict.reasons if r.case_reference})
    session.add(
        CheckRow(
            id=check_id,
            created_at=created_at,
            channel=item.channel.value,
            decision=verdict.decision.value,
            reason_codes="," + ",".join(codes) + ",",
            case_references="," + ",".join(references) + ",",
            register_version=register_version,
            submitted_by=actor.name,
            sealed_result=vault.seal_json(document, f"{RESULT_PURPOSE}:{check_id}"),
            sealed_content=(
                vault.seal_json(content_document(item, submission), f"{CONTENT_PURPOSE}:{check_id}")
                if keep_content else None
            ),
            review_status=ReviewStatus.PENDING if verdict.decision is Decision.HOLD else None,
            sealed_envelope=(
                vault.seal_json({"mail_from": submission.envelope.mail_from,
                                 "rcpt_tos": list(submission.envelope.rcpt_tos)}, f"{ENVELOPE_PURPOSE}:{check_id}")
                if relay_later else None
            ),
            relay_status=RelayStatus.AWAITING_REVIEW if relay_later else None,
        )
    )
    session.flush()
    record(
        session, actor, AuditAction.CHECK_DECIDED, check_id=check_id,
        detail={"decision": verdict.decision.value, "reason_codes": codes, "case_references": references,
                "channel": item.channel.value},
    )
    return document


def load_result(session: Session, vault: Vault, check_id: str) -> tuple[CheckRow, dict[str, Any]]:
    row = session.get(CheckRow, check_id)
    if row is None:
        raise NotFound("no check with that id", "check_not_found")
    return row, vault.open_json(row.sealed_result, f"{RESULT_PURPOSE}:{row.id}")


def load_content(vault: Vault, row: CheckRow) -> dict[str, Any] | None:
    if row.sealed_content is None:
        return None
    return vault.open_json(row.sealed_content, f"{CONTENT_PURPOSE}:{row.id}")


@dataclass
class CheckEngine:
    """Everything a check needs beyond the item: the register index, the pipeline, the
    thresholds and the deadline."""

    vault: Vault
    index_holder: IndexHolder
    extractor: Extractor
    thresholds: MatchThresholds
    executor: ThreadPoolExecutor
    timeout_seconds: float

    def submit(self, session: Session, actor: Principal, item: Item, submission: Submission) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            index = self.index_holder.current()
        except Exception as exc:  # noqa: BLE001  no index, no allow
            log.error("register index unavailable (%s): check held", type(exc).__name__)
            verdict = Verdict(Decision.HOLD, (guard_error_reason("The register could not be loaded."),), ())
            version = self.index_holder.built.version if self.index_holder.built else 0
        else:
            verdict = run_guard(item, index, self.extractor, self.thresholds, self.executor, self.timeout_seconds)
            version = index.version
        return store_check(session, self.vault, actor, item, submission, verdict, version, started)
