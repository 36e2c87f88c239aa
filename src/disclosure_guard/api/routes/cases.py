from fastapi import APIRouter

from disclosure_guard.api.deps import PageDep, RegisterAdmin, RuntimeDep, SessionDep
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.params import CaseReferencePath  # also registers the anytext convertor
from disclosure_guard.api.schemas import CaseDeleteResponse, CaseOut, CasePage, CaseSummary, CaseWriteResponse
from disclosure_guard.register.repository import RegisterRepository
from disclosure_guard.register.schema import CaseBody
from disclosure_guard.register.service import delete_case, put_case

router = APIRouter(prefix="/v1/cases", tags=["register"], responses=documented_errors(401, 403, 422))

# A reference may hold "/" ("DA/2026/17"): one an import accepts, the routes address (params.py).
_ONE = "/{reference:anytext}"


@router.get("", response_model=CasePage)
def list_cases(_: RegisterAdmin, runtime: RuntimeDep, session: SessionDep, page: PageDep) -> CasePage:
    offset, limit = page
    rows, total = RegisterRepository(session, runtime.vault).page(offset, limit)
    items = [CaseSummary(reference=r.reference, party_count=r.party_count, created_at=r.created_at,
                         updated_at=r.updated_at) for r in rows]
    return CasePage(items=items, total=total, offset=offset, limit=limit)


@router.get(_ONE, response_model=CaseOut, responses=documented_errors(404))
def get_case(reference: CaseReferencePath, _: RegisterAdmin, runtime: RuntimeDep, session: SessionDep) -> CaseOut:
    case, row = RegisterRepository(session, runtime.vault).get(reference)
    return CaseOut(**case.model_dump(), created_at=row.created_at, updated_at=row.updated_at)


@router.put(_ONE, response_model=CaseWriteResponse, responses=documented_errors(413))
def replace_case(reference: CaseReferencePath, body: CaseBody, actor: RegisterAdmin, runtime: RuntimeDep,
                 session: SessionDep) -> CaseWriteResponse:
    counts = put_case(session, runtime.vault, actor, body.with_reference(reference))
    return CaseWriteResponse(reference=reference, created=bool(counts.created), register_version=counts.register_version)


@router.delete(_ONE, response_model=CaseDeleteResponse, responses=documented_errors(404))
def remove_case(reference: CaseReferencePath, actor: RegisterAdmin, runtime: RuntimeDep,
                session: SessionDep) -> CaseDeleteResponse:
    version = delete_case(session, runtime.vault, actor, reference)
    return CaseDeleteResponse(reference=reference, register_version=version)
