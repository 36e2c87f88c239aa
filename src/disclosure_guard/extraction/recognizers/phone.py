"""Telephone numbers, UK and international, by libphonenumber.

Examples it must handle (and the tests use exactly these):
    "+44 7700 900123"       -> +447700900123
    "07700 900123"          -> +447700900123
    "07700-900-123"         -> +447700900123
    "(0113) 496 0000"       -> +441134960000
    "0113 496 0000"         -> +441134960000
    "+44 (0)113 496 0000"   -> +441134960000
    "+48 601 234 567"       -> +48601234567
    "07700·900·123"         -> +447700900123   (middle dots)
    "0113 • 496 • 0000"     -> +441134960000   (bullets)
    "07700_900_123"         -> +447700900123
    "07700|900|123"         -> +447700900123
    "(07700)_900123"        -> +447700900123
    "+44·(0)116·496·0185"   -> +441164960185
    "(+44 7947 094997)"     -> +447947094997   (a copy list's bracketed number)
and must not fire on:
    "01/04/1990"; "1990-04-01"; "ref 123456"; "case 12345678"

Ofcom's drama ranges (07700 900xxx, 0113 496 0xxx) are what test letters use, and libphonenumber
calls them invalid, so matching is at POSSIBLE leniency; to keep that from reading dates and
reference numbers as phones, a match must be written the way people write a number to dial:
starting with +, 00 or a trunk 0, with enough digits for a whole number.

libphonenumber knows spaces, dashes, dots, slashes and brackets between digits; a person reads
any mark there as a separator, so the number is read with such marks as dashes (the reading view
has already made fullwidth digits and odd spaces plain). The span keeps the text as written and
reads as the number libphonenumber was given.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import PipelineStep, Recognizer
from disclosure_guard.types import Span, SpanKind

DEFAULT_REGION = "GB"
DIALLABLE_START = re.compile(r"^\(?(?:\+|00|0)")
# UK national numbers are 9 or 10 digits after the trunk 0; shorter runs are references.
MIN_NATIONAL_DIGITS = 9
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
# One mark between digits or a bracketed area code (a space either side allowed) that
# libphonenumber does not take for a separator: any non-ASCII symbol or punctuation, and the
# ASCII ones people use as dividers (not a comma or semicolon: those divide one number from the
# next).
ODD_SEPARATOR = re.compile(r"(?<=[\d)])( ?)([^\w\s\x00-\x7f]|[_|*~])( ?)(?=[\d(])")


class PhoneRecognizer(Recognizer):
    name = "phone"

    @classmethod
    def from_step(cls, step: PipelineStep) -> PhoneRecognizer:
        return cls(step.options.get("region", DEFAULT_REGION))

    def __init__(self, region: str = DEFAULT_REGION) -> None:
        self._region = region

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        spans = []
        dialled = ODD_SEPARATOR.sub(lambda m: f"{m.group(1)}-{m.group(3)}", text)
        for m in PhoneNumberMatcher(dialled, self._region, leniency=Leniency.POSSIBLE):
            raw = m.raw_string
            if not DIALLABLE_START.match(raw) or DATE_LIKE.match(raw):
                continue
            if len(str(m.number.national_number)) < MIN_NATIONAL_DIGITS and raw[0] != "+":
                continue
            e164 = phonenumbers.format_number(m.number, PhoneNumberFormat.E164)
            valid = phonenumbers.is_valid_number(m.number)
            written = text[m.start:m.end]
            spans.append(Span(SpanKind.PHONE, m.start, m.end, written, self.name,
                              score=1.0 if valid else 0.85, pattern=f"e164={e164}",
                              reading="" if raw == written else raw))
        return spans
