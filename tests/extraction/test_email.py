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
NOT_FOUND = ["@handle", "user@localhost", "see 1.2@3"]


@pytest.mark.parametrize(("text", "email"), FOUND)
def test_finds_email(text: str, email: str) -> None:
    assert span_texts(EmailRecognizer().analyze(text), text, SpanKind.EMAIL) == [email]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_non_email(text: str) -> None:
    assert EmailRecognizer().analyze(text) == []
