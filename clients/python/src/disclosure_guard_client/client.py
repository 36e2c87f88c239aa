"""GuardClient and its async twin AsyncGuardClient: the same calls, built and read by exchange.py,
sent through httpx.Client or httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

from disclosure_guard_client import exchange
from disclosure_guard_client.errors import GuardBusy, GuardUnreachable
from disclosure_guard_client.exchange import Answer, Attachment, Call, RecipientLike
from disclosure_guard_client.models import Channel, CheckResult
from disclosure_guard_client.webhooks import verify_webhook

__version__ = "0.1.0"

DEFAULT_TIMEOUT = 60.0
DEFAULT_POLL_INTERVAL = 5.0


def _http_options(base_url: str, api_key: str, timeout: float) -> dict[str, object]:
    return {"base_url": base_url.rstrip("/"), "timeout": timeout,
            "headers": {"Authorization": f"Bearer {api_key}", "Accept": "application/json",
                        "User-Agent": f"disclosure-guard-client/{__version__}"}}


def _id_of(check: str | CheckResult) -> str:
    return check.check_id if isinstance(check, CheckResult) else check


class GuardClient:
    """A document system's or mail gateway's connection to the guard.

    Every method either returns the guard's answer or raises a GuardError: a result whose
    `may_send` is false, or any error, means the item is not to be sent."""

    verify_webhook = staticmethod(verify_webhook)

    def __init__(self, base_url: str, api_key: str, *, timeout: float = DEFAULT_TIMEOUT,
                 poll_interval: float = DEFAULT_POLL_INTERVAL, transport: httpx.BaseTransport | None = None) -> None:
        self.poll_interval = poll_interval
        self._http = httpx.Client(transport=transport, **_http_options(base_url, api_key, timeout))

    def check(self, *, recipients: Iterable[RecipientLike], subject: str | None = None, body: str | None = None,
              body_html: str | None = None, attachments: Iterable[Attachment | str | Path] = (),
              external_ref: str | None = None, sender: str | None = None, channel: Channel | str = Channel.EMAIL,
              idempotency_key: str | None = None, respond_async: bool = False) -> CheckResult:
        """Check an item given as fields (POST /v1/checks). Attachments as Attachment or a path."""
        return self._send(exchange.check_call(
            recipients=recipients, subject=subject, body=body, body_html=body_html, attachments=attachments,
            external_ref=external_ref, sender=sender, channel=channel, idempotency_key=idempotency_key,
            respond_async=respond_async)).result

    def check_email(self, raw: bytes, *, idempotency_key: str | None = None,
                    respond_async: bool = False) -> CheckResult:
        """Check a raw RFC 822 message (POST /v1/checks/email)."""
        return self._send(exchange.email_call(raw, idempotency_key=idempotency_key,
                                              respond_async=respond_async)).result

    def check_document(self, path: str | Path, *, recipients: Iterable[RecipientLike],
                       content_type: str | None = None, external_ref: str | None = None, subject: str | None = None,
                       body: str | None = None, channel: Channel | str = Channel.DOCUMENT,
                       idempotency_key: str | None = None, respond_async: bool = False) -> CheckResult:
        """Check a file as it will be sent (POST /v1/checks/document, multipart)."""
        return self._send(exchange.document_call(
            path, recipients=recipients, content_type=content_type, external_ref=external_ref, subject=subject,
            body=body, channel=channel, idempotency_key=idempotency_key, respond_async=respond_async)).result

    def get_check(self, check: str | CheckResult) -> CheckResult:
        """The answer to an earlier check, again, with its review status."""
        return self._send(exchange.get_call(_id_of(check))).result

    def wait_for_review(self, check: str | CheckResult, timeout: float, *,
                        poll_interval: float | None = None) -> CheckResult:
        """Poll until the check is decided and, if held, released or rejected by a reviewer.
        Honours Retry-After; a busy or unreachable guard is asked again until `timeout` seconds
        have passed, and then ReviewTimeout is raised."""
        poll = exchange.ReviewPoll(_id_of(check), timeout, self.poll_interval if poll_interval is None else poll_interval)
        while True:
            try:
                outcome: Answer | GuardBusy | GuardUnreachable = self._send(poll.call)
            except (GuardBusy, GuardUnreachable) as again:
                outcome = again
            if (result := poll.settled(outcome)) is not None:
                return result
            time.sleep(poll.next_wait())

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _send(self, call: Call) -> Answer:
        try:
            response = self._http.request(call.method, call.path, headers=call.headers, **call.options())
        except exchange.TRANSPORT_ERRORS as exc:
            raise exchange.unreachable(exc) from exc
        return exchange.read_answer(response)


class AsyncGuardClient:
    """GuardClient for asyncio: the same methods, awaited."""

    verify_webhook = staticmethod(verify_webhook)

    def __init__(self, base_url: str, api_key: str, *, timeout: float = DEFAULT_TIMEOUT,
                 poll_interval: float = DEFAULT_POLL_INTERVAL,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.poll_interval = poll_interval
        self._http = httpx.AsyncClient(transport=transport, **_http_options(base_url, api_key, timeout))

    async def check(self, *, recipients: Iterable[RecipientLike], subject: str | None = None,
                    body: str | None = None, body_html: str | None = None,
                    attachments: Iterable[Attachment | str | Path] = (), external_ref: str | None = None,
                    sender: str | None = None, channel: Channel | str = Channel.EMAIL,
                    idempotency_key: str | None = None, respond_async: bool = False) -> CheckResult:
        return (await self._send(exchange.check_call(
            recipients=recipients, subject=subject, body=body, body_html=body_html, attachments=attachments,
            external_ref=external_ref, sender=sender, channel=channel, idempotency_key=idempotency_key,
            respond_async=respond_async))).result

    async def check_email(self, raw: bytes, *, idempotency_key: str | None = None,
                          respond_async: bool = False) -> CheckResult:
        return (await self._send(exchange.email_call(raw, idempotency_key=idempotency_key,
                                                     respond_async=respond_async))).result

    async def check_document(self, path: str | Path, *, recipients: Iterable[RecipientLike],
                             content_type: str | None = None, external_ref: str | None = None,
                             subject: str | None = None, body: str | None = None,
                             channel: Channel | str = Channel.DOCUMENT, idempotency_key: str | None = None,
                             respond_async: bool = False) -> CheckResult:
        return (await self._send(exchange.document_call(
            path, recipients=recipients, content_type=content_type, external_ref=external_ref, subject=subject,
            body=body, channel=channel, idempotency_key=idempotency_key, respond_async=respond_async))).result

    async def get_check(self, check: str | CheckResult) -> CheckResult:
        return (await self._send(exchange.get_call(_id_of(check)))).result

    async def wait_for_review(self, check: str | CheckResult, timeout: float, *,
                              poll_interval: float | None = None) -> CheckResult:
        poll = exchange.ReviewPoll(_id_of(check), timeout, self.poll_interval if poll_interval is None else poll_interval)
        while True:
            try:
                outcome: Answer | GuardBusy | GuardUnreachable = await self._send(poll.call)
            except (GuardBusy, GuardUnreachable) as again:
                outcome = again
            if (result := poll.settled(outcome)) is not None:
                return result
            await asyncio.sleep(poll.next_wait())

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.aclose()

    async def _send(self, call: Call) -> Answer:
        try:
            response = await self._http.request(call.method, call.path, headers=call.headers, **call.options())
        except exchange.TRANSPORT_ERRORS as exc:
            raise exchange.unreachable(exc) from exc
        return exchange.read_answer(response)
