"""Builders for register cases, letters and spans. Spans are made by hand: matching is tested
without the extraction stage."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pytest

from disclosure_guard.matching import RegisterIndex
from disclosure_guard.types import (
    MatchThresholds,
    OtherIdentifier,
    Party,
    PartyRole,
    RegisterCase,
    Span,
    SpanKind,
    TextPart,
    TrustedRecipient,
)


def a_party(
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    dates_of_birth: Iterable[str] = (),
    identifiers: Iterable[str] = (),
    role: PartyRole = PartyRole.PROTECTED,
) -> Party:
    return Party(
        role=role,
        names=tuple(names),
        addresses=tuple(addresses),
        emails=tuple(emails),
        phones=tuple(phones),
        dates_of_birth=tuple(dates_of_birth),
        other_identifiers=tuple(OtherIdentifier("school", value) for value in identifiers),
    )


def a_case(
    reference: str = "DG-0001",
    *,
    protected: Party | Iterable[Party] = (),
    restricted: Party | Iterable[Party] = (),
    trusted: Iterable[TrustedRecipient] = (),
) -> RegisterCase:
    """Parties in order: protected first, then restricted (so party_index 0 is protected)."""
    protected = [protected] if isinstance(protected, Party) else list(protected)
    restricted = [restricted] if isinstance(restricted, Party) else list(restricted)
    parties = [dataclasses.replace(p, role=PartyRole.PROTECTED) for p in protected]
    parties += [dataclasses.replace(p, role=PartyRole.RESTRICTED) for p in restricted]
    return RegisterCase(reference=reference, parties=tuple(parties), trusted_recipients=tuple(trusted))


def an_index(*cases: RegisterCase) -> RegisterIndex:
    return RegisterIndex.build(cases, version=1)


def a_letter(text: str) -> TextPart:
    return TextPart(name="body", text=text)


def a_span(part: TextPart, kind: SpanKind, text: str, *, pattern: str = "") -> Span:
    start = part.text.index(text)
    return Span(kind=kind, start=start, end=start + len(text), text=text, recognizer="test", pattern=pattern)


JANE = a_party(
    names=["Jane Smith"],
    addresses=["Flat 3, 12 Elm Road, Headingley, Leeds LS6 2AB"],
    emails=["jane.smith@example.org"],
    phones=["07700 900123"],
    dates_of_birth=["1985-03-12"],
    identifiers=["St Mary's Primary School"],
)
JOHN = a_party(
    names=["John Smith"],
    addresses=["40 Oak Street, Bradford BD1 4AB"],
    emails=["john.smith@example.com"],
)


@pytest.fixture
def thresholds() -> MatchThresholds:
    return MatchThresholds()


@pytest.fixture
def smith_case() -> RegisterCase:
    """Jane Smith (protected, index 0) and her former partner John Smith (restricted, index 1)."""
    return a_case("DG-0001", protected=JANE, restricted=JOHN)
