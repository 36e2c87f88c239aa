"""The public wire contract: request and response models. The OpenAPI page built from these
is what integrators read, so every field says what it is."""

from __future__ import annotations

import base64
import binascii
import dataclasses
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError, model_validator

from disclosure_guard.access.keys import NAME_PATTERN as KEY_NAME_PATTERN
from disclosure_guard.access.lifecycle import KeyInfo, KeyStatus
from disclosure_guard.access.roles import Role
from disclosure_guard.errors import InvalidInput
from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.audit.chain import ChainBreak, ChainReport
from disclosure_guard.audit.trail import AuditEvent
from disclosure_guard.register.schema import PartyIn, TrustedRecipientIn
from disclosure_guard.review.holds import HeldItem
from disclosure_guard.review.outcome import CheckOutcome, ReviewStatus
from disclosure_guard.review.relay import RelayError, RelayStatus
from disclosure_guard.webhooks.endpoints import Delivery, Webhook
from disclosure_guard.webhooks.events import DeliveryStatus, WebhookEvent
from disclosure_guard.types import (
    Channel, Decision, FindingKind, Item, MatchStrength, PartyRole, ReasonCode, Recipient, RecipientType, Severity,
)

Text = Annotated[str, StringConstraints(max_length=500)]


class RecipientIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: RecipientType = Field(default=RecipientType.TO, description="to, cc or bcc. A Bcc line is seen by no other recipient.")
    name: Text | None = Field(default=None, description="The name on the envelope or the display name.")
    email: Text | None = None
    address: Annotated[str, StringConstraints(max_length=2000)] | None = Field(
        default=None, description="Postal address as free text, lines separated by newlines or commas."
    )

    @model_validator(mode="after")
    def _something(self) -> RecipientIn:
        if not (self.name or self.email or self.address):
            raise ValueError("a recipient needs a name, an email or an address")
        return self


_RECIPIENT_LIST = TypeAdapter(list[RecipientIn])


def parse_recipients_json(raw: str) -> list[Recipient]:
    """The recipients form field of a multipart upload: a JSON array of RecipientIn."""
    try:
        parsed = _RECIPIENT_LIST.validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InvalidInput(f"recipients{'.' + where if where else ''}: {first.get('msg', 'invalid')}",
                           "validation_error") from None
    if not parsed:
        raise InvalidInput("recipients: at least one recipient is required", "validation_error")
    return [Recipient(r.type, r.name, r.email, r.address) for r in parsed]


class AttachmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filename: Text | None = None
    content_type: Text | None = None
    content_base64: str


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: Channel = Channel.EMAIL
    external_ref: Text | None = Field(default=None, description="Your own id for the item; echoed back.")
    sender: Text | None = None
    recipients: list[RecipientIn] = Field(min_length=1, max_length=1000)
    subject: Annotated[str, StringConstraints(max_length=10_000)] | None = None
    body: str | None = Field(default=None, description="Plain text.")
    body_html: str | None = None
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="after")
    def _content(self) -> CheckRequest:
        if not (self.body or self.body_html or self.attachments):
            raise ValueError("one of body, body_html or attachments is required")
        return self

    def to_item(self, limits: IngestLimits) -> Item:
        attachments = []
        for position, attachment in enumerate(self.attachments):
            try:
                data = base64.b64decode(attachment.content_base64, validate=True)
            except (binascii.Error, ValueError):
                raise InvalidInput(
                    f"attachments[{position}].content_base64 is not valid base64", "invalid_attachment"
                ) from None
            attachments.append(Attachment(attachment.filename, attachment.content_type, data))
        recipients = [Recipient(r.type, r.name, r.email, r.address) for r in self.recipients]
        return item_from_fields(self.channel, recipients, self.subject, self.body, self.body_html, attachments,
                                limits=limits)


class ReasonOut(BaseModel):
    code: ReasonCode = Field(description="Stable reason code, e.g. protected_contact_to_restricted.")
    severity: Severity
    message: str = Field(description="Quotes only the submitted item, never the register.")
    case_reference: str | None
    finding_ids: list[int]


class FindingPartyOut(BaseModel):
    index: int = Field(description="The party's position in its case, as imported; never its values.")
    role: PartyRole


class FoundByOut(BaseModel):
    recognizer: str = Field(description='What found the span: "address", "ner", "gazetteer", "phone"…, '
                            'or "envelope" for a recipient\'s own details.')
    pattern: str = Field(description="Which of its patterns, or which recipient field.")


