"""The gateway under a real Postfix (Debian's, 3.7): a private instance with its own config
directory, queue and data directory and ports, configured from tests/smtp/postfix/main.cf and
master.cf, which are what README's Postfix section shows line for line. Only the ports and the
private instance's own settings (PRIVATE_INSTANCE below: directories, 127.0.0.1, and a relayhost
that is this test's SMTP sink rather than the Internet) differ from README.

    test client --SMTP--> Postfix smtpd --content_filter--> disclosure-guard smtp-filter
        --> Postfix reinjection smtpd (XFORWARD) --> qmgr --relayhost--> the sink (aiosmtpd)

No part is mocked. When Postfix cannot run here this test fails: it never skips (scripts/bootstrap
installs Debian's postfix package)."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import os
import re
import shutil
import smtplib
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from disclosure_guard.smtp.next_hop import NextHop
from disclosure_guard.smtp.server import SmtpFilterServer
from tests.builders import JANE
from tests.conftest import _free_port, bearer

CONFIG = Path(__file__).parent / "postfix"
README = Path(__file__).parents[2] / "README.md"
POSTFIX = "/usr/sbin/postfix"
SENDER = "caseworker@council.example.gov.uk"
CLIENT_HELO = "original-client.test"
CLIENT_ADDRESS = "127.0.0.2"  # the test client's: the filter is 127.0.0.1, so XFORWARD shows
FILTER_NAME = "filter.gateway.test"  # DG_SMTP_HOSTNAME
JANE_ADDRESS = JANE["addresses"][0]

PRIVATE_INSTANCE = """
# The test's private instance: its own directories, loopback only, and the sink as relayhost.
queue_directory = {root}/queue
data_directory = {root}/data
maillog_file_prefixes = {root}
maillog_file = {root}/maillog
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = gateway.test
mydestination =
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:{sink}
smtp_tls_security_level = none
"""


class Sink:
    """The final next hop: every message Postfix delivers, with its envelope."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def to(self, recipient: str) -> list[bytes]:
        return [raw for _, rcpt_tos, raw in self.messages if recipient in rcpt_tos]


