"""The core value types every stage passes along.

An outgoing item travels as data: `Item` (recipients + named text parts) -> `list[Span]`
(what extraction found, with offsets into one part) -> `list[Finding]` (spans that matched the
register) -> `Decision`. Nothing here knows about HTTP or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Channel(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    DOCUMENT = "document"


class RecipientType(StrEnum):
    TO = "to"
    CC = "cc"
    BCC = "bcc"


class PartyRole(StrEnum):
    PROTECTED = "protected"
    RESTRICTED = "restricted"


class SpanKind(StrEnum):
    """What extraction found in a text. Finer than `FindingKind`: a postcode is an address fragment."""

    PERSON = "person"
    ADDRESS = "address"
    POSTCODE = "postcode"
    EMAIL = "email"
    PHONE = "phone"
    DATE = "date"
    IDENTIFIER = "identifier"


class FindingKind(StrEnum):
    NAME = "name"
    ADDRESS = "address"
    EMAIL = "email"
    PHONE = "phone"
    DATE_OF_BIRTH = "date_of_birth"
    IDENTIFIER = "identifier"


class MatchStrength(StrEnum):
    STRONG = "strong"
    WEAK = "weak"


class Decision(StrEnum):
    ALLOW = "allow"
    HOLD = "hold"
    BLOCK = "block"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    INFO = "info"


class ReasonCode(StrEnum):
    PROTECTED_CONTACT_TO_RESTRICTED = "protected_contact_to_restricted"
    UNCERTAIN_RESTRICTED_RECIPIENT = "uncertain_restricted_recipient"
    PROTECTED_PARTY_AT_RESTRICTED_ADDRESS = "protected_party_at_restricted_address"
    PROTECTED_PERSON_TO_RESTRICTED = "protected_person_to_restricted"
    PROTECTED_CONTACT_DISCLOSED = "protected_contact_disclosed"
    RECIPIENT_AT_PROTECTED_ADDRESS = "recipient_at_protected_address"
    UNREADABLE_CONTENT = "unreadable_content"
    GUARD_ERROR = "guard_error"


# ---------------------------------------------------------------- the outgoing item


@dataclass(frozen=True)
class Recipient:
    type: RecipientType
    name: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class TextPart:
    """One readable piece of the item. `name` is what findings cite: "subject", "body",
    "body_html", "recipient[0]", "attachment[1]", "attachment[1] page 3"."""

    name: str
    text: str


@dataclass(frozen=True)
class UnreadablePart:
    """A piece the guard could not read; its presence alone forces a hold."""

    name: str
    why: str


@dataclass(frozen=True)
class Item:
    channel: Channel
    recipients: tuple[Recipient, ...]
    parts: tuple[TextPart, ...]
    unreadable: tuple[UnreadablePart, ...] = ()


# ---------------------------------------------------------------- the register


@dataclass(frozen=True)
class OtherIdentifier:
    kind: str
    value: str


@dataclass(frozen=True)
class Party:
    role: PartyRole
    label: str = ""
    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()  # ISO yyyy-mm-dd
    other_identifiers: tuple[OtherIdentifier, ...] = ()
    # The protected parties of a case are one household unless one says otherwise (an adult
    # child living elsewhere): then she alone may see her details, and sees no one else's.
    shares_household: bool = True


@dataclass(frozen=True)
class TrustedRecipient:
    name: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class RegisterCase:
    reference: str
    parties: tuple[Party, ...] = ()
    trusted_recipients: tuple[TrustedRecipient, ...] = ()


@dataclass(frozen=True)
class PartyRef:
    """Points at one party of one case without carrying any of its values."""

    case_reference: str
    party_index: int
    role: PartyRole
    shares_household: bool = True


# ---------------------------------------------------------------- extraction and matching


@dataclass(frozen=True)
class Span:
    """A stretch of one text part that looks like a name, address or contact detail.

    `start`/`end` are offsets into the part's text, so `text == part.text[start:end]`.
    `recognizer` and `pattern` say how it was found (the explanation). `reading` is the span
    as a person reads it, when that differs from `text` (invisible characters dropped,
    look-alike letters folded, "jane [at] example [dot] org" read as "jane@example.org"):
    what the matchers normalise, through `as_read`."""

    kind: SpanKind
    start: int
    end: int
    text: str
    recognizer: str
    score: float = 1.0
    pattern: str = ""
    reading: str = ""

    @property
    def as_read(self) -> str:
        return self.reading or self.text

    @property
    def pattern_name(self) -> str:
        """The pattern without the value it read ("iso=1990-04-01" -> "iso"): an explanation
        may say how a span was found, never repeat a normalised value the sender did not write."""
        return self.pattern.split("=", 1)[0]


@dataclass(frozen=True)
class Finding:
    """A span of the submitted item that matched a register value.

    Carries the span text (which the sender already had) and a pointer to the party, never
    the register value it matched. `components` is the per-component agreement that a
    reviewer sees as the explanation ({"postcode": 1.0, "number": 1.0, "street": 0.93}).
    One finding per span and case: `party` is the best-matching party, `parties` every party
    of the case the span matched (a household's shared address matches mother and children)."""

    kind: FindingKind
    part: str
    start: int
    end: int
    text: str
    party: PartyRef
    score: float
    strength: MatchStrength
    matcher: str
    components: dict[str, float] = field(default_factory=dict)
    parties: tuple[PartyRef, ...] = ()
    # How the span was found: the recognizer and its pattern (Span.recognizer, Span.pattern),
    # or "envelope" and the recipient field for a recipient's own details.
    recognizer: str = ""
    pattern: str = ""

    @property
    def matched_parties(self) -> tuple[PartyRef, ...]:
        return self.parties or (self.party,)


@dataclass(frozen=True)
class RecipientMatch:
    """A recipient that matched a party (or a trusted recipient) of a case."""

    recipient_index: int
    case_reference: str
    party: PartyRef | None  # None when it matched a trusted recipient
    trusted: bool
    via: FindingKind  # which detail matched: name, email, address, phone, or identifier (the recipient is that institution)
    score: float
    strength: MatchStrength
    components: dict[str, float] = field(default_factory=dict)  # which parts agreed, never a value


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    severity: Severity
    message: str
    case_reference: str | None = None
    finding_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    reasons: tuple[Reason, ...]
    findings: tuple[Finding, ...]
    recipient_matches: tuple[RecipientMatch, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    """Register terms that extraction should find even where the NER and rules do not:
    names, other identifiers (a school, a workplace) and phone numbers. Held in memory only."""

    names: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    # E.164, as the register normalised them: found however the sender left the prefix off.
    phones: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.names or self.identifiers or self.phones)


@dataclass(frozen=True)
class MatchThresholds:
    """Scores in [0, 1]. At or above `strong` a match is strong; at or above `weak` it is weak;
    below `weak` it is not reported."""

    strong: float = 0.90
    weak: float = 0.75