class FindingOut(BaseModel):
    id: int
    kind: FindingKind
    part: str = Field(description='Where: "subject", "body", "body_html", "recipient[0]", "attachment[1]"…')
    start: int
    end: int
    text: str = Field(description="The span as it stands in the submitted item.")
    party_role: PartyRole = Field(description="The role of the best-matching party.")
    case_reference: str
    parties: list[FindingPartyOut] = Field(
        default_factory=list,
        description="Every party of the case this span matched: one finding per span and case "
        "(a household's shared address names the mother and each child).",
    )
    score: float
    strength: MatchStrength
    matcher: str
    components: dict[str, float] = Field(description="Per-component agreement: the explanation.")
    found_by: FoundByOut = Field(default_factory=lambda: FoundByOut(recognizer="", pattern=""),
                                 description="How the span was found, beside how it matched (`matcher`).")


class ReviewOut(BaseModel):
    """Where a held item stands with the reviewers; never the reviewer's comment, which may
    hold case details."""

    status: ReviewStatus = Field(description="pending until a reviewer releases (it may be sent now) or rejects it.")
    decided_at: datetime | None = Field(default=None, description="When it was released or rejected; null while pending.")
    awaiting_second_reviewer: bool = Field(
        default=False, description="Four-eyes (DG_FOUR_EYES): pending, released once, and it may not be sent "
        "until a different reviewer releases it too; the status stays pending until then.")

    @classmethod
    def from_outcome(cls, outcome: CheckOutcome) -> ReviewOut | None:
        if outcome.review_status is None:
            return None
        return cls(status=outcome.review_status, decided_at=outcome.reviewed_at,
                   awaiting_second_reviewer=outcome.awaiting_second_reviewer)


class CheckResponse(BaseModel):
    check_id: str
    external_ref: str | None = None
    created_at: datetime
    decision: Decision = Field(description="Anything but allow means: do not send.")
    reasons: list[ReasonOut]
    findings: list[FindingOut]
    register_version: int
    elapsed_ms: float
    review: ReviewOut | None = Field(
        default=None, description="For an item in the hold queue: pending, released or rejected. "
        "Null for an allowed or blocked item, and for a failed check the submitter will offer again.")

    @classmethod
    def from_outcome(cls, outcome: CheckOutcome) -> CheckResponse:
        """The one place a check's outcome becomes the public answer."""
        verdict = outcome.verdict
        return cls(
            check_id=outcome.check_id,
            external_ref=outcome.external_ref,
            created_at=outcome.created_at,
            decision=verdict.decision,
            reasons=[
                ReasonOut(code=r.code, severity=r.severity, message=r.message, case_reference=r.case_reference,
                          finding_ids=list(r.finding_ids))
                for r in verdict.reasons
            ],
            findings=[
                FindingOut(
                    id=i, kind=f.kind, part=f.part, start=f.start, end=f.end, text=f.text,
                    party_role=f.party.role, case_reference=f.party.case_reference,
                    parties=[FindingPartyOut(index=p.party_index, role=p.role) for p in f.matched_parties],
                    score=round(f.score, 4), strength=f.strength, matcher=f.matcher,
                    components={k: round(v, 4) for k, v in f.components.items()},
                    found_by=FoundByOut(recognizer=f.recognizer, pattern=f.pattern),
                )
                for i, f in enumerate(verdict.findings)
            ],
            register_version=outcome.register_version,
            elapsed_ms=round(outcome.elapsed_ms, 2),
            review=ReviewOut.from_outcome(outcome),
        )


class CheckStatus(StrEnum):
    PENDING = "pending"


class PendingCheckResponse(BaseModel):
    """A check taken for the asynchronous lane and not decided yet: the item is not to be sent
    until GET /v1/checks/{check_id} answers with a decision."""

    check_id: str
    external_ref: str | None = None
    created_at: datetime
    decision: None = Field(default=None, description="None until decided: until then, do not send.")
    status: CheckStatus = CheckStatus.PENDING
    message: str = "Not decided yet: do not send the item until GET /v1/checks/{check_id} answers with a decision."


class ImportResponse(BaseModel):
    created: int
    updated: int
    register_version: int


class CaseSummary(BaseModel):
    reference: str
    party_count: int
    created_at: datetime
    updated_at: datetime


class Page(BaseModel):
    total: int
    offset: int
    limit: int


class CasePage(Page):
    items: list[CaseSummary]


class CaseOut(BaseModel):
    reference: str
    notes: str
    parties: list[PartyIn]
    trusted_recipients: list[TrustedRecipientIn]
    created_at: datetime
    updated_at: datetime


class CaseWriteResponse(BaseModel):
    reference: str
    created: bool
    register_version: int