@dataclass
class Gateway:
    port: int
    sink: Sink
    root: Path

    def maillog(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace") if path.exists() else ""


def instance_config(root: Path, front: int, filter_port: int, reinjection: int, sink: int) -> tuple[str, str]:
    """README's main.cf and master.cf, with this instance's ports and its private settings."""
    main = (CONFIG / "main.cf").read_text() + PRIVATE_INSTANCE.format(root=root, sink=sink)
    master = (CONFIG / "master.cf").read_text()
    master = re.sub(r"^smtp(\s+)inet", rf"127.0.0.1:{front}\1inet", master, count=1, flags=re.M)
    master = master.replace("[127.0.0.1]:10025", f"[127.0.0.1]:{filter_port}")
    master = master.replace("127.0.0.1:10026", f"127.0.0.1:{reinjection}")
    return main, master


def postfix(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([POSTFIX, "-c", str(root / "etc"), *args], capture_output=True, text=True, timeout=120)


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def gateway(runtime) -> Iterator[Gateway]:
    if not os.access(POSTFIX, os.X_OK):
        pytest.fail("Postfix is not installed: scripts/bootstrap installs Debian's postfix package")
    # Postfix's daemons run as the postfix user: its directories must be reachable by it, which
    # pytest's own tmp_path (mode 0700 under root) is not.
    root = Path(tempfile.mkdtemp(prefix="dg-postfix-"))
    root.chmod(0o755)
    (root / "etc").mkdir()
    (root / "queue").mkdir()  # postfix check makes its subdirectories, owned by the postfix user
    sink = Sink()
    sink_port, front, filter_port, reinjection = _free_port(), _free_port(), _free_port(), _free_port()
    sink_server = Controller(sink, hostname="127.0.0.1", port=sink_port, enable_SMTPUTF8=True)
    sink_server.start()
    tuned = dataclasses.replace(runtime, settings=runtime.settings.model_copy(update={
        "smtp_relay_poll_seconds": 0.1, "smtp_hostname": FILTER_NAME, "smtp_postmaster": "postmaster@gateway.test"}))
    smtp_filter = SmtpFilterServer(tuned, "127.0.0.1", filter_port, NextHop("127.0.0.1", reinjection))
    smtp_filter.start()
    main, master = instance_config(root, front, filter_port, reinjection, sink_port)
    (root / "etc" / "main.cf").write_text(main)
    (root / "etc" / "master.cf").write_text(master)
    started = False
    try:
        for step in (("check",), ("start",)):
            done = postfix(root, *step)
            assert done.returncode == 0, f"postfix {step[0]} failed: {done.stdout}{done.stderr}{_log(root)}"
        started = True
        assert wait_for(lambda: _answers(front), 30), "Postfix's smtpd did not answer"
        yield Gateway(front, sink, root)
    finally:
        if started:
            postfix(root, "stop")
        smtp_filter.stop()
        sink_server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _log(root: Path) -> str:
    path = root / "maillog"
    return path.read_text(errors="replace") if path.exists() else ""


def _answers(port: int) -> bool:
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
            return client.noop()[0] == 250
    except OSError:
        return False


def a_message(to: str, body: str) -> bytes:
    """With its Date and Message-ID, so that Postfix adds no header of its own but Received."""
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = to
    message["Subject"] = "Your case"
    message["Date"] = formatdate()
    message["Message-ID"] = make_msgid(domain="council.example.gov.uk")
    message.set_content(body)
    return bytes(message).replace(b"\n", b"\r\n")


def send(gateway: Gateway, raw: bytes, rcpt_tos: list[str], options: tuple[str, ...] = ()) -> None:
    with smtplib.SMTP("127.0.0.1", gateway.port, local_hostname=CLIENT_HELO, timeout=60,
                      source_address=(CLIENT_ADDRESS, 0)) as client:
        client.sendmail(SENDER, rcpt_tos, raw, list(options))


def received(raw: bytes) -> list[str]:
    return [str(value) for value in email.message_from_bytes(raw, policy=email.policy.compat32).get_all("Received", [])]


def held_check_id(http, keys) -> str:
    reviewer = bearer(keys["reviewer"])
    assert wait_for(lambda: http.get("/v1/holds", headers=reviewer).json()["total"] == 1)
    return http.get("/v1/holds", headers=reviewer).json()["items"][0]["check_id"]


def test_readme_shows_the_configuration_this_test_runs_line_for_line():
    readme = README.read_text()
    for name in ("main.cf", "master.cf"):
        assert (CONFIG / name).read_text() in readme, f"README's Postfix section must show tests/smtp/postfix/{name}"


def test_an_allowed_message_arrives_byte_identical_with_the_original_client_forwarded(register_case, gateway):
    register_case()
    raw = a_message("Sam Brown <sam@example.com>", "Your bin collection moves to Tuesday.")
    send(gateway, raw, ["sam@example.com"])
    assert wait_for(lambda: gateway.sink.to("sam@example.com")), gateway.maillog()
    delivered = gateway.sink.to("sam@example.com")[0]
    # Postfix adds its Received lines on top; everything else is the message as it was sent.
    assert delivered.endswith(raw)
    hops = received(delivered[: -len(raw)])
    assert len(hops) == 2 and hops[1].startswith(f"from {CLIENT_HELO} ") and "[127.0.0.2]" in hops[1], hops
    # The reinjection smtpd was told by XFORWARD who the original client was (127.0.0.2, not
    # the filter at 127.0.0.1) and which queue file it came from: Postfix logs both.
    queue_id = re.search(r"with E?SMTP\w* id (\w+)", hops[0]).group(1)  # type: ignore[union-attr]
    line = next(line for line in gateway.maillog().splitlines() if f"{queue_id}: client=" in line)
    assert re.search(r"orig_queue_id=\w+, orig_client=[^\[\s]*\[127\.0\.0\.2\]", line), line


def test_a_blocked_message_is_bounced_to_its_sender_with_the_550(register_case, gateway):
    register_case()
    send(gateway, a_message("Mark Doe <mark.doe@example.net>", f"She now lives at {JANE_ADDRESS}."),
         ["mark.doe@example.net"])
    assert wait_for(lambda: gateway.sink.to(SENDER)), gateway.maillog()
    mail_from, _, bounce = next(m for m in gateway.sink.messages if SENDER in m[1])
    assert mail_from == "<>"  # Postfix's bounce, from the null sender
    report = email.message_from_bytes(bounce, policy=email.policy.default)
    assert report.get_content_type() == "multipart/report" and report.get_param("report-type") == "delivery-status"
    text = bounce.decode("utf-8", "replace")
    assert "550 5.7.1 Blocked by disclosure-guard" in text and "protected_contact_to_restricted" in text
    assert gateway.sink.to("mark.doe@example.net") == []


def test_a_held_message_leaves_postfix_and_arrives_once_released(register_case, gateway, http, keys):
    register_case()
    raw = a_message("Sam Brown <sam@example.com>", f"The tenant's address is {JANE_ADDRESS}.")
    send(gateway, raw, ["sam@example.com"])
    check_id = held_check_id(http, keys)
    # Postfix considers it delivered: the filter took it (250); only the filter's relay has it now.
    assert wait_for(lambda: "status=sent" in gateway.maillog() and "Held for review" in gateway.maillog())
    reviewer = bearer(keys["reviewer"])
    assert http.get(f"/v1/holds/{check_id}", headers=reviewer).json()["relay_status"] == "waiting"
    time.sleep(1)
    assert gateway.sink.to("sam@example.com") == []
    http.post(f"/v1/holds/{check_id}/release", json={"comment": "consent on file"}, headers=reviewer)
    assert wait_for(lambda: gateway.sink.to("sam@example.com")), gateway.maillog()
    assert gateway.sink.to("sam@example.com")[0].endswith(raw)
    assert wait_for(lambda: http.get(f"/v1/holds/{check_id}", headers=reviewer).json()["relay_status"] == "relayed")


def test_a_utf8_recipient_is_delivered(register_case, gateway):
    register_case()
    message = EmailMessage(policy=email.policy.SMTPUTF8)
    message["From"] = SENDER
    message["To"] = "José Núñez <josé@court.test>"
    message["Subject"] = "Café hours"
    message["Date"] = formatdate()
    message["Message-ID"] = make_msgid(domain="council.example.gov.uk")
    message.set_content("Le café ouvre à 9 h. Your hearing is on Tuesday.", cte="8bit")
    raw = message.as_bytes()  # the SMTPUTF8 policy writes CRLF already
    send(gateway, raw, ["josé@court.test"], ("SMTPUTF8", "BODY=8BITMIME"))
    assert wait_for(lambda: gateway.sink.to("josé@court.test")), gateway.maillog()
    assert gateway.sink.to("josé@court.test")[0].endswith(raw)


def test_a_rejected_hold_gets_its_sender_a_delivery_status_notification(register_case, gateway, http, keys):
    register_case()
    send(gateway, a_message("Sam Brown <sam@example.com>", f"The tenant's address is {JANE_ADDRESS}."),
         ["sam@example.com"])
    check_id = held_check_id(http, keys)
    http.post(f"/v1/holds/{check_id}/reject", json={"comment": "wrong recipient"}, headers=bearer(keys["reviewer"]))
    assert wait_for(lambda: gateway.sink.to(SENDER)), gateway.maillog()
    mail_from, _, bounce = next(m for m in gateway.sink.messages if SENDER in m[1])
    assert mail_from == "<>"
    dsn = email.message_from_bytes(bounce, policy=email.policy.default)
    assert dsn.get_content_type() == "multipart/report" and dsn.get_param("report-type") == "delivery-status"
    assert dsn["From"].addresses[0].addr_spec == "postmaster@gateway.test"
    notice, status, headers = dsn.get_payload()
    assert status.get_content_type() == "message/delivery-status" and check_id in notice.get_content()
    assert b"Elm Road" not in bounce
    assert gateway.sink.to("sam@example.com") == []
