from __future__ import annotations

import pytest

from disclosure_guard.extraction.recognizers import EmailRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts

FOUND = [
    ("jane.doe@example.org", "jane.doe@example.org"),
    ("JANE_DOE+safe@mail.example.co.uk", "JANE_DOE+safe@mail.example.co.uk"),
    ("write to <j.doe@example.com>.", "j.doe@example.com"),
    ("jane [at] example [dot] org", "jane [at] example [dot] org"),
    ("jane(at)example(dot)org", "jane(at)example(dot)org"),
]
READ = [
    ("jane [at] example [dot] org", "jane@example.org"),
    ("jane(at)example(dot)org", "jane@example.org"),
    ("jane.doe [at] gmail.com", "jane.doe@gmail.com"),
    ("jane.doe at gmail dot com", "jane.doe@gmail.com"),
    ("jane.doe AT gmail DOT co DOT uk", "jane.doe@gmail.co.uk"),
    ("jane.doe @ gmail . com", "jane.doe@gmail.com"),
    ("jane.doe@ gmail.com", "jane.doe@gmail.com"),
    ("jane.doe(@)gmail(.)com", "jane.doe@gmail.com"),
    ("jane dot doe at gmail dot com", "jane.doe@gmail.com"),
    ("jane [dot] doe [at] gmail [dot] com", "jane.doe@gmail.com"),
    ("jane.doe at gmail.com", "jane.doe@gmail.com"),
]
NOT_FOUND = ["@handle", "user@localhost", "see 1.2@3", "she was at home.", "look at the garden dot plan",
             "meet at Leeds. Then", "arrived at 10.30", "at St.Mary's",
             "find us at www.gov.uk"]


@pytest.mark.parametrize(("text", "email"), FOUND)
def test_finds_email(text: str, email: str) -> None:
    assert span_texts(EmailRecognizer().analyze(text), text, SpanKind.EMAIL) == [email]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_email(text: str) -> None:
    assert EmailRecognizer().analyze(text) == []


@pytest.mark.parametrize(("text", "email"), READ)
def test_an_obfuscated_email_is_read_as_the_address_it_spells(text: str, email: str) -> None:
    from disclosure_guard.matching.normalise.email import normalise_email

    spans = EmailRecognizer().analyze(text)
    assert span_texts(spans, text, SpanKind.EMAIL) == [text]
    assert normalise_email(spans[0].as_read) == email


def test_a_plain_email_is_found_once() -> None:
    assert len(EmailRecognizer().analyze("jane.doe@example.org")) == 1


WRAPPED = [
    ("sandra.pugh86@\nexample.com", "sandra.pugh86@example.com"),
    ("write to sandra.pugh86@exam\nple.com today", "sandra.pugh86@example.com"),
    ("write to sandra.pugh86\n@example.com today", "sandra.pugh86@example.com"),
    ("j.doe@taffvale-\n> law.example.org", "j.doe@taffvale-law.example.org"),
    ("sandra.pugh86@example.\n  com", "sandra.pugh86@example.com"),
]


@pytest.mark.parametrize(("text", "email"), WRAPPED)
def test_an_address_wrapped_over_lines_is_read_whole(text: str, email: str) -> None:
    spans = EmailRecognizer().analyze(text)
    assert email in {s.as_read for s in spans}
    whole = next(s for s in spans if s.as_read == email)
    assert text[whole.start:whole.end] == whole.text and "\n" in whole.text


@pytest.mark.parametrize("text", ["jane@example.org\nTomorrow", "Contact\njane@example.org", "Jane Smith\njane@example.org"])
def test_a_whole_address_is_not_joined_to_the_line_before_or_after(text: str) -> None:
    assert [s.as_read for s in EmailRecognizer().analyze(text)] == ["jane@example.org"]
