"""The sealed record of a check's result, and reading it back.

Today's format, in which every finding lists the parties its span matched (`parties`), reads
back as it was written; `party_index` (the best party's own index) and `found_by` (recognizer
and pattern) were added beside it later and are optional. Keys may be added, never renamed or dropped: the rows are kept for years.
The document holds the findings' span text and party pointers, never a register value, and it
is sealed (see `CheckRow.sealed_result`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from disclosure_guard.review.outcome import CheckOutcome, ReviewStatus
from disclosure_guard.types import (
    Decision, Finding, FindingKind, MatchStrength, PartyRef, PartyRole, Reason, ReasonCode, Severity, Verdict,
)


def result_document(outcome: CheckOutcome) -> dict[str, Any]:
    verdict = outcome.verdict
    return {
        "check_id": outcome.check_id,
        "external_ref": outcome.external_ref,
        "created_at": outcome.created_at.isoformat(),
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
                "party_index": f.party.party_index,
                "case_reference": f.party.case_reference,
                "parties": [{"index": p.party_index, "role": p.role.value} for p in f.matched_parties],
                "score": round(f.score, 4),
                "strength": f.strength.value,
                "matcher": f.matcher,
                "components": {k: round(v, 4) for k, v in f.components.items()},
                "found_by": {"recognizer": f.recognizer, "pattern": f.pattern},
            }
            for i, f in enumerate(verdict.findings)
        ],
        "register_version": outcome.register_version,
        "elapsed_ms": round(outcome.elapsed_ms, 2),
    }


def _finding(stored: dict[str, Any]) -> Finding:
    case_reference = stored["case_reference"]
    role = PartyRole(stored["party_role"])
    parties = tuple(PartyRef(case_reference, p["index"], PartyRole(p["role"])) for p in stored["parties"])
    # Before party_index was kept, the best party is the first listed with its role: its index
    # is shown nowhere, only its role and case, which are exact.
    index = stored.get("party_index", next((p.party_index for p in parties if p.role is role), 0))
    return Finding(
        kind=FindingKind(stored["kind"]),
        part=stored["part"],
        start=stored["start"],
        end=stored["end"],
        text=stored["text"],
        party=PartyRef(case_reference, index, role),
        score=stored["score"],
        strength=MatchStrength(stored["strength"]),
        matcher=stored["matcher"],
        components=dict(stored["components"]),
        parties=parties,
        # Kept since the explanation travelled to the answer; older results have none.
        recognizer=stored.get("found_by", {}).get("recognizer", ""),
        pattern=stored.get("found_by", {}).get("pattern", ""),
    )


def outcome_from_document(document: dict[str, Any], review_status: ReviewStatus | None) -> CheckOutcome:
    reasons = tuple(
        Reason(ReasonCode(r["code"]), Severity(r["severity"]), r["message"], r["case_reference"],
               tuple(r["finding_ids"]))
        for r in document["reasons"]
    )
    findings = tuple(_finding(f) for f in document["findings"])
    return CheckOutcome(
        check_id=document["check_id"],
        external_ref=document.get("external_ref"),
        created_at=datetime.fromisoformat(document["created_at"]),
        verdict=Verdict(Decision(document["decision"]), reasons, findings),
        register_version=document["register_version"],
        elapsed_ms=document["elapsed_ms"],
        review_status=review_status,
    )
