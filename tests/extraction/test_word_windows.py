"""The address recognizer's whole-text rules, tried only near their anchor words, find exactly
what a scan of the whole text finds (word_windows.py says why; these tests say that it does)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_guard.extraction.recognizers import AddressRecognizer, PostcodeRecognizer
from disclosure_guard.extraction.recognizers.address_grammar import REACH, AddressGrammar, AddressWords
from disclosure_guard.extraction.recognizers.word_windows import Reach, Words

HANDWRITTEN = Path(__file__).resolve().parents[1] / "data" / "handwritten" / "spans.yaml"

LETTER = """Hartland City Council Housing Services
9B Gemma Flats,
Hartland W18 9GS

Ms Jane Doe
First Floor Flat, 139, Cedar Ave, Wigan WN6 9YZ

Dear Ms Doe, we wrote about No. 12 - 14 Prince of Wales Road North and the garden at
Unity House; she has moved to flat 3 22 kingsway manchester m19 2lw (Address:Flat 3, Ivy House)
and then to 2 Heol y Bont, Caerdydd. Repairs at 4/27-29 Kelvin Street, 10westfield ave and
The Coach House, 73, Schoolroad, Hull; Ground Floor Flat No. 3,
No. 12 - 14 The Old Mill Coach House, and then Flat No. 3 , No. 12 - 14 The Old Mill Green Coach House,
and then Flat 4, Upper Mill Farm Cottages. In 2020, Elm Road was closed; "Mill Lane" is quiet.
"""

# The longest match of each rule, alone in a sentence (a smaller `REACH` misses its end).
LONGEST = [
    "we wrote to No. 12 - 14, Ashby of Upper of Melton of Mowbray Road North today",
    "we wrote to No. 12 - 14, Albert Upper Mill Squaare today",
    "we wrote to No. 12 - 14 Heol y Bont Fawr Uchaf today",
    "we wrote to Flat No. 3 , No. 12 - 14 The Old Mill Green Coach House today",
]


def forms(text: str) -> list[str]:
    """The text as people and systems also write it: shouted, in lower case, on one line,
    with doubled blanks and tabs, with blanks lost after punctuation."""
    return [text, text.upper(), text.lower(), text.replace("\n", " "), text.replace(" ", "  "),
            text.replace(" ", "\t"), text.replace(", ", ",").replace(": ", ":"), text.replace(" ", "\u00a0", 3)]


@pytest.fixture(scope="module")
def recognizer(patterns_dir: Path, postcodes: PostcodeRecognizer) -> AddressRecognizer:
    return AddressRecognizer(patterns_dir, postcodes)


@pytest.fixture(scope="module")
def grammar(patterns_dir: Path) -> AddressGrammar:
    return AddressGrammar(AddressWords.load(patterns_dir))


def assert_same_matches(recognizer: AddressRecognizer, grammar: AddressGrammar, text: str) -> None:
    words = Words(text)
    for rule in REACH:
        whole = [(m.span(), m.groupdict()) for m in grammar.pattern(rule).finditer(text)]
        near = [(m.span(), m.groupdict()) for m in recognizer.rule_matches(rule, text, words)]
        assert near == whole, (rule, text)


def test_a_letter_in_every_form(recognizer: AddressRecognizer, grammar: AddressGrammar) -> None:
    for text in forms(LETTER):
        assert_same_matches(recognizer, grammar, text)


def test_the_longest_matches(recognizer: AddressRecognizer, grammar: AddressGrammar) -> None:
    for text in LONGEST:
        assert_same_matches(recognizer, grammar, text)


def test_the_handwritten_sentences_in_every_form(recognizer: AddressRecognizer, grammar: AddressGrammar) -> None:
    entries = yaml.safe_load(HANDWRITTEN.read_text(encoding="utf-8"))["entries"]
    assert len(entries) >= 150
    for entry in entries:
        for text in forms(entry["text"]):
            assert_same_matches(recognizer, grammar, text)


# Words the rules are made of, so that random texts hold many near misses and long matches.
PIECES = ["12", "No.", "no", "4/27-29", "12A", "-", "14,", "3/12", "10westfield", "2020,", "Flat", "flat", "FLAT",
          "Flats,", "Unity", "FlatB", "Apt.", "First", "Floor", "floor", "Unit", "Elm", "elm", "Prince", "of", "Wales",
          "the", "The", "St.", "St", "Mary's", "Road", "road", "Rd", "Rd.", "ROAD", "Close", "close", "Way", "Kingsway",
          "kingsway", "Moorgate", "Hillside", "North", "Heol", "y", "Bont", "Ivy", "House", "Coach", "Cottage",
          "Gardens", "gdns", "Court", "Squaare", "Schoolroad", "Leeds", "LS6", "2AB", "she", "lives", "at", "and",
          "(Flat", "2)", "Address:Flat", "\"Mill", "Lane\"", "ave", "Ave.", "cres", "lane", "Hull.", "Wigan"]
SEPARATORS = [" ", "  ", "\t", "\n", ", ", ",", " \n", "\u00a0", "; ", ": "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=60))
def test_random_runs_of_address_words(recognizer: AddressRecognizer, grammar: AddressGrammar,
                                      pieces: list[tuple[str, str]]) -> None:
    assert_same_matches(recognizer, grammar, "".join(word + sep for word, sep in pieces))


def test_windows_join_and_stop_at_the_text_edges() -> None:
    words = Words("a b c d e f g h i j")
    assert words.runs([0], Reach(before=3, after=1)) == [(0, 3)]
    assert words.runs([2, 5], Reach(before=1, after=1)) == [(2, 13)]  # b..g: windows touching
    assert words.runs([1, 8], Reach(before=1, after=1)) == [(0, 5), (14, 19)]
    assert words.runs([], Reach(before=1, after=1)) == []


def test_an_anchor_may_stand_anywhere_in_its_word() -> None:
    words = Words("see Address:Flat 3 now")
    assert words.anchored(lambda key: key == "flat") == [1]
    assert words.holding([0, 5, 12, 17]) == [0, 1, 2]
