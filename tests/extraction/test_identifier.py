from __future__ import annotations

import pytest

from disclosure_guard.extraction.recognizers import IdentifierRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts

FOUND = [
    ("NHS number: 943 476 5919", "943 476 5919", "nhs=9434765919"),
    ("NHS No 9434765919", "9434765919", "nhs=9434765919"),
    ("943-476-5919", "943-476-5919", "nhs=9434765919"),
    ("NI number: AB 12 34 56 C", "AB 12 34 56 C", "nino=AB123456C"),
    ("National Insurance no. ab123456c", "ab123456c", "nino=AB123456C"),
    ("NINO: JG103759A", "JG103759A", "nino=JG103759A"),
]
NOT_FOUND = ["943 476 5918", "0113 496 0000", "+44 118 496 0518", "ref 1234567890",
             "QQ 12 34 56 C", "BG 12 34 56 C", "AB 12 34 56 E"]


@pytest.fixture(scope="module")
def identifiers() -> IdentifierRecognizer:
    return IdentifierRecognizer()


@pytest.mark.parametrize(("text", "value", "pattern"), FOUND)
def test_finds_identifier(identifiers: IdentifierRecognizer, text: str, value: str,
                          pattern: str) -> None:
    spans = identifiers.analyze(text)
    assert span_texts(spans, text, SpanKind.IDENTIFIER) == [value]
    assert spans[0].pattern == pattern


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_identifier(identifiers: IdentifierRecognizer, text: str) -> None:
    assert identifiers.analyze(text) == []


def test_a_labelled_number_scores_higher(identifiers: IdentifierRecognizer) -> None:
    (labelled,) = identifiers.analyze("NHS number: 943 476 5919")
    (bare,) = identifiers.analyze("943 476 5919")
    assert labelled.score > bare.score
