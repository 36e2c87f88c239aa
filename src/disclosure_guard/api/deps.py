"""Dependencies: the runtime, a database session per request (one transaction), and the
caller's key checked against a role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal, authenticate
from disclosure_guard.access.roles import Role
from disclosure_guard.errors import Forbidden, InvalidInput, Unauthenticated
from disclosure_guard.runtime import Runtime

_bearer = HTTPBearer(auto_error=False)
# The Authorization header as a dependency, for a route that decides itself when to look it up.
bearer_credentials = _bearer


async def get_runtime(request: Request) -> Runtime:
    # async: a plain def dependency is run in the thread pool, a round trip per request for an
    # attribute read.
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_session(runtime: RuntimeDep) -> Iterator[Session]:
    with runtime.session_factory() as session, session.begin():
        yield session


# scope="function": the transaction commits before the answer is sent, so a caller never
# hears "hold" for an item the queue failed to keep.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def _authenticated(runtime: Runtime, credentials: HTTPAuthorizationCredentials | None) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthenticated("an API key is required: Authorization: Bearer KEY", "missing_api_key")
    # Its own short session, so that a failed request's rollback cannot undo the lookup; and a
    # lookup on every request, so that a revoked key fails on the next one.
    with runtime.session_factory() as session:
        return authenticate(session, credentials.credentials)


def require_role(role: Role) -> Callable[..., Principal]:
    def dependency(
        runtime: RuntimeDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        principal = _authenticated(runtime, credentials)
        if not principal.may(role):
            raise Forbidden(f"this endpoint needs the {role.value} role", "forbidden_role")
        return principal

    return dependency


def optional_principal(
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    """No key is no principal; a key that is not valid is still 401."""
    return None if credentials is None else _authenticated(runtime, credentials)


Submitter = Annotated[Principal, Depends(require_role(Role.SUBMITTER))]
Reviewer = Annotated[Principal, Depends(require_role(Role.REVIEWER))]
RegisterAdmin = Annotated[Principal, Depends(require_role(Role.REGISTER_ADMIN))]
Auditor = Annotated[Principal, Depends(require_role(Role.AUDITOR))]
Admin = Annotated[Principal, Depends(require_role(Role.ADMIN))]
MaybePrincipal = Annotated[Principal | None, Depends(optional_principal)]


def page_params(offset: int = 0, limit: int = 50) -> tuple[int, int]:
    if offset < 0:
        raise InvalidInput("offset must be 0 or more", "invalid_page")
    if not 1 <= limit <= 500:
        raise InvalidInput("limit must be between 1 and 500", "invalid_page")
    return offset, limit


PageDep = Annotated[tuple[int, int], Depends(page_params)]
