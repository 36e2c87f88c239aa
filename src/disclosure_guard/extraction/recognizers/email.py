"""E-mail addresses, including the bracketed forms people type to dodge harvesters.

Examples it must handle (and the tests use exactly these):
    "jane.doe@example.org"              -> "jane.doe@example.org"
    "JANE_DOE+safe@mail.example.co.uk"  -> "JANE_DOE+safe@mail.example.co.uk"
    "write to <j.doe@example.com>."     -> "j.doe@example.com"
    "jane [at] example [dot] org"       -> "jane [at] example [dot] org"
    "jane(at)example(dot)org"           -> "jane(at)example(dot)org"
and must not fire on:
    "@handle"; "user@localhost"; "see 1.2@3"
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import Recognizer
from disclosure_guard.types import Span, SpanKind

LOCAL_PART = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
PLAIN_EMAIL = re.compile(rf"(?<![\w.+-]){LOCAL_PART}@{DOMAIN}(?![\w-])")
AT = r"[ \t]*(?:\[at\]|\(at\)|\{at\})[ \t]*"
DOT = r"[ \t]*(?:\[dot\]|\(dot\)|\{dot\})[ \t]*"
OBFUSCATED_EMAIL = re.compile(
    rf"(?i)(?<![\w.+-])[A-Za-z0-9._%+-]+{AT}[A-Za-z0-9-]+(?:(?:{DOT}|\.)[A-Za-z0-9-]+)+(?![\w-])"
)


class EmailRecognizer(Recognizer):
    name = "email"

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        spans = []
        for pattern_name, pattern in (("plain", PLAIN_EMAIL), ("obfuscated", OBFUSCATED_EMAIL)):
            for m in pattern.finditer(text):
                spans.append(Span(SpanKind.EMAIL, m.start(), m.end(), m.group(), self.name,
                                  score=1.0 if pattern_name == "plain" else 0.9,
                                  pattern=pattern_name))
        return spans
