"""E-mail addresses, including the forms people type to dodge harvesters.

Examples it must handle (and the tests use exactly these):
    "jane.doe@example.org"              -> "jane.doe@example.org"
    "JANE_DOE+safe@mail.example.co.uk"  -> "JANE_DOE+safe@mail.example.co.uk"
    "write to <j.doe@example.com>."     -> "j.doe@example.com"
    "jane [at] example [dot] org"       -> "jane [at] example [dot] org", read "jane@example.org"
    "jane(at)example(dot)org"           -> "jane(at)example(dot)org", read "jane@example.org"
    "jane.doe [at] gmail.com"           -> read "jane.doe@gmail.com"
    "jane.doe at gmail dot com"         -> read "jane.doe@gmail.com"
    "jane.doe AT gmail DOT co DOT uk"   -> read "jane.doe@gmail.co.uk"
    "jane.doe @ gmail . com"            -> read "jane.doe@gmail.com"
    "jane.doe@ gmail.com"               -> read "jane.doe@gmail.com"
    "jane.doe(@)gmail(.)com"            -> read "jane.doe@gmail.com"
    "jane dot doe at gmail dot com"     -> read "jane.doe@gmail.com"
    "jane [dot] doe [at] gmail [dot] com" -> read "jane.doe@gmail.com"
    "jane.doe at gmail.com"             -> read "jane.doe@gmail.com"
and must not fire on:
    "@handle"; "user@localhost"; "see 1.2@3"; "she was at home.";
    "look at the garden dot plan"; "meet at Leeds. Then"; "arrived at 10.30"; "at St.Mary's";
    "find us at www.gov.uk"

Wrapped over lines, as a narrow column or a form's box breaks a long address (a reply's "> "
markers after the break are skipped), read whole:
    "sandra.pugh86@\nexample.com"       -> read "sandra.pugh86@example.com"
    "sandra.pugh86@exam\nple.com"       -> read "sandra.pugh86@example.com"
    "j.doe@taffvale-\n> law.example.org" -> read "j.doe@taffvale-law.example.org" (a hyphen at a
                                            line end inside an address is the address's own)
but not across a break after a whole address: "jane@example.org\nTomorrow" is jane@example.org.
A bare " at " needs a bare " dot " after it ("at gmail dot com"), or a domain ending as mail
domains do (".com", ".org", ".co.uk"): "at" and "." together are every other sentence
("arrived at 10.30", "at St. Mary's").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import Recognizer
from disclosure_guard.reading import replaced
from disclosure_guard.types import Span, SpanKind

LOCAL_PART = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
PLAIN_EMAIL = re.compile(rf"(?<![\w.+-]){LOCAL_PART}@{DOMAIN}(?![\w-])")
# "[at]", "(at)", "{at}", "<at>", "[ AT ]", "(@)", and "@" with spaces around it.
AT = r"(?:[ \t]*[\[({<][ \t]*(?:at|@)[ \t]*[\])}>][ \t]*|[ \t]*@[ \t]*)"
DOT = r"(?:[ \t]*[\[({<][ \t]*(?:dot|\.)[ \t]*[\])}>][ \t]*|[ \t]+\.[ \t]+|\.)"
SPELT_AT = r"[ \t]+at[ \t]+"
SPELT_DOT = r"[ \t]+dot[ \t]+"
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
TOP_LABEL = r"[A-Za-z]{2,24}"
# "jane [dot] doe", "jane dot doe": a local part with its dots written out.
LOCAL_DOT = r"(?:[ \t]*[\[({<][ \t]*dot[ \t]*[\])}>][ \t]*|[ \t]+dot[ \t]+)"
LOCAL = rf"{LOCAL_PART}(?:{LOCAL_DOT}{LOCAL_PART})*"
# After a spelt " at ", real dots only before the endings of mail domains people write that way.
MAIL_ENDING = r"(?:com|org|net|uk|ie|eu|edu|gov|info|me|io|biz)"
OBFUSCATED_EMAIL = re.compile(
    rf"(?i)(?<![\w.+-])(?:{LOCAL}{AT}(?:{LABEL}{DOT}|{LABEL}{SPELT_DOT})+{TOP_LABEL}"
    rf"|{LOCAL}{SPELT_AT}(?:{LABEL}(?:{SPELT_DOT}|\.))*{LABEL}{SPELT_DOT}{TOP_LABEL}"
    rf"|{LOCAL}{SPELT_AT}(?!www\.)(?:{LABEL}\.)+{MAIL_ENDING})(?![\w-])"
)
# Every obfuscated form has one of these; most letters have none, and are not searched further.
OBFUSCATION_MARKER = re.compile(
    rf"(?i)[\[({{<][ \t]*(?:at|@)[ \t]*[\])}}>]|[ \t]@|@[ \t]|[ \t]dot[ \t]|[ \t]at[ \t]+{LABEL}\.(?:{LABEL}\.)*{MAIL_ENDING}\b"
)
# A line break between two characters of an address, with a reply's quote markers after it.
_LINE_BREAK = re.compile(r"(?<=[\w.@+-])[ \t]*\r?\n[ \t]*(?:>[ \t>]*)?(?=[\w.@+-])")
_ADDRESS_CHARS = re.compile(r"[\w.@+-]+")
_READ_AT = re.compile(rf"(?i){AT}|{SPELT_AT}")
_READ_DOT = re.compile(rf"(?i){DOT}|{SPELT_DOT}")
_READ_LOCAL_DOT = re.compile(rf"(?i){LOCAL_DOT}")


def read_obfuscated(written: str) -> str:
    """"jane [at] example [dot] org" -> "jane@example.org": what the matchers compare."""
    at = _READ_AT.search(written)
    if at is None:
        return written
    local = _READ_LOCAL_DOT.sub(".", written[:at.start()])
    return f"{local}@{_READ_DOT.sub('.', written[at.end():])}"


def _breaks_inside_an_address(text: str) -> list[tuple[int, int, str]]:
    """The line breaks that cut an address in two: an "@", ".", "_" or "-" beside the break, or
    an "@" before it in what is not yet a whole address ("sandra.pugh86@exam|ple.com")."""
    breaks = []
    for found in _LINE_BREAK.finditer(text):
        before, after = text[found.start() - 1], text[found.end()]
        left_start = found.start()
        while left_start > 0 and _ADDRESS_CHARS.fullmatch(text[left_start - 1]):
            left_start -= 1
        left = text[left_start:found.start()]
        if before in ".@_-" or after in ".@_" or ("@" in left and not PLAIN_EMAIL.fullmatch(left)):
            breaks.append((found.start(), found.end(), ""))
    return breaks


class EmailRecognizer(Recognizer):
    name = "email"

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        spans = [Span(SpanKind.EMAIL, m.start(), m.end(), m.group(), self.name, score=1.0, pattern="plain")
                 for m in PLAIN_EMAIL.finditer(text)]
        if "\n" in text and "@" in text:
            spans.extend(self._wrapped(text))
        if not OBFUSCATION_MARKER.search(text):
            return spans
        spans.extend(Span(SpanKind.EMAIL, m.start(), m.end(), m.group(), self.name, score=0.9,
                          pattern="obfuscated", reading=read_obfuscated(m.group()))
                     for m in OBFUSCATED_EMAIL.finditer(text) if not PLAIN_EMAIL.fullmatch(m.group()))
        return spans

    def _wrapped(self, text: str) -> list[Span]:
        view = replaced(text, _breaks_inside_an_address(text))
        if view.source_offsets is None:
            return []
        spans = []
        for found in PLAIN_EMAIL.finditer(view.text):
            start, end = view.source_span(*found.span())
            if "\n" in text[start:end]:
                spans.append(Span(SpanKind.EMAIL, start, end, text[start:end], self.name, score=0.9,
                                  pattern="wrapped", reading=found.group()))
        return spans
