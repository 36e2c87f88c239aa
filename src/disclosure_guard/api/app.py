"""The application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from disclosure_guard import __version__
from disclosure_guard.api.errors import documented_errors, install_error_handlers
from disclosure_guard.api.limits import RequestLimits
from disclosure_guard.api.request_log import RequestLog
from disclosure_guard.api.routes import audit, cases, checks, health, holds, keys, register, webhooks
from disclosure_guard.runtime import Runtime, start_runtime
from disclosure_guard.settings import Settings, get_settings
from disclosure_guard.web import audit_pages, blocked_pages
from disclosure_guard.web.routes import install_review_pages

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """With `runtime`, the app uses it as it is (tests share one pipeline); otherwise it
    starts its own from `settings` when it starts serving."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = runtime is None
        app.state.runtime = runtime or start_runtime(settings or get_settings())
        # A shared runtime may already be serving another app (tests share one pipeline): this
        # app stops only the background services it started, or the other app's pending checks
        # and webhook deliveries would wait for ever.
        background = [service for service in (app.state.runtime.claimer, app.state.runtime.webhooks)
                      if not service.running]
        for service in background:
            service.start()
        log.info("disclosure-guard ready")
        try:
            yield
        finally:
            for service in background:
                service.stop()
            if owned:
                app.state.runtime.close()

    app = FastAPI(
        title="disclosure-guard",
        version=__version__,
        description="Pre-send guard: checks an outgoing letter, email or document against the "
        "protected-party register and answers allow, hold or block. Anything but allow means: do not send.",
        lifespan=lifespan,
        # Any request can be malformed, meet the header cap, or fail.
        responses=documented_errors(400, 431, 500, 503),
    )
    install_error_handlers(app)

    # Added innermost first: RequestLog wraps everything, so a refusal has a request id too.
    app.add_middleware(RequestLimits)
    app.add_middleware(RequestLog)

    for module in (health, checks, holds, register, cases, audit, keys, webhooks):
        app.include_router(module.router)
    webhooks.describe_deliveries(app)
    # The reviewer pages (/review): HTML for people, over the same services.
    install_review_pages(app)
    for pages in (blocked_pages, audit_pages):
        app.include_router(pages.router)
    return app
