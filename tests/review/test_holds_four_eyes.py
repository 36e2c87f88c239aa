"""Four-eyes in the hold service, on both databases: a release needs two different reviewers (the
first is recorded as an approval and the item stays pending), the same reviewer twice is refused,
a reject needs one, and two second releases at once do not both win: one hold.released event, one
webhook delivery."""

from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import select

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.trail import AuditAction
from disclosure_guard.db.tables import AuditEventRow, WebhookDeliveryRow
from disclosure_guard.errors import Conflict
from disclosure_guard.review.holds import ReviewAction, decide_hold, get_hold
from disclosure_guard.review.outcome import ReviewStatus
from tests.api.test_holds import hold_one
from tests.conftest import bearer

RITA, SAM, TOM = (Principal(name, Role.REVIEWER) for name in ("rita", "sam", "tom"))


@pytest.fixture
def held(runtime, register_case, submit, http, keys) -> str:
    """A held item, and a webhook endpoint that hears of its release (the outbox is what counts)."""
    register_case()
    answer = http.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/hook", "events": ["hold.released"]},
                       headers=bearer(keys["admin"]))
    assert answer.status_code == 201, answer.text
    return hold_one(submit)["check_id"]


def decide(runtime, actor: Principal, check_id: str, action: ReviewAction = ReviewAction.RELEASE,
           comment: str = "Consent on file.", four_eyes: bool = True):
    with runtime.session_factory() as session, session.begin():
        return decide_hold(session, runtime.vault, actor, check_id, action, comment, four_eyes=four_eyes)


def events(runtime, check_id: str) -> list[tuple[str, str, dict]]:
    with runtime.session_factory() as session:
        rows = session.scalars(select(AuditEventRow).where(
            AuditEventRow.check_id == check_id, AuditEventRow.action.like("hold.%")).order_by(AuditEventRow.id))
        return [(row.action, row.actor_name, json.loads(row.detail)) for row in rows]


def release_deliveries(runtime, check_id: str) -> int:
    with runtime.session_factory() as session:
        return len(session.scalars(select(WebhookDeliveryRow).where(
            WebhookDeliveryRow.check_id == check_id, WebhookDeliveryRow.event == "hold.released")).all())


def test_a_release_needs_two_different_reviewers(runtime, held):
    first = decide(runtime, RITA, held, comment="Consent on file.")
    assert first.status is ReviewStatus.PENDING and first.awaiting_second_reviewer
    assert (first.approved_by, first.reviewed_by) == ("rita", None) and first.approved_at is not None
    assert release_deliveries(runtime, held) == 0  # nothing is sent on a first approval

    with pytest.raises(Conflict) as refused:
        decide(runtime, RITA, held, comment="Really, it is fine.")
    assert refused.value.code == "second_reviewer_required"
    with runtime.session_factory() as session:
        unchanged = get_hold(session, runtime.vault, held)
    assert unchanged.hold.awaiting_second_reviewer and unchanged.approval_comment == "Consent on file."

    done = decide(runtime, SAM, held, comment="Agreed: the letter may go.")
    assert done.status is ReviewStatus.RELEASED and not done.awaiting_second_reviewer
    assert (done.approved_by, done.reviewed_by) == ("rita", "sam")
    with runtime.session_factory() as session:
        item = get_hold(session, runtime.vault, held)
    assert (item.approval_comment, item.review_comment) == ("Consent on file.", "Agreed: the letter may go.")
    trail = events(runtime, held)
    assert [(action, actor) for action, actor, _ in trail] == [
        (AuditAction.HOLD_RELEASE_APPROVED, "rita"), (AuditAction.HOLD_RELEASED, "sam")]
    assert trail[0][2]["status"] == "pending" and trail[1][2]["approved_by"] == ["rita", "sam"]
    assert release_deliveries(runtime, held) == 1

    with pytest.raises(Conflict) as late:
        decide(runtime, TOM, held)
    assert late.value.code == "hold_already_decided"


def test_a_reject_needs_one_reviewer_even_after_an_approval(runtime, held, submit):
    decide(runtime, RITA, held)
    rejected = decide(runtime, RITA, held, ReviewAction.REJECT, "On second thoughts: wrong address.")
    assert rejected.status is ReviewStatus.REJECTED and rejected.reviewed_by == "rita"
    assert not rejected.awaiting_second_reviewer
    with pytest.raises(Conflict) as refused:
        decide(runtime, SAM, held)
    assert refused.value.code == "hold_already_decided"
    assert release_deliveries(runtime, held) == 0

    untouched = hold_one(submit)["check_id"]
    assert decide(runtime, SAM, untouched, ReviewAction.REJECT, "No.").status is ReviewStatus.REJECTED


def test_without_four_eyes_one_release_is_enough(runtime, held):
    released = decide(runtime, RITA, held, four_eyes=False)
    assert released.status is ReviewStatus.RELEASED and released.approved_by is None
    assert [action for action, _, _ in events(runtime, held)] == [AuditAction.HOLD_RELEASED]
    assert release_deliveries(runtime, held) == 1


def test_two_second_releases_at_once_do_not_both_win(runtime, held):
    decide(runtime, RITA, held)
    outcomes: dict[str, object] = {}
    # Sam's release is stored but not yet committed when Tom's arrives: Tom's waits for the row
    # (PostgreSQL's row lock, SQLite's write lock), then finds it released.
    with runtime.session_factory() as session, session.begin():
        decide_hold(session, runtime.vault, SAM, held, ReviewAction.RELEASE, "Agreed.", four_eyes=True)

        def tom() -> None:
            try:
                outcomes["tom"] = decide(runtime, TOM, held, comment="Agreed too.")
            except Conflict as exc:
                outcomes["tom"] = exc.code

        racing = threading.Thread(target=tom)
        racing.start()
        time.sleep(1.0)
        assert racing.is_alive(), "the second release did not wait for the first"
    racing.join(timeout=30)
    assert outcomes["tom"] == "hold_already_decided"
    with runtime.session_factory() as session:
        assert get_hold(session, runtime.vault, held).hold.reviewed_by == "sam"
    assert [actor for action, actor, _ in events(runtime, held) if action == AuditAction.HOLD_RELEASED] == ["sam"]
    assert release_deliveries(runtime, held) == 1
