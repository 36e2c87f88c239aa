"""The relay service: a message the SMTP filter holds waits with its envelope until a reviewer
decides, is claimed once, and ends relayed, bounced or dropped on the audit trail, or failed
after too many tries. When the guard fails nothing is queued: the gateway was told to try again
later. A message offered again is decided once."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import timedelta
from email.message import EmailMessage

import pytest

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.trail import AuditAction, AuditFilter, list_events
from disclosure_guard.db.tables import CheckRow
from disclosure_guard.ingest.email import item_from_rfc822
from disclosure_guard.review.holds import HoldFilter, ReviewAction, decide_hold, get_hold, list_holds
from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.review.relay import RelayError, RelayService, RelayStatus, SmtpEnvelope
from disclosure_guard.types import Decision
from tests.builders import JANE

GATEWAY = Principal("smtp-filter", Role.SUBMITTER)
REVIEWER = Principal("test-reviewer", Role.REVIEWER)
ENVELOPE = SmtpEnvelope("caseworker@council.example.gov.uk", ("sam@example.com",))


def a_message(body: str) -> bytes:
    message = EmailMessage()
    message["From"] = ENVELOPE.mail_from
    message["To"] = "Sam Brown <sam@example.com>"
    message["Subject"] = "Your case"
    message.set_content(body)
    return bytes(message)


def check(runtime, relay: RelayService, raw: bytes):
    with runtime.session_factory() as session, session.begin():
        return relay.check(session, GATEWAY, item_from_rfc822(raw, runtime.ingest_limits), raw, ENVELOPE)


def decided(runtime) -> list[str]:
    with runtime.session_factory() as session:
        return runtime.relay.decided(session, 50)


def relay_status(runtime, check_id: str) -> RelayStatus | None:
    with runtime.session_factory() as session:
        return get_hold(session, runtime.vault, check_id).hold.relay_status


def review(runtime, check_id: str, action: ReviewAction) -> None:
    with runtime.session_factory() as session, session.begin():
        decide_hold(session, runtime.vault, REVIEWER, check_id, action, "checked")


@pytest.fixture
def held(runtime, register_case) -> tuple[str, bytes]:
    register_case()
    raw = a_message(f"The tenant's address is {JANE['addresses'][0]}.")
    outcome = check(runtime, runtime.relay, raw)
    assert outcome.decision is Decision.HOLD and outcome.review_status is ReviewStatus.PENDING
    return outcome.check_id, raw


def test_a_held_message_waits_for_its_reviewer_then_is_claimed_once(runtime, held):
    check_id, raw = held
    assert relay_status(runtime, check_id) is RelayStatus.WAITING
    assert decided(runtime) == []
    review(runtime, check_id, ReviewAction.RELEASE)
    assert decided(runtime) == [check_id]
    with runtime.session_factory() as session, session.begin():
        message = runtime.relay.claim(session, check_id)
    assert message is not None
    assert (message.released, message.envelope, message.raw_message) == (True, ENVELOPE, raw)
    with runtime.session_factory() as session, session.begin():
        assert runtime.relay.claim(session, check_id) is None
    assert relay_status(runtime, check_id) is RelayStatus.RELAYING and decided(runtime) == []
    with runtime.session_factory() as session, session.begin():
        runtime.relay.finish(session, GATEWAY, check_id, RelayStatus.RELAYED)
    assert relay_status(runtime, check_id) is RelayStatus.RELAYED
    with runtime.session_factory() as session:
        events, _ = list_events(session, AuditFilter(action=AuditAction.HOLD_RELAYED, check_id=check_id), 0, 10)
    assert [(e.actor_name, e.detail) for e in events] == [("smtp-filter", {"relay_status": "relayed"})]


def test_a_rejected_message_is_claimed_without_its_content(runtime, held):
    check_id, _ = held
    review(runtime, check_id, ReviewAction.REJECT)
    with runtime.session_factory() as session, session.begin():
        message = runtime.relay.claim(session, check_id)
    assert message is not None and message.released is False and message.raw_message is None
    # Its headers alone, for the sender's bounce.
    assert message.original_headers is not None and b"Subject: Your case" in message.original_headers
    assert b"Elm Road" not in message.original_headers


def test_a_refused_message_goes_back_in_line(runtime, held):
    check_id, _ = held
    review(runtime, check_id, ReviewAction.RELEASE)
    with runtime.session_factory() as session, session.begin():
        assert runtime.relay.claim(session, check_id) is not None
    with runtime.session_factory() as session, session.begin():
        runtime.relay.retry_later(session, GATEWAY, check_id, RelayError.NEXT_HOP_UNREACHABLE, 3)
    assert decided(runtime) == [check_id]


def test_an_undecided_message_cannot_be_claimed(runtime, held):
    check_id, _ = held
    with runtime.session_factory() as session, session.begin():
        assert runtime.relay.claim(session, check_id) is None
    assert relay_status(runtime, check_id) is RelayStatus.WAITING


def test_when_the_guard_fails_nothing_is_queued_or_kept(runtime, register_case):
    register_case()
    failing = RelayService(dataclasses.replace(runtime.check_engine, timeout_seconds=1e-6), runtime.vault)
    outcome = check(runtime, failing, a_message(f"The tenant's address is {JANE['addresses'][0]}."))
    assert outcome.decision is Decision.HOLD and outcome.guard_failed and outcome.review_status is None
    with runtime.session_factory() as session:
        holds, total = list_holds(session, HoldFilter(), 0, 10)
        events, _ = list_events(session, AuditFilter(check_id=outcome.check_id), 0, 10)
        kept = session.get(CheckRow, outcome.check_id)
        assert kept is not None and kept.sealed_content is None and kept.sealed_envelope is None
    assert total == 0
    assert [e.action for e in events] == [AuditAction.CHECK_DECIDED]  # recorded, never withdrawn
    assert decided(runtime) == []


def test_an_allowed_message_is_not_queued(runtime, register_case):
    register_case()
    outcome = check(runtime, runtime.relay, a_message("Your bin collection moves to Tuesday."))
    assert outcome.decision is Decision.ALLOW and outcome.review_status is None
    with runtime.session_factory() as session:
        assert list_holds(session, HoldFilter(), 0, 10)[1] == 0


def test_a_relay_that_keeps_failing_ends_failed_on_the_audit_trail_and_can_be_retried(runtime, held):
    check_id, _ = held
    review(runtime, check_id, ReviewAction.RELEASE)
    endings = []
    for _ in range(3):
        with runtime.session_factory() as session, session.begin():
            assert runtime.relay.claim(session, check_id) is not None
        with runtime.session_factory() as session, session.begin():
            endings.append(runtime.relay.retry_later(session, GATEWAY, check_id, RelayError.NEXT_HOP_UNREACHABLE, 3))
    assert endings == [RelayStatus.WAITING, RelayStatus.WAITING, RelayStatus.FAILED]
    with runtime.session_factory() as session:
        hold = get_hold(session, runtime.vault, check_id).hold
        assert (hold.relay_status, hold.relay_attempts, hold.relay_error) == (
            RelayStatus.FAILED, 3, RelayError.NEXT_HOP_UNREACHABLE)
        assert hold.relay_attempted_at is not None
        assert runtime.relay.failed_count(session) == 1
        events, _ = list_events(session, AuditFilter(action=AuditAction.HOLD_RELAY_FAILED, check_id=check_id), 0, 10)
    assert [e.detail for e in events] == [
        {"relay_status": "failed", "relay_error": "next_hop_unreachable", "relay_attempts": 3}]
    assert decided(runtime) == []
    with runtime.session_factory() as session, session.begin():
        assert runtime.relay.retry_failed(session, REVIEWER, check_id)
    with runtime.session_factory() as session, session.begin():
        assert not runtime.relay.retry_failed(session, REVIEWER, check_id)  # it is waiting now
    assert decided(runtime) == [check_id] and relay_status(runtime, check_id) is RelayStatus.WAITING


def test_a_try_waits_its_turn_after_a_failure(runtime, held):
    check_id, _ = held
    review(runtime, check_id, ReviewAction.RELEASE)
    with runtime.session_factory() as session, session.begin():
        assert runtime.relay.claim(session, check_id) is not None
    with runtime.session_factory() as session, session.begin():
        runtime.relay.retry_later(session, GATEWAY, check_id, RelayError.CONNECTION_LOST, 3)
    with runtime.session_factory() as session:
        assert runtime.relay.decided(session, 50, timedelta(minutes=5)) == []
        assert runtime.relay.decided(session, 50, timedelta(0)) == [check_id]


def test_a_message_offered_again_reuses_its_first_decision(runtime, held):
    """Postfix offers a message again when the relay after an allow failed, or the 250 was
    lost: the same bytes and envelope are the same message, decided once."""
    check_id, raw = held
    again = check(runtime, runtime.relay, raw)
    assert again.check_id == check_id and again.decision is Decision.HOLD
    other_envelope = dataclasses.replace(ENVELOPE, rcpt_tos=("someone.else@example.com",))
    with runtime.session_factory() as session, session.begin():
        another = runtime.relay.check(session, GATEWAY, item_from_rfc822(raw, runtime.ingest_limits), raw,
                                      other_envelope)
    assert another.check_id != check_id  # another recipient: another message
    with runtime.session_factory() as session:
        events, _ = list_events(session, AuditFilter(action=AuditAction.CHECK_DECIDED, check_id=check_id), 0, 10)
        assert len(events) == 1
        stored = session.get(CheckRow, check_id)
        assert stored is not None and stored.message_digest is not None
        # A keyed digest: neither the bytes' plain SHA-256 nor anything of the content.
        assert stored.message_digest != hashlib.sha256(raw).hexdigest()


def test_an_allowed_message_offered_again_is_not_decided_again(runtime, register_case):
    register_case()
    raw = a_message("Your bin collection moves to Tuesday.")
    first = check(runtime, runtime.relay, raw)
    second = check(runtime, runtime.relay, raw)
    assert first.decision is Decision.ALLOW and second.check_id == first.check_id
    with runtime.session_factory() as session:
        assert list_events(session, AuditFilter(action=AuditAction.CHECK_DECIDED), 0, 10)[1] == 1


def test_a_failed_check_is_decided_again_when_offered_again(runtime, register_case):
    register_case()
    raw = a_message("Nothing sensitive.")
    failing = RelayService(dataclasses.replace(runtime.check_engine, timeout_seconds=1e-6), runtime.vault)
    assert check(runtime, failing, raw).guard_failed
    retried = check(runtime, runtime.relay, raw)
    assert not retried.guard_failed and retried.decision is Decision.ALLOW
