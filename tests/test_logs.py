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

from disclosure_guard.logs import ValueFreeFormatter
from tests.builders import a_case
from tests.conftest import _free_port, bearer

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
