"""Caps on a request's headers and body, over real HTTP (issue 12, point 6): a 10 MB header
was accepted and the check processed; a 40 MB chunked body skipped the size check."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from disclosure_guard.api.app import create_app
from disclosure_guard.api.limits import max_request_body_bytes, server_limits
from disclosure_guard.db.tables import CheckRow
from tests.builders import a_letter, a_recipient
from tests.conftest import bearer, serving

MB = 1024 * 1024


JSON_START, JSON_END = b'{"recipients": [{"name": "Sam Brown"}], "body": "', b'"}'
FORM_START = (b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
              b"Content-Type: text/plain\r\n\r\n")
FORM_END = b"\r\n--b0undary--\r\n"


def _chunks(total: int, start: bytes = JSON_START, end: bytes = JSON_END, size: int = 256 * 1024) -> Iterator[bytes]:
    """A body sent chunked: a generator has no length, so httpx sends no Content-Length."""
    yield start
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield end


def _no_check_stored(runtime) -> bool:
    with runtime.session_factory() as session:
        return session.scalars(select(CheckRow)).first() is None


def test_a_10_mb_header_is_431_and_no_check_runs(http, keys, runtime):
    headers = {**bearer(keys["submitter"]), "X-Padding": "a" * (10 * MB)}
    answer = http.post("/v1/checks", headers=headers, json=a_letter(to=a_recipient("Sam Brown"), mentioning="Hello."))
    assert answer.status_code == 431
    assert answer.json()["error"]["code"] == "headers_too_large"
    assert answer.headers["x-request-id"]
    assert _no_check_stored(runtime)


def test_headers_under_the_cap_pass(http, keys):
    headers = {**bearer(keys["submitter"]), "X-Padding": "a" * (16 * 1024)}
    answer = http.post("/v1/checks", headers=headers, json=a_letter(to=a_recipient("Sam Brown"), mentioning="Hello."))
    assert answer.status_code == 200


def test_a_40_mb_chunked_body_is_413_and_no_check_runs(http, keys, runtime):
    assert max_request_body_bytes(runtime.settings) < 40 * MB
    headers = {**bearer(keys["submitter"]), "Content-Type": "application/json"}
    answer = http.post("/v1/checks", headers=headers, content=_chunks(40 * MB))
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "item_too_large"
    assert _no_check_stored(runtime)
    # The connection is still good for the next request.
    assert http.get("/healthz").status_code == 200


@pytest.mark.parametrize("method, path, role, content_type, start, end", [
    ("POST", "/v1/checks/email", "submitter", "message/rfc822", b"Subject: hi\r\n\r\n", b""),
    ("POST", "/v1/checks/document", "submitter", "multipart/form-data; boundary=b0undary", FORM_START, FORM_END),
    ("POST", "/v1/register/import", "register_admin", "application/json", JSON_START, JSON_END),
    ("PUT", "/v1/cases/DA-1", "register_admin", "application/json", JSON_START, JSON_END),
], ids=["email", "document", "import", "case"])
def test_a_chunked_body_past_the_cap_is_413_on_every_route_that_reads_one(http, keys, runtime, method, path, role,
                                                                        content_type, start, end):
    headers = {**bearer(keys[role]), "Content-Type": content_type}
    body = _chunks(max_request_body_bytes(runtime.settings), start, end)
    answer = http.request(method, path, headers=headers, content=body)
    assert answer.status_code == 413, answer.text
    assert answer.json()["error"]["code"] == "item_too_large"
    assert _no_check_stored(runtime)


def test_the_server_serve_starts_refuses_a_10_mb_header_before_buffering_it(session_runtime, keys):
    """`disclosure-guard serve` runs uvicorn with server_limits: h11 refuses the head itself."""
    with serving(create_app(runtime=session_runtime), **server_limits(session_runtime.settings)) as url:
        small = httpx.get(f"{url}/healthz", headers={"X-Padding": "a" * 1024}, timeout=30)
        assert small.status_code == 200
        try:
            answer = httpx.post(f"{url}/v1/checks", timeout=30, json=a_letter(to=a_recipient("Sam Brown")),
                                headers={**bearer(keys["submitter"]), "X-Padding": "a" * (10 * MB)})
        except httpx.TransportError:
            return  # closed on us mid-send: refused all the same
        assert answer.status_code in (400, 431)
