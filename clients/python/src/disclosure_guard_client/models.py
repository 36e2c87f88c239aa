"""The guard's wire format, as typed models: what the client sends and what it reads back.

Each model mirrors one schema of the server's OpenAPI page (named in its docstring);
tests/clients/test_models_match_openapi.py compares fields and enum values with the live server's,
so a change on one side and not the other fails the suite.

Reading is lenient where a newer server may say more (a reason code or finding kind this client
does not know yet is kept as a string; unknown fields are ignored), and strict where it matters:
a decision that is not one of allow, hold or block does not parse, and the call raises.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Decision(StrEnum):
    ALLOW = "allow"
    HOLD = "hold"
    BLOCK = "block"


class Channel(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    DOCUMENT = "document"


class RecipientType(StrEnum):
    TO = "to"
    CC = "cc"
    BCC = "bcc"


class ReasonCode(StrEnum):
    PROTECTED_CONTACT_TO_RESTRICTED = "protected_contact_to_restricted"
    UNCERTAIN_RESTRICTED_RECIPIENT = "uncertain_restricted_recipient"
    PROTECTED_PARTY_AT_RESTRICTED_ADDRESS = "protected_party_at_restricted_address"
    PROTECTED_PERSON_TO_RESTRICTED = "protected_person_to_restricted"
    PROTECTED_CONTACT_DISCLOSED = "protected_contact_disclosed"
    RECIPIENT_AT_PROTECTED_ADDRESS = "recipient_at_protected_address"
    UNREADABLE_CONTENT = "unreadable_content"
    GUARD_ERROR = "guard_error"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    INFO = "info"


class FindingKind(StrEnum):
    NAME = "name"
    ADDRESS = "address"
    EMAIL = "email"
    PHONE = "phone"
    DATE_OF_BIRTH = "date_of_birth"
    IDENTIFIER = "identifier"


class PartyRole(StrEnum):
    PROTECTED = "protected"
    RESTRICTED = "restricted"


class MatchStrength(StrEnum):
    STRONG = "strong"
    WEAK = "weak"


class ReviewStatus(StrEnum):
    PENDING = "pending"
    RELEASED = "released"
    REJECTED = "rejected"


class CheckStatus(StrEnum):
    """Only the asynchronous lane's answer has a status: pending, until decided."""

    PENDING = "pending"


# A value this client knows reads as its enum member; one a newer server added, as a plain string.
_NEWER = Field(union_mode="left_to_right")
KnownReasonCode = Annotated[ReasonCode | str, _NEWER]
KnownSeverity = Annotated[Severity | str, _NEWER]
KnownFindingKind = Annotated[FindingKind | str, _NEWER]
KnownPartyRole = Annotated[PartyRole | str, _NEWER]
KnownMatchStrength = Annotated[MatchStrength | str, _NEWER]


class _Wire(BaseModel):
    # A newer server may add fields; an older client ignores them rather than fail on a good answer.
    model_config = ConfigDict(extra="ignore", frozen=True)


# --- what the client sends -------------------------------------------------------------------

class Recipient(_Wire):
    """RecipientIn: one addressee, as on the envelope or the To/Cc/Bcc line."""

    type: RecipientType = RecipientType.TO
    name: str | None = None
    email: str | None = None
    address: str | None = Field(default=None, description="Postal address, lines separated by newlines or commas.")


class AttachmentIn(_Wire):
    """AttachmentIn: an attachment as /v1/checks takes it (built by the client from bytes)."""

    filename: str | None = None
    content_type: str | None = None
    content_base64: str


class CheckRequest(_Wire):
    """CheckRequest: the body of POST /v1/checks."""

    channel: Channel = Channel.EMAIL
    external_ref: str | None = None
    sender: str | None = None
    recipients: list[Recipient]
    subject: str | None = None
    body: str | None = None
    body_html: str | None = None
    attachments: list[AttachmentIn] = Field(default_factory=list)


# --- what the guard answers ------------------------------------------------------------------

class Reason(_Wire):
    """ReasonOut."""

    code: KnownReasonCode
    severity: KnownSeverity
    message: str
    case_reference: str | None = None
    finding_ids: list[int] = Field(default_factory=list)


class FindingParty(_Wire):
    """FindingPartyOut: a party's position in its case and role, never its values."""

    index: int
    role: KnownPartyRole


class FoundBy(_Wire):
    """FoundByOut."""

    recognizer: str = ""
    pattern: str = ""


class Finding(_Wire):
    """FindingOut: a span of the submitted item that matched the register."""

    id: int
    kind: KnownFindingKind
    part: str
    start: int
    end: int
    text: str
    party_role: KnownPartyRole
    case_reference: str
    parties: list[FindingParty] = Field(default_factory=list)
    score: float
    strength: KnownMatchStrength
    matcher: str
    components: dict[str, float] = Field(default_factory=dict)
    found_by: FoundBy = Field(default_factory=FoundBy)


class Review(_Wire):
    """Where a held item stands with the reviewers (no comment: it may hold case details)."""

    status: ReviewStatus
    decided_at: datetime | None = None
    # Four-eyes: released once, still pending (not to be sent) until a different reviewer releases it.
    awaiting_second_reviewer: bool = False


class CheckResult(_Wire):
    """CheckResponse, or PendingCheckResponse while the asynchronous lane has not decided.

    Send the item only when `may_send` (the guard allowed it) or `released` (a reviewer released
    it after a hold) is true; anything else, including a pending check, means: do not send."""

    check_id: str
    external_ref: str | None = None
    created_at: datetime
    decision: Decision | None = Field(description="None while pending.")
    reasons: list[Reason] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    register_version: int | None = None
    elapsed_ms: float | None = None
    review: Review | None = Field(default=None, description="For held items, once the server reports it.")
    status: CheckStatus | None = Field(default=None, description="pending on the asynchronous lane's 202.")
    message: str | None = None

    @property
    def pending(self) -> bool:
        """Taken by the asynchronous lane and not decided yet."""
        return self.decision is None

    @property
    def may_send(self) -> bool:
        """The guard allowed the item. Nothing else is an allow."""
        return self.decision is Decision.ALLOW

    @property
    def released(self) -> bool:
        """Held, then released by a reviewer: the item may go now."""
        return self.review is not None and self.review.status is ReviewStatus.RELEASED

    @property
    def reason_codes(self) -> list[str]:
        return [str(reason.code) for reason in self.reasons]


class FieldError(_Wire):
    """FieldError."""

    field: str
    message: str


class ApiError(_Wire):
    """ApiError: the body of every error answer, under "error"."""

    code: str
    message: str
    fields: list[FieldError] | None = None


class ErrorResponse(_Wire):
    """ErrorResponse."""

    error: ApiError
