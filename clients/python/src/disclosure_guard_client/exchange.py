"""What the sync and async clients share: building each request, and reading each answer into a
result or a typed error. Neither touches the network; client.py sends."""

from __future__ import annotations

import base64
import json
import mimetypes
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from disclosure_guard_client.errors import (
    AuthError, CheckNotFound, GuardBusy, GuardError, GuardFailed, GuardUnreachable, InvalidRequest, RequestConflict,
    ReviewTimeout, UnexpectedAnswer,
)
from disclosure_guard_client.models import (
    AttachmentIn, Channel, CheckRequest, CheckResult, ErrorResponse, Recipient, ReviewStatus,
)

# Every transport failure httpx raises, timeouts included: no answer, so no decision.
TRANSPORT_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)

RecipientLike = Recipient | Mapping[str, Any]


@dataclass(frozen=True)
class Attachment:
    """A file to check with the item: its bytes, as they will be sent."""

    content: bytes
    filename: str | None = None
    content_type: str | None = None

    @classmethod
    def from_path(cls, path: str | Path, content_type: str | None = None) -> Attachment:
        path = Path(path)
        return cls(path.read_bytes(), path.name, content_type or mimetypes.guess_type(path.name)[0])

    def to_wire(self) -> AttachmentIn:
        return AttachmentIn(filename=self.filename, content_type=self.content_type,
                            content_base64=base64.b64encode(self.content).decode("ascii"))


@dataclass(frozen=True)
class Call:
    """One request, ready for httpx.Client.request or httpx.AsyncClient.request."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    content: bytes | None = None
    data: dict[str, str] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None

    def options(self) -> dict[str, Any]:
        return {name: value for name, value in (("json", self.json), ("content", self.content), ("data", self.data),
                                                ("files", self.files)) if value is not None}


@dataclass(frozen=True)
class Answer:
    result: CheckResult
    retry_after: float | None


def _headers(idempotency_key: str | None, respond_async: bool) -> dict[str, str]:
    headers = {}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    if respond_async:
        headers["Prefer"] = "respond-async"
    return headers


def recipients_of(recipients: Iterable[RecipientLike]) -> list[Recipient]:
    return [r if isinstance(r, Recipient) else Recipient.model_validate(r) for r in recipients]


def check_call(*, recipients: Iterable[RecipientLike], subject: str | None, body: str | None, body_html: str | None,
               attachments: Iterable[Attachment | str | Path], external_ref: str | None, sender: str | None,
               channel: Channel | str, idempotency_key: str | None, respond_async: bool) -> Call:
    request = CheckRequest(
        channel=Channel(channel), external_ref=external_ref, sender=sender, recipients=recipients_of(recipients),
        subject=subject, body=body, body_html=body_html,
        attachments=[(a if isinstance(a, Attachment) else Attachment.from_path(a)).to_wire() for a in attachments],
    )
    return Call("POST", "/v1/checks", _headers(idempotency_key, respond_async),
                json=request.model_dump(mode="json", exclude_none=True))


def email_call(raw: bytes, *, idempotency_key: str | None, respond_async: bool) -> Call:
    headers = {"Content-Type": "message/rfc822", **_headers(idempotency_key, respond_async)}
    return Call("POST", "/v1/checks/email", headers, content=bytes(raw))


def document_call(path: str | Path, *, recipients: Iterable[RecipientLike], content_type: str | None,
                  external_ref: str | None, subject: str | None, body: str | None, channel: Channel | str,
                  idempotency_key: str | None, respond_async: bool) -> Call:
    document = Attachment.from_path(path, content_type)
    listed = [r.model_dump(mode="json", exclude_none=True) for r in recipients_of(recipients)]
    form = {"recipients": json.dumps(listed), "channel": str(Channel(channel)), "external_ref": external_ref,
            "subject": subject, "body": body}
    return Call("POST", "/v1/checks/document", _headers(idempotency_key, respond_async),
                data={name: value for name, value in form.items() if value is not None},
                files={"file": (document.filename or "document",
                                document.content, document.content_type or "application/octet-stream")})


def get_call(check_id: str) -> Call:
    # Quoted whole, so an id can only ever name a check, never another path.
    return Call("GET", f"/v1/checks/{quote(check_id, safe='')}")


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers["Retry-After"]))
    except (KeyError, ValueError):
        return None


def read_answer(response: httpx.Response) -> Answer:
    """A 200 or 202 as a CheckResult; anything else as the typed error it is."""
    if response.status_code in (200, 202):
        try:
            result = CheckResult.model_validate_json(response.content)
        except ValidationError:
            raise UnexpectedAnswer("the guard's answer could not be read as a check result",
                                   status=response.status_code) from None
        if (response.status_code == 202) != result.pending:
            raise UnexpectedAnswer("the guard's answer contradicts its status", status=response.status_code)
        return Answer(result, _retry_after(response))
    raise error_of(response)


def error_of(response: httpx.Response) -> GuardError:
    status = response.status_code
    request_id = response.headers.get("X-Request-ID")
    try:
        error = ErrorResponse.model_validate_json(response.content).error
        code, detail, fields = error.code, error.message, error.fields
    except ValidationError:
        code, detail, fields = None, f"the guard answered HTTP {status} without an error body", None
    where = {"status": status, "code": code, "request_id": request_id}
    if status == 503:
        return GuardBusy(detail, retry_after=_retry_after(response), **where)
    if status in (401, 403):
        return AuthError(detail, **where)
    if status == 404:
        return CheckNotFound(detail, fields=fields, **where)
    if status == 409:
        return RequestConflict(detail, fields=fields, **where)
    if 400 <= status < 500:
        return InvalidRequest(detail, fields=fields, **where)
    if status >= 500:
        return GuardFailed(detail, **where)
    return UnexpectedAnswer(detail, **where)


def unreachable(exc: Exception) -> GuardUnreachable:
    kind = "did not answer in time" if isinstance(exc, httpx.TimeoutException) else "could not be reached"
    return GuardUnreachable(f"the guard {kind} ({type(exc).__name__})")


def settled(result: CheckResult) -> bool:
    """Nothing more will change: decided, and either not held or held and decided by a reviewer."""
    return not result.pending and (result.review is None or result.review.status is not ReviewStatus.PENDING)


class ReviewPoll:
    """wait_for_review's loop, less the sending and the sleeping (which differ between the sync and
    async clients): GET the check until `settled`, after Retry-After when the server gave one, else
    after `interval`; a busy or unreachable guard is asked again; past `timeout`, ReviewTimeout."""

    def __init__(self, check_id: str, timeout: float, interval: float) -> None:
        self.check_id, self.timeout, self.interval = check_id, timeout, interval
        self.call = get_call(check_id)
        self._started = time.monotonic()
        self._last: CheckResult | None = None
        self._hint: float | None = None

    def settled(self, outcome: Answer | GuardBusy | GuardUnreachable) -> CheckResult | None:
        if isinstance(outcome, Answer):
            self._last, self._hint = outcome.result, outcome.retry_after
            if settled(outcome.result):
                return outcome.result
        else:
            self._hint = outcome.retry_after if isinstance(outcome, GuardBusy) else None
        return None

    def next_wait(self) -> float:
        remaining = self.timeout - (time.monotonic() - self._started)
        if remaining <= 0:
            what = "still pending" if self._last is None or self._last.pending else "still waiting for a reviewer"
            raise ReviewTimeout(f"check {self.check_id} is {what} after {self.timeout:g} s", result=self._last)
        return min(self.interval if self._hint is None else self._hint, remaining)