class CaseDeleteResponse(BaseModel):
    reference: str
    register_version: int


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class HoldSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    check_id: str
    created_at: datetime
    channel: Channel
    decision: Decision
    status: ReviewStatus
    relay_status: RelayStatus | None = Field(
        default=None, description="For a message held by the SMTP filter: how far it got towards the next hop "
        "(Postfix considers it delivered). `failed`: the next hop refused it DG_SMTP_RELAY_MAX_ATTEMPTS times; "
        "mend the next hop, then POST /v1/holds/{check_id}/retry-relay.")
    relay_attempts: int = Field(default=0, description="Tries at the next hop so far.")
    relay_error: RelayError | None = Field(
        default=None, description="Why the last try failed, as a class (never an address); null after success.")
    relay_attempted_at: datetime | None = Field(default=None, description="When the last try began.")
    reason_codes: list[ReasonCode]
    case_references: list[str]
    submitted_by: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    approved_by: str | None = Field(
        default=None, description="Four-eyes (DG_FOUR_EYES): the first reviewer who released it. A release by a "
        "different reviewer completes it (reviewed_by); null when no one has.")
    approved_at: datetime | None = Field(default=None, description="When the first reviewer released it.")
    awaiting_second_reviewer: bool = Field(
        default=False, description="Pending, released once under four-eyes: it may not be sent until a different "
        "reviewer releases it too (the same reviewer again is 409 second_reviewer_required).")


class HoldPage(Page):
    items: list[HoldSummary]


class ContentRecipientOut(BaseModel):
    type: RecipientType
    name: str | None = None
    email: str | None = None
    address: str | None = None


class ContentPartOut(BaseModel):
    name: str
    text: str


class UnreadablePartOut(BaseModel):
    name: str
    why: str


class SubmittedContent(BaseModel):
    """The item as the guard read it, kept (sealed) for held and blocked items only."""

    channel: Channel
    external_ref: str | None = None
    sender: str | None = None
    recipients: list[ContentRecipientOut]
    parts: list[ContentPartOut]
    unreadable: list[UnreadablePartOut] = Field(default_factory=list)
    raw_message: str | None = Field(default=None, description="A raw RFC 822 message as submitted, as latin-1.")


class HoldDetail(HoldSummary):
    result: CheckResponse
    content: SubmittedContent | None = Field(description="The submitted item, as the guard read it.")
    review_comment: str | None
    approval_comment: str | None = Field(default=None, description="Four-eyes: the first reviewer's comment.")

    @classmethod
    def from_held_item(cls, detail: HeldItem) -> HoldDetail:
        return cls(
            **HoldSummary.model_validate(detail.hold).model_dump(),
            result=CheckResponse.from_outcome(detail.result),
            content=SubmittedContent.model_validate(detail.content) if detail.content is not None else None,
            review_comment=detail.review_comment,
            approval_comment=detail.approval_comment,
        )


class AuditPage(Page):
    items: list[AuditEvent]


class AuditVerification(BaseModel):
    """The audit trail's hash chain, recomputed event by event (see README, Audit trail)."""

    intact: bool = Field(description="Every event verified: nothing edited, deleted or inserted.")
    events: int = Field(description="Events verified, the first one that does not verify included.")
    latest_event_id: int = Field(description="The last event that verified (0 for an empty trail).")
    latest_hash: str = Field(description="Its hash: the value to keep outside the database.")
    first_break: ChainBreak | None = Field(description="The first event that does not verify, and how.")

    @classmethod
    def from_report(cls, report: ChainReport) -> AuditVerification:
        return cls(intact=report.intact, events=report.events, latest_event_id=report.latest_event_id,
                   latest_hash=report.latest_hash, first_break=report.first_break)


class FieldError(BaseModel):
    field: str = Field(description='Where, as a dotted path: "recipients.0.email".')
    message: str


class ApiError(BaseModel):
    code: str = Field(description="Stable, e.g. hold_already_decided, check_not_found, validation_error.")
    message: str = Field(description="Never echoes a submitted or register value.")
    fields: list[FieldError] | None = Field(default=None, description="Validation errors only.")


class ErrorResponse(BaseModel):
    error: ApiError


class Health(BaseModel):
    status: str


class ReadinessStatus(StrEnum):
    READY = "ready"
    DEGRADED = "degraded"  # ready to check, but held messages whose relay failed wait for an operator
    NOT_READY = "not_ready"


