from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from disclosure_guard.api.deps import RuntimeDep, SessionDep, Submitter
from disclosure_guard.api.errors import PayloadTooLarge, UnsupportedMediaType
from disclosure_guard.api.schemas import CheckRequest, CheckResponse
from disclosure_guard.ingest.email import item_from_rfc822
from disclosure_guard.review.checks import Submission, load_result

router = APIRouter(prefix="/v1/checks", tags=["checks"])

_RFC822_TYPES = ("message/rfc822", "text/plain", "application/octet-stream")


@router.post("", response_model=CheckResponse)
def create_check(body: CheckRequest, actor: Submitter, runtime: RuntimeDep, session: SessionDep) -> dict[str, Any]:
    """Check an outgoing item given as fields. Anything but "allow" means: do not send."""
    item = body.to_item()
    submission = Submission(external_ref=body.external_ref, sender=body.sender)
    return runtime.check_engine.submit(session, actor, item, submission)


@router.post(
    "/email",
    response_model=CheckResponse,
    openapi_extra={"requestBody": {"required": True, "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}}}},
)
async def create_email_check(request: Request, actor: Submitter, runtime: RuntimeDep) -> dict[str, Any]:
    """Check a raw RFC 822 message, as an email gateway sees it."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _RFC822_TYPES:
        raise UnsupportedMediaType("send the message as Content-Type: message/rfc822")
    raw = await request.body()
    if len(raw) > runtime.settings.max_item_bytes:
        raise PayloadTooLarge(f"the message is larger than {runtime.settings.max_item_bytes} bytes")
    item = item_from_rfc822(raw)
    def submit() -> dict[str, Any]:
        with runtime.session_factory() as session, session.begin():
            return runtime.check_engine.submit(session, actor, item, Submission(raw_message=raw))

    return await run_in_threadpool(submit)


@router.get("/{check_id}", response_model=CheckResponse)
def get_check(check_id: str, _: Submitter, runtime: RuntimeDep, session: SessionDep) -> dict[str, Any]:
    return load_result(session, runtime.vault, check_id)[1]
