"""Path and query parameters, each with a pattern and a length.

Without them a reference with a space, a NUL or 300 characters reached the service layer and
failed there as a 500 (PostgreSQL refuses a NUL in a string; the register's own model refused the
rest from inside the handler). With them FastAPI answers 422 `validation_error` before any code
runs, and the OpenAPI page says what each parameter may hold. The messages name the parameter and
the rule, never the value."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from starlette.convertors import Convertor, register_url_convertor

from disclosure_guard.access.keys import NAME_PATTERN as KEY_NAME_PATTERN
from disclosure_guard.register.schema import REFERENCE_MAX_LENGTH, REFERENCE_PATTERN, REFERENCE_RULE

# Check ids are "chk_" and 24 hex digits; the looser rule keeps an old or mistyped id a 404.
CHECK_ID_PATTERN = r"^[A-Za-z0-9_-]+$"
CHECK_ID_MAX_LENGTH = 40  # the checks.id column

# An actor's name is a key's name, chosen by an operator (older keys' names may hold spaces):
# printable, without control characters. A key named today follows the stricter KEY_NAME_PATTERN.
ACTOR_NAME_PATTERN = r"^[^\x00-\x1f\x7f]+$"
ACTOR_NAME_MAX_LENGTH = 200  # the api_keys.name and audit actor_name columns


class _AnyText(Convertor[str]):
    """A path segment that may hold "/" (a reference may: "DA/2026/17") and any other character,
    a newline included, which Starlette's `path` would leave unmatched (a 404 for no route). The
    route takes it; the parameter's pattern refuses it, 422."""

    regex = "(?s:.*)"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("anytext", _AnyText())

CaseReferencePath = Annotated[str, Path(
    min_length=1, max_length=REFERENCE_MAX_LENGTH, pattern=REFERENCE_PATTERN,
    description=f"The case's reference: {REFERENCE_RULE}.",
)]
CaseReferenceQuery = Annotated[str | None, Query(
    min_length=1, max_length=REFERENCE_MAX_LENGTH, pattern=REFERENCE_PATTERN,
    description=f"Only this case: {REFERENCE_RULE}.",
)]
CheckIdPath = Annotated[str, Path(
    min_length=1, max_length=CHECK_ID_MAX_LENGTH, pattern=CHECK_ID_PATTERN,
    description='The check\'s id, as answered by POST /v1/checks ("chk_" and 24 hex digits).',
)]
CheckIdQuery = Annotated[str | None, Query(
    min_length=1, max_length=CHECK_ID_MAX_LENGTH, pattern=CHECK_ID_PATTERN, description="Only this check.",
)]
ActorNameQuery = Annotated[str | None, Query(
    min_length=1, max_length=ACTOR_NAME_MAX_LENGTH, pattern=ACTOR_NAME_PATTERN,
    description=f"Only this actor (a key's name): 1 to {ACTOR_NAME_MAX_LENGTH} characters, no control characters.",
)]
KeyNamePath = Annotated[str, Path(pattern=KEY_NAME_PATTERN, description="The key's name.")]