class Readiness(BaseModel):
    """Without an admin key, the status (and how many relays failed) only: how large the register
    is is nobody else's business."""

    status: ReadinessStatus = Field(
        description="ready; degraded (still 200): held messages whose relay to the next hop failed; not_ready (503).")
    relay_failed: int | None = Field(
        default=None, description="When degraded: how many held messages' relays failed (GET /v1/holds shows which).")
    database: bool | None = Field(default=None, description="Admin key only.")
    pipeline: dict[str, Any] | None = Field(default=None, description="Admin key only.")
    register_index: bool | None = Field(default=None, description="Admin key only.")
    register_version: int | None = Field(default=None, description="Admin key only.")
    register_cases: int | None = Field(default=None, description="Admin key only.")


class ApiKeyOut(BaseModel):
    """A key as an admin may see it: never its secret or the secret's digest."""

    name: str
    role: Role
    system: str = Field(description="Whom the key speaks for: a submitter key reads its own system's checks only.")
    status: KeyStatus
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    rotated_at: datetime | None
    previous_secret_valid_until: datetime | None = Field(
        description="After a rotation, the old secret works until then (DG_KEY_ROTATION_GRACE_SECONDS).")

    @classmethod
    def from_info(cls, info: KeyInfo) -> ApiKeyOut:
        return cls(**dataclasses.asdict(info))


class ApiKeyPage(Page):
    items: list[ApiKeyOut]


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    name: str | None = Field(default=None, pattern=KEY_NAME_PATTERN,
                             description="Unique; letters, digits and . _ : @ + -. Default: the role and 6 hex digits.")
    system: str | None = Field(default=None, pattern=KEY_NAME_PATTERN, description="Default: the key's name.")
    expires_in: str | None = Field(default=None, max_length=20, examples=["90d"],
                                   description="A whole number and d, h or m (90d, 12h, 30m). Default: never.")


class ApiKeySecret(BaseModel):
    key: ApiKeyOut
    secret: str = Field(description="The key itself, shown this once: send it as Authorization: Bearer SECRET.")


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=2000, examples=["https://dms.example.org/hooks/disclosure-guard"],
                     description="https, resolving to public addresses only (unless DG_WEBHOOKS_ALLOW_INSECURE=true).")
    events: list[WebhookEvent] = Field(min_length=1, max_length=len(WebhookEvent),
                                       description="Which events to send; each at most once.")
    system: str | None = Field(default=None, pattern=KEY_NAME_PATTERN, max_length=200,
                               description="Only the checks of this system (an API key's system). Default: every system's.")

    @model_validator(mode="after")
    def _distinct(self) -> WebhookCreate:
        if len(set(self.events)) != len(self.events):
            raise ValueError("each event at most once")
        return self


class WebhookOut(BaseModel):
    id: str = Field(description='"wh_" and 24 hex digits.')
    url: str
    events: list[WebhookEvent]
    system: str | None
    created_at: datetime
    created_by: str

    @classmethod
    def from_webhook(cls, webhook: Webhook) -> WebhookOut:
        return cls(id=webhook.id, url=webhook.url, events=list(webhook.events), system=webhook.system,
                   created_at=webhook.created_at, created_by=webhook.created_by)


class WebhookCreated(WebhookOut):
    secret: str = Field(description='"whsec_" and base64: the signing secret, shown this once. Verify each '
                        "delivery's webhook-signature with it (README, Webhooks).")


class WebhookList(BaseModel):
    items: list[WebhookOut]


class DeliveryAttemptOut(BaseModel):
    at: datetime
    status_code: int | None = Field(description="The receiver's answer; null when none came.")
    error: str | None = Field(description="Why the try failed, as a class: http_status, timeout, connect_error, "
                              "webhook_url_not_public…; null when delivered.")
    elapsed_ms: float


class WebhookDeliveryOut(BaseModel):
    id: str = Field(description="The webhook-id header of every try: receivers skip an id they have seen.")
    event: WebhookEvent
    check_id: str
    status: DeliveryStatus
    created_at: datetime = Field(description="When the event happened.")
    next_attempt_at: datetime | None = Field(description="When it is tried next, while pending.")
    delivered_at: datetime | None
    attempts: list[DeliveryAttemptOut]

    @classmethod
    def from_delivery(cls, delivery: Delivery) -> WebhookDeliveryOut:
        return cls(id=delivery.id, event=delivery.event, check_id=delivery.check_id, status=delivery.status,
                   created_at=delivery.created_at, next_attempt_at=delivery.next_attempt_at,
                   delivered_at=delivery.delivered_at,
                   attempts=[DeliveryAttemptOut(at=a.at, status_code=a.status_code, error=a.error,
                                                elapsed_ms=a.elapsed_ms) for a in delivery.attempts])


class WebhookDeliveryPage(Page):
    items: list[WebhookDeliveryOut]
