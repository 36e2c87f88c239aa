"""The SMTP content filter with a real SMTP client (smtplib) and a real next-hop SMTP server."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import smtplib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

import pytest

from disclosure_guard.smtp.next_hop import NextHop
from disclosure_guard.smtp.protocol import GatewayController
from disclosure_guard.smtp.server import SmtpFilterServer
from tests.builders import JANE
from tests.conftest import _free_port, bearer
from tests.worker_tasks import every_worker_busy_and_the_queue_full

JANE_ADDRESS = JANE["addresses"][0]


class Capture:
    """A next hop. `xforward` is the XFORWARD line it offers in its EHLO, if any."""

    def __init__(self, xforward: str | None = None) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.mail_options: list[list[str]] = []
        self.forwarded: list[dict[str, str]] = []
        self.helo_names: list[str] = []
        self.xforward = xforward

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        session.host_name = hostname
        if self.xforward is None:
            return responses
        return [*responses[:-1], f"250-XFORWARD {self.xforward}", responses[-1]]

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        self.mail_options.append(list(envelope.mail_options))
        self.forwarded.append(dict(getattr(envelope, "xforward", {})))
        self.helo_names.append(session.host_name)
        return "250 OK"


@contextmanager
def a_next_hop(xforward: str | None = None, port: int | None = None, **smtp) -> Iterator[tuple[Capture, int]]:
    capture = Capture(xforward)
    port = port or _free_port()
    controller = GatewayController(capture, hostname="127.0.0.1", port=port, **smtp)
    controller.start()
    try:
        yield capture, port
    finally:
        controller.stop()


@pytest.fixture
def next_hop() -> Iterator[tuple[Capture, int]]:
    with a_next_hop() as hop:
        yield hop


@contextmanager
def running_filter(runtime, next_hop_port: int, **settings) -> Iterator[int]:
    """A filter on a free port, relaying to next_hop_port; yields its port."""
    tuned = dataclasses.replace(runtime, settings=runtime.settings.model_copy(
        update={"smtp_relay_poll_seconds": 0.1, **settings}))
    port = _free_port()
    server = SmtpFilterServer(tuned, "127.0.0.1", port, NextHop("127.0.0.1", next_hop_port))
    server.start()
    try:
        yield port
    finally:
        server.stop()


@pytest.fixture
def smtp_filter(runtime, next_hop) -> Iterator[int]:
    with running_filter(runtime, next_hop[1]) as port:
        yield port


def a_message(to: str, body: str, cc: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "caseworker@council.example.gov.uk"
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = "Your case"
    message.set_content(body)
    return bytes(message).replace(b"\n", b"\r\n")


def send(port: int, raw: bytes, rcpt_tos: list[str]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        client.sendmail("caseworker@council.example.gov.uk", rcpt_tos, raw)


def wait_for(predicate, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_an_allowed_message_arrives_byte_for_byte(register_case, smtp_filter, next_hop):
    register_case()
    raw = a_message("Sam Brown <sam@example.com>", "Your bin collection moves to Tuesday.")
    send(smtp_filter, raw, ["sam@example.com"])
    capture, _ = next_hop
    assert len(capture.messages) == 1
    mail_from, rcpt_tos, relayed = capture.messages[0]
    assert (mail_from, rcpt_tos, relayed) == ("caseworker@council.example.gov.uk", ["sam@example.com"], raw)


def test_a_blocked_message_gets_550_and_goes_nowhere(register_case, smtp_filter, next_hop):
    register_case()
    raw = a_message("Mark Doe <mark.doe@example.net>", f"She now lives at {JANE_ADDRESS}.")
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(smtp_filter, raw, ["mark.doe@example.net"])
    assert refused.value.smtp_code == 550
    assert b"5.7.1" in refused.value.smtp_error and b"protected_contact_to_restricted" in refused.value.smtp_error
    assert next_hop[0].messages == []


def test_a_blind_copy_only_in_the_envelope_is_a_recipient(register_case, smtp_filter, next_hop):
    """The abuser as a blind copy reads the body: that is rule 1, a 550 block, not a 451 that
    Postfix would retry."""
    register_case()
    raw = a_message("Sam Brown <sam@example.com>", f"The tenant's address is {JANE_ADDRESS}.")
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(smtp_filter, raw, ["sam@example.com", "mark.doe@example.net"])
    assert refused.value.smtp_code == 550
    assert b"5.7.1" in refused.value.smtp_error and b"protected_contact_to_restricted" in refused.value.smtp_error
    assert next_hop[0].messages == []


def test_a_held_message_arrives_only_after_release(register_case, smtp_filter, next_hop, http, keys):
    register_case()
    raw = a_message("Sam Brown <sam@example.com>", f"The tenant's address is {JANE_ADDRESS}.")
    send(smtp_filter, raw, ["sam@example.com"])
    capture, _ = next_hop
    reviewer = bearer(keys["reviewer"])
    holds = http.get("/v1/holds", params={"status": "pending"}, headers=reviewer).json()["items"]
    assert len(holds) == 1
    time.sleep(0.5)
    assert capture.messages == []
    http.post(f"/v1/holds/{holds[0]['check_id']}/release", json={"comment": "consent on file"}, headers=reviewer)
    assert wait_for(lambda: len(capture.messages) == 1)
    assert capture.messages[0] == ("caseworker@council.example.gov.uk", ["sam@example.com"], raw)
    # The relay records the ending after the next hop took the message, in a transaction of its own.
    assert wait_for(lambda: "hold.relayed" in [e["action"] for e in http.get(
        "/v1/audit", params={"check_id": holds[0]["check_id"]}, headers=bearer(keys["auditor"])).json()["items"]])


def rejected(http, keys, comment: str = "wrong recipient") -> str:
    reviewer = bearer(keys["reviewer"])
    held = http.get("/v1/holds", headers=reviewer).json()["items"][0]
    http.post(f"/v1/holds/{held['check_id']}/reject", json={"comment": comment}, headers=reviewer)
    return held["check_id"]


def test_a_rejected_message_is_never_sent_and_the_sender_gets_a_delivery_status_notification(
        runtime, register_case, next_hop, http, keys):
    register_case()
    raw = a_message("Sam Brown <sam@example.com>",
                    f"Jane Elizabeth Doe lives at {JANE_ADDRESS}; call 07700 900123 or jane.doe@example.org.")
    with running_filter(runtime, next_hop[1], smtp_hostname="dsn.council.example",
                        smtp_postmaster="postmaster@council.example") as port:
        send(port, raw, ["sam@example.com", "p.shah@solicitors.example.org"])
        check_id = rejected(http, keys, comment="she lives at Elm Road")
        capture, _ = next_hop
        assert wait_for(lambda: len(capture.messages) == 1)
        time.sleep(0.5)
    assert len(capture.messages) == 1
    mail_from, rcpt_tos, bounce = capture.messages[0]
    assert (mail_from, rcpt_tos) == ("<>", ["caseworker@council.example.gov.uk"])  # the null sender
    dsn = email.message_from_bytes(bounce, policy=email.policy.default)
    assert dsn["From"].addresses[0].addr_spec == "postmaster@council.example"
    assert dsn["To"] == "caseworker@council.example.gov.uk"
    assert dsn.get_content_type() == "multipart/report" and dsn.get_param("report-type") == "delivery-status"
    notice, status, headers = dsn.get_payload()
    assert notice.get_content_type() == "text/plain" and check_id in notice.get_content()
    assert status.get_content_type() == "message/delivery-status"
    per_message, *per_recipient = status.get_payload()
    assert per_message["Reporting-MTA"] == "dns; dsn.council.example"
    assert [(r["Final-Recipient"], r["Action"], r["Status"]) for r in per_recipient] == [
        ("rfc822; sam@example.com", "failed", "5.7.1"), ("rfc822; p.shah@solicitors.example.org", "failed", "5.7.1")]
    assert all(r["Diagnostic-Code"].startswith("smtp; 550 5.7.1 ") for r in per_recipient)
    assert headers.get_content_type() == "text/rfc822-headers"
    original_headers = raw.split(b"\r\n\r\n")[0].decode().replace("\r\n", "\n") + "\n"
    assert headers.get_payload().replace("\r\n", "\n") == original_headers
    # The body is what the reviewer stopped; none of its register values come back, nor the comment.
    for value in ("Jane", "Elm Road", "LS6", "07700 900123", "jane.doe@example.org", "comment", "she lives"):
        assert value.encode() not in bounce


def test_a_rejected_utf8_message_gets_the_global_forms(register_case, smtp_filter, next_hop, http, keys):
    register_case()
    send_utf8(smtp_filter, a_utf8_message("José Núñez <josé@court.test>", f"Address: {JANE_ADDRESS}"),
              ["josé@court.test"])
    rejected(http, keys)
    capture, _ = next_hop
    assert wait_for(lambda: len(capture.messages) == 1)
    bounce = capture.messages[0][2]
    assert "SMTPUTF8" in capture.mail_options[0]
    dsn = email.message_from_bytes(bounce, policy=email.policy.default)
    notice, status, headers = dsn.get_payload()
    assert status.get_content_type() == "message/global-delivery-status"
    assert "Final-Recipient: utf-8; josé@court.test" in bounce.decode()
    assert headers.get_content_type() == "message/global-headers" and "Subject: Café hours" in bounce.decode()
    assert b"Elm Road" not in bounce


def test_bounces_can_be_switched_off(runtime, register_case, next_hop, http, keys):
    register_case()
    with running_filter(runtime, next_hop[1], smtp_bounce_on_reject=False) as port:
        send(port, a_message("sam@example.com", f"Address: {JANE_ADDRESS}"), ["sam@example.com"])
        reviewer = bearer(keys["reviewer"])
        held = http.get("/v1/holds", headers=reviewer).json()["items"][0]
        http.post(f"/v1/holds/{held['check_id']}/reject", json={"comment": "no"}, headers=reviewer)
        auditor = bearer(keys["auditor"])
        assert wait_for(lambda: "hold.dropped" in [e["action"] for e in http.get(
            "/v1/audit", params={"check_id": held["check_id"]}, headers=auditor).json()["items"]])
    assert next_hop[0].messages == []


def test_when_the_guard_fails_the_gateway_is_told_to_try_later(runtime, register_case, next_hop, http, keys):
    register_case()
    with running_filter(runtime, next_hop[1], check_timeout_seconds=1e-6) as port, \
            pytest.raises(smtplib.SMTPDataError) as deferred:
        send(port, a_message("sam@example.com", "Nothing sensitive."), ["sam@example.com"])
    assert deferred.value.smtp_code == 451
    assert next_hop[0].messages == []
    pending = http.get("/v1/holds", params={"status": "pending"}, headers=bearer(keys["reviewer"])).json()
    assert pending["total"] == 0


def test_when_every_worker_is_busy_and_the_queue_full_the_gateway_is_told_to_try_later(
        runtime, smtp_filter, next_hop, http, keys):
    with every_worker_busy_and_the_queue_full(runtime.workers), pytest.raises(smtplib.SMTPDataError) as deferred:
        send(smtp_filter, a_message("sam@example.com", "Nothing sensitive."), ["sam@example.com"])
    assert deferred.value.smtp_code == 451 and b"4.3.2" in deferred.value.smtp_error
    assert next_hop[0].messages == []
    pending = http.get("/v1/holds", params={"status": "pending"}, headers=bearer(keys["reviewer"])).json()
    assert pending["total"] == 0


def test_when_the_next_hop_is_down_an_allowed_message_is_deferred(runtime, register_case):
    register_case()
    with running_filter(runtime, _free_port()) as port, pytest.raises(smtplib.SMTPDataError) as deferred:
        send(port, a_message("sam@example.com", "Nothing sensitive."), ["sam@example.com"])
    assert deferred.value.smtp_code == 451


# UTF-8 and 8-bit mail, as Postfix hands it over: `MAIL FROM:<…> SMTPUTF8 BODY=8BITMIME`.

def a_utf8_message(to: str, body: str) -> bytes:
    return (f"From: caseworker@council.example.gov.uk\r\nTo: {to}\r\nSubject: Café hours\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n").encode()


def send_utf8(port: int, raw: bytes, rcpt_tos: list[str]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        client.sendmail("caseworker@council.example.gov.uk", rcpt_tos, raw, ["SMTPUTF8", "BODY=8BITMIME"])


def test_a_utf8_recipient_is_relayed_as_smtputf8_byte_for_byte(register_case, smtp_filter, next_hop):
    register_case()
    raw = a_utf8_message("José Núñez <josé@court.test>", "Le café ouvre à 9 h. Your hearing is on Tuesday.")
    send_utf8(smtp_filter, raw, ["josé@court.test"])
    capture, _ = next_hop
    assert capture.messages == [("caseworker@council.example.gov.uk", ["josé@court.test"], raw)]
    assert "SMTPUTF8" in capture.mail_options[0] and "BODY=8BITMIME" in capture.mail_options[0]


def test_a_next_hop_without_smtputf8_is_a_relay_failure_not_a_check_failure(runtime, register_case):
    register_case()
    with a_next_hop(enable_SMTPUTF8=False) as (capture, hop_port), running_filter(runtime, hop_port) as port, \
            pytest.raises(smtplib.SMTPDataError) as deferred:
        send_utf8(port, a_utf8_message("josé@court.test", "Nothing sensitive."), ["josé@court.test"])
    assert deferred.value.smtp_code == 451
    assert b"4.4.0" in deferred.value.smtp_error and b"could not relay" in deferred.value.smtp_error
    assert b"SMTPUTF8" in deferred.value.smtp_error and b"could not check" not in deferred.value.smtp_error
    assert b"jos" not in deferred.value.smtp_error
    assert capture.messages == []


def test_a_next_hop_that_is_down_is_named_as_such(runtime, register_case):
    register_case()
    with running_filter(runtime, _free_port()) as port, pytest.raises(smtplib.SMTPDataError) as deferred:
        send(port, a_message("sam@example.com", "Nothing sensitive."), ["sam@example.com"])
    assert deferred.value.smtp_code == 451 and b"4.4.1" in deferred.value.smtp_error
    assert b"could not relay" in deferred.value.smtp_error


def test_a_released_utf8_message_goes_on_as_it_came(register_case, smtp_filter, next_hop, http, keys):
    register_case()
    raw = a_utf8_message("José Núñez <josé@court.test>", f"Le café: the tenant's address is {JANE_ADDRESS}.")
    send_utf8(smtp_filter, raw, ["josé@court.test"])
    reviewer = bearer(keys["reviewer"])
    held = http.get("/v1/holds", params={"status": "pending"}, headers=reviewer).json()["items"]
    assert len(held) == 1
    http.post(f"/v1/holds/{held[0]['check_id']}/release", json={"comment": "consent on file"}, headers=reviewer)
    capture, _ = next_hop
    assert wait_for(lambda: len(capture.messages) == 1)
    assert capture.messages[0] == ("caseworker@council.example.gov.uk", ["josé@court.test"], raw)
    assert "SMTPUTF8" in capture.mail_options[0] and "BODY=8BITMIME" in capture.mail_options[0]


# XFORWARD and PIPELINING, as Postfix's content_filter client (smtp_send_xforward_command=yes) uses them.

def test_the_filter_offers_pipelining_and_xforward(smtp_filter):
    with smtplib.SMTP("127.0.0.1", smtp_filter, timeout=60) as client:
        client.ehlo("postfix.example")
        assert client.has_extn("pipelining")
        assert client.esmtp_features["xforward"].split() == ["NAME", "ADDR", "PORT", "PROTO", "HELO", "IDENT", "SOURCE"]


def send_forwarded(port: int, raw: bytes, rcpt_tos: list[str]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        client.ehlo("postfix.example")
        assert client.docmd("XFORWARD", "NAME=mail.client.example ADDR=192.0.2.7 PORT=40123")[0] == 250
        assert client.docmd("XFORWARD", "PROTO=ESMTP HELO=client+2Eexample IDENT=4Xk2 SOURCE=REMOTE")[0] == 250
        client.sendmail("caseworker@council.example.gov.uk", rcpt_tos, raw)


def test_xforward_attributes_go_on_to_a_next_hop_that_lists_them_and_only_those(runtime, register_case):
    register_case()
    raw = a_message("sam@example.com", "Your bin collection moves to Tuesday.")
    with a_next_hop(xforward="NAME ADDR PROTO HELO") as (capture, hop_port), running_filter(runtime, hop_port) as port:
        send_forwarded(port, raw, ["sam@example.com"])
    assert capture.messages == [("caseworker@council.example.gov.uk", ["sam@example.com"], raw)]
    assert capture.forwarded == [{"NAME": "mail.client.example", "ADDR": "192.0.2.7", "PROTO": "ESMTP",
                                  "HELO": "client.example"}]


def test_a_next_hop_without_xforward_gets_none(register_case, smtp_filter, next_hop):
    register_case()
    send_forwarded(smtp_filter, a_message("sam@example.com", "Your bin collection moves to Tuesday."),
                   ["sam@example.com"])
    assert len(next_hop[0].messages) == 1 and next_hop[0].forwarded == [{}]


def test_xforward_is_refused_inside_a_transaction_and_when_malformed(smtp_filter):
    with smtplib.SMTP("127.0.0.1", smtp_filter, timeout=60) as client:
        client.ehlo("postfix.example")
        assert client.docmd("XFORWARD", "COLOUR=blue")[0] == 501
        assert client.docmd("XFORWARD", "NAME=a=b")[0] == 501
        client.mail("caseworker@council.example.gov.uk")
        assert client.docmd("XFORWARD", "ADDR=192.0.2.7")[0] == 503


def test_a_pipelined_transaction_is_answered_in_order(register_case, smtp_filter, next_hop):
    """MAIL, RCPT and DATA in one write, as a PIPELINING client sends them (RFC 2920)."""
    register_case()
    import socket
    raw = a_message("sam@example.com", "Your bin collection moves to Tuesday.")
    with socket.create_connection(("127.0.0.1", smtp_filter), timeout=60) as sock:
        reader = sock.makefile("rb")
        reader.readline()
        sock.sendall(b"EHLO postfix.example\r\n")
        while not reader.readline().startswith(b"250 "):
            pass
        sock.sendall(b"MAIL FROM:<caseworker@council.example.gov.uk>\r\nRCPT TO:<sam@example.com>\r\nDATA\r\n")
        assert [reader.readline()[:3] for _ in range(3)] == [b"250", b"250", b"354"]
        sock.sendall(raw + b".\r\nQUIT\r\n")
        assert reader.readline()[:3] == b"250"
    assert next_hop[0].messages[0][2] == raw


# Relay state: Postfix considers a held message delivered; the hold shows how its relay goes.

def test_a_released_message_the_next_hop_keeps_refusing_is_failed_shown_and_retried(runtime, register_case, http, keys):
    register_case()
    hop_port = _free_port()  # nothing listens there yet
    reviewer, admin = bearer(keys["reviewer"]), bearer(keys["admin"])
    with running_filter(runtime, hop_port, smtp_relay_max_attempts=2, smtp_relay_retry_seconds=0) as port:
        send(port, a_message("sam@example.com", f"Address: {JANE_ADDRESS}"), ["sam@example.com"])
        check_id = http.get("/v1/holds", headers=reviewer).json()["items"][0]["check_id"]
        assert http.get(f"/v1/holds/{check_id}", headers=reviewer).json()["relay_status"] == "waiting"
        http.post(f"/v1/holds/{check_id}/release", json={"comment": "consent on file"}, headers=reviewer)
        assert wait_for(lambda: http.get(f"/v1/holds/{check_id}", headers=reviewer).json()["relay_status"] == "failed")
        hold = http.get(f"/v1/holds/{check_id}", headers=reviewer).json()
        assert (hold["relay_attempts"], hold["relay_error"]) == (2, "next_hop_unreachable")
        listed = http.get("/v1/holds", headers=reviewer).json()["items"][0]
        assert (listed["relay_status"], listed["relay_attempts"]) == ("failed", 2)
        ready = http.get("/readyz")
        assert ready.status_code == 200 and ready.json() == {"status": "degraded", "relay_failed": 1}
        audit = http.get("/v1/audit", params={"check_id": check_id}, headers=bearer(keys["auditor"])).json()
        assert "hold.relay_failed" in [e["action"] for e in audit["items"]]
        relay_fields = {name: value for name, value in hold.items() if name.startswith("relay")}
        assert "sam@example.com" not in str(audit) and "@" not in str(relay_fields)
        assert http.post(f"/v1/holds/{check_id}/retry-relay", headers=reviewer).status_code == 403
        with a_next_hop(port=hop_port) as (capture, _):
            retried = http.post(f"/v1/holds/{check_id}/retry-relay", headers=admin)
            assert retried.status_code == 200 and retried.json()["relay_status"] == "waiting"
            assert wait_for(lambda: len(capture.messages) == 1)
            assert wait_for(lambda: http.get(f"/v1/holds/{check_id}", headers=reviewer).json()["relay_status"]
                            == "relayed")
    again = http.post(f"/v1/holds/{check_id}/retry-relay", headers=admin)
    assert again.status_code == 409 and again.json()["error"]["code"] == "relay_not_failed"
    assert http.get("/readyz").json() == {"status": "ready"}


def test_a_message_postfix_offers_again_after_a_relay_failure_is_not_decided_twice(runtime, register_case, http, keys):
    register_case()
    raw = a_message("sam@example.com", "Your bin collection moves to Tuesday.")
    hop_port = _free_port()
    with running_filter(runtime, hop_port) as port:
        with pytest.raises(smtplib.SMTPDataError):
            send(port, raw, ["sam@example.com"])
        with a_next_hop(port=hop_port) as (capture, _):
            send(port, raw, ["sam@example.com"])
    assert [m[2] for m in capture.messages] == [raw]
    audit = http.get("/v1/audit", params={"action": "check.decided"}, headers=bearer(keys["auditor"])).json()
    assert audit["total"] == 1


def test_the_filter_greets_with_its_host_name_and_uses_it_with_the_next_hop(runtime, register_case):
    register_case()
    with a_next_hop() as (capture, hop_port), running_filter(runtime, hop_port, smtp_hostname="gw.council.example") as port:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            code, banner = client.connect("127.0.0.1", port)
            assert code == 220 and banner.startswith(b"gw.council.example")
            assert client.ehlo("postfix.example")[1].startswith(b"gw.council.example")
        send(port, a_message("sam@example.com", "Your bin collection moves to Tuesday."), ["sam@example.com"])
    assert capture.helo_names == ["gw.council.example"]


def test_xforward_is_neither_offered_nor_taken_from_a_client_not_authorized(runtime, register_case):
    register_case()
    raw = a_message("sam@example.com", "Your bin collection moves to Tuesday.")
    with a_next_hop(xforward="NAME ADDR") as (capture, hop_port), \
            running_filter(runtime, hop_port, smtp_authorized_xforward_hosts=["192.0.2.0/24"]) as port:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            client.ehlo("postfix.example")
            assert client.has_extn("pipelining") and not client.has_extn("xforward")
            code, answer = client.docmd("XFORWARD", "NAME=spoofed.example ADDR=192.0.2.7")
            assert (code, answer) == (550, b"5.7.0 Error: insufficient authorization")
            client.sendmail("caseworker@council.example.gov.uk", ["sam@example.com"], raw)
    assert capture.messages == [("caseworker@council.example.gov.uk", ["sam@example.com"], raw)]
    assert capture.forwarded == [{}]
