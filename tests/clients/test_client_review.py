"""Following a held item with the client, against the live guard on SQLite and PostgreSQL:
wait_for_review polls GET /v1/checks/{id} until a reviewer releases or rejects it, and a hold
nobody decides in time is ReviewTimeout, never a result to send on."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from disclosure_guard_client import Decision, GuardClient, ReviewStatus, ReviewTimeout
from tests.builders import JANE, a_recipient
from tests.conftest import bearer

HELD_BODY = f"The address is {JANE['addresses'][0]}."


@pytest.fixture
def guard(server_url: str, keys: dict[str, str]) -> Iterator[GuardClient]:
    with GuardClient(server_url, keys["submitter"], poll_interval=0.2) as client:
        yield client


def decide_later(http: httpx.Client, keys: dict[str, str], check_id: str, verdict: str) -> threading.Timer:
    def decide() -> None:
        answer = http.post(f"/v1/holds/{check_id}/{verdict}", json={"comment": "Consent on file."},
                           headers=bearer(keys["reviewer"]))
        assert answer.status_code == 200, answer.text

    timer = threading.Timer(1.0, decide)
    timer.start()
    return timer


@pytest.mark.parametrize(("verdict", "status"), [("release", ReviewStatus.RELEASED), ("reject", ReviewStatus.REJECTED)])
def test_waiting_follows_a_hold_until_a_reviewer_decides(register_case, guard, http, keys, verdict, status):
    register_case()
    held = guard.check(recipients=[a_recipient("Sam Brown")], body=HELD_BODY, channel="letter")
    assert held.decision is Decision.HOLD and not held.may_send
    assert held.review is not None and held.review.status is ReviewStatus.PENDING and held.review.decided_at is None

    timer = decide_later(http, keys, held.check_id, verdict)
    decided = guard.wait_for_review(held, timeout=60)
    timer.join()
    assert decided.review is not None and decided.review.status is status and decided.review.decided_at is not None
    assert decided.released is (status is ReviewStatus.RELEASED)
    # Released or not, the guard's own decision stays hold: only `released` says it may go now.
    assert decided.decision is Decision.HOLD and not decided.may_send


def test_a_hold_nobody_decides_in_time_is_review_timeout(register_case, guard):
    register_case()
    held = guard.check(recipients=[a_recipient("Sam Brown")], body=HELD_BODY, channel="letter")
    with pytest.raises(ReviewTimeout) as ran_out:
        guard.wait_for_review(held.check_id, timeout=0.5)
    assert ran_out.value.result is not None and ran_out.value.result.review.status is ReviewStatus.PENDING
    assert "waiting for a reviewer" in str(ran_out.value) and "do not send" in str(ran_out.value)


def test_allowed_and_blocked_answers_need_no_wait(register_case, guard):
    register_case()
    allowed = guard.check(recipients=[a_recipient("Sam Brown")], body="The hearing is on Monday.")
    assert allowed.review is None and guard.wait_for_review(allowed, timeout=0.1) == allowed
