from __future__ import annotations

import pytest

from disclosure_guard.extraction.recognizers import DateRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts

FOUND = [
    ("01/04/1990", "iso=1990-04-01"),
    ("1.4.1990", "iso=1990-04-01"),
    ("1990-04-01", "iso=1990-04-01"),
    ("1 April 1990", "iso=1990-04-01"),
    ("1st April 1990", "iso=1990-04-01"),
    ("April 1, 1990", "iso=1990-04-01"),
    ("1st of Apr. 1990", "iso=1990-04-01"),
    ("Sept 21 2001", "iso=2001-09-21"),
    ("01/04/90", "iso=1990-04-01"),
    ("12 May", "iso=--05-12"),
    ("11-May-2015", "iso=2015-05-11"),
    ("11/MAY/15", "iso=2015-05-11"),
    ("19 07 1986", "iso=1986-07-19"),
]
NOT_FOUND = ["31/02/1990", "07700 900123", "1/2", "Ref 19 07 86", "0161 12 10 2020"]


@pytest.mark.parametrize(("text", "pattern"), FOUND)
def test_finds_date(text: str, pattern: str) -> None:
    spans = DateRecognizer().analyze(text)
    assert span_texts(spans, text, SpanKind.DATE) == [text]
    assert spans[0].pattern == pattern


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_date(text: str) -> None:
    assert DateRecognizer().analyze(text) == []


def test_sentence_full_stop_is_not_part_of_the_date() -> None:
    text = "We met on 12 May."
    assert span_texts(DateRecognizer().analyze(text), text) == ["12 May"]


def test_spaced_pairs_with_a_two_digit_year_are_a_date_after_a_birth_label() -> None:
    text = "DOB 19 07 86"
    [span] = DateRecognizer().analyze(text)
    assert (span.text, span.pattern) == ("19 07 86", "iso=1986-07-19")
