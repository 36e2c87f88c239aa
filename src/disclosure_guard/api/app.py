"""The application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from disclosure_guard import __version__
from disclosure_guard.api.errors import error_body, install_error_handlers
from disclosure_guard.api.routes import audit, cases, checks, health, holds, keys, register
from disclosure_guard.runtime import Runtime, start_runtime
from disclosure_guard.settings import Settings, get_settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """With `runtime`, the app uses it as it is (tests share one pipeline); otherwise it
    starts its own from `settings` when it starts serving."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = runtime is None
        app.state.runtime = runtime or start_runtime(settings or get_settings())
        log.info("disclosure-guard ready")
        try:
            yield
        finally:
            if owned:
                app.state.runtime.close()

    app = FastAPI(
        title="disclosure-guard",
        version=__version__,
        description="Pre-send guard: checks an outgoing letter, email or document against the "
        "protected-party register and answers allow, hold or block. Anything but allow means: do not send.",
        lifespan=lifespan,
    )
    install_error_handlers(app)

    @app.middleware("http")
    async def refuse_oversized_items(request: Request, call_next):  # noqa: ANN001, ANN202
        # Attachments travel as base64 in JSON, a third larger than the item itself.
        limit = request.app.state.runtime.settings.max_item_bytes * 4 // 3 + 1024 * 1024
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            return JSONResponse(error_body("item_too_large", f"the request is larger than {limit} bytes"),
                                status_code=413)
        return await call_next(request)

    for module in (health, checks, holds, register, cases, audit, keys):
        app.include_router(module.router)
    return app
