"""The Python client against a live guard, over real HTTP, on SQLite and PostgreSQL: each call
answers a typed result, and every failure, the guard's or the network's, a typed error that says
do not send."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from disclosure_guard_client import (
    Attachment, AsyncGuardClient, AuthError, CheckNotFound, Decision, FindingKind, GuardBusy, GuardClient, GuardFailed,
    GuardUnreachable, InvalidRequest, ReasonCode, ReviewTimeout, UnexpectedAnswer,
)
from tests.builders import JANE, MARK, a_recipient
from tests.conftest import _free_port

JANE_ADDRESS = JANE["addresses"][0]
MARK_AT_HOME = {"name": "Mark Doe", "address": MARK["addresses"][0]}


@pytest.fixture
def guard(server_url: str, keys: dict[str, str]) -> Iterator[GuardClient]:
    with GuardClient(server_url, keys["submitter"], poll_interval=0.2) as client:
        yield client


def test_an_allowed_letter_may_be_sent_and_reads_the_same_again(register_case, guard):
    register_case()
    result = guard.check(recipients=[a_recipient("Sam Brown")], subject="Hearing",
                         body="The hearing is on Monday at ten.", channel="letter", external_ref="DOC-1")
    assert result.decision is Decision.ALLOW and result.may_send and not result.pending
    assert result.reasons == [] and result.review is None and result.external_ref == "DOC-1"
    assert guard.get_check(result.check_id) == result
    assert guard.get_check(result) == result


def test_a_disclosure_is_blocked_with_typed_reasons_and_findings(register_case, guard):
    register_case()
    result = guard.check(recipients=[MARK_AT_HOME], body=f"Ms Doe has moved to {JANE_ADDRESS}.", channel="letter")
    assert result.decision is Decision.BLOCK and not result.may_send and not result.released
    assert ReasonCode.PROTECTED_CONTACT_TO_RESTRICTED in result.reason_codes
    assert all(isinstance(reason.code, ReasonCode) for reason in result.reasons)
    address = next(f for f in result.findings if f.kind is FindingKind.ADDRESS and f.part == "body")
    assert address.text == JANE_ADDRESS and address.found_by.recognizer


def test_attachments_an_email_and_a_document_are_checked(register_case, guard, tmp_path):
    register_case()
    report = tmp_path / "report.txt"
    report.write_text(f"Social worker's report\n\nMother's address: {JANE_ADDRESS}\n")

    attached = guard.check(recipients=[MARK_AT_HOME], body="Please see the report.", attachments=[report])
    assert attached.decision is Decision.BLOCK
    assert any(f.part.startswith("attachment[0]") for f in attached.findings)
    from_bytes = guard.check(recipients=[MARK_AT_HOME], body="See attached.",
                             attachments=[Attachment(report.read_bytes(), "report.txt", "text/plain")])
    assert from_bytes.decision is Decision.BLOCK

    document = guard.check_document(report, recipients=[MARK_AT_HOME], external_ref="BUNDLE-1")
    assert document.decision is Decision.BLOCK and document.external_ref == "BUNDLE-1"

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "caseworker@council.example.gov.uk", "Sam Brown <sam@example.com>", "Hi"
    message.set_content("The hearing is on Monday.")
    assert guard.check_email(bytes(message)).decision is Decision.ALLOW


def test_every_refusal_is_a_typed_error_that_says_do_not_send(register_case, server_url, keys, guard):
    register_case()
    with GuardClient(server_url, "not-a-key") as stranger, pytest.raises(AuthError) as unknown:
        stranger.check(recipients=[MARK_AT_HOME], body="Hello.")
    assert unknown.value.status == 401 and unknown.value.code == "invalid_api_key"
    with GuardClient(server_url, keys["auditor"]) as auditor, pytest.raises(AuthError) as forbidden:
        auditor.check(recipients=[MARK_AT_HOME], body="Hello.")
    assert forbidden.value.status == 403 and forbidden.value.code == "forbidden_role"

    with pytest.raises(InvalidRequest) as invalid:
        guard.check(recipients=[MARK_AT_HOME])  # no body, no attachment
    assert invalid.value.status == 422 and invalid.value.code == "validation_error"
    with pytest.raises(InvalidRequest) as no_recipient:
        guard.check(recipients=[], body="Hello.")
    assert [f.field for f in no_recipient.value.fields] == ["recipients"]
    with pytest.raises(InvalidRequest) as not_rfc822:
        guard.check_email(b"")
    assert not_rfc822.value.status == 422
    with pytest.raises(CheckNotFound) as missing:
        guard.get_check("chk_missing")
    assert missing.value.code == "check_not_found"
    with pytest.raises(CheckNotFound):
        guard.get_check("../holds")  # an id names a check, never another path

    for error in (unknown, forbidden, invalid, no_recipient, not_rfc822, missing):
        assert "do not send" in str(error.value)
        assert JANE_ADDRESS not in str(error.value)


def test_no_answer_is_guard_unreachable(guard):
    with GuardClient(f"http://127.0.0.1:{_free_port()}", "key") as nowhere, pytest.raises(GuardUnreachable) as refused:
        nowhere.get_check("chk_1")
    assert "could not be reached" in str(refused.value) and "do not send" in str(refused.value)


class _Scripted(BaseHTTPRequestHandler):
    """A server that answers every request with one scripted status, headers and body: what the
    guard answers under load or behind a misbehaving proxy, which a test cannot make it do."""

    answers: list[tuple[int, dict[str, str], bytes]] = []
    seen: list[float] = []

    def do_GET(self) -> None:  # noqa: N802
        import time

        self.seen.append(time.monotonic())
        status, headers, body = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[tuple[str, type[_Scripted]]]:
    handler = type("Handler", (_Scripted,), {"answers": [], "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    thread.join(timeout=10)


def _error(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


def test_busy_failed_and_unreadable_answers_are_typed_errors(scripted):
    url, handler = scripted
    with GuardClient(url, "key") as client:
        handler.answers[:] = [(503, {"Retry-After": "7"}, _error("guard_busy", "every worker is busy"))]
        with pytest.raises(GuardBusy) as busy:
            client.get_check("chk_1")
        assert busy.value.retry_after == 7 and busy.value.code == "guard_busy" and "do not send" in str(busy.value)
        handler.answers[:] = [(500, {"X-Request-ID": "req-9"}, _error("internal_error", "the guard failed"))]
        with pytest.raises(GuardFailed) as failed:
            client.get_check("chk_1")
        assert failed.value.request_id == "req-9" and "do not send" in str(failed.value)
        handler.answers[:] = [(502, {"Content-Type": "text/html"}, b"<h1>Bad gateway</h1>")]
        with pytest.raises(GuardFailed):
            client.get_check("chk_1")
        # A proxy's 200 that is not the guard's answer, or an answer with a decision no guard gives.
        for body in (b"<html>OK</html>", b'{"check_id": "chk_1", "created_at": "2026-11-30T00:00:00Z", '
                                         b'"decision": "probably_fine", "reasons": [], "findings": []}'):
            handler.answers[:] = [(200, {}, body)]
            with pytest.raises(UnexpectedAnswer):
                client.get_check("chk_1")


def test_waiting_honours_retry_after_while_busy(scripted):
    url, handler = scripted
    decided = json.dumps({"check_id": "chk_1", "created_at": "2026-11-30T00:00:00Z", "decision": "allow",
                          "reasons": [], "findings": [], "register_version": 1, "elapsed_ms": 1.0}).encode()
    handler.answers[:] = [(503, {"Retry-After": "1"}, _error("guard_busy", "busy")), (200, {}, decided)]
    with GuardClient(url, "key", poll_interval=0.01) as client:
        assert client.wait_for_review("chk_1", timeout=10).may_send
    assert handler.seen[1] - handler.seen[0] >= 0.9


def test_the_asynchronous_lane_is_pending_until_decided(register_case, guard):
    register_case()
    taken = guard.check(recipients=[a_recipient("Sam Brown")], body="The hearing is on Monday.", respond_async=True)
    assert taken.pending and taken.decision is None and not taken.may_send
    decided = guard.wait_for_review(taken, timeout=60)
    assert decided.check_id == taken.check_id and decided.decision is Decision.ALLOW and decided.may_send


def test_a_wait_that_runs_out_is_review_timeout_with_the_last_answer(register_case, guard, paused_claimer):
    register_case()
    taken = guard.check(recipients=[a_recipient("Sam Brown")], body="The hearing is on Monday.", respond_async=True)
    with pytest.raises(ReviewTimeout) as ran_out:
        guard.wait_for_review(taken.check_id, timeout=0.5)
    assert ran_out.value.result is not None and ran_out.value.result.pending
    assert "still pending" in str(ran_out.value) and "do not send" in str(ran_out.value)


def test_the_async_client_does_the_same(register_case, server_url, keys):
    register_case()

    async def run() -> None:
        async with AsyncGuardClient(server_url, keys["submitter"], poll_interval=0.2) as client:
            blocked = await client.check(recipients=[MARK_AT_HOME], body=f"She moved to {JANE_ADDRESS}.")
            assert blocked.decision is Decision.BLOCK
            assert await client.get_check(blocked.check_id) == blocked
            taken = await client.check(recipients=[a_recipient("Sam Brown")], body="Monday.", respond_async=True)
            assert (await client.wait_for_review(taken, timeout=60)).may_send
            with pytest.raises(CheckNotFound):
                await client.get_check("chk_missing")

    asyncio.run(run())
