"""Idempotency-Key through the client, against the live guard on SQLite and PostgreSQL: a check
offered again with its key (a retry after a network error) is the first check, not a second held
item; the same key with another item is RequestConflict (409), which says do not send."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from disclosure_guard_client import Decision, GuardClient, RequestConflict
from tests.builders import JANE, a_recipient

HELD_BODY = f"The address is {JANE['addresses'][0]}."


@pytest.fixture
def guard(server_url: str, keys: dict[str, str]) -> Iterator[GuardClient]:
    with GuardClient(server_url, keys["submitter"]) as client:
        yield client


def test_a_check_offered_again_with_its_key_is_the_first(register_case, guard):
    register_case()
    letter = {"recipients": [a_recipient("Sam Brown")], "body": HELD_BODY, "channel": "letter",
              "external_ref": "DOC-7"}
    first = guard.check(**letter, idempotency_key="doc-7-v1")
    assert first.decision is Decision.HOLD
    again = guard.check(**letter, idempotency_key="doc-7-v1")
    assert again.check_id == first.check_id and again == first
    assert guard.check(**letter, idempotency_key="doc-7-v2").check_id != first.check_id

    with pytest.raises(RequestConflict) as conflict:
        guard.check(**{**letter, "body": "Another letter altogether."}, idempotency_key="doc-7-v1")
    assert conflict.value.status == 409 and "do not send" in str(conflict.value)


def test_emails_and_documents_take_a_key_too(register_case, guard, tmp_path):
    register_case()
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "cw@council.example.gov.uk", "Sam <sam@example.com>", "Hi"
    message.set_content("The hearing is on Monday.")
    raw = bytes(message)
    first = guard.check_email(raw, idempotency_key="mail-1")
    assert guard.check_email(raw, idempotency_key="mail-1").check_id == first.check_id

    report = tmp_path / "report.txt"
    report.write_text(HELD_BODY)
    document = guard.check_document(report, recipients=[a_recipient("Sam Brown")], idempotency_key="bundle-1")
    assert guard.check_document(report, recipients=[a_recipient("Sam Brown")],
                                idempotency_key="bundle-1").check_id == document.check_id
