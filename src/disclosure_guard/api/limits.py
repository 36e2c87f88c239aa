"""Caps on what one request may make the server hold: its headers and its body.

The body is counted as it streams in, whatever its transfer encoding: a chunked body has no
Content-Length to refuse up front, and a 40 MB one used to reach the handlers whole. Reading stops
at the cap and the answer is 413, whatever the handler was doing with the body when it ran out
(FastAPI would otherwise turn a failed body read into a 400).

Headers are bounded twice: `disclosure-guard serve` runs uvicorn's h11 protocol with
`h11_max_incomplete_event_size`, so an oversized request head is refused (400) before it is
buffered; and the app answers 431 to any request whose line and headers add up to more than the
cap, for servers started another way."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from disclosure_guard.api.errors import error_body
from disclosure_guard.settings import Settings


def max_request_body_bytes(settings: Settings) -> int:
    # Attachments travel as base64 in JSON, a third larger than the item itself; and a little
    # room for the rest of the request.
    return settings.max_item_bytes * 4 // 3 + 1024 * 1024


def server_limits(settings: Settings) -> dict[str, Any]:
    """uvicorn options that bound a request's head before the app sees it."""
    return {"http": "h11", "h11_max_incomplete_event_size": settings.max_header_bytes}


def head_bytes(scope: Scope) -> int:
    """The request line and headers, about as they came over the wire."""
    line = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string") or b"") + 16
    return line + sum(len(name) + len(value) + 4 for name, value in scope["headers"])


class BodyTooLarge(Exception):
    """Raised to the app from `receive` once the body passes the cap."""


class RequestLimits:
    """ASGI middleware: 431 for oversized headers, 413 for a body past the cap."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings: Settings = scope["app"].state.runtime.settings
        if head_bytes(scope) > settings.max_header_bytes:
            await _refuse(scope, receive, send, 431, "headers_too_large",
                          f"the request line and headers are larger than {settings.max_header_bytes} bytes")
            return
        cap = max_request_body_bytes(settings)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            await _refuse(scope, receive, send, 413, "item_too_large", f"the request is larger than {cap} bytes")
            return
        await _BoundedExchange(scope, receive, send, cap).run(self.app)


class _BoundedExchange:
    """One request whose body is counted as it is read. Once past the cap, `receive` reads no
    more and whatever the app answers is replaced by the 413 (unless it had already started)."""

    def __init__(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        self.scope, self._receive, self._send, self.cap = scope, receive, send, cap
        self.received = 0
        self.overflowed = False
        self.started = False
        self.refused = False

    async def receive(self) -> Message:
        if self.overflowed:
            raise BodyTooLarge
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.cap:
                self.overflowed = True
                raise BodyTooLarge
        return message

    async def send(self, message: Message) -> None:
        if self.overflowed and not self.started:
            # The app answered after its body read failed (FastAPI makes that a 400): the
            # answer is the 413, once, and the app's own messages go nowhere.
            if not self.refused:
                await self._refuse()
            return
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)

    async def run(self, app: ASGIApp) -> None:
        try:
            await app(self.scope, self.receive, self.send)
        except BodyTooLarge:
            pass
        except Exception:
            if not self.overflowed:
                raise
        if self.overflowed and not self.started and not self.refused:
            await self._refuse()

    async def _refuse(self) -> None:
        self.refused = True
        await _refuse(self.scope, self._receive, self._send, 413, "item_too_large",
                      f"the request is larger than {self.cap} bytes")


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str) -> None:
    # No "Connection: close": uvicorn then discards the rest of the body unbuffered, and a client
    # that sends its whole request before reading (as most do) still reads this answer.
    await JSONResponse(error_body(code, message), status_code=status)(scope, receive, send)
