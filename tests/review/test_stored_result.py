"""Checks stored before `CheckOutcome` read back as they were answered: the sealed document is
kept in the format it was written in, and one written today reads back to the same outcome."""

from __future__ import annotations

from datetime import UTC, datetime

from disclosure_guard.api.schemas import CheckResponse
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.review.checks import RESULT_PURPOSE, load_result
from disclosure_guard.review.outcome import CheckOutcome, ReviewStatus
from disclosure_guard.review.stored_result import outcome_from_document, result_document
from disclosure_guard.types import (
    Decision, Finding, FindingKind, MatchStrength, PartyRef, PartyRole, Reason, ReasonCode, Severity, Verdict,
)

# A held check's sealed result exactly as review/checks.py wrote it before issue 16.
STORED_BEFORE_ISSUE_16 = {
    "check_id": "chk_0123456789abcdef01234567",
    "external_ref": "LETTER-1",
    "created_at": "2026-11-28T10:15:30.123456+00:00",
    "decision": "hold",
    "reasons": [
        {"code": "protected_contact_disclosed", "severity": "high",
         "message": "The item discloses a contact detail of a protected party of case DA-2026-00017 "
                    "('Flat 3, 12 Elm Road, Leeds LS6 2AB' in body).",
         "case_reference": "DA-2026-00017", "finding_ids": [0]},
    ],
    "findings": [
        {"id": 0, "kind": "address", "part": "body", "start": 86, "end": 120,
         "text": "Flat 3, 12 Elm Road, Leeds LS6 2AB", "party_role": "protected",
         "case_reference": "DA-2026-00017",
         "parties": [{"index": 0, "role": "protected"}, {"index": 2, "role": "protected"}],
         "score": 0.9731, "strength": "strong", "matcher": "address.components",
         "components": {"postcode": 1.0, "number": 1.0, "street": 0.9331}},
    ],
    "register_version": 7,
    "elapsed_ms": 41.27,
}
# What the answer says of the review comes from the row beside the stored result (issue 15).
ANSWERED = {**STORED_BEFORE_ISSUE_16, "review": {"status": "pending", "decided_at": None}}


def store(runtime, document, review_status):
    with runtime.session_factory() as session, session.begin():
        session.add(CheckRow(
            id=document["check_id"], created_at=datetime.fromisoformat(document["created_at"]), channel="letter",
            decision=document["decision"], reason_codes=",protected_contact_disclosed,",
            case_references=",DA-2026-00017,", register_version=document["register_version"],
            # As migration 0003 leaves a check made before it: its submitter's system is its key's name.
            submitted_by="test-submitter", submitter_system="test-submitter",
            sealed_result=runtime.vault.seal_json(document, f"{RESULT_PURPOSE}:{document['check_id']}"),
            review_status=review_status,
        ))


def test_a_result_stored_in_the_earlier_format_reads_back(runtime):
    store(runtime, STORED_BEFORE_ISSUE_16, "pending")
    with runtime.session_factory() as session:
        outcome = load_result(session, runtime.vault, STORED_BEFORE_ISSUE_16["check_id"])
    assert outcome.decision is Decision.HOLD and outcome.review_status is ReviewStatus.PENDING
    assert outcome.created_at == datetime(2026, 11, 28, 10, 15, 30, 123456, tzinfo=UTC)
    finding = outcome.verdict.findings[0]
    assert finding.party == PartyRef("DA-2026-00017", 0, PartyRole.PROTECTED)
    assert [p.party_index for p in finding.parties] == [0, 2]
    # The answer is the one the API gave when it was stored.
    assert CheckResponse.from_outcome(outcome) == CheckResponse.model_validate(ANSWERED)


def test_the_earlier_format_answers_over_http(runtime, http, keys):
    from tests.conftest import bearer

    store(runtime, STORED_BEFORE_ISSUE_16, "pending")
    answer = http.get(f"/v1/checks/{STORED_BEFORE_ISSUE_16['check_id']}", headers=bearer(keys["submitter"]))
    assert answer.status_code == 200
    assert CheckResponse.model_validate(answer.json()) == CheckResponse.model_validate(ANSWERED)
    held = http.get(f"/v1/holds/{STORED_BEFORE_ISSUE_16['check_id']}", headers=bearer(keys["reviewer"]))
    assert held.status_code == 200 and held.json()["status"] == "pending" and held.json()["content"] is None


def test_an_outcome_written_today_reads_back_the_same():
    best = PartyRef("DA-1", 2, PartyRole.PROTECTED)
    finding = Finding(FindingKind.EMAIL, "body", 10, 30, "jane.doe@example.org", best, 1.0, MatchStrength.STRONG,
                      "email.exact", {"email": 1.0}, (PartyRef("DA-1", 0, PartyRole.PROTECTED), best))
    reason = Reason(ReasonCode.PROTECTED_CONTACT_TO_RESTRICTED, Severity.CRITICAL, "…", "DA-1", (0,))
    outcome = CheckOutcome("chk_1", None, datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
                           Verdict(Decision.BLOCK, (reason,), (finding,)), 3, 12.5)
    assert outcome_from_document(result_document(outcome), None) == outcome
