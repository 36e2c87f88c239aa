from __future__ import annotations

import pytest

from disclosure_guard.extraction.recognizers import PhoneRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts

FOUND = [
    ("+44 7700 900123", "+447700900123"),
    ("07700 900123", "+447700900123"),
    ("07700-900-123", "+447700900123"),
    ("(0113) 496 0000", "+441134960000"),
    ("0113 496 0000", "+441134960000"),
    ("+44 (0)113 496 0000", "+441134960000"),
    ("+48 601 234 567", "+48601234567"),
    ("07700·900·123", "+447700900123"),
    ("0113 • 496 • 0000", "+441134960000"),
    ("07700_900_123", "+447700900123"),
    ("07700|900|123", "+447700900123"),
    ("(07700)_900123", "+447700900123"),
    ("+44·(0)116·496·0185", "+441164960185"),
]
NOT_FOUND = ["01/04/1990", "1990-04-01", "ref 123456", "case 12345678"]


@pytest.mark.parametrize(("text", "e164"), FOUND)
def test_finds_phone(text: str, e164: str) -> None:
    spans = PhoneRecognizer().analyze(text)
    assert span_texts(spans, text, SpanKind.PHONE) == [text]
    assert spans[0].pattern == f"e164={e164}"


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_phone(text: str) -> None:
    assert PhoneRecognizer().analyze(text) == []


def test_phone_in_a_sentence() -> None:
    text = "Ring her on 07700 900123 after 5pm."
    assert span_texts(PhoneRecognizer().analyze(text), text) == ["07700 900123"]


def test_odd_separators_are_read_as_dashes_and_the_text_kept_as_written() -> None:
    from disclosure_guard.matching.normalise.phone import normalise_phone

    span = PhoneRecognizer().analyze("Ring 07700·900·123.")[0]
    assert span.text == "07700·900·123" and normalise_phone(span.as_read) == "+447700900123"


def test_a_comma_still_divides_two_numbers() -> None:
    text = "07700 900123,0113 496 0000"
    assert span_texts(PhoneRecognizer().analyze(text), text) == ["07700 900123", "0113 496 0000"]


def test_a_copy_lists_bracketed_international_number() -> None:
    text = "cc: Natasha Lukas (+44 7947 094997)"
    [span] = PhoneRecognizer().analyze(text)
    assert span.pattern == "e164=+447947094997" and "+44 7947 094997" in span.text
