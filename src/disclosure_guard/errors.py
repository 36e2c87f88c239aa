"""Domain exceptions, each with a stable machine-readable code. The API maps them to HTTP in
one place (api/errors.py); the CLI prints them. Messages never carry register values."""

from __future__ import annotations


class GuardError(Exception):
    code = "error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(GuardError):
    code = "not_found"


class Conflict(GuardError):
    code = "conflict"


class InvalidInput(GuardError):
    code = "invalid_input"


class Unauthenticated(GuardError):
    code = "unauthenticated"


class Forbidden(GuardError):
    code = "forbidden"


class Busy(GuardError):
    """The guard cannot take the item now: every worker is busy and the queue is full
    (guard_busy), or the database did not answer in time (database_unavailable). Nothing was
    checked or stored; the caller offers the item again after `retry_after_seconds`, and until
    then it is not sent."""

    code = "guard_busy"

    def __init__(self, message: str, code: str | None = None, *, retry_after_seconds: int = 5) -> None:
        super().__init__(message, code)
        self.retry_after_seconds = retry_after_seconds
