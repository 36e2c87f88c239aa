from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from disclosure_guard.extraction.recognizers import PersonRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts

FOUND = [
    ("Please call John Smith tomorrow.", "John Smith"),
    ("Mrs J. Kowalczyk", "Mrs J. Kowalczyk"),
    ("Mr A B Khan", "Mr A B Khan"),
    ("Dr. Priya Patel", "Dr. Priya Patel"),
    ("KOWALCZYK, Anna", "KOWALCZYK, Anna"),
    ("Dear Ms Osei,", "Ms Osei"),
    ("Dear Anna,", "Anna"),
    ("Sarah Lloyd-Webber", "Sarah Lloyd-Webber"),
    ("Mr Ahmed-Khan", "Mr Ahmed-Khan"),
    ("Zoë Brontë", "Zoë Brontë"),
    ("Łukasz Wiśniewski", "Łukasz Wiśniewski"),
    ("Ştefan Popescu", "Ştefan Popescu"),
    ("Mr O'Neill", "Mr O'Neill"),
]
NOT_FOUND = ["Leeds City Council", "Dear Sir or Madam", "Leeds LS1 4AP", "Dear Colleague"]


@pytest.fixture(scope="module")
def persons(patterns_dir: Path) -> PersonRecognizer:
    return PersonRecognizer(patterns_dir)


@pytest.mark.parametrize(("text", "name"), FOUND)
def test_finds_person(persons: PersonRecognizer, nlp: Language, text: str, name: str) -> None:
    spans = persons.analyze(text, nlp(text))
    assert name in span_texts(spans, text, SpanKind.PERSON)


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_person(persons: PersonRecognizer, nlp: Language, text: str) -> None:
    assert persons.analyze(text, nlp(text)) == []


def test_model_span_is_trimmed_and_explained(persons: PersonRecognizer, nlp: Language) -> None:
    text = "Please call John Smith tomorrow."
    (span,) = persons.analyze(text, nlp(text))
    assert (span.text, span.recognizer, span.pattern) == ("John Smith", "person", "ner")
