from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from disclosure_guard.extraction.recognizers import PersonRecognizer
from disclosure_guard.extraction.recognizers.person import SCORE_NER
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
    ("Re: Kowalczyk, Anna", "Kowalczyk, Anna"),
    ("Tenant name: ANNA KOWALCZYK", "ANNA KOWALCZYK"),
    ("Next of kin: Farzana Singh (sister)", "Farzana Singh"),
    ("Parent/carer: Stoica, Răzvan", "Stoica, Răzvan"),
    ("To: Shabana Uddin <s.uddin@example.org>", "Shabana Uddin"),
    ("Yours sincerely,\n\nAnna Kowalczyk\nSenior Caseworker", "Anna Kowalczyk"),
    ("MRS ANNA KOWALCZYK\n12 ELM ROAD", "MRS ANNA KOWALCZYK"),
    ("Re: CRAIG WILSON v Anna Kowalczyk", "CRAIG WILSON"),
    ("Re: CRAIG WILSON v Anna Kowalczyk", "Anna Kowalczyk"),
    ("Name: Paulo da Silva", "Paulo da Silva"),
    ("Signed: Siobhán Ó Briain", "Siobhán Ó Briain"),
    ("Florentina Popescu\nThe Coach House\nLeeds\nLS6 2AB", "Florentina Popescu"),
    ("We are instructed by Sadia Gill in relation to", "Sadia Gill"),
    ("Femi Okonkwo rang this morning.", "Femi Okonkwo"),
    ("Dear Mrs Sandra C Rees,", "Mrs Sandra C Rees"),
    ("Patient: Margaret Mary O'NEILL  NHS No: 943 476 5919", "Margaret Mary O'NEILL"),
    ("Mr Jan-Willem van der Berg", "Mr Jan-Willem van der Berg"),
    ("Chloe-Mae Harrison-Smith's mum called", "Chloe-Mae Harrison-Smith"),
    ("Please send the form to Victoria at 5 Albert Road", "Victoria"),
    ("Coffee at the Old Mill Café with Bex on Tuesday.", "Bex"),
    ("I gave the keys to Kez yesterday.", "Kez"),
    ("Tash said she would ring.", "Tash"),
]
NOT_FOUND = ["Leeds City Council", "Dear Sir or Madam", "Leeds LS1 4AP", "Dear Colleague",
             "Victim: Yes", "Yours sincerely,\n\nLeeds City Council", "St Hilda",
             "Meet at the Sidings Café", "We met at the Sidings", "Victoria Park Road", "She lives in Florence now",
             "May I ask", "Will you ring the office", "She has moved to Bradford",
             "She has moved to Swindon", "She went to Parkside", "She banks with Barclays Bank",
             "Reports are due in May and June.", "The children went with Leeds City Council staff.",
             "We work closely with Shelter.", "A referral has been made to Child and Adolescent Mental Health"]


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


@pytest.mark.parametrize(("text", "word"), [
    ("Coffee at the Old Mill Café with Bex on Tuesday.", "Bex"),
    ("I gave the keys to Kez yesterday.", "Kez"),
])
def test_a_word_no_forename_list_holds_in_a_persons_context_is_a_low_scored_span(
        persons: PersonRecognizer, nlp: Language, text: str, word: str) -> None:
    """Issue 10 (the hand-written s308): people's own short forms ("Bex" for Rebecca) are in no
    forename list; "with" or "to" before them says they are people. "Mill" in the café's name is not."""
    spans = persons.analyze(text, nlp(text))
    [span] = [s for s in spans if s.text == word]
    assert (span.pattern, span.score < SCORE_NER) == ("context_word", True)
    assert "Mill" not in [s.text for s in spans]


def test_a_lone_forename_is_a_low_scored_span(persons: PersonRecognizer, nlp: Language) -> None:
    text = "Please send the form to Victoria at 5 Albert Road"
    [span] = [s for s in persons.analyze(text, nlp(text)) if s.text == "Victoria"]
    assert (span.pattern, span.score < SCORE_NER) == ("lone_forename", True)


def test_a_labelled_name_ends_at_the_next_label(persons: PersonRecognizer, nlp: Language) -> None:
    text = "Client: Mary Ann SMITH DOB: 01/02/1990"
    assert "Mary Ann SMITH" in span_texts(persons.analyze(text, nlp(text)), text, SpanKind.PERSON)
    assert "Mary Ann SMITH DOB" not in span_texts(persons.analyze(text, nlp(text)), text, SpanKind.PERSON)
