"""API keys for admins: list, create, revoke, rotate. The same services as `disclosure-guard
apikey`, so both leave the same audit events."""

from datetime import timedelta

from fastapi import APIRouter

from disclosure_guard.access.lifecycle import issue_key, list_keys, revoke_key, rotate_key
from disclosure_guard.api.deps import Admin, PageDep, RuntimeDep, SessionDep
from disclosure_guard.api.errors import documented_errors
from disclosure_guard.api.params import KeyNamePath
from disclosure_guard.api.schemas import ApiKeyCreate, ApiKeyOut, ApiKeyPage, ApiKeySecret

router = APIRouter(prefix="/v1/keys", tags=["keys"], responses=documented_errors(401, 403, 422))


@router.get("", response_model=ApiKeyPage)
def list_api_keys(_: Admin, session: SessionDep, page: PageDep) -> ApiKeyPage:
    """Every key, oldest first, revoked and expired ones included; never a secret."""
    offset, limit = page
    infos, total = list_keys(session, offset, limit)
    return ApiKeyPage(items=[ApiKeyOut.from_info(i) for i in infos], total=total, offset=offset, limit=limit)


@router.post("", response_model=ApiKeySecret, responses=documented_errors(409))
def create_api_key(body: ApiKeyCreate, actor: Admin, session: SessionDep) -> ApiKeySecret:
    """A new key. Its secret is in this answer only."""
    info, secret = issue_key(session, actor, body.role.value, body.name, system=body.system,
                             expires_in=body.expires_in)
    return ApiKeySecret(key=ApiKeyOut.from_info(info), secret=secret)


@router.post("/{name}/revoke", response_model=ApiKeyOut, responses=documented_errors(404, 409))
def revoke_api_key(name: KeyNamePath, actor: Admin, session: SessionDep) -> ApiKeyOut:
    """The key fails from the next request on, with 401 api_key_revoked."""
    return ApiKeyOut.from_info(revoke_key(session, actor, name))


@router.post("/{name}/rotate", response_model=ApiKeySecret, responses=documented_errors(404, 409))
def rotate_api_key(name: KeyNamePath, actor: Admin, runtime: RuntimeDep, session: SessionDep) -> ApiKeySecret:
    """A new secret, in this answer only; the old one keeps working for DG_KEY_ROTATION_GRACE_SECONDS."""
    grace = timedelta(seconds=runtime.settings.key_rotation_grace_seconds)
    info, secret = rotate_key(session, actor, name, grace)
    return ApiKeySecret(key=ApiKeyOut.from_info(info), secret=secret)
