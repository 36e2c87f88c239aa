"""Domain exceptions -> HTTP, in one place. Every error body is {"error": {"code", "message"}}.

Validation errors name the field and say what is wrong, but never echo the submitted value:
a rejected register import must not bounce a victim's address into a proxy's error log.

An error nothing maps is answered 500 `internal_error` and logged as its type and the request's id
(every answer carries it as X-Request-ID; see api/request_log.py), never its text or traceback: an
exception's text may quote a submitted or register value (pydantic's input_value, SQLAlchemy's
parameters)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from disclosure_guard.api.schemas import ErrorResponse
from disclosure_guard.crypto import VaultError
from disclosure_guard.db.availability import database_unavailable
from disclosure_guard.errors import Busy, Conflict, Forbidden, GuardError, InvalidInput, NotFound, Unauthenticated

log = logging.getLogger(__name__)

# How long a client should wait before offering an item again after the database did not answer:
# a few seconds covers a lock released or a failover; a longer outage answers 503 again.
DATABASE_RETRY_AFTER_SECONDS = 5

_STATUS: dict[type[GuardError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    Unauthenticated: 401,
    Forbidden: 403,
    Busy: 503,
}


class PayloadTooLarge(GuardError):
    code = "item_too_large"


class UnsupportedMediaType(GuardError):
    code = "unsupported_media_type"


_STATUS[PayloadTooLarge] = 413
_STATUS[UnsupportedMediaType] = 415


_MEANINGS = {
    400: "The body could not be read as its Content-Type says (invalid_body), or the request is not HTTP.",
    401: "No API key, or one that is not valid (missing_api_key, invalid_api_key), revoked (api_key_revoked), "
         "expired (api_key_expired) or replaced by a rotation whose grace period is over (api_key_rotated).",
    403: "The key's role may not do this (forbidden_role).",
    404: "No such check, hold, case, key or webhook (check_not_found, hold_not_found, case_not_found, "
         "api_key_not_found, webhook_not_found). "
         "A submitter asking for another system's check hears check_not_found too.",
    409: "The hold was already released or rejected (hold_already_decided), or, under four-eyes, released by "
         "this reviewer already and waiting for another (second_reviewer_required); the key name is taken "
         "(api_key_name_taken), or the key is revoked or expired (api_key_revoked, api_key_expired); the "
         "Idempotency-Key was used with another request (idempotency_key_reused) or its first request is still "
         "being answered (idempotency_key_in_flight).",
    413: "The item is larger than DG_MAX_ITEM_BYTES, or the request body, in any transfer encoding, "
         "larger than 4/3 of it plus 1 MiB (item_too_large).",
    415: "Not sent as message/rfc822 (unsupported_media_type).",
    422: "The request is not valid; `fields` says where (validation_error, invalid_attachment, invalid_page…).",
    431: "The request line and headers are larger than DG_MAX_HEADER_BYTES (headers_too_large).",
    500: "The guard failed: do not send the item (internal_error, storage_unreadable). "
         "X-Request-ID names the request in the server's log.",
    503: "Every check worker is busy and the queue is full (guard_busy), or the database did not answer "
         "within its timeouts (database_unavailable): nothing was decided; do not send, offer the item "
         "again after Retry-After seconds.",
}


def documented_errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a router or route: the error body of each status it can answer."""
    return {status: {"model": ErrorResponse, "description": _MEANINGS[status]} for status in statuses}


def error_body(code: str, message: str, fields: list[dict[str, str]] | None = None) -> dict[str, Any]:
    # Built through ErrorResponse, so that the body is the shape the OpenAPI page declares.
    return ErrorResponse.model_validate({"error": {"code": code, "message": message, "fields": fields}}).model_dump(
        exclude_none=True)


def request_id(request: Request) -> str:
    return getattr(request.state, "request_id", "-")


def _field_path(location: tuple) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GuardError)
    async def _domain(_: Request, exc: GuardError) -> JSONResponse:
        status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if isinstance(exc, Busy):
            headers = {"Retry-After": str(exc.retry_after_seconds)}
        return JSONResponse(error_body(exc.code, exc.message), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [
            {"field": _field_path(tuple(e.get("loc", ()))), "message": str(e.get("msg", "invalid"))}
            for e in exc.errors()
        ]
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:5])
        return JSONResponse(error_body("validation_error", summary, fields), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "invalid_body", 404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(VaultError)
    async def _vault(request: Request, exc: VaultError) -> JSONResponse:
        log.error("request %s: stored data could not be decrypted: wrong DG_ENCRYPTION_KEY or tampered rows",
                  request_id(request))
        return JSONResponse(error_body("storage_unreadable", "stored data could not be decrypted"), status_code=500)

    @app.exception_handler(SQLAlchemyError)
    async def _database(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        # The type only: a statement error's text carries its parameters, which may be submitted values.
        if not database_unavailable(exc):
            return await _unexpected(request, exc)
        log.error("request %s: the database did not answer in time (%s)", request_id(request), type(exc).__name__)
        return await _domain(request, Busy(
            "the database did not answer in time; nothing was decided; do not send the item, offer it again later",
            "database_unavailable", retry_after_seconds=DATABASE_RETRY_AFTER_SECONDS))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Reached only by an error outside RequestLog; the type only, as there.
        log.error("request %s failed: unhandled %s", request_id(request), type(exc).__name__)
        return JSONResponse(error_body("internal_error", "the guard failed; do not send the item"), status_code=500)


def internal_error(request_id: str) -> JSONResponse:
    return JSONResponse(error_body("internal_error", f"the guard failed; do not send the item (request {request_id})"),
                        status_code=500)
