from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_guard.extraction.recognizers import GazetteerRecognizer
from disclosure_guard.extraction.recognizers.gazetteer import fold, fold_unicode
from disclosure_guard.types import Gazetteer, SpanKind
from tests.extraction.offsets import span_texts

REGISTER = Gazetteer(
    names=("Anna Kowalczyk", "Siobhán O'Neill"),
    identifiers=("St Hilda's Primary School", "AB123456C"),
)
FOUND = [
    ("anna  kowalczyk", SpanKind.PERSON),
    ("ANNA KOWALCZYK", SpanKind.PERSON),
    ("KOWALCZYK, Anna", SpanKind.PERSON),
    ("Mrs Kowalczyk", SpanKind.PERSON),
    ("Mrs A. Kowalczyk", SpanKind.PERSON),
    ("Siobhan ONeill", SpanKind.PERSON),
    ("st hildas primary school", SpanKind.IDENTIFIER),
    ("AB 12 34 56 C", SpanKind.IDENTIFIER),
]
NOT_FOUND = ["Kowalczyk", "Anna Kowalczykowa", "joanna kowalczyk"]


@pytest.fixture(scope="module")
def register_terms() -> GazetteerRecognizer:
    return GazetteerRecognizer(REGISTER)


@pytest.mark.parametrize(("text", "kind"), FOUND)
def test_finds_register_term(register_terms: GazetteerRecognizer, text: str,
                             kind: SpanKind) -> None:
    assert span_texts(register_terms.analyze(text), text, kind) == [text]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_near_misses(register_terms: GazetteerRecognizer, text: str) -> None:
    assert register_terms.analyze(text) == []


@pytest.mark.parametrize(("text", "found", "read"), [
    ("I met Anna Kowal-\nczyk there.", "Anna Kowal-\nczyk", "Anna Kowalczyk"),  # hyphenated at a line end
    ("I met Anna Ko-wal-czyk there.", "Anna Ko-wal-czyk", "Anna Kowalczyk"),    # soft hyphens a PDF printed
    ("at St Hil-\nda's Primary School", "St Hil-\nda's Primary School", "St Hilda's Primary School"),
])
def test_a_register_word_broken_by_a_hyphen_is_read_whole(register_terms: GazetteerRecognizer, text: str,
                                                           found: str, read: str) -> None:
    spans = register_terms.analyze(text)
    assert [(text[s.start:s.end], s.as_read) for s in spans] == [(found, read)]


def test_a_hyphenated_word_the_register_does_not_hold_is_not_joined(register_terms: GazetteerRecognizer) -> None:
    assert register_terms.analyze("Anna Kowalczyk-\nLewis") == register_terms.analyze("Anna Kowalczyk-Lewis")


def test_finds_terms_in_running_text(register_terms: GazetteerRecognizer) -> None:
    text = "Her daughter attends St Hilda's Primary School; Ms Anna Kowalczyk collects her."
    assert span_texts(register_terms.analyze(text), text) == [
        "St Hilda's Primary School", "Anna Kowalczyk"]


def test_thousands_of_terms_stay_fast() -> None:
    names = tuple(f"Forename{i} Surname{i}" for i in range(5000))
    recognizer = GazetteerRecognizer(Gazetteer(names=names))
    text = "Letter about Forename4321 Surname4321 and nobody else. " * 2000
    spans = recognizer.analyze(text)
    assert len(spans) == 2000
    assert all(s.text == "Forename4321 Surname4321" for s in spans)


def test_a_name_is_found_without_its_middle_name() -> None:
    recognizer = GazetteerRecognizer(Gazetteer(names=("Jane Elizabeth Doe",)))
    text = "We have spoken to Jane Doe about the hearing."
    assert [s.text for s in recognizer.analyze(text)] == ["Jane Doe"]


