from __future__ import annotations

import pytest

from disclosure_guard.extraction.recognizers import PostcodeRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts

FOUND = [
    ("LS6 2AB", "LS6 2AB"),
    ("ls6 2ab", "LS6 2AB"),
    ("LS62AB", "LS6 2AB"),
    ("SW1A 1AA", "SW1A 1AA"),
    ("W1D 3QF", "W1D 3QF"),
    ("M1 1AE", "M1 1AE"),
    ("B33 8TH", "B33 8TH"),
    ("CR2 6XH", "CR2 6XH"),
    ("DN55 1PT", "DN55 1PT"),
    ("GIR 0AA", "GIR 0AA"),
    ("0X1 1AA", "OX1 1AA"),
    ("SW1A IAA", "SW1A 1AA"),
    ("MB 5EU", "M8 5EU"),
    ("NWI 6TY", "NW1 6TY"),
    ("ZEB 5BJ", "ZE8 5BJ"),
    ("HA17 BQJ", "HA17 8QJ"),
    ("W15 3AB", "W15 3AB"),
    ("SI8 8AB", "S18 8AB"),
    ("LS6 35A", "LS6 3SA"),
    ("TN1B0DE", "TN18 0DE"),
]
NOT_FOUND = ["LS6 2A8", "LS6 ZAB", "ref M1 1AAB", "Flat B12\n3rd floor", "no 1ab", "BS 8th", "Flat B12, 3rd floor",
             "room NWI, 6TY", "ZEB, 5BJ"]


@pytest.mark.parametrize(("text", "normalised"), FOUND)
def test_finds_postcode(postcodes: PostcodeRecognizer, text: str, normalised: str) -> None:
    spans = postcodes.analyze(text)
    assert span_texts(spans, text) == [text]
    assert spans[0].kind is SpanKind.POSTCODE
    assert spans[0].pattern.startswith(f"postcode={normalised}")


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_postcode(postcodes: PostcodeRecognizer, text: str) -> None:
    assert postcodes.analyze(text) == []


def test_ocr_reading_is_marked(postcodes: PostcodeRecognizer) -> None:
    (span,) = postcodes.analyze("0X1 1AA")
    assert span.pattern == "postcode=OX1 1AA ocr"
    assert span.score < 1.0


def test_postcode_in_a_sentence_keeps_offsets(postcodes: PostcodeRecognizer) -> None:
    text = "She is now at LS6 2AB, near the park."
    assert span_texts(postcodes.analyze(text), text) == ["LS6 2AB"]


def test_a_postcode_wrapped_across_two_lines_is_one_postcode(postcodes: PostcodeRecognizer) -> None:
    text = "Liverpool L12\n5AH"
    (span,) = postcodes.analyze(text)
    assert span_texts([span], text) == ["L12\n5AH"]
    assert span.pattern == "postcode=L12 5AH"


def test_a_line_ending_in_a_word_does_not_swallow_the_postcode_under_it(postcodes: PostcodeRecognizer) -> None:
    text = "Tyne and Wear\nSR5 2ZN"
    assert span_texts(postcodes.analyze(text), text) == ["SR5 2ZN"]


def test_a_postcode_a_flattened_block_split_with_a_comma_is_one_postcode(postcodes: PostcodeRecognizer) -> None:
    text = "Rose Cottage West Norman HP18, 6TL"
    (span,) = postcodes.analyze(text)
    assert span_texts([span], text) == ["HP18, 6TL"]
    assert span.pattern == "postcode=HP18 6TL"
