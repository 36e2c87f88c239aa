"""Every way a call can fail, as a typed error. Whatever the error, the item is not to be sent:
the guard did not say allow. Each message says so, so that a log line read alone says it too.

    GuardError                  base: anything but an answer to act on
      GuardUnreachable          no answer: connection refused, reset, timed out
      GuardBusy                 503: workers busy or database slow; offer again after retry_after
      GuardFailed               500 and other 5xx: the guard failed
      AuthError                 401, 403: the API key is missing, wrong, revoked, or may not do this
      InvalidRequest            other 4xx, with the server's code and the fields at fault
        CheckNotFound           404
        RequestConflict         409 (an Idempotency-Key reused with another body, a hold decided)
      UnexpectedAnswer          a 2xx the client cannot read, or a status it does not expect
      ReviewTimeout             wait_for_review ran out of time; `result` is the last answer seen
    WebhookVerificationError    a webhook delivery whose signature or timestamp does not verify
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from disclosure_guard_client.models import CheckResult, FieldError

DO_NOT_SEND = "do not send the item"


class GuardError(Exception):
    """No answer to act on: do not send the item."""

    def __init__(self, detail: str, *, status: int | None = None, code: str | None = None,
                 request_id: str | None = None) -> None:
        self.detail = detail
        self.status = status
        self.code = code
        self.request_id = request_id
        where = ", ".join(part for part in (
            code, f"HTTP {status}" if status is not None else None,
            f"request {request_id}" if request_id else None) if part)
        super().__init__(f"{detail}{f' ({where})' if where else ''}; {DO_NOT_SEND}")


class GuardUnreachable(GuardError):
    """The guard could not be reached or did not answer in time."""


class GuardBusy(GuardError):
    """503: nothing was decided. Offer the item again after `retry_after` seconds."""

    def __init__(self, detail: str, *, retry_after: float | None = None, **where: object) -> None:
        self.retry_after = retry_after
        super().__init__(detail, **where)  # type: ignore[arg-type]


class GuardFailed(GuardError):
    """500 or another 5xx: the guard failed while checking."""


class AuthError(GuardError):
    """401 or 403."""


class InvalidRequest(GuardError):
    """A 4xx other than 401 and 403: the request was not taken. `fields` says where, for 422."""

    def __init__(self, detail: str, *, fields: list[FieldError] | None = None, **where: object) -> None:
        self.fields = fields or []
        super().__init__(detail, **where)  # type: ignore[arg-type]


class CheckNotFound(InvalidRequest):
    """404: no such check, or another system's."""


class RequestConflict(InvalidRequest):
    """409: e.g. an Idempotency-Key already used for a different item."""


class UnexpectedAnswer(GuardError):
    """An answer the client cannot read as the guard's: fail closed."""


class ReviewTimeout(GuardError):
    """The check was still pending, or its review undecided, when the wait ran out."""

    def __init__(self, detail: str, *, result: CheckResult | None = None) -> None:
        self.result = result
        super().__init__(detail)


class WebhookVerificationError(ValueError):
    """A webhook delivery that is not to be trusted: answer it 400 and act on nothing in it.
    `reason` is one of missing_header, invalid_secret, invalid_timestamp, timestamp_out_of_tolerance,
    no_matching_signature, invalid_payload."""

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        super().__init__(f"{detail} ({reason})")
