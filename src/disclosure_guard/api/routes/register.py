from fastapi import APIRouter

from disclosure_guard.api.deps import RegisterAdmin, RuntimeDep, SessionDep
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.schemas import ImportResponse
from disclosure_guard.register.schema import RegisterImport
from disclosure_guard.register.service import import_cases

router = APIRouter(prefix="/v1/register", tags=["register"], responses=documented_errors(401, 403, 422))


@router.post("/import", response_model=ImportResponse, responses=documented_errors(413))
def import_register(body: RegisterImport, actor: RegisterAdmin, runtime: RuntimeDep, session: SessionDep) -> ImportResponse:
    """Upsert cases by reference (a re-imported case's parties are replaced). All or nothing."""
    counts = import_cases(session, runtime.vault, actor, body.cases)
    return ImportResponse(created=counts.created, updated=counts.updated, register_version=counts.register_version)
