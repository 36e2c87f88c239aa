"""The register's exchange format (import file, API bodies), validated; and its conversion to
the core `RegisterCase`. Validation messages name the field, never echo its value."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from disclosure_guard.types import OtherIdentifier, Party, PartyRole, RegisterCase, TrustedRecipient

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-.]{6,25}$")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]

# One rule for a case reference wherever it arrives: an import body, a case's path, a query
# filter. It is kept in clear and looked up as given, so it is taken as given (not stripped):
# a reference one route accepts is one every other route can address.
REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"
REFERENCE_MAX_LENGTH = 100  # the cases.reference column
REFERENCE_RULE = (f"1 to {REFERENCE_MAX_LENGTH} characters: letters, digits and . _ / -, "
                  "starting with a letter or a digit")
Reference = Annotated[
    str, StringConstraints(min_length=1, max_length=REFERENCE_MAX_LENGTH, pattern=REFERENCE_PATTERN)
]


def _check_emails(values: list[str]) -> list[str]:
    for position, value in enumerate(values):
        if not _EMAIL.match(value):
            raise ValueError(f"item {position} is not an email address")
    return values


class OtherIdentifierIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: NonEmpty
    value: NonEmpty


class PartyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: PartyRole
    label: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    names: list[NonEmpty] = Field(default_factory=list)
    addresses: list[NonEmpty] = Field(default_factory=list)
    emails: list[NonEmpty] = Field(default_factory=list)
    phones: list[NonEmpty] = Field(default_factory=list)
    dates_of_birth: list[date] = Field(default_factory=list)
    other_identifiers: list[OtherIdentifierIn] = Field(default_factory=list)
    shares_household: bool = Field(
        default=True,
        description="A protected party lives with the case's other protected parties, who may "
        "therefore see each other's details; false for one who lives apart.",
    )

    @field_validator("emails")
    @classmethod
    def _emails(cls, values: list[str]) -> list[str]:
        return _check_emails(values)

    @field_validator("phones")
    @classmethod
    def _phones(cls, values: list[str]) -> list[str]:
        for position, value in enumerate(values):
            if not _PHONE_CHARS.match(value):
                raise ValueError(f"item {position} is not a phone number")
        return values

    @model_validator(mode="after")
    def _identifiable(self) -> PartyIn:
        if not (self.names or self.addresses or self.emails or self.phones or self.other_identifiers):
            raise ValueError("a party needs at least one name, address, email, phone or identifier")
        return self

    def to_core(self) -> Party:
        return Party(
            role=self.role,
            label=self.label,
            names=tuple(self.names),
            addresses=tuple(self.addresses),
            emails=tuple(self.emails),
            phones=tuple(self.phones),
            dates_of_birth=tuple(d.isoformat() for d in self.dates_of_birth),
            other_identifiers=tuple(OtherIdentifier(i.kind, i.value) for i in self.other_identifiers),
            shares_household=self.shares_household,
        )


class TrustedRecipientIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: NonEmpty | None = None
    email: NonEmpty | None = None
    address: NonEmpty | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None:
            _check_emails([value])
        return value

    @model_validator(mode="after")
    def _identifiable(self) -> TrustedRecipientIn:
        if not (self.email or self.address):
            raise ValueError("a trusted recipient needs an email or an address")
        return self

    def to_core(self) -> TrustedRecipient:
        return TrustedRecipient(name=self.name, email=self.email, address=self.address)


class CaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reference: Reference = Field(description=f"The case's reference: {REFERENCE_RULE}.")
    notes: Annotated[str, StringConstraints(max_length=10_000)] = ""
    parties: list[PartyIn] = Field(min_length=1)
    trusted_recipients: list[TrustedRecipientIn] = Field(default_factory=list)

    def to_core(self) -> RegisterCase:
        return RegisterCase(
            reference=self.reference,
            parties=tuple(p.to_core() for p in self.parties),
            trusted_recipients=tuple(t.to_core() for t in self.trusted_recipients),
        )


class CaseBody(BaseModel):
    """A case as PUT at /v1/cases/{reference}: the reference comes from the path."""

    model_config = ConfigDict(extra="forbid")

    notes: Annotated[str, StringConstraints(max_length=10_000)] = ""
    parties: list[PartyIn] = Field(min_length=1)
    trusted_recipients: list[TrustedRecipientIn] = Field(default_factory=list)

    def with_reference(self, reference: str) -> CaseIn:
        return CaseIn(reference=reference, **self.model_dump())


class RegisterImport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cases: list[CaseIn] = Field(min_length=1, max_length=100_000)

    @model_validator(mode="after")
    def _unique_references(self) -> RegisterImport:
        seen: set[str] = set()
        for position, case in enumerate(self.cases):
            if case.reference in seen:
                raise ValueError(f"cases[{position}].reference repeats an earlier case in this import")
            seen.add(case.reference)
        return self
