"""The server's log carries no request value (issue 12, point 6): `disclosure-guard serve` as an
operator starts it, sent requests that fail validation and one that fails inside (a 500 whose
exception text quotes the submitted reference, as SQLAlchemy's does); its whole output is read."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import time
from urllib.parse import quote

import httpx

from disclosure_guard.logs import ValueFreeFormatter, address_token, log_token_key
from tests.builders import a_case
from tests.conftest import _free_port, bearer
from tests.worker_tasks import logged_line

SECRETS = {
    "path": "SECRET-PATH-REF 7",
    "email": "jane.secret-mailbox@@example",
    "phone": "SECRET-PHONE-0770",
    "query": "SECRET-QUERY-REF",
    "header": "SECRET-HEADER-VALUE",
    "failing": "SECRET-FAILING-REF",
}


def test_the_server_log_quotes_no_request_value(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DG_")}
    cli = [sys.executable, "-m", "disclosure_guard.cli"]
    key = subprocess.run([*cli, "apikey", "create", "--role", "admin"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert key.returncode == 0, key.stderr
    admin = {**bearer(key.stdout.strip().splitlines()[-1]), "X-Forwarded-Note": SECRETS["header"]}
    port = _free_port()
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        bad_path = httpx.put(f"{base}/v1/cases/{quote(SECRETS['path'])}%00", headers=admin, timeout=30,
                             json={k: v for k, v in a_case().items() if k != "reference"})
        assert bad_path.status_code == 422
        bad_body = httpx.post(f"{base}/v1/register/import", headers=admin, timeout=30, json={"cases": [
            a_case("DA-1", protected={"names": ["Jane Doe"], "emails": [SECRETS["email"]],
                                      "phones": [SECRETS["phone"]]})]})
        assert bad_body.status_code == 422
        listed = httpx.get(f"{base}/v1/holds", params={"case_reference": SECRETS["query"]}, headers=admin, timeout=30)
        assert listed.status_code == 200
        # The register's table goes away under the running server: the next lookup fails inside,
        # with the submitted reference among the statement's parameters.
        with sqlite3.connect(tmp_path / "var" / "disclosure-guard.db") as db:
            db.execute("ALTER TABLE cases RENAME TO cases_elsewhere")
        failed = httpx.get(f"{base}/v1/cases/{SECRETS['failing']}", headers=admin, timeout=30)
        assert failed.status_code == 500
        assert failed.json()["error"]["code"] == "internal_error"
        request_id = failed.headers["x-request-id"]
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"request {request_id} failed: unhandled OperationalError" in output
    assert "Traceback" not in output
    for where, value in SECRETS.items():
        assert value not in output, where
    assert "SECRET" not in output
    # The access lines are there, naming routes rather than paths.
    assert f'request {request_id} "GET /v1/cases/{{reference}}" 500' in output
    assert '"PUT /v1/cases/{reference}" 422' in output


def test_an_exception_is_formatted_as_its_type_alone():
    formatter = ValueFreeFormatter("%(message)s")
    try:
        raise ValueError("input_value='Flat 3, 12 Elm Road'")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    assert formatter.format(record) == "failed\nValueError (traceback withheld: its text may quote request values)"


def test_an_access_line_loses_its_query_string():
    formatter = ValueFreeFormatter("%(message)s")
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/v1/holds?case_reference=DA-1", "1.1", 200), None)
    assert formatter.format(record) == '127.0.0.1:5000 - "GET /v1/holds HTTP/1.1" 200'


# Addresses in any log line (issue 17.3): an SMTP session and an API check with register values in
# them, every logger of the process at DEBUG, aiosmtpd's and SQLAlchemy's included.

def register_values() -> list[str]:
    from tests.builders import JANE, MARK
    values = [*JANE["names"], *JANE["addresses"], *JANE["emails"], *JANE["phones"],
              *MARK["names"], *MARK["addresses"], *MARK["emails"], *MARK["phones"]]
    return values + [value.split(",")[-1].strip() for value in JANE["addresses"] + MARK["addresses"]]


def test_no_register_value_in_any_log_line_of_an_smtp_session_and_a_check(runtime, register_case, http, keys, caplog):
    import smtplib

    from tests.builders import JANE, a_letter, a_recipient
    from tests.smtp.test_filter import a_message, a_next_hop, running_filter, send

    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in list(logging.root.manager.loggerDict))]
    levels = [(logger, logger.level) for logger in loggers]
    try:
        for logger in loggers:
            logger.setLevel(logging.DEBUG)
        caplog.set_level(logging.DEBUG)
        register_case()
        about_jane = (f"{JANE['names'][0]} lives at {JANE['addresses'][0]}, phone {JANE['phones'][0]}, "
                      f"email {JANE['emails'][0]}.")
        with a_next_hop() as (capture, hop_port), running_filter(runtime, hop_port) as port:
            send(port, a_message(f"Jane Doe <{JANE['emails'][0]}>", about_jane), [JANE["emails"][0]])  # allowed
            send(port, a_message("Sam Brown <sam@example.com>", about_jane), ["sam@example.com"])  # held
            try:
                send(port, a_message("Mark Doe <mark.doe@example.net>", about_jane), ["mark.doe@example.net"])
            except smtplib.SMTPDataError as blocked:
                assert blocked.smtp_code == 550
            else:
                raise AssertionError("a letter to the restricted party about her was not blocked")
        assert len(capture.messages) == 1
        checked = http.post("/v1/checks", headers=bearer(keys["submitter"]), json=a_letter(
            a_recipient("Mark Doe", "mark.doe@example.net", "45 Victoria Street, Bristol BS1 6AA"), about_jane))
        assert checked.status_code == 200 and checked.json()["decision"] == "block"
    finally:
        for logger, level in levels:
            logger.setLevel(level)
    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert "DATA readline" in logged and "[addr:" in logged  # the SMTP conversation was logged
    for value in register_values():
        assert value.lower() not in logged.lower(), value


def test_an_address_is_one_token_in_every_line_and_the_key_holder_can_confirm_it(runtime):
    from disclosure_guard.logs import address_token, log_token_key, redact_addresses

    key = log_token_key(runtime.vault)
    token = address_token("josé@court.test", key)
    assert redact_addresses("recip: josé@court.test", key) == f"recip: {token}"
    assert redact_addresses(r"b'RCPT TO:<jos\xc3\xa9@court.test> SMTPUTF8'", key) == \
        f"b'RCPT TO:<{token}> SMTPUTF8'"
    assert redact_addresses("To: José@Court.test", key) == f"To: {token}"
    assert address_token("jose@court.test", key) != token
    assert redact_addresses("no address here; a@b", None) == "no address here; [addr:redacted]"


def test_the_operator_gets_an_address_token_from_the_command_line(runtime, settings):
    from disclosure_guard.logs import address_token, log_token_key
    from tests.test_cli import run_cli

    answer = run_cli(settings, "logs", "address-token", "josé@court.test")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == address_token("josé@court.test", log_token_key(runtime.vault))


def test_a_check_worker_logs_an_address_as_the_main_process_does(runtime):
    """The workers are processes of their own: they install the same keyed tokens and formatter."""
    line = runtime.workers.run(logged_line, "could not read jane.doe@example.org", timeout_seconds=30)
    assert "jane.doe@example.org" not in line
    assert address_token("jane.doe@example.org", log_token_key(runtime.vault)) in line
