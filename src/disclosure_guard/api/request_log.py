"""Every request: an id, one access line without values, and no exception that escapes.

The id is request.state.request_id and the answer's X-Request-ID header. The access line names
the route's template (`PUT /v1/cases/{reference}`), never the path itself, which may quote a
submitted value; `disclosure-guard serve` turns uvicorn's own access log off in its favour.

An exception no handler mapped becomes a 500 `internal_error`, logged as
`request ID failed: unhandled TYPE` and not re-raised: re-raised, the server would print the
traceback, whose last line is the exception's text (pydantic's input_value, SQLAlchemy's
parameters)."""

from __future__ import annotations

import logging
import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from disclosure_guard.api.errors import internal_error

log = logging.getLogger("disclosure_guard.access")


class RequestLog:
    """ASGI middleware, outermost."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = request_id
        began = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # noqa: BLE001 - the point: nothing escapes with its text
            log.error("request %s failed: unhandled %s", request_id, type(exc).__name__)
            if not status:
                await internal_error(request_id)(scope, receive, send_with_id)
        route = getattr(scope.get("route"), "path", None) or "-"
        log.info('request %s "%s %s" %s %.0f ms', request_id, scope["method"], re.sub(r":\w+}", "}", route),
                 status or "-", (time.perf_counter() - began) * 1000)
