from __future__ import annotations

import pytest

from disclosure_guard.extraction.recognizers import GazetteerRecognizer
from disclosure_guard.extraction.recognizers.identifier_slips import PATTERN
from disclosure_guard.types import Gazetteer, SpanKind

# With the short forms the register index adds ("Heol Wen Primary" for "... Primary School").
REGISTER = Gazetteer(identifiers=("Heol Wen Primary School", "Heol Wen Primary", "St Hilda's Primary School",
                                  "St Hilda's Primary", "AB 123 456", "Acme Widgets Ltd"))


@pytest.fixture(scope="module")
def gazetteer() -> GazetteerRecognizer:
    return GazetteerRecognizer(REGISTER)


def slipped(recognizer: GazetteerRecognizer, text: str) -> list[str]:
    return [s.text for s in recognizer.analyze(text) if s.pattern == PATTERN and s.kind is SpanKind.IDENTIFIER]


@pytest.mark.parametrize(("text", "found"), [
    ("She settled in at Heol Wen Primery School this term.", "Heol Wen Primery School"),
    ("She settled in at Heol Wenn Primary.", "Heol Wenn Primary"),
    ("Pupils of St Hilda's Primray attended.", "St Hilda's Primray"),
    ("He works at Acme Widgest Ltd now.", "Acme Widgest Ltd"),
])
def test_a_registered_identifier_with_a_word_slipped_is_found(gazetteer, text, found):
    assert slipped(gazetteer, text) == [found]


@pytest.mark.parametrize("text", [
    "Heol Wen Primary School",   # whole: the gazetteer's own find
    "heol wen primery",          # not capitalised
    "Heol Fawr Primary",         # a word changed past a slip
    "Hen Wenn Primery",          # more slips than the name allows
    "AB 123 457",                # a reference's digit out is another reference
])
def test_other_words_are_not_slips_of_it(gazetteer, text):
    assert slipped(gazetteer, text) == []


def test_the_whole_name_is_found_exactly_and_its_slip_once(gazetteer):
    spans = gazetteer.analyze("Heol Wen Primary School, and later Heol Wen Primery School.")
    assert [(s.text, s.pattern) for s in spans if s.kind is SpanKind.IDENTIFIER] == [
        ("Heol Wen Primary School", "gazetteer:identifier"), ("Heol Wen Primery School", PATTERN)]


def test_a_slip_reads_as_the_registered_name(gazetteer):
    [span] = [s for s in gazetteer.analyze("at Heol Wenn Primary today") if s.pattern == PATTERN]
    assert (span.text, span.as_read) == ("Heol Wenn Primary", "Heol Wen Primary")
