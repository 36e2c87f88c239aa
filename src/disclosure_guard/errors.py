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
