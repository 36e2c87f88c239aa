from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials

from disclosure_guard.access.roles import Role
from disclosure_guard.api.deps import RuntimeDep, bearer_credentials, optional_principal
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.schemas import Health, Readiness, ReadinessStatus
from disclosure_guard.runtime import Runtime

router = APIRouter(tags=["operations"])


def _failed_relays(runtime: Runtime) -> int | None:
    """Held messages whose relay failed; None when the database would not say (not ready)."""
    try:
        with runtime.session_factory() as session:
            return runtime.relay.failed_count(session)
    except Exception:  # noqa: BLE001  readiness reports, it does not raise
        return None


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness,
            responses={503: {"model": Readiness}, **documented_errors(401)})
def readyz(runtime: RuntimeDep,
           credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_credentials)]) -> JSONResponse:
    """Ready or not, for any prober; the details (database, pipeline, register version and
    size) only to an admin key. A key that is not valid is 401, as everywhere.

    The key is looked up only after the bounded probe found the database answering: a key cannot
    be checked without it, and the lookup would wait out the connect timeout, while /readyz must
    answer within 2 s whatever the database does. Unreachable, every caller hears the status only."""
    database = runtime.database_reachable()
    ready = database and runtime.workers_ready()
    # Like the key lookup, counted only once the probe found the database answering.
    relay_failed = _failed_relays(runtime) if ready else 0
    ready = ready and relay_failed is not None
    status = (ReadinessStatus.NOT_READY if not ready
              else ReadinessStatus.DEGRADED if relay_failed else ReadinessStatus.READY)
    counted = {"relay_failed": relay_failed} if ready and relay_failed else {}
    caller = optional_principal(runtime, credentials) if database else None
    if caller is None or caller.role is not Role.ADMIN:
        body = Readiness(status=status, **counted)
    else:
        version, cases = runtime.register_summary()
        body = Readiness(
            status=status,
            **counted,
            database=database,
            pipeline=runtime.extractor.describe(),
            # The workers hold the index; this process reads the register's version and size.
            register_index=runtime.workers_ready(),
            register_version=version,
            register_cases=cases,
        )
    return JSONResponse(body.model_dump(mode="json", exclude_unset=True), status_code=200 if ready else 503)
