from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Request, UploadFile
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from disclosure_guard.api.deps import RuntimeDep, SessionDep, Submitter
from disclosure_guard.api.errors import PayloadTooLarge, UnsupportedMediaType, documented_errors
from disclosure_guard.api.params import CheckIdPath
from disclosure_guard.api.schemas import CheckRequest, CheckResponse, PendingCheckResponse, parse_recipients_json
from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.email import item_from_rfc822
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.review.checks import Submission
from disclosure_guard.review.outcome import CheckOutcome
from disclosure_guard.review.pending import PendingCheck, enqueue, load_check
from disclosure_guard.runtime import Runtime
from disclosure_guard.settings import Settings
from disclosure_guard.types import Channel, Item

# A 500 here means the guard failed to answer: the item must not be sent.
router = APIRouter(prefix="/v1/checks", tags=["checks"], responses=documented_errors(401, 403, 422, 500))

_RFC822_TYPES = ("message/rfc822", "text/plain", "application/octet-stream")

# The asynchronous lane (review/pending.py): asked for with Prefer: respond-async (RFC 7240), or
# taken for any item past DG_ASYNC_ABOVE_BYTES of text.
RESPOND_ASYNC = "respond-async"
PreferHeader = Annotated[str | None, Header(
    description="respond-async: answer 202 at once and decide in the background; poll the Location.")]
_PENDING_HEADERS = {
    "Location": {"description": "Where the decision will be: GET it until it is no longer 202.",
                 "schema": {"type": "string"}},
    "Preference-Applied": {"description": "respond-async, when it was asked for.", "schema": {"type": "string"}},
    "Retry-After": {"description": "Seconds before asking again.", "schema": {"type": "string"}},
}
ACCEPTED = {202: {"model": PendingCheckResponse, "headers": _PENDING_HEADERS,
                  "description": "Taken, not decided yet: do not send the item until a GET answers with a decision."}}


def asks_async(prefer: str | None) -> bool:
    """Prefer holds preferences separated by commas, each with parameters after ';'."""
    return prefer is not None and any(
        preference.split(";", 1)[0].strip().lower() == RESPOND_ASYNC for preference in prefer.split(","))


def takes_async(prefer: str | None, item: Item, settings: Settings) -> bool:
    above = settings.async_above_bytes
    return asks_async(prefer) or (above is not None and sum(len(p.text.encode()) for p in item.parts) > above)


def pending_answer(pending: PendingCheck, runtime: Runtime, *, asked: bool, wake: bool = False) -> JSONResponse:
    body = PendingCheckResponse(check_id=pending.check_id, external_ref=pending.external_ref,
                                created_at=pending.created_at)
    headers = {"Location": f"/v1/checks/{pending.check_id}",
               "Retry-After": str(max(1, round(runtime.settings.async_poll_seconds)))}
    if asked:
        headers["Preference-Applied"] = RESPOND_ASYNC
    # Woken once the response is sent, when the request's transaction has committed the row.
    return JSONResponse(body.model_dump(mode="json"), status_code=202, headers=headers,
                        background=BackgroundTask(runtime.claimer.wake) if wake else None)


@router.post("", response_model=CheckResponse, responses={**documented_errors(413, 503), **ACCEPTED})
def create_check(body: CheckRequest, actor: Submitter, runtime: RuntimeDep, session: SessionDep,
                 prefer: PreferHeader = None) -> CheckResponse | JSONResponse:
    """Check an outgoing item given as fields. Anything but "allow" means: do not send."""
    item = body.to_item(runtime.ingest_limits)
    submission = Submission(external_ref=body.external_ref, sender=body.sender)
    if takes_async(prefer, item, runtime.settings):
        return pending_answer(enqueue(session, runtime.vault, actor, item, submission), runtime,
                              asked=asks_async(prefer), wake=True)
    return CheckResponse.from_outcome(runtime.check_engine.submit(session, actor, item, submission))


@router.post(
    "/email",
    response_model=CheckResponse,
    responses={**documented_errors(413, 415, 503), **ACCEPTED},
    openapi_extra={"requestBody": {"required": True, "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}}}},
)
async def create_email_check(request: Request, actor: Submitter, runtime: RuntimeDep,
                             prefer: PreferHeader = None) -> CheckResponse | JSONResponse:
    """Check a raw RFC 822 message, as an email gateway sees it."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _RFC822_TYPES:
        raise UnsupportedMediaType("send the message as Content-Type: message/rfc822")
    raw = await request.body()
    if len(raw) > runtime.settings.max_item_bytes:
        raise PayloadTooLarge(f"the message is larger than {runtime.settings.max_item_bytes} bytes")
    item = await run_in_threadpool(item_from_rfc822, raw, runtime.ingest_limits)

    if takes_async(prefer, item, runtime.settings):
        def store() -> PendingCheck:
            with runtime.session_factory() as session, session.begin():
                return enqueue(session, runtime.vault, actor, item, Submission(raw_message=raw))

        pending = await run_in_threadpool(store)
        runtime.claimer.wake()
        return pending_answer(pending, runtime, asked=asks_async(prefer))

    def submit() -> CheckOutcome:
        with runtime.session_factory() as session, session.begin():
            return runtime.check_engine.submit(session, actor, item, Submission(raw_message=raw))

    return CheckResponse.from_outcome(await run_in_threadpool(submit))


@router.get("/{check_id}", response_model=CheckResponse, responses={**documented_errors(404), **ACCEPTED})
def get_check(check_id: CheckIdPath, actor: Submitter, runtime: RuntimeDep,
              session: SessionDep) -> CheckResponse | JSONResponse:
    """The answer to an earlier check, again: a submitter sees the checks of its own system
    only (another system's is 404, as for no check at all); an admin sees any. A check of the
    asynchronous lane not decided yet is 202, as when it was taken."""
    found = load_check(session, runtime.vault, check_id, system=actor.only_system())
    if isinstance(found, PendingCheck):
        return pending_answer(found, runtime, asked=False)
    return CheckResponse.from_outcome(found)


@router.post("/document", response_model=CheckResponse, responses={**documented_errors(413, 503), **ACCEPTED})
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
    prefer: PreferHeader = None,
) -> CheckResponse | JSONResponse:
    """Check a document uploaded as multipart/form-data, for systems that prefer not to base64."""
    data = file.file.read(runtime.settings.max_item_bytes + 1)
    if len(data) > runtime.settings.max_item_bytes:
        raise PayloadTooLarge(f"the document is larger than {runtime.settings.max_item_bytes} bytes")
    item = item_from_fields(channel, parse_recipients_json(recipients), subject=subject, body=body,
                            attachments=[Attachment(file.filename, file.content_type, data)],
                            limits=runtime.ingest_limits)
    submission = Submission(external_ref=external_ref)
    if takes_async(prefer, item, runtime.settings):
        return pending_answer(enqueue(session, runtime.vault, actor, item, submission), runtime,
                              asked=asks_async(prefer), wake=True)
    return CheckResponse.from_outcome(runtime.check_engine.submit(session, actor, item, submission))
