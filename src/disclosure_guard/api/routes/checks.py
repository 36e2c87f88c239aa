import json
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from disclosure_guard.access.keys import Principal
from disclosure_guard.api.deps import RuntimeDep, SessionDep, Submitter
from disclosure_guard.api.errors import PayloadTooLarge, UnsupportedMediaType, documented_errors
from disclosure_guard.api.params import CheckIdPath
from disclosure_guard.api.schemas import CheckRequest, CheckResponse, PendingCheckResponse, parse_recipients_json
from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.email import item_from_rfc822
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.review.checks import Submission
from disclosure_guard.review.idempotency import Found, Idempotency, parse_key, request_digest
from disclosure_guard.review.pending import LEASE_MARGIN_SECONDS, PendingCheck, enqueue, load_check
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

# Idempotent submission (review/idempotency.py).
IdempotencyKeyHeader = Annotated[str | None, Header(
    alias="Idempotency-Key",
    description="Your own unique key for this item (a UUID): a retry with the same key within 24 h answers the "
    "first check and stores nothing (header Idempotent-Replayed: true); the same key with another request is 409 "
    "idempotency_key_reused, and while the first is still being answered 409 idempotency_key_in_flight.")]
REPLAYED = "Idempotent-Replayed"


def idempotency(runtime: Runtime) -> Idempotency:
    s = runtime.settings
    return Idempotency(runtime.session_factory, runtime.vault, s.idempotency_window_seconds,
                       s.check_timeout_seconds + s.worker_start_seconds + LEASE_MARGIN_SECONDS)


def answer(found: Found, replayed: bool, runtime: Runtime, prefer: str | None,
           response: Response) -> CheckResponse | JSONResponse:
    """The answer to a POST: the check decided, or pending (202), as first answered when replayed."""
    if isinstance(found, PendingCheck):
        pending = pending_answer(found, runtime, asked=asks_async(prefer), wake=not replayed)
        if replayed:
            pending.headers[REPLAYED] = "true"
        return pending
    if replayed:
        response.headers[REPLAYED] = "true"
    return CheckResponse.from_outcome(found)


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


def submit_once(runtime: Runtime, actor: Principal, key: str | None, prefer: str | None, item: Item,
                submission: Submission, digest: Callable[[], str]) -> tuple[Found, bool]:
    """Check `item`, or queue it on the asynchronous lane, once per idempotency key: in one
    transaction, committed before the answer, so that a woken claimer finds a pending row. Run in
    the thread pool, in one trip with reading the item: each hand-over between the event loop and
    a thread costs the API process CPU of its own (issue 13)."""

    def submit(session: Session) -> Found:
        if takes_async(prefer, item, runtime.settings):
            return enqueue(session, runtime.vault, actor, item, submission)
        return runtime.check_engine.submit(session, actor, item, submission)

    return idempotency(runtime).submit(actor, key, digest, submit)


@router.post("", response_model=CheckResponse, responses={**documented_errors(409, 413, 503), **ACCEPTED})
async def create_check(body: CheckRequest, actor: Submitter, runtime: RuntimeDep, response: Response,
                       prefer: PreferHeader = None,
                       idempotency_key: IdempotencyKeyHeader = None) -> CheckResponse | JSONResponse:
    """Check an outgoing item given as fields. Anything but "allow" means: do not send."""
    key = parse_key(idempotency_key) if idempotency_key is not None else None

    def once() -> tuple[Found, bool]:
        return submit_once(runtime, actor, key, prefer, body.to_item(runtime.ingest_limits),
                           Submission(external_ref=body.external_ref, sender=body.sender),
                           lambda: request_digest("/v1/checks", [body.model_dump_json().encode()]))

    # The item read, the check and its record in one trip to the thread pool. A plain def handler
    # with SessionDep took four trips (the session opened, the handler, the session committed, the
    # answer validated).
    found, replayed = await run_in_threadpool(once)
    return answer(found, replayed, runtime, prefer, response)


@router.post(
    "/email",
    response_model=CheckResponse,
    responses={**documented_errors(409, 413, 415, 503), **ACCEPTED},
    openapi_extra={"requestBody": {"required": True, "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}}}},
)
async def create_email_check(request: Request, actor: Submitter, runtime: RuntimeDep, response: Response,
                             prefer: PreferHeader = None,
                             idempotency_key: IdempotencyKeyHeader = None) -> CheckResponse | JSONResponse:
    """Check a raw RFC 822 message, as an email gateway sees it."""
    key = parse_key(idempotency_key) if idempotency_key is not None else None
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _RFC822_TYPES:
        raise UnsupportedMediaType("send the message as Content-Type: message/rfc822")
    raw = await request.body()
    if len(raw) > runtime.settings.max_item_bytes:
        raise PayloadTooLarge(f"the message is larger than {runtime.settings.max_item_bytes} bytes")

    def once() -> tuple[Found, bool]:
        return submit_once(runtime, actor, key, prefer, item_from_rfc822(raw, runtime.ingest_limits),
                           Submission(raw_message=raw), lambda: request_digest("/v1/checks/email", [raw]))

    # The message read, the check and its record in one trip to the thread pool, as for POST /v1/checks.
    found, replayed = await run_in_threadpool(once)
    return answer(found, replayed, runtime, prefer, response)


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


@router.post("/document", response_model=CheckResponse, responses={**documented_errors(409, 413, 503), **ACCEPTED})
async def create_document_check(
    actor: Submitter,
    runtime: RuntimeDep,
    response: Response,
    file: Annotated[UploadFile, File(description="The document as it will be sent.")],
    recipients: Annotated[str, Form(description='JSON array, as in /v1/checks: [{"type": "to", "name": …, "address": …}]')],
    channel: Annotated[Channel, Form()] = Channel.DOCUMENT,
    external_ref: Annotated[str | None, Form(max_length=500)] = None,
    subject: Annotated[str | None, Form(max_length=10_000)] = None,
    body: Annotated[str | None, Form(description="A covering note, if any.")] = None,
    prefer: PreferHeader = None,
    idempotency_key: IdempotencyKeyHeader = None,
) -> CheckResponse | JSONResponse:
    """Check a document uploaded as multipart/form-data, for systems that prefer not to base64."""
    key = parse_key(idempotency_key) if idempotency_key is not None else None

    def once() -> tuple[Found, bool]:
        data = file.file.read(runtime.settings.max_item_bytes + 1)
        if len(data) > runtime.settings.max_item_bytes:
            raise PayloadTooLarge(f"the document is larger than {runtime.settings.max_item_bytes} bytes")
        item = item_from_fields(channel, parse_recipients_json(recipients), subject=subject, body=body,
                                attachments=[Attachment(file.filename, file.content_type, data)],
                                limits=runtime.ingest_limits)

        def digest() -> str:
            # The fields, not the multipart body, whose boundary differs on every retry.
            fields = [file.filename, file.content_type, recipients, channel.value, external_ref, subject, body]
            return request_digest("/v1/checks/document", [json.dumps(fields).encode(), data])

        return submit_once(runtime, actor, key, prefer, item, Submission(external_ref=external_ref), digest)

    # One trip to the thread pool, as for POST /v1/checks.
    found, replayed = await run_in_threadpool(once)
    return answer(found, replayed, runtime, prefer, response)