@pytest.mark.parametrize("text", ["Joanna Kowalczyk", "Naatsha Kowalczyk", "Bex Kowalczyk"])
def test_a_capitalised_word_before_a_register_surname_is_a_lower_scored_name(
        register_terms: GazetteerRecognizer, text: str) -> None:
    [span] = register_terms.analyze(text)
    assert (span.text, span.kind, span.pattern) == (text, SpanKind.PERSON, "gazetteer:word_surname")
    assert span.score < 1.0


@pytest.mark.parametrize("text", ["A. Kowalczyk", "L J Kowalczyk", "T.C. Kowalczyk"])
def test_capital_initials_before_a_register_surname_are_a_name(register_terms: GazetteerRecognizer, text: str) -> None:
    spans = register_terms.analyze(f"A statement from {text} arrived.")
    assert [(s.text, s.pattern) for s in spans] == [(text, "gazetteer:initials_surname")]


def test_a_greeting_then_a_sentence_is_not_surname_first() -> None:
    recognizer = GazetteerRecognizer(Gazetteer(names=("Denise Gallagher",)))
    text = "Dear Mr Gallagher,\nDenise Cartwright has been appointed."
    assert [s.text for s in recognizer.analyze(text) if s.pattern == "gazetteer:surname_first"] == []
    assert [s.text for s in recognizer.analyze("GALLAGHER, Denise")] == ["GALLAGHER, Denise"]


@pytest.mark.parametrize("text", ["Joanna Kowalcyzk", "Anna Kowalcyk"])
def test_a_capitalised_word_before_a_slip_of_a_register_surname_is_a_name(
        register_terms: GazetteerRecognizer, text: str) -> None:
    assert [(s.text, s.pattern) for s in register_terms.analyze(text)] == [(text, "gazetteer:word_surname")]


@pytest.mark.parametrize("text", ["Jacqueline Saw", "Anna Kowlacyzk"])
def test_a_registered_forename_before_a_slip_of_her_own_surname_is_a_name(text: str) -> None:
    recognizer = GazetteerRecognizer(Gazetteer(names=("Jacqueline Shaw", "Anna Kowalczyk")))
    spans = recognizer.analyze(f"A letter about {text} came back.")
    assert [(s.text, s.pattern) for s in spans] == [(text, "gazetteer:forename_near_surname")]
    assert spans[0].score < 1.0


@pytest.mark.parametrize("text", ["Jacqueline Road", "Joanna Saw", "jacqueline saw"])
def test_a_place_another_forename_or_lower_case_is_not_a_slip_of_her_name(text: str) -> None:
    recognizer = GazetteerRecognizer(Gazetteer(names=("Jacqueline Shaw", "Anna Kowalczyk")))
    assert recognizer.analyze(f"A letter about {text} came back.") == []


@pytest.mark.parametrize("text", ["Anna Maria Kowalczyk", "Anna M. Kowalczyk"])
def test_middle_names_the_register_leaves_out_are_still_her_name(register_terms: GazetteerRecognizer, text: str) -> None:
    spans = register_terms.analyze(f"Patient {text} NHS No 943 476 5919")
    assert (text, "gazetteer:middle_names") in [(s.text, s.pattern) for s in spans]


def test_an_apostrophe_surname_is_one_word_not_an_initial_and_a_word() -> None:
    recognizer = GazetteerRecognizer(Gazetteer(names=("Margaret O'Neill",)))
    spans = recognizer.analyze("Patient Margaret Mary O'NEILL NHS No 943 476 5919; seen by Mr O'Neill")
    assert [(s.text, s.pattern) for s in spans] == [
        ("Margaret Mary O'NEILL", "gazetteer:middle_names"),
        ("Mary O'NEILL", "gazetteer:word_surname"),
        ("Mr O'Neill", "gazetteer:title_surname"),
    ]


def test_two_people_in_a_list_are_not_one_with_middle_names(register_terms: GazetteerRecognizer) -> None:
    spans = register_terms.analyze("Present: Anna Lee, Maria Kowalczyk")
    assert "gazetteer:middle_names" not in [s.pattern for s in spans]


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_words_fold_as_the_unicode_folding_does(word: str) -> None:
    assert fold(word) == fold_unicode(word)
