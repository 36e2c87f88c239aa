from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from disclosure_guard.api.deps import RuntimeDep, SessionDep, Submitter
from disclosure_guard.api.errors import PayloadTooLarge, UnsupportedMediaType, documented_errors
from disclosure_guard.api.params import CheckIdPath
from disclosure_guard.api.schemas import CheckRequest, CheckResponse, parse_recipients_json
from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.email import item_from_rfc822
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.review.checks import Submission, load_result
from disclosure_guard.review.outcome import CheckOutcome
from disclosure_guard.types import Channel

# A 500 here means the guard failed to answer: the item must not be sent.
router = APIRouter(prefix="/v1/checks", tags=["checks"], responses=documented_errors(401, 403, 422, 500))

_RFC822_TYPES = ("message/rfc822", "text/plain", "application/octet-stream")


@router.post("", response_model=CheckResponse, responses=documented_errors(413, 503))
def create_check(body: CheckRequest, actor: Submitter, runtime: RuntimeDep, session: SessionDep) -> CheckResponse:
    """Check an outgoing item given as fields. Anything but "allow" means: do not send."""
    item = body.to_item(runtime.ingest_limits)
    submission = Submission(external_ref=body.external_ref, sender=body.sender)
    return CheckResponse.from_outcome(runtime.check_engine.submit(session, actor, item, submission))


@router.post(
    "/email",
    response_model=CheckResponse,
    responses=documented_errors(413, 415, 503),
    openapi_extra={"requestBody": {"required": True, "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}}}},
)
async def create_email_check(request: Request, actor: Submitter, runtime: RuntimeDep) -> CheckResponse:
    """Check a raw RFC 822 message, as an email gateway sees it."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _RFC822_TYPES:
        raise UnsupportedMediaType("send the message as Content-Type: message/rfc822")
    raw = await request.body()
    if len(raw) > runtime.settings.max_item_bytes:
        raise PayloadTooLarge(f"the message is larger than {runtime.settings.max_item_bytes} bytes")
    item = await run_in_threadpool(item_from_rfc822, raw, runtime.ingest_limits)

    def submit() -> CheckOutcome:
        with runtime.session_factory() as session, session.begin():
            return runtime.check_engine.submit(session, actor, item, Submission(raw_message=raw))

    return CheckResponse.from_outcome(await run_in_threadpool(submit))


@router.get("/{check_id}", response_model=CheckResponse, responses=documented_errors(404))
def get_check(check_id: CheckIdPath, actor: Submitter, runtime: RuntimeDep, session: SessionDep) -> CheckResponse:
    """The answer to an earlier check, again: a submitter sees the checks of its own system
    only (another system's is 404, as for no check at all); an admin sees any."""
    return CheckResponse.from_outcome(load_result(session, runtime.vault, check_id, system=actor.only_system()))


@router.post("/document", response_model=CheckResponse, responses=documented_errors(413, 503))
def create_document_check(
    actor: Submitter,
    runtime: RuntimeDep,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="The document as it will be sent.")],
    recipients: Annotated[str, Form(description='JSON array, as in /v1/checks: [{"type": "to", "name": …, "address": …}]')],
    channel: Annotated[Channel, Form()] = Channel.DOCUMENT,
    external_ref: Annotated[str | None, Form(max_length=500)] = None,
    subject: Annotated[str | None, Form(max_length=10_000)] = None,
    body: Annotated[str | None, Form(description="A covering note, if any.")] = None,
) -> CheckResponse:
    """Check a document uploaded as multipart/form-data, for systems that prefer not to base64."""
    data = file.file.read(runtime.settings.max_item_bytes + 1)
    if len(data) > runtime.settings.max_item_bytes:
        raise PayloadTooLarge(f"the document is larger than {runtime.settings.max_item_bytes} bytes")
    item = item_from_fields(channel, parse_recipients_json(recipients), subject=subject, body=body,
                            attachments=[Attachment(file.filename, file.content_type, data)],
                            limits=runtime.ingest_limits)
    return CheckResponse.from_outcome(runtime.check_engine.submit(session, actor, item, Submission(external_ref=external_ref)))
